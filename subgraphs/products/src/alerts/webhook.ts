import { STATUS_CODES } from 'node:http';
import { retryAfterMs } from '@bodega/ai';
import { signAlert } from './signature';

/** Headers of every alert POST. Receivers verify the signature and de-duplicate by the delivery id. */
export const AlertHeader = {
  /** `t=<unix seconds>,v1=<hex>`: HMAC-SHA256 of `<t>.` + the exact body bytes with ALERT_WEBHOOK_SECRET (./signature.ts). */
  Signature: 'x-bodega-signature',
  /** The alert's id: the same for every attempt and redelivery of one alert. */
  Delivery: 'x-bodega-delivery',
  /** 1 for the first attempt of a delivery round, then 2, 3, ... */
  Attempt: 'x-bodega-attempt',
  /** What happened; always `low-stock-alert` for now. */
  Event: 'x-bodega-event',
} as const;

/** The n8n-friendly body: flat, snake_case. */
export interface AlertPayload {
  product_id: string;
  product_name: string;
  /** The stock the change that raised the alert left. */
  current_stock: number;
  threshold: number;
  alert_id: string;
  /** ISO-8601, UTC. */
  occurred_at: string;
}

export interface AlertForDelivery {
  id: string;
  productId: string;
  productName: string;
  stock: number;
  threshold: number;
  occurredAt: Date;
}

/** The exact bytes that are signed and sent, so the signature covers what the receiver reads. */
export function alertBody(alert: AlertForDelivery): string {
  const payload: AlertPayload = {
    product_id: alert.productId,
    product_name: alert.productName,
    current_stock: alert.stock,
    threshold: alert.threshold,
    alert_id: alert.id,
    occurred_at: alert.occurredAt.toISOString(),
  };
  return JSON.stringify(payload);
}

export type PostOutcome =
  | { ok: true; status: number }
  /** `retryAfterMs`: the receiver's Retry-After (seconds or an HTTP date), when it sent one. */
  | { ok: false; error: string; retryAfterMs?: number };

export interface PostRequest {
  url: string;
  secret: string;
  body: string;
  deliveryId: string;
  attempt: number;
  timeoutMs: number;
  /** Cancels the attempt without an outcome (the worker is being killed). */
  signal?: AbortSignal;
}

/**
 * One attempt. A 2xx is delivered; anything else, a timeout or a network error is a failed
 * attempt with a short reason for people ("HTTP 503 Service Unavailable", "timed out after 10 s",
 * "connection refused"). Throws only when `signal` aborts it.
 *
 * Every failure is retried, 4xx included, not only 408/429: a receiver's 4xx is usually a state
 * someone fixes (n8n answers 404 while the workflow is inactive, 401 while secrets are rotated),
 * attempts are bounded anyway, and an alert given up too early is a missed reorder.
 */
export async function postAlert(request: PostRequest): Promise<PostOutcome> {
  // One controller per attempt, not AbortSignal.any/timeout over a long-lived signal: those keep
  // every combined signal reachable from the long-lived one in some Node versions (nodejs/node#55351).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const cancel = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', cancel, { once: true });
  if (request.signal?.aborted) cancel();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Bodega-Alerts/1',
        // Signed per attempt: a retry carries a fresh timestamp, a replay an old one.
        [AlertHeader.Signature]: signAlert(request.body, request.secret),
        [AlertHeader.Delivery]: request.deliveryId,
        [AlertHeader.Attempt]: String(request.attempt),
        [AlertHeader.Event]: 'low-stock-alert',
      },
      body: request.body,
      // A redirect is a configuration problem to see in lastError, and following one would
      // turn the POST into a GET.
      redirect: 'manual',
      signal: controller.signal,
    });
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const retryAfter = retryAfterMs(response.headers);
    return { ok: false, error: httpError(response.status, response.statusText), ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) };
  } catch (error) {
    if (request.signal?.aborted) throw error;
    if (timedOut) return { ok: false, error: `timed out after ${seconds(request.timeoutMs)} s` };
    return { ok: false, error: networkError(error) };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', cancel);
  }
}

function httpError(status: number, statusText: string): string {
  const reason = statusText || STATUS_CODES[status] || '';
  return `HTTP ${status}${reason ? ` ${reason}` : ''}`.slice(0, 200);
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the receiver',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/** fetch() says "fetch failed"; the reason is in its cause (sometimes an AggregateError of several). */
function networkError(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = errorCode(cause);
  if (code && NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  const message = cause instanceof Error ? cause.message : String(cause);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, 200);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown[] })?.errors?.[0];
  return inner ? errorCode(inner) : undefined;
}
