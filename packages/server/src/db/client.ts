// Opens the database Dateline runs on: a PostgreSQL server when a URL is given, otherwise the
// embedded PostgreSQL (PGlite) in a data directory. Everything above this file sees one type.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Pool, type PoolClient } from 'pg';
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
}

export interface PostgresOptions {
  url: string;
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
  const pool = new Pool({
    connectionString: options.url,
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
  const pooled = drizzlePg({ client: pool, schema, logger });
  // drizzle checks a client out for a transaction but releases it only once BEGIN has succeeded:
  // each connection that broke during BEGIN was lost to the pool for good, and after `max` of them
  // every request waited forever. Here the client is released whatever fails, and a broken one
  // is closed rather than handed to the next request.
  const onClient = new WeakMap<PoolClient, ReturnType<typeof drizzlePg<Schema, PoolClient>>>();
  pooled.transaction = async (work, config) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // One drizzle per connection: building one reads the whole schema (half a millisecond).
      let onThis = onClient.get(client);
      if (!onThis) onClient.set(client, (onThis = drizzlePg({ client, schema, logger })));
      return await onThis.transaction(work, config);
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  };
  const db: Database = pooled;
  return {
    db,
    driver: 'postgres',
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
