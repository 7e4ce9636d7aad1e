import { createLogger } from '@bodega/logger';
import { AiError, OpenAiProvider, type OpenAiProviderOptions, type StructuredRequest } from '../src';
import { replies, startFakeOpenAi, type FakeOpenAi } from '@bodega/testing/fake-openai';

const log = createLogger('ai-test', 'silent');
const REQUEST: StructuredRequest = {
  task: 'test',
  system: 'Answer with JSON.',
  prompt: 'Product name: Test mug',
  input: {},
  schema: {
    name: 'answer',
    jsonSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false },
  },
};

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

/** A provider against the fake, quick to give up: tests wait milliseconds, not seconds. */
function provider(options: Partial<OpenAiProviderOptions> = {}): OpenAiProvider {
  return new OpenAiProvider({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'gpt-test',
    embeddingModel: 'embed-test',
    timeoutMs: 2_000,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50 },
    log,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AiError)) throw new Error(`expected an AiError, got ${String(error)}`);
  return error;
}

describe('structured answers', () => {
  it('asks for a strict json_schema response with the configured model and key, and returns the parsed answer', async () => {
    fake.enqueue(replies.answer({ ok: true }));

    await expect(provider().generate(REQUEST)).resolves.toEqual({ ok: true });
    const [request] = fake.requests;
    expect(request?.path).toBe('/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.body).toMatchObject({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Answer with JSON.' },
        { role: 'user', content: 'Product name: Test mug' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: REQUEST.schema.jsonSchema } },
    });
  });

  it('rejects an answer that is not JSON as malformed, without retrying', async () => {
    fake.enqueue(replies.content('Sure! Here is your product: {ok: yes'));

    const error = await failure(provider().generate(REQUEST));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('not JSON');
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects an answer cut short by the token limit as malformed', async () => {
    fake.enqueue(replies.content('{"ok": tr', 'length'));

    expect((await failure(provider().generate(REQUEST))).kind).toBe('malformed');
  });
});

describe('retries', () => {
  it('waits what a 429 retry-after asks, then retries', async () => {
    fake.enqueue(replies.status(429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after': '1' }), replies.answer({ ok: true }));

    await expect(provider().generate(REQUEST)).resolves.toEqual({ ok: true });
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('fails at once when a 429 asks for a longer pause than the policy allows', async () => {
    fake.enqueue(replies.status(429, {}, { 'retry-after': '120' }));

    const error = await failure(provider({ retry: { retries: 2, maxRetryAfterMs: 5_000 } }).generate(REQUEST));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 5xx with exponential backoff and succeeds when the server recovers', async () => {
    fake.enqueue(replies.status(500), replies.status(503), replies.answer({ ok: true }));
    const pauses: number[] = [];

    const answer = await provider({
      retry: { retries: 2, baseDelayMs: 100, maxDelayMs: 10_000 },
      retryHooks: {
        random: () => 1,
        sleep: async (ms) => {
          pauses.push(ms);
        },
      },
    }).generate(REQUEST);

    expect(answer).toEqual({ ok: true });
    expect(pauses).toEqual([100, 200]);
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a refusal (400): it would be refused again', async () => {
    fake.enqueue(replies.status(400, { message: 'Invalid schema', type: 'invalid_request_error' }));

    const error = await failure(provider().generate(REQUEST));
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('400');
    expect(fake.requests).toHaveLength(1);
  });

  it('makes exactly one request per attempt: the SDK’s own retries are off', async () => {
    fake.setFallback(replies.status(500));

    await failure(provider({ retry: { retries: 0 } }).generate(REQUEST));
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up on a server that does not answer within the timeout, after retrying it', async () => {
    fake.setFallback(replies.delayed(5_000, replies.answer({ ok: true })));
    const started = performance.now();

    const error = await failure(provider({ timeoutMs: 200, retry: { retries: 1, baseDelayMs: 10 } }).generate(REQUEST));

    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('0.2 s');
    expect(fake.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures and then refuses calls without reaching the server', async () => {
    fake.setFallback(replies.status(500));
    const openai = provider({ retry: { retries: 0 }, breaker: { failureThreshold: 5, openMs: 60_000 } });

    for (let i = 0; i < 5; i++) expect((await failure(openai.generate(REQUEST))).kind).toBe('unavailable');
    const refused = await failure(openai.generate(REQUEST));

    expect(refused.kind).toBe('circuit_open');
    expect(refused.message).toMatch(/next try in (59|60) s/);
    expect(fake.requests).toHaveLength(5);
    expect(openai.breaker.state).toBe('open');
  });

  it('counts each retried attempt, so an open circuit also ends the retries', async () => {
    fake.setFallback(replies.status(502));
    const openai = provider({ retry: { retries: 10, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { failureThreshold: 3 } });

    expect((await failure(openai.generate(REQUEST))).kind).toBe('circuit_open');
    expect(fake.requests).toHaveLength(3);
  });

  it('lets one trial call through after the open period and closes again when it succeeds', async () => {
    let now = 0;
    fake.enqueue(replies.status(500), replies.status(500));
    const openai = provider({ retry: { retries: 0 }, breaker: { failureThreshold: 2, openMs: 60_000, now: () => now } });
    await failure(openai.generate(REQUEST));
    await failure(openai.generate(REQUEST));
    expect(openai.breaker.state).toBe('open');

    now = 60_000;
    expect(openai.breaker.state).toBe('half-open');
    fake.enqueue(replies.delayed(100, replies.answer({ ok: true })));
    const trial = openai.generate(REQUEST);
    // While the trial is in flight, other calls are still refused.
    expect((await failure(openai.generate(REQUEST))).kind).toBe('circuit_open');
    await expect(trial).resolves.toEqual({ ok: true });

    expect(openai.breaker.state).toBe('closed');
    expect(fake.requests).toHaveLength(3);
  });

  it('opens again for the whole period when the trial call fails', async () => {
    let now = 0;
    fake.setFallback(replies.status(500));
    const openai = provider({ retry: { retries: 0 }, breaker: { failureThreshold: 1, openMs: 1_000, now: () => now } });
    await failure(openai.generate(REQUEST));

    now = 1_000;
    expect((await failure(openai.generate(REQUEST))).kind).toBe('unavailable');
    now = 1_999;
    expect((await failure(openai.generate(REQUEST))).kind).toBe('circuit_open');
    expect(fake.requests).toHaveLength(2);
  });

  it('does not count answers that are refused or malformed: the service is up', async () => {
    fake.enqueue(replies.status(500), replies.status(400), replies.content('nope'), replies.status(500));
    const openai = provider({ retry: { retries: 0 }, breaker: { failureThreshold: 2 } });

    for (let i = 0; i < 4; i++) await failure(openai.generate(REQUEST));
    expect(openai.breaker.state).toBe('closed');
  });
});

describe('embeddings', () => {
  it('returns one vector per text in the order given, whatever order the server lists them in', async () => {
    fake.enqueue(replies.embeddings(3));

    const vectors = await provider().embed(['a', 'abc']);

    expect(vectors).toEqual([
      [0.01, 0.02, 0.03],
      [0.03, 0.04, 0.05],
    ]);
    expect(fake.requests[0]?.body).toMatchObject({ model: 'embed-test', input: ['a', 'abc'] });
  });
});
