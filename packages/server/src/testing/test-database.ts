// Databases for tests: an in-memory embedded PostgreSQL by default, or a fresh database on the
// server named by TEST_DATABASE_URL, created for one suite and dropped after it.
import { randomBytes } from 'node:crypto';
import { sql, type Logger } from 'drizzle-orm';
import { Client } from 'pg';
import { openDatabase, openEmbedded, openPostgres, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The connection URL, when the database is a PostgreSQL server's. */
  url: string | undefined;
  /** Closes and, on a server, drops the database. */
  dispose(): Promise<void>;
}

export function testDatabaseServerUrl(): string | undefined {
  return process.env['TEST_DATABASE_URL'] || undefined;
}

/** The Groonga server the groonga engine's tests use (.ci/run starts one), if any. */
export function testGroongaUrl(): string | undefined {
  return process.env['TEST_GROONGA_URL'] || undefined;
}

/** Creates an empty database on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function createServerDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dateline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A migrated, empty database for one test suite. */
export async function openTestDatabase(
  options: { logger?: Logger; migrationsFolder?: string } = {},
): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  if (serverUrl) {
    const { url, drop } = await createServerDatabase(serverUrl);
    const handle = openPostgres({
      url,
      poolSize: 4,
      ...(options.logger && { logger: options.logger }),
    });
    await migrateDatabase(handle, options.migrationsFolder);
    return {
      handle,
      url,
      dispose: async () => {
        await handle.close();
        await drop();
      },
    };
  }
  const handle = await openEmbedded(options.logger ? { logger: options.logger } : {});
  await migrateDatabase(handle, options.migrationsFolder);
  return { handle, url: undefined, dispose: () => handle.close() };
}

/**
 * Runs one statement on the database a server uses, from outside that server: its PostgreSQL
 * database, or its embedded one through the socket the running server shares.
 */
export async function runStatement(
  where: { databaseUrl: string | undefined; dataDir: string },
  statement: string,
): Promise<void> {
  const handle = await openDatabase(where);
  try {
    await handle.db.execute(sql.raw(statement));
  } finally {
    await handle.close();
  }
}
