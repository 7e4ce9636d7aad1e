import { accessTokenKeysEnv, commonEnv, ports, readEnv, z } from '@bodega/config';

export function readOrdersConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    {
      ...commonEnv,
      ...accessTokenKeysEnv,
      PORT: ports.orders,
      HOST: z.string().default('127.0.0.1'),
      /** Where orders takes and returns stock: the products subgraph's GraphQL endpoint. */
      PRODUCTS_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
      /** Revenue of a product that has not sold yet is 0.00 in this currency. */
      SHOP_CURRENCY: z.string().length(3).toUpperCase().default('EUR'),
    },
    env,
  );
}
