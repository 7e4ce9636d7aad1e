/**
 * The chat subgraph live: send → `next` latency with 1,000 conversations subscribed across two
 * deployments (a chat subgraph and a gateway each, one Postgres, one Redis), then a bounded soak in
 * which subscribers drop their websocket at random and resume with `messageAdded(after:)`, counting
 * lost and duplicated messages. Everything runs in this one process (servers and clients), so the
 * load generator's CPU competes with the servers': the numbers are an upper bound.
 *
 *   npx tsx bench/chat-live/main.ts [--conversations 1000] [--messages 1000] [--rate 50]
 *     [--soak-conversations 200] [--soak-seconds 60] [--soak-rate 40]
 *
 * BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/bodega_bench_chat) is dropped and
 * recreated; BENCH_REDIS_URL (default redis://127.0.0.1:6379).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { publicJwks } from '@bodega/auth';
import { startBodega, type RunningBodega } from '@bodega/composition';
import { createLogger } from '@bodega/logger';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { BENCH_SERVICE_SECRET, BENCH_SIGNING_KEY } from '../lib/auth';
import { BenchUsers, percentile, prepareChatDatabase } from '../lib/chat-setup';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    conversations: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    'soak-conversations': { type: 'string', default: '200' },
    'soak-seconds': { type: 'string', default: '60' },
    'soak-rate': { type: 'string', default: '40' },
  },
});
const opt = (name: keyof typeof values) => Number(values[name]);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bodega_bench_chat';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FOLLOW = 'subscription($id: ID!, $after: String) { messageAdded(conversationId: $id, after: $after) { id body sequence cursor } }';
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id sequence } }';
const START = 'mutation($input: StartConversationInput!) { startConversation(input: $input) { id messages(last: 1) { edges { cursor } } } }';
const progress = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post<T>(url: string, query: string, variables: Record<string, unknown>, authorization: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Arrival {
  id: string;
  body: string;
  sequence: number;
  cursor: string;
}

/** One customer following one conversation; can drop its socket and resume from its last cursor. */
class Follower {
  client?: Client;
  cursor?: string;
  readonly seen = new Set<string>();
  duplicates = 0;
  connected = false;

  constructor(
    readonly conversationId: string,
    private readonly authorization: string,
    private readonly onArrival: (arrival: Arrival, at: number) => void,
  ) {}

