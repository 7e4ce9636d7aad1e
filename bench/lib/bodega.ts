import { startBodega, type BodegaOptions, type RunningBodega } from '@bodega/composition';
import { publicJwks, type StandingSource } from '@bodega/auth';
import type { ServiceName } from '@bodega/config';
import type { Logger } from '@bodega/logger';
import { BENCH_SERVICE_SECRET, BENCH_SIGNING_KEY, STAFF_ID } from './auth';
import type { Stop } from './serve';

export interface BenchBodegaOptions extends Omit<BodegaOptions, 'logger' | 'keys' | 'ports' | 'services'> {
  services: readonly ServiceName[];
}

/**
 * Bodega's services as the composition root starts them (`npm start`, docker-compose), on free
 * ports, with the bench's keys, in production mode. The bench's STAFF user stands as STAFF where no
 * accounts subgraph can be asked; every other user's standing is checked as in production.
 */
export async function startBenchBodega(log: Logger, stops: Stop[], options: BenchBodegaOptions): Promise<RunningBodega> {
  const bodega = await startBodega({
    production: true,
    webAppDir: false,
    ...options,
    logger: (service) => log.child({ service }),
    keys: { signing: [BENCH_SIGNING_KEY], publicJwks: publicJwks([BENCH_SIGNING_KEY]), serviceSecret: BENCH_SERVICE_SECRET },
    ports: Object.fromEntries(options.services.map((name) => [name, 0])),
    overrides: { standing: withBenchStaff, ...options.overrides },
  });
  stops.push(() => bodega.close());
  return bodega;
}

/** `source`, plus the bench's STAFF user, who has no account unless `createStaff` made one. */
function withBenchStaff(source: StandingSource): StandingSource {
  return {
    async lookup(userIds) {
      const others = userIds.filter((id) => id !== STAFF_ID);
      const found = new Map(others.length ? await source.lookup(others) : []);
      if (userIds.includes(STAFF_ID)) found.set(STAFF_ID, { role: 'STAFF', revokedSessions: [] });
      return found;
    },
  };
}
