// Upgrading a database written before entity names were unique per kind: the duplicates that
// concurrent find-or-create left behind must not stop the migration, and nothing may be lost.
import { asc, sql } from 'drizzle-orm';
import { migrateDatabase } from '../migrate';
import { articleMentions, articles, entities, entityAliases } from '../schema';
import { migrationsBefore } from '../../testing/older-migrations';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

let database: TestDatabase;
let older: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  older = migrationsBefore('entity-name-key');
  database = await openTestDatabase({ migrationsFolder: older.folder });
});
afterAll(async () => {
  await database.dispose();
  older.remove();
});

describe('the entity name key migration', () => {
  it('upgrades a database holding same-named entities: the oldest keeps the name, the others are renamed and keep their mentions and old name as an alias', async () => {
    const db = database.handle.db;
    await db.execute(sql`insert into entities (name, kind) values
      ('Quillon Labs', 'ORGANIZATION'), ('quillon  labs', 'ORGANIZATION'),
      ('QUILLON LABS', 'ORGANIZATION'), ('Quillon Labs', 'PERSON')`);
    const [article] = await db
      .insert(articles)
      .values({
        headline: 'Quillon Labs',
        body: 'Quillon Labs.',
        publishedAt: new Date('2024-01-01T00:00:00Z'),
        contentHash: 'x',
      })
      .returning({ id: articles.id });
    const stored = await db.execute(sql`select id from entities order by id`);
    const ids = (stored as { rows: { id: number }[] }).rows.map((row) => row.id);
    await db.insert(articleMentions).values(
      ids.map((entityId) => ({
        articleId: article!.id,
        entityId,
        mentionCount: 1,
        publishedAt: new Date('2024-01-01T00:00:00Z'),
      })),
    );

    await migrateDatabase(database.handle);

    const rows = await db
      .select({ id: entities.id, name: entities.name, kind: entities.kind })
      .from(entities)
      .orderBy(asc(entities.id));
    const [first, second, third, person] = ids as [number, number, number, number];
    expect(rows).toEqual([
      { id: first, name: 'Quillon Labs', kind: 'ORGANIZATION' },
      { id: second, name: `quillon  labs (#${second})`, kind: 'ORGANIZATION' },
      { id: third, name: `QUILLON LABS (#${third})`, kind: 'ORGANIZATION' },
      { id: person, name: 'Quillon Labs', kind: 'PERSON' },
    ]);
    expect(await db.select().from(entityAliases).orderBy(asc(entityAliases.entityId))).toEqual([
      { entityId: second, alias: 'quillon  labs' },
      { entityId: third, alias: 'QUILLON LABS' },
    ]);
    expect(await db.select().from(articleMentions)).toHaveLength(4);
  });
});
