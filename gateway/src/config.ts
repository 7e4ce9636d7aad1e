import { z } from '@bodega/config';
import { DEFAULT_SUBSCRIPTION_CAPS, type SubscriptionCaps } from './subscriptions/allowance';

/** The caps on open subscriptions (README, "Subscriptions"); `npm start` reads the same variables. */
export const subscriptionCapsEnv = {
  SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerSocket),
  SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerUser),
};

export function subscriptionCapsFrom(env: { SUBSCRIPTIONS_PER_SOCKET: number; SUBSCRIPTIONS_PER_USER: number }): SubscriptionCaps {
  return { maxSubscriptionsPerSocket: env.SUBSCRIPTIONS_PER_SOCKET, maxSubscriptionsPerUser: env.SUBSCRIPTIONS_PER_USER };
}
