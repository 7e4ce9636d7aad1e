import { ConfigError, readEnv } from '@bodega/config';
import { createLogger } from '@bodega/logger';
import { aiEnv, createAi, createAiProvider } from '../src';

const log = createLogger('ai-test', 'silent');
const env = (vars: Record<string, string>) => readEnv(aiEnv, vars);

describe('AI configuration', () => {
  it('runs the local provider when no OpenAI key is set', () => {
    expect(createAiProvider(env({})).name).toBe('local');
    expect(createAiProvider(env({ OPENAI_API_KEY: '  ' })).name).toBe('local');
  });

  it('runs OpenAI with the key, base URL and models given', () => {
    const provider = createAiProvider(env({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3.1' }));

    expect(provider).toMatchObject({ name: 'openai', model: 'llama3.1', embeddingModel: 'text-embedding-3-small' });
  });

  it('keeps the local provider when asked for it even with a key', () => {
    expect(createAiProvider(env({ OPENAI_API_KEY: 'sk-test', AI_PROVIDER: 'local' })).name).toBe('local');
  });

  it('fails at start naming OPENAI_API_KEY when AI_PROVIDER=openai has no key', () => {
    expect(() => createAiProvider(env({ AI_PROVIDER: 'openai' }))).toThrow(ConfigError);
    expect(() => createAiProvider(env({ AI_PROVIDER: 'openai' }))).toThrow(/^OPENAI_API_KEY is not set/);
  });

  it.each([
    ['AI_TIMEOUT_MS', 'soon'],
    ['OPENAI_BASE_URL', 'not a url'],
    ['AI_FALLBACK', 'maybe'],
    ['AI_PROVIDER', 'anthropic'],
  ])('fails at start naming %s when it is %j', (name, value) => {
    expect(() => env({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('caches in memory without Redis, and says what runs without the key', async () => {
    const setup = createAi(env({ OPENAI_API_KEY: 'sk-secret', AI_FALLBACK: 'local' }), { taxonomy: async () => [], log });

    expect(setup.summary).toEqual({ provider: 'openai', model: 'gpt-4o-mini', cache: 'memory', fallback: 'local' });
    expect(JSON.stringify(setup.summary)).not.toContain('sk-secret');
    await setup.close();
  });
});
