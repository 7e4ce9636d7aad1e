import { aiEnv } from '@bodega/ai';
import { accessTokenKeysEnv, commonEnv, ports, readEnv, z } from '@bodega/config';
import { alertConfigFromEnv, alertEnv, type AlertDeliveryConfig } from './alerts/config';

export function readProductsConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = readEnv({ ...commonEnv, ...accessTokenKeysEnv, PORT: ports.products, HOST: z.string().default('127.0.0.1'), ...alertEnv, ...aiEnv }, env);
  return { ...config, alerts: alertConfigFromEnv(config) };
}

/** ALERT_WEBHOOK_URL and the delivery tunables, for processes that run the subgraph in-process (`npm start`). */
export function readAlertDeliveryConfig(env: NodeJS.ProcessEnv = process.env): AlertDeliveryConfig {
  return alertConfigFromEnv(readEnv(alertEnv, env));
}
