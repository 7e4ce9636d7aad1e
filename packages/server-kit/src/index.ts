export * from './http';
export * from './drain';
export * from './format-error';
export * from './websocket';
export * from './scalars';
export * from './subgraph';
export * from './shutdown';
export * from './request-checks';
