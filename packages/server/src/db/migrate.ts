// Applies the committed drizzle-kit migrations. Safe to run on every start and from several
// instances at once: the migrator skips what is applied and a lock serialises the runners.
import path from 'node:path';
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
