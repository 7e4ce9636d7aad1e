import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readReport } from './egress/report';

const ROOT = join(__dirname, '..');

describe('the Prisma CLI as the project runs it', () => {
  it('asks checkpoint.prisma.io nothing, even when the environment does not say so', () => {
    const env = { ...process.env };
    delete env.CHECKPOINT_DISABLE;
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'prisma.mjs'), 'version'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/prisma\s+: 7\./);
    // The jest setup's afterEach would fail this test too; say it here as well.
    expect(readReport(process.env.BODEGA_EGRESS_REPORT)).toEqual([]);
  }, 60_000);
});
