import { commonEnv, ports, readEnv, z } from '@bodega/config';

export function readProductsConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv({ ...commonEnv, PORT: ports.products, HOST: z.string().default('127.0.0.1') }, env);
}
