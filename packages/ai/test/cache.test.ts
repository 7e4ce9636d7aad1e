import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { MemoryAnswerCache, RedisAnswerCache } from '../src';

describe('in-memory answer cache', () => {
  it('forgets the least recently used answer first once full', async () => {
    const cache = new MemoryAnswerCache({ maxEntries: 2 });
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    await cache.get('a');
    await cache.set('c', '3', 60);

    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBe('3');
    expect(cache.size).toBe(2);
  });

  it('forgets an answer once its time to live has passed', async () => {
    let now = 0;
    const cache = new MemoryAnswerCache({ now: () => now });
    await cache.set('a', '1', 10);

    now = 9_999;
    expect(await cache.get('a')).toBe('1');
    now = 10_000;
    expect(await cache.get('a')).toBeUndefined();
  });
});

describe('Redis answer cache', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers: a Redis that hangs.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('gives up on a Redis that does not answer within its timeout, so enrichment is not held up', async () => {
    const { port } = silent.address() as { port: number };
    const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const cache = new RedisAnswerCache(redis, { timeoutMs: 100 });
    const started = performance.now();

    await expect(cache.get('key')).rejects.toThrow('The cache did not answer within 100 ms.');
    expect(performance.now() - started).toBeLessThan(1_000);
    redis.disconnect();
  });
});
