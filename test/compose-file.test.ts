import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('docker-compose.yml', () => {
  // npm test installs docker-compose 1.29 from Debian when it is missing; it validates offline, no engine needed.
  it('is a valid compose file (needs docker-compose on PATH)', () => {
    const found = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
    if (!found) throw new Error('docker-compose is not on PATH: apt-get install -y docker-compose (npm test does it as root).');
    const services = execFileSync('docker-compose', ['config', '--services'], { cwd: root, encoding: 'utf8' });
    expect(services.split('\n').filter(Boolean).sort()).toEqual(['accounts', 'gateway', 'migrate', 'orders', 'postgres', 'products', 'redis']);
  });
});
