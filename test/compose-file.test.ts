import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');

interface ComposeService {
  ports?: unknown[];
  volumes?: string[];
  environment?: Record<string, string>;
}

/** The file as docker-compose resolves it (anchors merged, variables filled in). */
const resolved = () => parse(execFileSync('docker-compose', ['config'], { cwd: root, encoding: 'utf8' })) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  // npm test installs docker-compose 1.29 from Debian when it is missing; it validates offline, no engine needed.
  it('is a valid compose file (needs docker-compose on PATH)', () => {
    const found = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
    if (!found) throw new Error('docker-compose is not on PATH: apt-get install -y docker-compose (npm test does it as root).');
    const services = execFileSync('docker-compose', ['config', '--services'], { cwd: root, encoding: 'utf8' });
    expect(services.split('\n').filter(Boolean).sort()).toEqual(['accounts', 'chat', 'gateway', 'keys', 'migrate', 'orders', 'postgres', 'products', 'rag', 'redis']);
  });

  it("publishes the gateway's port and no other", () => {
    const published = Object.entries(resolved().services).filter(([, service]) => (service.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
  });

  it('tells the gateway where every subgraph is', () => {
    const gateway = resolved().services.gateway!.environment ?? {};
    expect(gateway.RAG_URL).toBe('http://rag:4005/graphql');
    expect(gateway.PRODUCTS_URL).toBe('http://products:4002/graphql');
    expect(gateway.ORDERS_URL).toBe('http://orders:4003/graphql');
  });

  it('gives the signing key to accounts alone, the shared secret to every service', () => {
    const { services } = resolved();
    const mounting = (volume: string) => Object.keys(services).filter((name) => (services[name]!.volumes ?? []).some((v) => v.startsWith(`${volume}:`))).sort();
    expect(mounting('signing-key')).toEqual(['accounts', 'keys']);
    expect(mounting('service-secret')).toEqual(['accounts', 'chat', 'gateway', 'keys', 'orders', 'products', 'rag']);
    for (const name of ['gateway', 'products', 'orders', 'rag', 'chat']) {
      expect(Object.keys(services[name]!.environment ?? {}).filter((key) => key.startsWith('ACCOUNTS_SIGNING'))).toEqual([]);
    }
  });
});
