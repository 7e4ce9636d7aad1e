import { optionsFromEnv, readBodegaEnv } from '../src/env';

const KEYS = { signing: undefined, publicJwks: undefined, jwksUrl: undefined, serviceSecret: 's'.repeat(32) };

describe('the options the environment decides', () => {
  it('lets the operator raise the sign-ups one address may make', () => {
    const options = optionsFromEnv(readBodegaEnv({ SIGN_UP_LIMIT_PER_ADDRESS: '250' }), ['accounts'], KEYS);

    expect(options.signUpLimits?.perAddress).toEqual({ limit: 250, windowMs: 15 * 60 * 1000 });
  });

  it('keeps ten sign-ups per address and 15 minutes when unset', () => {
    expect(optionsFromEnv(readBodegaEnv({}), ['accounts'], KEYS).signUpLimits?.perAddress?.limit).toBe(10);
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => readBodegaEnv({ SIGN_UP_LIMIT_PER_ADDRESS: 'lots' })).toThrow(/SIGN_UP_LIMIT_PER_ADDRESS/);
  });
});
