// Opens the database Dateline runs on: a PostgreSQL server when a URL is given, otherwise the
// embedded PostgreSQL (PGlite) in a data directory. Everything above this file sees one type.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Client, Pool, type ClientConfig, type PoolClient } from 'pg';
import { DataDirInUseError, dataDirOwner, lockDataDir, type DataDirOwner } from './data-dir-lock';
import { shareEmbedded, type SharedDatabase } from './embedded-share';
import { isDatabaseUnavailable } from './errors';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'embedded';
  /** Runs a trivial statement; resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Runs `fn` while holding a database-wide lock, so concurrent instances take turns. */
  withExclusiveLock<T>(key: number, fn: (db: Database) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` and calls `heard` for each notification and after every (re)connection
   * (notifications sent while disconnected are lost, so the caller catches up then). Resolves
   * with a function that stops listening.
   */
  listen(channel: string, heard: () => void): Promise<() => Promise<void>>;
  /** Tells `observer` about every statement requests run from now on (metrics, tracing). */
  observeStatements(observer: StatementObserver): void;
  /** Connections in use and waiting, for the metrics endpoint. */
  poolUse(): PoolUse;
  /**
   * A pool of `size` connections of its own, for reads that must not queue behind requests
   * (the realtime fan-out); absent where there is a single connection anyway (embedded).
   */
  separatePool?(size: number): { db: Database; close(): Promise<void> };
}

const LISTEN_RETRY_MAX_MS = 5_000;

/** A dedicated connection outside the pool (a pooled one would lose its LISTEN on release). */
async function listenPostgres(
  connection: ClientConfig,
  channel: string,
  heard: () => void,
  onConnectionError?: (error: Error) => void,
): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  let delayMs = 100;
  const connect = async (): Promise<void> => {
    while (!stopped) {
      const candidate = new Client(connection);
      candidate.on('error', (error) => onConnectionError?.(error));
      try {
        await candidate.connect();
        await candidate.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
        candidate.on('notification', () => heard());
        candidate.once('end', () => {
          client = undefined;
          if (!stopped) void connect();
        });
        client = candidate;
        delayMs = 100;
        heard();
        return;
      } catch (error) {
        onConnectionError?.(error as Error);
        await candidate.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, LISTEN_RETRY_MAX_MS);
      }
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

/** Told when a statement starts; the function it returns is called when the statement ends. */
export type StatementObserver = (sql: string) => (error?: unknown) => void;

export interface PoolUse {
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * `query` reporting to the current observer: start and end, whether the caller passes a callback
 * (pg's pool does) or awaits a promise (drizzle does). Without an observer it costs one check.
 */
function observedQuery(query: QueryFunction, observer: () => StatementObserver | undefined) {
  return function (this: unknown, ...args: unknown[]): unknown {
    const observe = observer();
    if (!observe) return query.apply(this, args);
    const first = args[0];
    const text =
      typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const end = observe(text);
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        end(error ?? undefined);
        return (callback as QueryFunction)(error, ...rest);
      };
      return query.apply(this, args);
    }
    let result: unknown;
    try {
      result = query.apply(this, args);
    } catch (error) {
      end(error);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          end();
          return value;
        },
        (error: unknown) => {
          end(error);
          throw error;
        },
      );
    }
    end();
    return result;
  };
}

export interface PostgresOptions {
  url?: string;
  /** A server's shared embedded database (a Unix socket directory or 127.0.0.1), for no URL. */
  socket?: { host: string; port: number };
  poolSize?: number;
  statementTimeoutMs?: number;
  logger?: Logger;
  /**
   * Told when a connection fails (server restart, failover, an administrator ending it), idle or
   * in use; the request using it fails and the pool opens a new one for the next.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * How long a request waits for a pooled connection before it fails as unavailable; without it a
 * request would wait forever while the database is unreachable.
 */
const CHECKOUT_TIMEOUT_MS = 10_000;

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const connection: ClientConfig = options.socket
    ? { ...options.socket, user: 'postgres', database: 'postgres' }
    : { connectionString: options.url };
  const pool = new Pool({
    ...connection,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CHECKOUT_TIMEOUT_MS,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const reportError = (error: Error): void => options.onConnectionError?.(error);
  // A pg client emits 'error' when its connection breaks, and an 'error' event without a listener
  // ends the process. The pool listens only while a client is idle, so every client gets its own
  // listener for its whole life, checked out (in a transaction, mid-query) or not.
  pool.on('connect', (client) => {
    client.on('error', reportError);
  });
  // The client's own listener has reported it; the pool just drops the client.
  pool.on('error', () => undefined);
  const logger = options.logger ?? false;
  let observer: StatementObserver | undefined;
  const currentObserver = (): StatementObserver | undefined => observer;
  // Statements outside a transaction go through pool.query, in the caller's async context (so a
  // trace span gets the right parent); the time includes waiting for a free connection.
  pool.query = observedQuery(pool.query.bind(pool), currentObserver) as typeof pool.query;
  const pooled = drizzlePg({ client: pool, schema, logger });
  // drizzle checks a client out for a transaction but releases it only once BEGIN has succeeded:
  // each connection that broke during BEGIN was lost to the pool for good, and after `max` of them
  // every request waited forever. Here the client is released whatever fails, and a broken one
  // is closed rather than handed to the next request.
  const onClient = new WeakMap<PoolClient, ReturnType<typeof drizzlePg<Schema, PoolClient>>>();
  pooled.transaction = async (work, config) => {
    const client = await pool.connect();
    // Put back as it was after the transaction; always called as a method of the client.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const plainQuery = client.query as QueryFunction;
    let broken: Error | undefined;
    try {
      // One drizzle per connection: building one reads the whole schema (half a millisecond).
      let onThis = onClient.get(client);
      if (!onThis) onClient.set(client, (onThis = drizzlePg({ client, schema, logger })));
      // Observed only while this transaction has it: pool.query uses the same clients.
      if (observer)
        client.query = observedQuery(plainQuery, currentObserver) as typeof client.query;
      return await onThis.transaction(work, config);
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.query = plainQuery as typeof client.query;
      client.release(broken);
    }
  };
  const db: Database = pooled;
  return {
    db,
    driver: 'postgres',
    observeStatements(next) {
      observer = next;
    },
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
    async withExclusiveLock(key, fn) {
      // A pooled client, so it has the error listener above.
      const client = await pool.connect();
      let failure: unknown;
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(drizzlePg({ client, schema }));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        // A failed client may hold the lock or a broken connection: close it rather than reuse it.
        client.release(failure instanceof Error ? failure : undefined);
      }
    },
    listen: (channel, heard) =>
      listenPostgres(connection, channel, heard, options.onConnectionError),
    separatePool(size) {
      const separate = new Pool({
        ...connection,
        max: size,
        connectionTimeoutMillis: CHECKOUT_TIMEOUT_MS,
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      });
      separate.on('connect', (client) => {
        client.on('error', reportError);
      });
      separate.on('error', () => undefined);
      separate.query = observedQuery(
        separate.query.bind(separate),
        currentObserver,
      ) as typeof separate.query;
      return { db: drizzlePg({ client: separate, schema, logger }), close: () => separate.end() };
    },
  };
}

export interface EmbeddedOptions {
  /** A directory to keep the data in; in memory when absent. */
  dataDir?: string;
  logger?: Logger;
  /** An already opened PGlite instance (tests clone a migrated template). */
  client?: PGlite;
}

/** A PGlite with the extensions Dateline's migrations need; in memory without a directory. */
export function createPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = options.client ?? (await createPglite(options.dataDir));
  let observer: StatementObserver | undefined;
  let running = 0;
  const counting: StatementObserver = (sql) => {
    running += 1;
    const end = observer?.(sql);
    return (error) => {
      running -= 1;
      end?.(error);
    };
  };
  const observing = (): StatementObserver | undefined => (observer ? counting : undefined);
  // drizzle sends statements through query, and through the transaction's own query inside one.
  client.query = observedQuery(
    client.query.bind(client) as QueryFunction,
    observing,
  ) as typeof client.query;
  const transaction = client.transaction.bind(client);
  client.transaction = ((
    work: (tx: Parameters<Parameters<PGlite['transaction']>[0]>[0]) => Promise<unknown>,
  ) =>
    transaction((tx) => {
      tx.query = observedQuery(tx.query.bind(tx) as QueryFunction, observing) as typeof tx.query;
      return work(tx);
    })) as typeof client.transaction;
  const db: Database = drizzlePglite({ client, schema, logger: options.logger ?? false });
  return {
    db,
    driver: 'embedded',
    observeStatements(next) {
      observer = next;
    },
    // One connection in this process: busy while a statement runs, the rest queue inside PGlite.
    poolUse: () => ({ total: 1, idle: running > 0 ? 0 : 1, waiting: Math.max(0, running - 1) }),
    async ping() {
      await client.query('select 1');
    },
    close: () => client.close(),
    // PGlite is a single connection in this process: nothing else can interleave.
    withExclusiveLock: (_key, fn) => fn(db),
    async listen(channel, heard) {
      const unlisten = await client.listen(channel, () => heard());
      heard();
      return unlisten;
    },
  };
}
export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  logger?: Logger;
  onConnectionError?: (error: Error) => void;
  /**
   * For the server: hold the embedded data directory and share it with `dateline` commands.
   * Without it a command connects to the running server's database, or holds the directory
   * itself while it runs.
   */
  share?: boolean;
}

const SHARED_WAIT_MS = 60_000;

/**
 * Connects to the database a running server shares. It takes one connection at a time, so a
 * command waits while another one is connected.
 */
async function connectToShared(
  dataDir: string,
  owner: DataDirOwner,
  socket: { host: string; port: number },
  logger: Logger | undefined,
): Promise<DatabaseHandle> {
  const deadline = Date.now() + SHARED_WAIT_MS;
  for (;;) {
    const handle = openPostgres({ socket, poolSize: 1, ...(logger && { logger }) });
    try {
      await handle.ping();
      return handle;
    } catch (error) {
      await handle.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ECONNREFUSED') {
        throw new Error(
          `The Dateline server (process ${owner.pid}) that has the embedded database in ${dataDir} ` +
            'is not answering on its socket; it may be stopping. Try again once it has stopped.',
          { cause: error },
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The Dateline server (process ${owner.pid}) serves the embedded database in ${dataDir} ` +
            'to one command at a time, and another command has had it for a minute. Try again ' +
            'when that one has finished.',
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Opens the configured database: DATABASE_URL, or the embedded one in the data directory. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return openPostgres({
      url: options.databaseUrl,
      ...(options.poolSize !== undefined && { poolSize: options.poolSize }),
      ...(options.statementTimeoutMs !== undefined && {
        statementTimeoutMs: options.statementTimeoutMs,
      }),
      ...(options.logger && { logger: options.logger }),
      ...(options.onConnectionError && { onConnectionError: options.onConnectionError }),
    });
  }
  const logger = options.logger && { logger: options.logger };
  if (!options.share) {
    // A running server shares its database: use that instead of opening the directory again.
    const owner = dataDirOwner(options.dataDir);
    if (owner?.role === 'server' && owner.connection) {
      return connectToShared(options.dataDir, owner, owner.connection, options.logger);
    }
    if (owner) throw new DataDirInUseError(options.dataDir, owner);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataDir(options.dataDir, options.share ? 'server' : 'command');
  let shared: SharedDatabase | undefined;
  try {
    const client = await createPglite(options.dataDir);
    const handle = await openEmbedded({ client, ...logger });
    if (options.share) {
      shared = await shareEmbedded(client, options.dataDir);
      lock.publish(shared.connection);
    }
    return {
      ...handle,
      async close() {
        try {
          await shared?.stop();
          await handle.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await shared?.stop();
    lock.release();
    throw error;
  }
}
