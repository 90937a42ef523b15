// Statements run through the statement cache give the rows drizzle's own select gives: values
// decoded (timestamps as Dates, integers from text), nested objects in place, a left-joined
// object null when its row is missing and present when it is there.
import { alias } from 'drizzle-orm/pg-core';
import { eq, inArray, sql } from 'drizzle-orm';
import { entities } from '../schema';
import { StatementCache, inIds } from '../statement-cache';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

describe('StatementCache', () => {
  it('maps rows with nested and left-joined objects as drizzle does', async () => {
    const db = database.handle.db;
    const inserted = await db
      .insert(entities)
      .values([
        { name: 'Statement Cache Outlet', kind: 'MEDIA_OUTLET', title: 'wire' },
        { name: 'Statement Cache Person', kind: 'PERSON' },
        { name: 'Statement Cache Company', kind: 'ORGANIZATION', wikidataId: 'Q1' },
      ])
      .returning({ id: entities.id });
    const ids = inserted.map((row) => row.id);
    const partner = alias(entities, 'partner');
    // Each entity's partner is the next one inserted: the last has none.
    const select = (joined: boolean, outer: boolean) =>
      db
        .select({
          id: entities.id,
          name: entities.name,
          createdAt: entities.createdAt,
          labels: {
            upper: sql<string>`upper(${entities.name})`,
            length: sql<number>`length(${entities.name})`.mapWith(Number),
          },
          partner: { id: partner.id, name: partner.name, updatedAt: partner.updatedAt },
          ...(outer && { title: entities.title }),
        })
        .from(entities)
        .leftJoin(partner, joined ? eq(partner.id, sql`${entities.id} + 1`) : sql`false`);
    const statements = new StatementCache();
    for (const joined of [true, false]) {
      for (const outer of [true, false]) {
        const cached = await statements.run(
          `test:${joined}:${outer}`,
          {},
          () => select(joined, outer).where(inIds(entities.id)).orderBy(entities.id),
          ids,
        );
        const direct = await select(joined, outer)
          .where(inArray(entities.id, ids))
          .orderBy(entities.id);
        expect(cached).toEqual(direct);
        expect(direct).toHaveLength(3);
        expect(direct.map((row) => row.partner === null)).toEqual(
          joined ? [false, false, true] : [true, true, true],
        );
        expect(direct[0]?.createdAt).toBeInstanceOf(Date);
      }
    }
  });
});
