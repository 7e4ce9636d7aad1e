export * from './events';
export * from './bus';
export * from './ordered';
export * from './stream';
