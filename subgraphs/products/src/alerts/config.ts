import { ConfigError, z } from '@bodega/config';

/** How low-stock alerts reach the webhook. Every duration is in milliseconds. */
export interface AlertDeliveryConfig {
  /** Where alerts are POSTed; without it alerts are recorded and stay PENDING. */
  webhookUrl?: string;
  /** Signs every body (HMAC-SHA256); required with `webhookUrl`. */
  webhookSecret?: string;
  /** Per attempt, connection to response headers. Default: 10 000. */
  timeoutMs: number;
  /** Attempts per delivery round before the alert is FAILED. Default: 8. */
  maxAttempts: number;
  /** Backoff before the second attempt, doubled for each later one (full jitter). Default: 5 000. */
  retryBaseMs: number;
  /** Longest backoff between two attempts. Default: 600 000 (10 min). */
  retryMaxMs: number;
  /** How often a worker looks for due alerts; LowStockAlert events wake it at once. Default: 1 000. */
  pollIntervalMs: number;
  /**
   * How long a claimed alert stays invisible to other workers. A worker that dies mid-delivery
   * leaves the alert PENDING; it is claimable again once this runs out. Must exceed `timeoutMs`
   * by a second, so a slow attempt is never running while another worker starts the next. Default: 30 000.
   */
  leaseMs: number;
  /** Deliveries in flight at once, per worker. Default: 10. */
  concurrency: number;
  /** How long `stop()` waits for deliveries in flight before leaving them to their lease. Default: 5 000. */
  stopGraceMs: number;
}

export const ALERT_DELIVERY_DEFAULTS = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  retryBaseMs: 5_000,
  retryMaxMs: 600_000,
  pollIntervalMs: 1_000,
  leaseMs: 30_000,
  concurrency: 10,
  stopGraceMs: 5_000,
} as const satisfies Omit<AlertDeliveryConfig, 'webhookUrl' | 'webhookSecret'>;

/** The time a lease must leave after the attempt's timeout, for claiming and recording. */
export const LEASE_MARGIN_MS = 1_000;

/** The defaults, with some values replaced (tests, and callers that take no environment). */
export function alertDeliveryConfig(overrides: Partial<AlertDeliveryConfig> = {}): AlertDeliveryConfig {
  return { ...ALERT_DELIVERY_DEFAULTS, ...overrides };
}

/** Problems that make a configuration unusable, each naming the setting to change. */
export function alertConfigProblems(config: AlertDeliveryConfig, names: Record<'url' | 'secret' | 'lease' | 'timeout', string>): string[] {
  const problems: string[] = [];
  if (config.webhookUrl && !config.webhookSecret) {
    problems.push(`${names.secret} is not set: it is required when ${names.url} is set (every alert is signed with it).`);
  }
  if (config.leaseMs < config.timeoutMs + LEASE_MARGIN_MS) {
    problems.push(
      `${names.lease} (${config.leaseMs}) must be at least ${names.timeout} + ${LEASE_MARGIN_MS} ms ` +
        `(${config.timeoutMs + LEASE_MARGIN_MS}), or a slow attempt could overlap another worker's retry.`,
    );
  }
  return problems;
}

const whole = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

/** The environment variables of alert delivery, with their defaults (see `.env.example`). */
export const alertEnv = {
  ALERT_WEBHOOK_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().url().regex(/^https?:\/\//i, 'must be an http or https URL').optional())
    .optional(),
  ALERT_WEBHOOK_SECRET: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .optional(),
  ALERT_WEBHOOK_TIMEOUT_MS: whole(1, ALERT_DELIVERY_DEFAULTS.timeoutMs),
  ALERT_MAX_ATTEMPTS: whole(1, ALERT_DELIVERY_DEFAULTS.maxAttempts),
  ALERT_RETRY_BASE_MS: whole(1, ALERT_DELIVERY_DEFAULTS.retryBaseMs),
  ALERT_RETRY_MAX_MS: whole(1, ALERT_DELIVERY_DEFAULTS.retryMaxMs),
  ALERT_POLL_INTERVAL_MS: whole(10, ALERT_DELIVERY_DEFAULTS.pollIntervalMs),
  ALERT_LEASE_MS: whole(1, ALERT_DELIVERY_DEFAULTS.leaseMs),
  ALERT_CONCURRENCY: whole(1, ALERT_DELIVERY_DEFAULTS.concurrency),
};

type AlertEnv = z.infer<z.ZodObject<typeof alertEnv>>;

/** The validated variables as a configuration; a ConfigError names each variable to fix. */
export function alertConfigFromEnv(env: AlertEnv): AlertDeliveryConfig {
  const config = alertDeliveryConfig({
    webhookUrl: env.ALERT_WEBHOOK_URL,
    webhookSecret: env.ALERT_WEBHOOK_SECRET,
    timeoutMs: env.ALERT_WEBHOOK_TIMEOUT_MS,
    maxAttempts: env.ALERT_MAX_ATTEMPTS,
    retryBaseMs: env.ALERT_RETRY_BASE_MS,
    retryMaxMs: env.ALERT_RETRY_MAX_MS,
    pollIntervalMs: env.ALERT_POLL_INTERVAL_MS,
    leaseMs: env.ALERT_LEASE_MS,
    concurrency: env.ALERT_CONCURRENCY,
  });
  const problems = alertConfigProblems(config, {
    url: 'ALERT_WEBHOOK_URL',
    secret: 'ALERT_WEBHOOK_SECRET',
    lease: 'ALERT_LEASE_MS',
    timeout: 'ALERT_WEBHOOK_TIMEOUT_MS',
  });
  if (problems.length) throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  return config;
}
