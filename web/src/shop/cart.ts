import { useCallback, useEffect, useState } from 'react';
import type { MoneyValue } from '../components/Money';

export interface CartLine {
  productId: string;
  name: string;
  price: MoneyValue | null;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
  /**
   * Sent as placeOrder's idempotencyKey: the same for every attempt at this checkout (a retry
   * after a lost answer returns the order already placed), new once the cart changes or an order is placed.
   */
  checkoutKey: string;
}

const STORAGE_KEY = 'bodega.cart';

export function newCheckoutKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; plain http on another host has getRandomValues only.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function addToCart(cart: Cart, line: Omit<CartLine, 'quantity'>, quantity = 1): Cart {
  const existing = cart.lines.find((l) => l.productId === line.productId);
  const lines = existing
    ? cart.lines.map((l) => (l.productId === line.productId ? { ...l, quantity: l.quantity + quantity } : l))
    : [...cart.lines, { ...line, quantity }];
  return { lines, checkoutKey: newCheckoutKey() };
}

export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const lines = quantity <= 0 ? cart.lines.filter((l) => l.productId !== productId) : cart.lines.map((l) => (l.productId === productId ? { ...l, quantity } : l));
  return { lines, checkoutKey: newCheckoutKey() };
}

export function cartTotal(cart: Cart): MoneyValue | null {
  const currencies = new Set(cart.lines.map((l) => l.price?.currencyCode).filter(Boolean));
  if (cart.lines.length === 0 || currencies.size !== 1 || cart.lines.some((l) => !l.price)) return null;
  const cents = cart.lines.reduce((sum, l) => sum + Math.round(Number(l.price!.amount) * 100) * l.quantity, 0);
  return { amount: (cents / 100).toFixed(2), currencyCode: [...currencies][0]! };
}

function emptyCart(): Cart {
  return { lines: [], checkoutKey: newCheckoutKey() };
}

/** The cart, kept in this browser per user so a reload does not lose it. */
export function useCart(userId: string | undefined) {
  const key = `${STORAGE_KEY}.${userId ?? 'anonymous'}`;
  const [cart, setCart] = useState<Cart>(() => read(key));
  useEffect(() => setCart(read(key)), [key]);
  useEffect(() => localStorage.setItem(key, JSON.stringify(cart)), [key, cart]);
  const update = useCallback((change: (cart: Cart) => Cart) => setCart(change), []);
  const clear = useCallback(() => setCart(emptyCart()), []);
  return { cart, update, clear };
}

function read(key: string): Cart {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Cart | null;
    return stored?.lines ? stored : emptyCart();
  } catch {
    return emptyCart();
  }
}
