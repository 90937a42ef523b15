// Opens the database Dateline runs on: a PostgreSQL server when a URL is given, otherwise the
// embedded PostgreSQL (PGlite) in a data directory. Everything above this file sees one type.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Client, Pool } from 'pg';
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
}

const LISTEN_RETRY_MAX_MS = 5_000;

/** A dedicated connection outside the pool (a pooled one would lose its LISTEN on release). */
async function listenPostgres(
  url: string,
  channel: string,
  heard: () => void,
  onConnectionError?: (error: Error) => void,
): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  let delayMs = 100;
  const connect = async (): Promise<void> => {
    while (!stopped) {
      const candidate = new Client({ connectionString: url });
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

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  logger?: Logger;
  /** Told when an idle pooled connection fails (server restart, failover); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  const db: Database = drizzlePg({ client: pool, schema, logger: options.logger ?? false });
  return {
    db,
    driver: 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
    async withExclusiveLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(drizzlePg({ client, schema }));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    listen: (channel, heard) =>
      listenPostgres(options.url, channel, heard, options.onConnectionError),
  };
}

export interface EmbeddedOptions {
  /** A directory to keep the data in; in memory when absent. */
  dataDir?: string;
  logger?: Logger;
  /** An already opened PGlite instance (tests clone a migrated template). */
  client?: PGlite;
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client =
    options.client ??
    (await PGlite.create(options.dataDir ?? 'memory://', { extensions: { pg_trgm } }));
  const db: Database = drizzlePglite({ client, schema, logger: options.logger ?? false });
  return {
    db,
    driver: 'embedded',
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
}

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
  return openEmbedded({
    dataDir: options.dataDir,
    ...(options.logger && { logger: options.logger }),
  });
}
