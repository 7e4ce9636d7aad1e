import { faker } from '@faker-js/faker';
import { parseReadyLine, parseReply, parseRequest, readyLine } from './messages';

describe('the bench IPC messages', () => {
  it('reads back the ready line it writes, and takes no log line for it', () => {
    const urls = { graphql: `http://127.0.0.1:${faker.internet.port()}/graphql` };
    const line = readyLine({ role: 'gateway', urls, pid: 4242 }).trimEnd();
    expect(parseReadyLine(line)).toEqual({ type: 'bench-ready', role: 'gateway', urls, pid: 4242 });
    expect(parseReadyLine(JSON.stringify({ level: 30, msg: 'listening', urls }))).toBeUndefined();
    expect(parseReadyLine('not json')).toBeUndefined();
    expect(parseReadyLine(JSON.stringify({ type: 'bench-ready', role: 'gateway', urls: { graphql: 'nope' }, pid: 1 }))).toBeUndefined();
  });

  it('tells requests and replies apart by type, and refuses a malformed one', () => {
    expect(parseRequest({ type: 'stats', id: 1, gc: true })).toEqual({ type: 'stats', id: 1, gc: true });
    expect(parseRequest({ type: 'heap-snapshot', id: 2, dir: '/tmp', tag: 'x' })).toMatchObject({ type: 'heap-snapshot' });
    expect(parseRequest({ type: 'heap-snapshot', id: 2 })).toBeUndefined();
    expect(parseRequest({ type: 'usage', id: 3 })).toBeUndefined();
    expect(parseReply({ type: 'heap-snapshot', id: 2, file: '/tmp/x.heapsnapshot' })).toMatchObject({ file: '/tmp/x.heapsnapshot' });
    expect(parseReply({ type: 'stats', id: 1, cpu: { user: 1, system: 2 } })).toBeUndefined();
  });
});
