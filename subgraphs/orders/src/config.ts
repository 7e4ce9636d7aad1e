import { z } from '@bodega/config';

/** The orders subgraph's own variables (the composition root reads them with every other). */
export const ordersEnv = {
  /** Revenue of a product that has not sold yet is 0.00 in this currency. */
  SHOP_CURRENCY: z.string().length(3).toUpperCase().default('EUR'),
};
