import type { Enricher } from '@bodega/ai';
import type { PrismaClient } from '@bodega/db';
import { startInProcess, type InProcessSubgraph } from '@bodega/testing/in-process';
import { createContext, type Context, type Deps } from '../src/context';
import { createApollo } from '../src/server';

/** The products subgraph over its own database, without HTTP (Apollo's executeOperation); runs as STAFF unless told otherwise. */
export type Harness = InProcessSubgraph<Deps, Context>;

export interface HarnessOptions {
  /** Builds the enricher over the harness's database; default: the subgraph's (local provider). */
  enricher?: (prisma: PrismaClient, log: Deps['log']) => Enricher;
}

export function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  return startInProcess<Deps, Context>({
    name: 'products',
    deps: (shared) => ({ ...shared, enricher: options.enricher?.(shared.prisma, shared.log) }),
    createApollo,
    createContext,
  });
}
