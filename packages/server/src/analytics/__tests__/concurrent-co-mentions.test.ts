// Writers changing the same co-mention counts at once. On PostgreSQL the writes run on separate
// pooled connections and really overlap; the embedded database runs them one after another,
// where the counts must come out the same.
import { sql } from 'drizzle-orm';
import { toGlobalId } from '../../shared/ids';
import { createTestApi, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ sample: false });
});
afterAll(() => api.dispose());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await api.database.handle.db.execute(query);
  return (result as { rows: T[] }).rows;
}

const CO_MENTIONS = `query ($id: ID!) {
  node(id: $id) { ... on Entity { coMentions(first: 10) { entity { name } count } } }
}`;

async function coMentionsOf(
  entityId: number,
): Promise<{ entity: { name: string }; count: number }[]> {
  const result = await api.execute<{
    node: { coMentions: { entity: { name: string }; count: number }[] };
  }>(CO_MENTIONS, { id: toGlobalId('Entity', entityId) });
  expect(result.errors).toBeUndefined();
  return result.data!.node.coMentions;
}

describe('concurrent writers and the co-mention counts', () => {
  it('twenty articles naming the same two entities, created at once, count twenty articles for the pair', async () => {
    const { services } = api.container;
    const tavish = await services.entities.create({ name: 'Tavish Orr', kind: 'PERSON' });
    const lumen = await services.entities.create({ name: 'Lumen Quay', kind: 'PLACE' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        services.articles.create({
          headline: `Tavish Orr at Lumen Quay, part ${index}`,
          body: `Tavish Orr visited Lumen Quay again, visit number ${index}.`,
          publishedAt: new Date(Date.UTC(2024, 4, 1 + index)),
          mentions: [
            { entity: { id: toGlobalId('Entity', tavish.id) } },
            { entity: { id: toGlobalId('Entity', lumen.id) } },
            // Half of them also name a third entity, created by the first of them to commit.
            ...(index % 2
              ? [{ entity: { name: 'Brisk Harbour Authority', kind: 'ORGANIZATION' as const } }]
              : []),
          ],
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await coMentionsOf(tavish.id)).toEqual([
      { entity: { name: 'Lumen Quay' }, count: 20 },
      { entity: { name: 'Brisk Harbour Authority' }, count: 10 },
    ]);
    expect(await coMentionsOf(lumen.id)).toEqual([
      { entity: { name: 'Tavish Orr' }, count: 20 },
      { entity: { name: 'Brisk Harbour Authority' }, count: 10 },
    ]);
  });

  it('quotes adding different speakers to one article at once count every pair of them', async () => {
    const { services } = api.container;
    const { article } = await services.articles.create({
      headline: 'Council vote',
      body: 'The council voted on the harbour plan late on Monday.',
      publishedAt: new Date('2024-07-01T00:00:00Z'),
      mentions: [{ entity: { name: 'Vell Council', kind: 'ORGANIZATION' } }],
    });
    const speakers = await Promise.all(
      ['Ada Quell', 'Bo Renn', 'Cyra Holt', 'Dov Ames'].map((name) =>
        services.entities.create({ name, kind: 'PERSON' }),
      ),
    );
    // Each quote names a speaker the article did not mention yet: four writers, one article.
    const results = await Promise.allSettled(
      speakers.map((speaker) =>
        services.quotes.create(toGlobalId('Article', article.id), {
          text: 'The council voted',
          direct: false,
          spanStart: 0,
          speaker: { id: toGlobalId('Entity', speaker.id) },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const [council] = await rows<{ id: number }>(
      sql`select entity_id as id from article_mentions where article_id = ${article.id}
          except select unnest(${`{${speakers.map((speaker) => speaker.id).join(',')}}`}::int[])`,
    );
    expect((await coMentionsOf(Number(council!.id))).map((entry) => entry.count)).toEqual([
      1, 1, 1, 1,
    ]);
    for (const speaker of speakers) {
      const others = await coMentionsOf(speaker.id);
      expect(others.map((entry) => entry.entity.name).sort()).toEqual(
        ['Ada Quell', 'Bo Renn', 'Cyra Holt', 'Dov Ames', 'Vell Council']
          .filter((name) => name !== speaker.name)
          .sort(),
      );
      expect(others.every((entry) => entry.count === 1)).toBe(true);
    }
  });
});
