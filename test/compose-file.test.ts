import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const root = join(__dirname, '..');

describe('docker-compose.yml', () => {
  // .ci/run installs docker-compose 1.29 from Debian; it validates offline, no engine needed.
  (hasCompose ? it : it.skip)('is a valid compose file (needs docker-compose on PATH)', () => {
    const services = execFileSync('docker-compose', ['config', '--services'], { cwd: root, encoding: 'utf8' });
    expect(services.split('\n').filter(Boolean).sort()).toEqual(['accounts', 'gateway', 'migrate', 'orders', 'postgres', 'products', 'redis']);
  });
});
