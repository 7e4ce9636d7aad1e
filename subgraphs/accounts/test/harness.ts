import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { AccessTokenSigner, AccessTokenVerifier, GATEWAY_CALLER } from '@bodega/auth';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger, type Logger } from '@bodega/logger';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createTestDatabase } from '@bodega/testing/databases';
import type { InProcessSubgraph } from '@bodega/testing/in-process';
import { createContext, createRuntime, type Context, type Deps, type Runtime } from '../src/context';
import type { LoginLimits, SignUpLimits } from '../src/services/rate-limit';
import { accountsStanding } from '../src/services/standing';
import { createApollo } from '../src/server';
import { testInternal, testSigningKey } from '@bodega/testing/auth';

/** The harness's accounts key; tests make expired tokens with it. */
export const HARNESS_SIGNING_KEY = testSigningKey();
/** A key accounts does not hold: a token signed with it is a forgery. */
export const FOREIGN_SIGNING_KEY = testSigningKey();
/** Sign-ups per address here unless a test says otherwise: the harness's tests sign up dozens from one address. */
const GENEROUS_SIGN_UPS: Partial<SignUpLimits> = { perAddress: { limit: 1000, windowMs: 60_000 } };

export interface HarnessOptions {
  adminEmail?: string;
  limits?: Partial<LoginLimits>;
  /** Default: 1000 a minute per address. */
  signUpLimits?: Partial<SignUpLimits>;
  /** Rate-limit windows in the real Redis (REDIS_URL) instead of memory. Default: false. */
  redis?: boolean;
  /** Default: a silent logger. */
  log?: Logger;
}

export interface RunOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Any Authorization header, as is. */
  authorization?: string;
  /** The client's address, as the gateway signs it. Default: 127.0.0.1. */
  clientIp?: string;
}

type Result<T> = { data?: T | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

/** As the other subgraphs' harnesses (`InProcessSubgraph`), with accounts' own keys and runtime, and its own way to say who runs an operation. */
export interface Harness extends Omit<InProcessSubgraph<Deps, Context>, 'run' | 'deps'> {
  signer: AccessTokenSigner;
  tokens: AccessTokenVerifier;
  runtime: Runtime;
  /** Runs an operation in-process, as the gateway would send it; returns data and errors. */
  run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RunOptions): Promise<Result<T>>;
  close(): Promise<void>;
}

/** The accounts subgraph over its own database, without HTTP (Apollo's executeOperation). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const log = options.log ?? createLogger('accounts-test', 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 10 });
  const signer = await AccessTokenSigner.create([HARNESS_SIGNING_KEY]);
  const tokens = new AccessTokenVerifier({ keys: signer.jwks, standing: accountsStanding(prisma) });
  const events = createEventBus({ log });
  const redis = options.redis ? new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
  const deps: Deps = {
    internal: testInternal,
    prisma,
    signer,
    tokens,
    events,
    log,
    redis,
    limits: options.limits,
    signUpLimits: options.signUpLimits ?? GENEROUS_SIGN_UPS,
    adminEmail: options.adminEmail,
  };
  const runtime = createRuntime(deps);
  const apollo = createApollo(deps);
  await apollo.start();
  return {
    db,
    prisma,
    signer,
    tokens,
    events,
    apollo,
    runtime,
    run: async (query, variables, run = {}) => {
      const authorization = run.authorization ?? (run.token ? `Bearer ${run.token}` : undefined);
      // As the gateway signs it: the client's address rides with the caller.
      const caller = { name: GATEWAY_CALLER, clientIp: run.clientIp ?? '127.0.0.1' };
      const contextValue = await createContext(runtime, { requestId: 'test', log, authorization, caller });
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as never;
    },
    close: async () => {
      await apollo.stop();
      await Promise.all([prisma.$disconnect(), redis?.quit(), events.close()]);
      await db.drop();
    },
  };
}

/** A logger at trace level whose every line lands in `lines` (no redaction: the code must not log secrets at all). */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino({ level: 'trace', base: { service: 'accounts-test' } }, stream), lines };
}

/** A fresh random suffix, for keys that outlive a test run (Redis windows). */
export const unique = (): string => randomBytes(4).toString('hex');

export const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email name role createdAt } }
}`;
export const LOG_IN = `mutation LogIn($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { accessToken refreshToken user { id email role } }
}`;
export const REFRESH = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken refreshToken accessTokenExpiresAt }
}`;
export const LOG_OUT = `mutation LogOut($refreshToken: String!) { logOut(refreshToken: $refreshToken) }`;
export const ME = `query Me { me { id email name role } }`;

/** A password that satisfies the rule. */
export const PASSWORD = 'correct horse 42';
