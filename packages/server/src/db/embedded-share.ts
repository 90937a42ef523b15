// Shares a server's embedded database with `dateline` commands: PGlite answers the PostgreSQL
// protocol on a Unix socket in the data directory (127.0.0.1 when the path is too long for one),
// so a command connects with `pg` instead of opening the directory a second time.
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** pg looks for `<host>/.s.PGSQL.<port>` when host is a directory. */
const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// sockaddr_un holds 108 bytes on Linux, 104 on macOS.
const MAX_SOCKET_PATH = 100;

// Messages of the extended protocol up to Sync: another session must not run in between, as it
// would replace the unnamed statement and portal.
const MID_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((type) => type.charCodeAt(0)));

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/**
 * What pglite-socket sees as its database: the server's PGlite, except that a command's
 * transaction (or extended-protocol batch) shuts the server's own queries out until it ends.
 * PGlite is one session, and pglite-socket alone only orders its own clients, so a server query
 * could otherwise run inside a command's open transaction, or a command's statement inside one
 * of the server's transactions.
 */
class SessionGate {
  private release: (() => void) | undefined;
  private lastMessageType = 0;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: PGlite,
    private readonly connections: () => number,
  ) {}

  get waitReady(): Promise<void> {
    return this.client.waitReady;
  }

  isInTransaction(): boolean {
    return this.client.isInTransaction();
  }

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.release) await this.hold();
    try {
      return await this.client.runExclusive(work);
    } finally {
      if (!MID_BATCH.has(this.lastMessageType) && !this.client.isInTransaction()) this.letGo();
    }
  }

  async execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<void> {
    this.lastMessageType = message[0] ?? 0;
    // A startup message (no type byte): the new session must not inherit the previous command's
    // prepared statements or settings.
    if (this.lastMessageType === 0) await this.client.execProtocolRaw(simpleQuery('DISCARD ALL'));
    await this.client.execProtocolRawStream(message, options);
  }

  /** pglite-socket rolls back a transaction its client left open by disconnecting. */
  async exec(text: string): Promise<unknown> {
    if (!this.release) return this.client.exec(text);
    try {
      return await this.client.runExclusive(() => this.client.execProtocolRaw(simpleQuery(text)));
    } finally {
      this.letGo();
    }
  }

  private async hold(): Promise<void> {
    await new Promise<void>((held) => {
      void this.client._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.release = release;
            held();
          }),
      );
    });
    // A client that vanished in the middle of a batch sends nothing more: give the database back.
    this.watchdog = setInterval(() => {
      if (this.connections() > 0) return;
      void (async () => {
        if (this.client.isInTransaction()) await this.exec('ROLLBACK');
        else this.letGo();
      })();
    }, 1000);
    this.watchdog.unref();
  }

  private letGo(): void {
    clearInterval(this.watchdog);
    const release = this.release;
    this.release = undefined;
    this.lastMessageType = 0;
    release?.();
  }
}

export interface SharedDatabase {
  /** The `host` and `port` a pg client connects to. */
  connection: { host: string; port: number };
  stop(): Promise<void>;
}

export async function shareEmbedded(client: PGlite, dataDir: string): Promise<SharedDatabase> {
  const socketPath = path.join(dataDir, SOCKET_NAME);
  const useSocket = process.platform !== 'win32' && socketPath.length <= MAX_SOCKET_PATH;
  let connections = (): number => 0;
  const gate = new SessionGate(client, () => connections());
  if (useSocket) {
    // Left by a server that crashed; the caller holds the data directory's lock.
    try {
      unlinkSync(socketPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const server = new PGLiteSocketServer({
    // The gate implements the part of PGlite that pglite-socket uses.
    db: gate as unknown as PGlite,
    ...(useSocket ? { path: socketPath } : { host: '127.0.0.1', port: 0 }),
    // One command at a time; PGlite is a single session.
    maxConnections: 1,
  });
  connections = () => server.getStats().activeConnections;
  await server.start();
  const connection = useSocket
    ? { host: dataDir, port: SOCKET_PORT }
    : { host: '127.0.0.1', port: Number(server.getServerConn().split(':').pop()) };
  return {
    connection,
    stop: async () => {
      await server.stop();
    },
  };
}
