export * from './http';
export * from './format-error';
