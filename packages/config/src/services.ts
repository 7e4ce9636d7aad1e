import { z } from 'zod';

/**
 * Every Bodega service, its port and where the others find it: the one place these are declared.
 * A process running several services (`npm start`) reads `<NAME>_PORT` for each subgraph and
 * `PORT` for the gateway; a process running one service (docker-compose) reads `PORT` for it.
 */
export const SERVICES = {
  gateway: { port: 4000 },
  accounts: { port: 4001 },
  products: { port: 4002 },
  orders: { port: 4003 },
  rag: { port: 4005 },
  chat: { port: 4004 },
} as const;

export type ServiceName = keyof typeof SERVICES;
export type SubgraphName = Exclude<ServiceName, 'gateway'>;

export const SUBGRAPH_NAMES = (Object.keys(SERVICES) as ServiceName[]).filter((name): name is SubgraphName => name !== 'gateway');

/** PORT for the gateway, ACCOUNTS_PORT and so on for the subgraphs. */
export function portVariable(name: ServiceName): string {
  return name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`;
}

/** ACCOUNTS_URL and so on: where a subgraph's GraphQL endpoint is, for the processes that call it. */
export function urlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

export function defaultUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${SERVICES[name].port}/graphql`;
}

const portSchema = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Every service's port variable, for a process that runs them all. */
export const servicePortsEnv = Object.fromEntries(
  (Object.keys(SERVICES) as ServiceName[]).map((name) => [portVariable(name), portSchema(SERVICES[name].port)]),
) as Record<string, z.ZodDefault<z.ZodCoercedNumber>>;

/** Every subgraph's URL variable, for a process that calls subgraphs running elsewhere. */
export const subgraphUrlsEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [urlVariable(name), z.string().url().default(defaultUrl(name))])) as Record<
  string,
  z.ZodDefault<z.ZodString>
>;

/** `PORT`, for a process that runs one service, defaulting to that service's port. */
export function ownPortEnv(name: ServiceName) {
  return { PORT: portSchema(SERVICES[name].port) };
}
