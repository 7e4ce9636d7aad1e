import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@bodega/logger';
import { SessionLock } from './session-lock';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Frontend messages that end a protocol cycle: the backend answers ReadyForQuery after them. */
const CYCLE_END = new Set(['S', 'Q']);
const TERMINATE = 'X';
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

export interface WireServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves one PGlite over the Postgres wire protocol to any number of client connections, as
 * `@electric-sql/pglite-socket` does, but hands the single session from one connection to the
 * next only when it is at rest (after Sync or a simple query, outside a transaction).
 * pglite-socket interleaves messages of different connections between Bind and Execute, so one
 * connection's Sync closes another's unnamed portal (`portal "" does not exist`, 34000): electric-sql/pglite#1046.
 */
export async function serveOverWire(db: PGlite, options: { port: number; host?: string; log?: Logger }): Promise<WireServer> {
  const lock = new SessionLock<Connection>();
  const connections = new Set<Connection>();
  const server: Server = createServer((socket) => {
    const connection = new Connection(socket, db, lock, options.log);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((connection) => connection.close()));
      await closed;
    },
  };
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private closing: Promise<void> | undefined;
  /** Messages run one after another, in the order they arrived. */
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly lock: SessionLock<Connection>,
    private readonly log: Logger | undefined,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => this.receive(data));
    socket.on('error', () => void this.close());
    socket.on('close', () => void this.close());
  }

  private receive(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    for (let message = this.nextMessage(); message; message = this.nextMessage()) {
      const current = message;
      this.work = this.work.then(() => this.handle(current)).catch((error: unknown) => this.fail(error));
    }
  }

  /** The next complete message in the buffer, or undefined. */
  private nextMessage(): { type: string | undefined; bytes: Buffer } | undefined {
    if (!this.started) {
      if (this.buffer.length < 8) return undefined;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return undefined;
      return { type: undefined, bytes: this.take(length) };
    }
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    return { type: String.fromCharCode(this.buffer[0]!), bytes: this.take(length) };
  }

  private take(length: number): Buffer {
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }

  private async handle(message: { type: string | undefined; bytes: Buffer }): Promise<void> {
    if (this.closing) return;
    if (message.type === undefined) return this.startup(message.bytes);
    if (message.type === TERMINATE) return this.close();
    await this.lock.acquire(this);
    if (this.closing) return;
    await this.run(message.bytes);
    if (CYCLE_END.has(message.type) && !this.db.isInTransaction()) this.lock.release(this);
  }

  private async startup(bytes: Buffer): Promise<void> {
    const code = bytes.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
      return;
    }
    // PGlite has no backend process to interrupt; a cancel request's connection just ends.
    if (code === CANCEL_REQUEST) return void this.socket.end();
    if (code !== PROTOCOL_3) return void this.socket.destroy();
    this.started = true;
    await this.lock.acquire(this);
    try {
      await this.run(bytes);
    } finally {
      if (!this.db.isInTransaction()) this.lock.release(this);
    }
  }

  private run(bytes: Uint8Array): Promise<void> {
    return this.db.runExclusive(() =>
      this.db.execProtocolRawStream(bytes, {
        onRawData: (data) => {
          if (data.length > 0 && this.socket.writable) this.socket.write(data);
        },
      }),
    );
  }

  private fail(error: unknown): void {
    this.log?.error({ err: error }, 'embedded database connection failed');
    void this.close();
  }

  /** Leaves the session at rest for the next connection: no half-done cycle, no open transaction. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.lock.abandon(this);
      if (this.lock.holds(this)) {
        try {
          await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
          if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
        } catch (error) {
          this.log?.warn({ err: error }, 'could not reset the embedded database session');
        } finally {
          this.lock.release(this);
        }
      }
      this.socket.destroy();
    })();
    return this.closing;
  }
}
