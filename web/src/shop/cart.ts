import { useCallback, useEffect, useState } from 'react';
import type { MoneyValue } from '../components/Money';

export interface CartLine {
  productId: string;
  name: string;
  price: MoneyValue | null;
  quantity: number;
  /** The stock when last seen in the shop: the quantity never goes above it. Unknown for old carts. */
  stock?: number;
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

/** The most of a line the cart may hold: the stock last seen, and never more than the input allows. */
export const MAX_QUANTITY = 999;
export function quantityLimit(line: Pick<CartLine, 'stock'>): number {
  return Math.min(MAX_QUANTITY, line.stock ?? MAX_QUANTITY);
}

const capped = (quantity: number, stock: number | undefined) => Math.max(0, Math.min(Math.floor(quantity), quantityLimit({ stock })));

/** Adds to a line (capped at the stock given with it, which also becomes the line's latest known stock). */
export function addToCart(cart: Cart, line: Omit<CartLine, 'quantity'>, quantity = 1): Cart {
  const existing = cart.lines.find((l) => l.productId === line.productId);
  const stock = line.stock ?? existing?.stock;
  const lines = existing
    ? cart.lines.map((l) => (l.productId === line.productId ? { ...l, stock, quantity: capped(l.quantity + quantity, stock) } : l))
    : [...cart.lines, { ...line, quantity: capped(quantity, stock) }];
  return { lines: lines.filter((l) => l.quantity > 0), checkoutKey: newCheckoutKey() };
}

/** A typed quantity, held at the line's stock; 0 or less removes the line. */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const lines = cart.lines
    .map((l) => (l.productId === productId ? { ...l, quantity: capped(Number.isFinite(quantity) ? quantity : 0, l.stock) } : l))
    .filter((l) => l.quantity > 0);
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

/** The guest's lines added to the user's cart (quantities of the same product summed): nothing is lost at sign-up or log-in. */
export function mergeCarts(into: Cart, from: Cart): Cart {
  if (from.lines.length === 0) return into;
  let merged: Cart = into;
  for (const line of from.lines) merged = addToCart(merged, { productId: line.productId, name: line.name, price: line.price, stock: line.stock }, line.quantity);
  return merged;
}

/** Units in the cart, for the header's badge. */
export function cartCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

const ANONYMOUS = `${STORAGE_KEY}.anonymous`;
/** Same-tab writes (the storage event only reaches other tabs). */
const CHANGED = 'bodega:cart';

export function cartKey(userId: string | undefined): string {
  return userId ? `${STORAGE_KEY}.${userId}` : ANONYMOUS;
}

function write(key: string, cart: Cart): void {
  localStorage.setItem(key, JSON.stringify(cart));
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Once someone signs up or logs in, the cart they filled as a guest moves into theirs (merged,
 * the guest cart emptied), so signing in never loses work.
 */
export function adoptGuestCart(userId: string | undefined): void {
  if (!userId) return;
  const guest = read(ANONYMOUS);
  if (guest.lines.length === 0) return;
  const key = cartKey(userId);
  write(key, mergeCarts(read(key), guest));
  localStorage.removeItem(ANONYMOUS);
}

/** Re-reads the cart whenever any tab (this one included) writes it. */
function useStoredCart(key: string): Cart {
  const [cart, setCart] = useState<Cart>(() => read(key));
  useEffect(() => {
    const refresh = () => setCart(read(key));
    refresh();
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === key) refresh();
    };
    window.addEventListener('storage', onStorage);
    window.addEventListener(CHANGED, refresh);
    return () => {
      window.removeEventListener('storage', onStorage);
      window.removeEventListener(CHANGED, refresh);
    };
  }, [key]);
  return cart;
}

/**
 * The cart, kept in this browser per user so a reload does not lose it, and one cart across tabs:
 * every change applies to what storage holds now (never to this tab's possibly stale copy), and
 * every tab follows every write. The guest cart is adopted at sign-up and log-in.
 */
export function useCart(userId: string | undefined) {
  const key = cartKey(userId);
  useEffect(() => adoptGuestCart(userId), [userId]);
  const cart = useStoredCart(key);
  const update = useCallback((change: (cart: Cart) => Cart) => write(key, change(read(key))), [key]);
  const clear = useCallback(() => write(key, emptyCart()), [key]);
  return { cart, update, clear };
}

/** Units in this person's cart, following every tab. */
export function useCartCount(userId: string | undefined): number {
  useEffect(() => adoptGuestCart(userId), [userId]);
  return cartCount(useStoredCart(cartKey(userId)));
}

function read(key: string): Cart {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Cart | null;
    return stored?.lines ? stored : emptyCart();
  } catch {
    return emptyCart();
  }
}
