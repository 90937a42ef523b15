// The shared transaction helper re-runs a transaction PostgreSQL aborted as a deadlock victim. On
// PostgreSQL the two transactions below run on separate pooled connections and deadlock; the
// embedded database runs them one after the other, where both must succeed just the same.
import { sql } from 'drizzle-orm';
import { inTransaction } from '../transaction';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.handle.db.execute(sql`create table counters (id int primary key, n int not null)`);
  await database.handle.db.execute(sql`insert into counters values (1, 0), (2, 0)`);
});
afterAll(() => database.dispose());

/** Resolves when both sides have arrived, or after `ms` if the other side cannot run meanwhile. */
function meeting(ms: number) {
  let arrived = 0;
  let release: () => void = () => {};
  const met = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    arrived += 1;
    if (arrived >= 2) release();
    await Promise.race([met, new Promise((resolve) => setTimeout(resolve, ms))]);
  };
}

describe('inTransaction', () => {
  it('re-runs the transaction a deadlock aborted, so both writers that locked rows in opposite order succeed', async () => {
    const db = database.handle.db;
    const meet = meeting(1_000);
    let attempts = 0;
    const bump = (first: number, second: number) =>
      inTransaction(db, async (tx) => {
        attempts += 1;
        await tx.execute(sql`update counters set n = n + 1 where id = ${first}`);
        // Only the first attempts wait for each other: that is what makes them deadlock.
        if (attempts <= 2) await meet();
        await tx.execute(sql`update counters set n = n + 1 where id = ${second}`);
      });

    await expect(Promise.all([bump(1, 2), bump(2, 1)])).resolves.toEqual([undefined, undefined]);
    const rows = await db.execute(sql`select id, n from counters order by id`);
    expect((rows as { rows: unknown[] }).rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });
});
