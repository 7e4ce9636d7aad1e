import { faker } from '@faker-js/faker';
import { z } from '@bodega/config';
import { benchDatabaseUrl, benchOptions, count, flagOf, list, variableOf } from './options';

const schema = benchOptions({
  duration: count(10, 1, 600),
  cpuProfDir: z.string().min(1).optional(),
  scenarios: list('a,b', z.enum(['a', 'b', 'c'])),
  databaseUrl: benchDatabaseUrl('postgresql://postgres@127.0.0.1:5432/bodega_bench'),
});

describe('bench options from one schema', () => {
  it('derives each flag and variable from the key', () => {
    expect(flagOf('cpuProfDir')).toBe('cpu-prof-dir');
    expect(variableOf('cpuProfDir')).toBe('BENCH_CPU_PROF_DIR');
    expect(variableOf('duration')).toBe('BENCH_DURATION');
  });

  it('takes the flag over the variable, and the variable over the default', () => {
    const seconds = faker.number.int({ min: 1, max: 600 });
    expect(schema.parse(['--duration', String(seconds)], { BENCH_DURATION: '99' }).duration).toBe(seconds);
    expect(schema.parse([], { BENCH_DURATION: '99' }).duration).toBe(99);
    const defaults = schema.parse([], {});
    expect(defaults).toEqual({ duration: 10, scenarios: ['a', 'b'], databaseUrl: 'postgresql://postgres@127.0.0.1:5432/bodega_bench' });
    const dir = `/tmp/${faker.string.alphanumeric(8)}`;
    expect(schema.parse(['--cpu-prof-dir', dir, '--scenarios', 'c, a'], {})).toMatchObject({ cpuProfDir: dir, scenarios: ['c', 'a'] });
  });

  it('names the flag and the variable of a wrong value', () => {
    expect(() => schema.parse(['--duration', '0'], {})).toThrow(/--duration \(BENCH_DURATION\)/);
    expect(() => schema.parse(['--scenarios', 'a,z'], {})).toThrow(/--scenarios \(BENCH_SCENARIOS\)/);
  });

  it('refuses a flag the bench does not have', () => {
    expect(() => schema.parse(['--durations', '3'], {})).toThrow(/durations/);
  });

  it('refuses a database the bench would drop unless its name says it is a bench database', () => {
    expect(() => schema.parse([], { BENCH_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' })).toThrow(/contains "bench"/);
    expect(schema.parse([], { BENCH_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5435/my_bench' }).databaseUrl).toContain('my_bench');
  });
});
