import type { Product } from '@bodega/db';
import { z } from 'zod';

export interface MoneyModel {
  amount: string;
  currencyCode: string;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const moneyInput = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a non-negative decimal with at most 2 fraction digits, e.g. "12.50"'),
  currencyCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 currency code, e.g. "EUR"'),
});

export function priceOf(product: Pick<Product, 'priceAmount' | 'priceCurrency'>): MoneyModel | null {
  if (product.priceAmount === null || product.priceCurrency === null) return null;
  return { amount: product.priceAmount.toFixed(2), currencyCode: product.priceCurrency };
}
