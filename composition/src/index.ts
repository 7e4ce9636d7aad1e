export { ALL_SERVICES, startBodega, type RunningBodega } from './start-bodega';
export type { AccessKeys, BodegaOptions, Overrides } from './options';
export { bodegaEnv, configuredKeys, loggerFactory, optionsFromEnv, readBodegaEnv, type BodegaEnv } from './env';
export { runService } from './run-service';
