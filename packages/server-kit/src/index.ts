export * from './http';
export * from './format-error';
export * from './websocket';
