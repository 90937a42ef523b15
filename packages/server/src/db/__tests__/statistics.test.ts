// Planner statistics during bulk writes: a table that grew past autovacuum's threshold is analyzed
// at once (the embedded database has no autovacuum at all), one that did not is left alone, and
// the trigram indexes fuzzy entity lookups use keep no pending list to read through.
import { sql } from 'drizzle-orm';
import { analyzeStaleTables } from '../statistics';
import { entities, entityAliases } from '../schema';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

const estimatedRows = async (table: string): Promise<number> => {
  const result = await database.handle.db.execute(
    sql`select reltuples::int as rows from pg_class where oid = ${table}::regclass`,
  );
  return (result as { rows: { rows: number }[] }).rows[0]!.rows;
};

describe('analyzeStaleTables', () => {
  it('analyzes a table once a tenth of it (and 50 rows) changed since its statistics, and only then', async () => {
    const db = database.handle.db;
    await analyzeStaleTables(db, [entities, entityAliases]);
    await db.execute(sql`
      insert into entities (name, kind)
      select 'Statistics Entity ' || n, 'ORGANIZATION' from generate_series(1, 400) as n`);
    // The counters reach the statistics views when a transaction ends; give them a moment.
    let analyzed: string[] = [];
    for (let attempt = 0; attempt < 50 && analyzed.length === 0; attempt++) {
      analyzed = await analyzeStaleTables(db, [entities, entityAliases]);
      if (analyzed.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(analyzed).toEqual(['entities']);
    expect(await estimatedRows('entities')).toBeGreaterThanOrEqual(400);

    await db.execute(sql`
      insert into entities (name, kind)
      select 'Statistics Entity Extra ' || n, 'ORGANIZATION' from generate_series(1, 10) as n`);
    expect(await analyzeStaleTables(db, [entities, entityAliases])).toEqual([]);
  });

  it('keeps the trigram indexes of entity names and aliases free of a pending list', async () => {
    const result = await database.handle.db.execute(sql`
      select c.relname as name, c.reloptions as options
        from pg_class c
       where c.relname in ('entities_name_trgm_idx', 'entity_aliases_alias_trgm_idx')
       order by c.relname`);
    expect((result as { rows: unknown[] }).rows).toEqual([
      { name: 'entities_name_trgm_idx', options: ['fastupdate=off'] },
      { name: 'entity_aliases_alias_trgm_idx', options: ['fastupdate=off'] },
    ]);
  });
});