  connect(gatewayUrl: string): void {
    const client = createClient({ url: gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: this.authorization } });
    this.client = client;
    this.connected = true;
    client.subscribe<{ messageAdded: Arrival }>(
      { query: FOLLOW, variables: { id: this.conversationId, after: this.cursor ?? null } },
      {
        next: (result) => {
          const arrival = result.data?.messageAdded;
          if (!arrival || client !== this.client) return;
          if (this.seen.has(arrival.id)) this.duplicates += 1;
          this.seen.add(arrival.id);
          this.cursor = arrival.cursor;
          this.onArrival(arrival, performance.now());
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.dispose();
  }
}

async function startDeployment(users: BenchUsers): Promise<RunningBodega> {
  return startBodega({
    services: ['chat', 'gateway'],
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    logger: (service) => createLogger(service, 'error'),
    keys: { publicJwks: publicJwks([BENCH_SIGNING_KEY]), serviceSecret: BENCH_SERVICE_SECRET },
    ports: { chat: 0, gateway: 0 },
    production: true,
    maxConnections: 10,
    overrides: { standing: () => users.standing },
  });
}

async function untilSubscribed(deployments: RunningBodega[], count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  const total = () => deployments.reduce((n, d) => n + d.gateway!.subscriptions.stats().subscribers, 0);
  while (total() < count) {
    if (Date.now() > deadline) throw new Error(`only ${total()} of ${count} subscriptions reached the hubs`);
    await sleep(50);
  }
  await sleep(1000); // the upstream subscriptions' replays are read and they listen on the bus
}

async function main(): Promise<void> {
  const log = createLogger('bench', 'warn');
  progress(`Preparing ${DATABASE_URL}…`);
  await prepareChatDatabase(DATABASE_URL, log);
  const users = new BenchUsers();
  const deployments = [await startDeployment(users), await startDeployment(users)];
  const gateways = deployments.map((d) => d.gateway!.url);
  const staff = await users.authorization('STAFF');
  const followers: Follower[] = [];
  try {
    progress(`Starting ${opt('conversations')} conversations…`);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const onArrival = (arrival: Arrival, at: number) => {
      const started = sentAt.get(arrival.body);
      if (started !== undefined) latencies.push(at - started);
    };
    for (let i = 0; i < opt('conversations'); i += 1) {
      const customer = await users.authorization('CUSTOMER');
      const { startConversation } = await post<{ startConversation: { id: string; messages: { edges: Array<{ cursor: string }> } } }>(
        gateways[i % 2]!,
        START,
        { input: { subject: `bench ${i}`, body: 'hello' } },
        customer.authorization,
      );
      // As a client does: the cursor of the last message it has shown, so even its first reconnect resumes.
      const follower = new Follower(startConversation.id, customer.authorization, onArrival);
      follower.cursor = startConversation.messages.edges.at(-1)!.cursor;
      followers.push(follower);
    }
    followers.forEach((follower, index) => follower.connect(gateways[index % 2]!));
    await untilSubscribed(deployments, followers.length);

    progress(`Latency: ${opt('messages')} messages at ${opt('rate')}/s to random conversations…`);
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < opt('messages'); i += 1) {
      const follower = followers[Math.floor(Math.random() * followers.length)]!;
      const body = `latency ${i}`;
      sentAt.set(body, performance.now());
      sends.push(post(gateways[i % 2]!, SEND, { id: follower.conversationId, body }, staff.authorization));
      await sleep(1000 / opt('rate'));
    }
    await Promise.all(sends);
    const drainUntil = Date.now() + 10_000;
    while (latencies.length < opt('messages') && Date.now() < drainUntil) await sleep(50);
    const latency = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: percentile(latencies, 100), received: latencies.length };

    progress(`Soak: ${opt('soak-seconds')} s, ${opt('soak-conversations')} conversations, ${opt('soak-rate')} messages/s, random drops…`);
    const soaked = followers.slice(0, opt('soak-conversations'));
    for (const follower of followers.slice(soaked.length)) await follower.drop();
    const sent = new Map<string, string[]>(soaked.map((f) => [f.conversationId, []]));
    const soakSeen = new Map<Follower, number>(soaked.map((f) => [f, f.seen.size]));
    let drops = 0;
    let stop = false;
    const chaos = soaked.map(async (follower) => {
      while (!stop) {
        await sleep(1000 + Math.random() * 4000);
        if (stop) break;
        await follower.drop();
        drops += 1;
        await sleep(Math.random() * 500);
        follower.connect(gateways[Math.floor(Math.random() * 2)]!);
      }
    });
    const soakEnd = Date.now() + opt('soak-seconds') * 1000;
    const soakSends: Array<Promise<unknown>> = [];
    let n = 0;
    while (Date.now() < soakEnd) {
      const follower = soaked[Math.floor(Math.random() * soaked.length)]!;
      const body = `soak ${n++}`;
      soakSends.push(post<{ sendMessage: { id: string } }>(gateways[n % 2]!, SEND, { id: follower.conversationId, body }, staff.authorization).then((data) => sent.get(follower.conversationId)!.push(data.sendMessage.id)));
      await sleep(1000 / opt('soak-rate'));
    }
    await Promise.all(soakSends);
    stop = true;
    await Promise.all(chaos);
    for (const follower of soaked) if (!follower.connected) follower.connect(gateways[0]!);
    const expected = [...sent.values()].reduce((total, ids) => total + ids.length, 0);
    const lostNow = () => soaked.reduce((total, f) => total + sent.get(f.conversationId)!.filter((id) => !f.seen.has(id)).length, 0);
    const soakDrain = Date.now() + 20_000;
    while (lostNow() > 0 && Date.now() < soakDrain) await sleep(100);
    const duplicates = soaked.reduce((total, f) => total + f.duplicates, 0);
    const receivedSoak = soaked.reduce((total, f) => total + f.seen.size - soakSeen.get(f)!, 0);

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    process.stdout.write(
      [
        '',
        `| conversations subscribed | gateways | messages | received | p50 | p95 | p99 | max | goal p99 ≤ 100 ms |`,
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${followers.length} | 2 | ${opt('messages')} | ${latency.received} | ${ms(latency.p50)} | ${ms(latency.p95)} | ${ms(latency.p99)} | ${ms(latency.max)} | ${latency.p99 <= 100 ? 'met' : 'missed'} |`,
        '',
        '| soak | conversations | messages sent | websocket drops | received | lost | duplicated | goal 0 / 0 |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${opt('soak-seconds')} s | ${soaked.length} | ${expected} | ${drops} | ${receivedSoak} | ${lostNow()} | ${duplicates} | ${lostNow() === 0 && duplicates === 0 ? 'met' : 'missed'} |`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all(followers.map((follower) => follower.drop()));
    for (const deployment of deployments.reverse()) await deployment.close({ graceMs: 2000 });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
