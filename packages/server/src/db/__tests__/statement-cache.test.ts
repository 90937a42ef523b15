// Statements run through the statement cache give the rows drizzle's own select gives: values
// decoded (timestamps as Dates, integers from text), nested objects in place, a left-joined
// object null when its row is missing and present when it is there.
import { alias } from 'drizzle-orm/pg-core';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { entities } from '../schema';
import { StatementCache, inIds, literalBinder } from '../statement-cache';
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

  it('builds a statement per value it inlines, and binds the rest', async () => {
    const db = database.handle.db;
    const inserted = await db
      .insert(entities)
      .values(
        ['One', 'Two', 'Three', 'Four'].map((name) => ({
          name: `Inlined ${name}`,
          kind: 'PERSON' as const,
        })),
      )
      .returning({ id: entities.id });
    const ids = inserted.map((row) => row.id);
    const statements = new StatementCache();
    const texts: string[] = [];
    const page = (take: number, after: number) =>
      statements.run(
        'test:inline',
        { take, after },
        (bind) => {
          const query = db
            .select({ id: entities.id })
            .from(entities)
            .where(and(inIds(entities.id), gt(entities.id, bind('after'))))
            .orderBy(entities.id)
            .limit(sql.raw(String(bind.inline('take'))) as unknown as number);
          texts.push(query.toSQL().sql);
          return query;
        },
        ids,
      );
    const firstId = ids[0]!;
    expect((await page(2, 0)).map((row) => row.id)).toEqual(ids.slice(0, 2));
    expect((await page(3, 0)).map((row) => row.id)).toEqual(ids.slice(0, 3));
    // The same size again runs the statement built for it; another cursor is bound, not inlined.
    expect((await page(2, firstId)).map((row) => row.id)).toEqual(ids.slice(1, 3));
    expect((await page(3, firstId)).map((row) => row.id)).toEqual(ids.slice(1, 4));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/limit 2$/);
    expect(texts[1]).toMatch(/limit 3$/);
    expect(() => page(1.5, 0)).toThrow(/take: 1.5 is not a whole number/);
  });

  it('inlines through a binder that writes the values into the statement', () => {
    const bind = literalBinder({ keyset: { take: 20 } });
    expect(bind.at('keyset').inline('take')).toBe(20);
    expect(() => literalBinder({ take: -1 }).inline('take')).toThrow(/not a whole number/);
  });
});
