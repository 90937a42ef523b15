// Applies the committed drizzle-kit migrations. Safe to run on every start and from several
// instances at once: the migrator skips what is applied and a lock serialises the runners.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { DatabaseHandle } from './client';

// Resolves the same from src/db (tsx, jest) and dist/db (the build): migrations are not compiled.
export const migrationsFolder = path.join(__dirname, '..', '..', 'src', 'db', 'migrations');

const MIGRATION_LOCK_KEY = 0x0da7e11e;

/** Applies the migrations in `folder` (the committed ones unless a test upgrades from older). */
export async function migrateDatabase(
  handle: DatabaseHandle,
  folder: string = migrationsFolder,
): Promise<void> {
  await handle.withExclusiveLock(MIGRATION_LOCK_KEY, async (db) => {
    if (handle.driver === 'postgres') {
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: folder });
    } else {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: folder });
    }
  });
}

export interface MigrationFile {
  tag: string;
  /** drizzle's order key: a migration is pending when it is newer than the last one applied. */
  when: number;
}

/** The committed migrations, oldest first. */
export function committedMigrations(folder: string = migrationsFolder): MigrationFile[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: MigrationFile[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}

/** The committed migrations not yet applied to the database, oldest first; nothing is changed. */
export async function pendingMigrations(
  handle: DatabaseHandle,
  folder: string = migrationsFolder,
): Promise<MigrationFile[]> {
  // The same rule as drizzle's migrator: the last applied migration's timestamp.
  const rows = async <R>(query: SQL): Promise<R[]> =>
    ((await handle.db.execute(query)) as { rows: R[] }).rows;
  const [table] = await rows<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
  );
  let last = -Infinity;
  if (table?.exists) {
    const [applied] = await rows<{ created_at: string | number }>(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    if (applied) last = Number(applied.created_at);
  }
  return committedMigrations(folder).filter((entry) => entry.when > last);
}
