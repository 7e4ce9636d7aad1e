import { portVariable, type ServiceName } from '@bodega/config';

/** A port `npm start` needs is taken: say which, and which variable moves it. */
export class PortInUseError extends Error {
  constructor(
    readonly variable: string,
    readonly port: number,
  ) {
    super(`Port ${port} is already in use, so Bodega cannot start. Stop whatever listens on it, or choose another port: ${variable}=<port> npm start.`);
  }
}

/** The PortInUseError naming the service's variable, when `error` is a taken port among `ports`. */
export function portInUse(error: unknown, ports: Partial<Record<ServiceName, number>>): PortInUseError | undefined {
  const failure = error as (NodeJS.ErrnoException & { port?: number }) | undefined;
  if (failure?.code !== 'EADDRINUSE') return undefined;
  const name = (Object.keys(ports) as ServiceName[]).find((service) => ports[service] === failure.port);
  return name ? new PortInUseError(portVariable(name), failure.port!) : new PortInUseError('PORT', failure.port ?? 0);
}

/** Runs `start`, turning "address in use" into a PortInUseError naming the variable. */
export async function onPort<T>(variable: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') throw new PortInUseError(variable, port);
    throw error;
  }
}

export interface Mode {
  database: string;
  events: string;
  /** How the "up" line names the mode: the embedded default only when both parts are embedded. */
  summary: string;
}

export function describeMode(options: { embeddedDataDir?: string; redis: boolean }): Mode {
  const database = options.embeddedDataDir ? `embedded PGlite in ${options.embeddedDataDir}` : 'your Postgres (DATABASE_URL)';
  const events = options.redis ? 'Redis (REDIS_URL)' : 'in-process bus (no REDIS_URL)';
  let summary: string;
  if (options.embeddedDataDir && !options.redis) summary = 'on the embedded default (set DATABASE_URL and REDIS_URL to use your own Postgres and Redis)';
  else if (options.embeddedDataDir) summary = 'on the embedded database (no DATABASE_URL) with your Redis';
  else if (!options.redis) summary = 'on your Postgres with the in-process event bus (no REDIS_URL: one process only)';
  else summary = 'on your Postgres and Redis';
  return { database, events, summary };
}
