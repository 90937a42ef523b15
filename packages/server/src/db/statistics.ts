// Planner statistics kept current during bulk writes. Autovacuum analyzes a table once a tenth of
// it has changed, but only on its next round (up to a minute later) and never on the embedded
// database; a folder ingested into an empty database would meanwhile plan every lookup on the
// statistics of an empty table (a 1,000-entity candidate lookup took 2 s so, 0.2 s after ANALYZE).
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/** Autovacuum's default rule: analyze after 50 rows plus a tenth of the table have changed. */
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/**
 * Analyzes those of `tables` that autovacuum would analyze now (changed by more than 50 rows plus
 * a tenth of their rows since their last statistics), skipping any another session is analyzing
 * or vacuuming. One cheap catalogue read when none is due. Returns the tables analyzed.
 */
export async function analyzeStaleTables(
  db: Database,
  tables: readonly PgTable[],
): Promise<string[]> {
  const result = await db.execute(sql`
    select s.relname as name
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
       and s.relname = any(${sql.param(tables.map((table) => getTableName(table)))}::text[])
       and s.n_mod_since_analyze > ${BASE_THRESHOLD} + ${SCALE_FACTOR} * greatest(c.reltuples, 0)`);
  const stale = (result as { rows: { name: string }[] }).rows.map((row) => row.name);
  if (stale.length === 0) return [];
  await db.execute(
    sql`analyze (skip_locked) ${sql.join(
      stale.map((name) => sql.identifier(name)),
      sql`, `,
    )}`,
  );
  return stale;
}
