export * from './http';
export * from './format-error';
export * from './websocket';
export * from './scalars';
export * from './subgraph';
