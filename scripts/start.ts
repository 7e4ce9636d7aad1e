/**
 * `npm start`: migrates, then runs every subgraph and the gateway in this one process, each on
 * its own port, through the composition root. With DATABASE_URL / REDIS_URL it uses them; without,
 * an embedded PGlite (data under .bodega/) and an in-process event bus, and says so.
 */
import { join } from 'node:path';
import { ALL_SERVICES, configuredKeys, loggerFactory, optionsFromEnv, readBodegaEnv, startBodega, type AccessKeys, type BodegaEnv } from '@bodega/composition';
import { createLogger } from '@bodega/logger';
import { configuredSigningKeys } from '@bodega/accounts';
import { readEnv, secretFrom, z } from '@bodega/config';
import { loadTaxonomy, migrate } from '@bodega/db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@bodega/db/embedded';
import { composeSupergraph, SUBGRAPHS } from '@bodega/gateway';
import { exitOnSignals } from '@bodega/server-kit';
import { devKeys } from './dev-keys';
import { describeMode, onPort, PortInUseError, portInUse } from './start-support';

/** Where the embedded database listens and keeps its data, without DATABASE_URL. */
const embeddedShape = {
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5499),
  EMBEDDED_DATA_DIR: z.string().default(join(process.cwd(), '.bodega', 'pgdata')),
};
type Env = BodegaEnv & ReturnType<typeof readEmbeddedEnv>;
const readEmbeddedEnv = () => readEnv(embeddedShape);
let log = createLogger('bodega');

async function main() {
  const env: Env = { ...readBodegaEnv(), ...readEmbeddedEnv() };
  log = loggerFactory(env)('bodega');
  // Stopped last to first: the database after every service that uses it.
  const stops: Array<(graceMs: number) => Promise<unknown>> = [];
  exitOnSignals(log, env.SHUTDOWN_GRACE_MS, async () => {
    const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
    for (const stop of stops.reverse()) await stop(Math.max(0, deadline - Date.now())).catch((err: unknown) => log.warn({ err }, 'stop failed'));
  });

  const keys = await accessKeys(env);
  let databaseUrl = env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!databaseUrl) {
    embedded = await onPort('EMBEDDED_DB_PORT', env.EMBEDDED_DB_PORT, () =>
      startEmbeddedPostgres({ dataDir: env.EMBEDDED_DATA_DIR, port: env.EMBEDDED_DB_PORT, log }),
    );
    stops.push(() => embedded!.stop());
    databaseUrl = embedded.url;
  }
  await migrate(databaseUrl, { log });
  await loadTaxonomy(databaseUrl);

  const options = optionsFromEnv({ ...env, DATABASE_URL: databaseUrl }, ALL_SERVICES, keys);
  const bodega = await startBodega({
    ...options,
    supergraphSdl: composeSupergraph(SUBGRAPHS),
    // PGlite is one session: a bigger pool only queues at the embedded server.
    maxConnections: embedded ? 4 : 10,
  }).catch((error: unknown) => {
    throw portInUse(error, options.ports ?? {}) ?? error;
  });
  stops.push((graceMs) => bodega.close({ graceMs }));

  const gateway = bodega.gateway!;
  const mode = describeMode({ embeddedDataDir: embedded ? env.EMBEDDED_DATA_DIR : undefined, redis: bodega.events.kind === 'redis' });
  const ai = bodega.ai?.summary;
  log.info(
    {
      web: gateway.webAppUrl ?? 'not built (npm run build:web)',
      graphql: gateway.url,
      database: mode.database,
      events: mode.events,
      ai:
        ai?.provider === 'openai'
          ? `OpenAI-compatible (${ai.model}), answers cached in ${ai.cache === 'redis' ? 'Redis' : 'memory'}`
          : 'local provider (no OPENAI_API_KEY)',
    },
    `Bodega is up ${mode.summary}: ${gateway.webAppUrl ? `the web app at ${gateway.webAppUrl}, ` : ''}GraphQL at ${gateway.url}`,
  );
}

/**
 * accounts' signing keys and the services' shared secret: as configured, else (outside production)
 * made once under .bodega/ so that a fresh checkout starts with no configuration.
 */
async function accessKeys(env: Env): Promise<AccessKeys> {
  if (env.NODE_ENV === 'production') return configuredKeys(env, ALL_SERVICES);
  const secret = secretFrom(env.SERVICE_SECRET, env.SERVICE_SECRET_FILE, 'SERVICE_SECRET');
  const signing = await configuredSigningKeys(env);
  if (secret && signing) return { signing, serviceSecret: secret };
  const dev = await devKeys(join(env.EMBEDDED_DATA_DIR, '..'));
  return { signing: signing ?? dev.signingKeys, serviceSecret: secret ?? dev.serviceSecret };
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) log.fatal({ port: error.port, variable: error.variable }, error.message);
  else log.fatal({ err: error }, 'Bodega failed to start');
  process.exit(1);
});
