import { accessTokenKeysEnv, commonEnv, ports, readEnv, z } from '@bodega/config';
import { SUBGRAPHS } from './subgraphs';
import { DEFAULT_SUBSCRIPTION_CAPS, type SubscriptionCaps } from './subscriptions/allowance';

/** The caps on open subscriptions (README, "Subscriptions"); `npm start` reads the same variables. */
export const subscriptionCapsEnv = {
  SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerSocket),
  SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerUser),
};

export function subscriptionCapsFrom(env: { SUBSCRIPTIONS_PER_SOCKET: number; SUBSCRIPTIONS_PER_USER: number }): SubscriptionCaps {
  return { maxSubscriptionsPerSocket: env.SUBSCRIPTIONS_PER_SOCKET, maxSubscriptionsPerUser: env.SUBSCRIPTIONS_PER_USER };
}

const urlOverrides = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [`${subgraph.name.toUpperCase()}_URL`, z.string().url().default(subgraph.defaultUrl)]),
);

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readEnv(
    { ...commonEnv, ...accessTokenKeysEnv, PORT: ports.gateway, HOST: z.string().default('127.0.0.1'), ...subscriptionCapsEnv, ...urlOverrides },
    env,
  );
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => [subgraph.name, String(values[`${subgraph.name.toUpperCase()}_URL` as keyof typeof values])]),
  );
  return { ...values, subgraphUrls, subscriptionLimits: subscriptionCapsFrom(values) };
}

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;
