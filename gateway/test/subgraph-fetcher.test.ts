import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from '../src/subgraph-fetcher';

let server: Server;
let url: string;
const hanging: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return void hanging.push(() => res.destroy());
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(req.url === '/teapot' ? 418 : 200, { 'content-type': 'application/json', 'x-echo-auth': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  hanging.forEach((end) => end());
  await new Promise((resolve) => server.close(resolve));
});

describe('the gateway subgraph fetcher', () => {
  it('posts the body with its headers and reads status, headers and JSON back', async () => {
    const fetcher = createSubgraphFetcher();
    const response = await fetcher.fetch(`${url}/graphql`, { method: 'POST', headers: { authorization: 'Bearer x' }, body: '{"query":"{a}"}' });
    expect([response.ok, response.status, response.headers.get('X-Echo-Auth')]).toEqual([true, 200, 'Bearer x']);
    expect(await response.json()).toEqual({ method: 'POST', body: '{"query":"{a}"}' });
    const teapot = await fetcher.fetch(`${url}/teapot`, { method: 'POST', body: '' });
    expect([teapot.ok, teapot.status, teapot.statusText]).toEqual([false, 418, "I'm a Teapot"]);
    fetcher.close();
  });

  it('gives up on a subgraph that does not answer in time, as if it were unreachable', async () => {
    const fetcher = createSubgraphFetcher(200);
    await expect(fetcher.fetch(`${url}/hang`, { method: 'POST', body: '{}' })).rejects.toThrow(/no answer .* within 200 ms/);
    fetcher.close();
  });
});
