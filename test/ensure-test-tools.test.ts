import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', 'scripts', 'ensure-test-tools.mjs');

/** A stand-in for Debian's apt-get: records its arguments and "installs" by creating CHROMIUM_PATH. */
function fakeAptGet(dir: string, { fails = false } = {}): string {
  const log = join(dir, 'apt-get.log');
  const script = join(dir, 'apt-get');
  writeFileSync(
    script,
    `#!/bin/sh
echo "$@" >> "${log}"
case "$1" in --version) exit 0;; esac
${fails ? 'echo "E: Unable to locate package" >&2; exit 100' : 'case "$1" in install) touch "$CHROMIUM_PATH";; esac'}
`,
  );
  chmodSync(script, 0o755);
  return log;
}

describe('npm test’s first step (scripts/ensure-test-tools.mjs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bodega-tools-'));
    // docker-compose is there in every case, whatever this machine has: these tests are about Chromium.
    writeFileSync(join(dir, 'docker-compose'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'docker-compose'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, ...env }, encoding: 'utf8' });

  it('installs a missing Chromium from Debian’s packages, saying so in one line', () => {
    const log = fakeAptGet(dir);
    const chromium = join(dir, 'chromium');
    const result = run({ CHROMIUM_PATH: chromium });
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^npm test: installing chromium from Debian's packages/)]);
    expect(readFileSync(log, 'utf8')).toContain('install -y -qq chromium');
    expect(existsSync(chromium)).toBe(true);
  });

  it('stops before any test with one line saying what to install when installing fails', () => {
    fakeAptGet(dir, { fails: true });
    const result = run({ CHROMIUM_PATH: join(dir, 'chromium') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/install chromium yourself and run npm test again/);
  });

  it('does nothing when every tool is there', () => {
    const log = fakeAptGet(dir);
    const chromium = join(dir, 'chromium');
    writeFileSync(chromium, '');
    const result = run({ CHROMIUM_PATH: chromium });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(existsSync(log)).toBe(false);
  });

  it('names the database it cannot reach, and the variable that points elsewhere', () => {
    const result = run({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'npm test needs Postgres at postgresql://postgres@127.0.0.1:1/postgres (set DATABASE_URL to use another); start it and run npm test again.',
    );
  });
});
