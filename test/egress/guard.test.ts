import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { assertNoEgress, guard, readReport } from './report';

/** Runs `fn`, then hands back (and clears) what the guard refused meanwhile, so this test may provoke refusals. */
async function refusalsDuring(fn: () => Promise<unknown>) {
  const since = guard.violations.length;
  await fn().catch(() => undefined);
  return guard.take(since);
}

describe('the egress guard', () => {
  it('refuses a TCP connection outside loopback, naming host, port and the stack that asked', async () => {
    let failure: unknown;
    const refused = await refusalsDuring(() =>
      fetch('http://169.254.169.254/latest/meta-data/').catch((error: unknown) => {
        failure = error;
        throw error;
      }),
    );
    expect(refused).toEqual([expect.objectContaining({ kind: 'TCP connection', host: '169.254.169.254', port: 80, pid: process.pid })]);
    expect(refused[0]!.stack).toMatch(/\n|at /);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('EBODEGA_EGRESS');
  });

  it('refuses a remote name before any DNS server is asked', async () => {
    const refused = await refusalsDuring(() => lookup('metadata.google.internal'));
    expect(refused).toEqual([expect.objectContaining({ kind: 'DNS lookup', host: 'metadata.google.internal' })]);
  });

  it('refuses UDP datagrams outside loopback', async () => {
    const socket = createSocket('udp4');
    const refused = await refusalsDuring(async () => socket.send('probe', 53, '8.8.8.8'));
    socket.close();
    expect(refused).toEqual([expect.objectContaining({ kind: 'UDP datagram', host: '8.8.8.8', port: 53 })]);
  });

  it('lets loopback through', async () => {
    const server = createServer((socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const greetings: string[] = [];
    const refused = await refusalsDuring(async () => {
      for (const host of ['127.0.0.1', 'localhost']) {
        greetings.push(
          await new Promise<string>((resolve, reject) => {
            let text = '';
            connect({ host, port, family: 4 })
              .on('data', (chunk) => (text += String(chunk)))
              .on('end', () => resolve(text))
              .on('error', reject);
          }),
        );
      }
    });
    await new Promise((resolve) => server.close(resolve));
    expect(refused).toEqual([]);
    expect(greetings).toEqual(['hello', 'hello']);
  });

  it('is inherited by a child process a test starts, which reports its refusal to this test', () => {
    const report = process.env.BODEGA_EGRESS_REPORT;
    const before = readReport(report).length;
    const child = spawnSync(
      process.execPath,
      ['-e', "require('node:net').connect(443, '100.100.100.200').on('error', (e) => { process.stdout.write(e.code); })"],
      { env: { ...process.env }, encoding: 'utf8' },
    );
    expect(child.stdout).toBe('EBODEGA_EGRESS');
    expect(child.stderr).toContain('refused TCP connection to 100.100.100.200:443');
    const fresh = readReport(report).slice(before);
    expect(fresh).toEqual([expect.objectContaining({ host: '100.100.100.200', port: 443, pid: child.pid })]);
    // This test provoked it on purpose: drop the line so that its own afterEach check passes.
    writeFileSync(report!, '');
  });

  it('fails the test that connected outside, and only that one, naming host, port and stack', () => {
    const root = join(__dirname, '..', '..');
    const config = {
      rootDir: root,
      roots: ['<rootDir>/test/egress/fixtures'],
      testMatch: ['**/leaky.fixture.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/egress/jest-setup.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
    };
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--ci', '--json'], {
      cwd: root,
      env: { ...process.env, BODEGA_EGRESS_REPORT: join(tmpdir(), `bodega-egress-fixture-${process.pid}.jsonl`) },
      encoding: 'utf8',
    });
    const results = JSON.parse(jest.stdout) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> };
    const byTitle = Object.fromEntries(results.testResults[0]!.assertionResults.map((r) => [r.title, r]));
    expect(byTitle['stays on the machine']?.status).toBe('passed');
    expect(byTitle['asks a cloud metadata address for credentials']?.status).toBe('failed');
    expect(byTitle['asks a cloud metadata address for credentials']?.failureMessages.join('\n')).toMatch(
      /TCP connection to 169\.254\.169\.254:80[\s\S]*leaky\.fixture\.ts/,
    );
  }, 60_000);

  it('words its failure with host, port and stack', () => {
    expect(() => assertNoEgress([{ kind: 'TCP connection', host: 'checkpoint.prisma.io', port: 443, pid: 1, stack: '    at check (prisma.js:1:1)' }])).toThrow(
      /TCP connection to checkpoint\.prisma\.io:443[\s\S]*at check \(prisma\.js:1:1\)/,
    );
  });
});
