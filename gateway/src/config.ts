import { accessTokenKeysEnv, commonEnv, ports, readEnv, z } from '@bodega/config';
import { SUBGRAPHS } from './subgraphs';

const urlOverrides = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [`${subgraph.name.toUpperCase()}_URL`, z.string().url().default(subgraph.defaultUrl)]),
);

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readEnv({ ...commonEnv, ...accessTokenKeysEnv, PORT: ports.gateway, HOST: z.string().default('127.0.0.1'), ...urlOverrides }, env);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => [subgraph.name, String(values[`${subgraph.name.toUpperCase()}_URL` as keyof typeof values])]),
  );
  return { ...values, subgraphUrls };
}

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;
