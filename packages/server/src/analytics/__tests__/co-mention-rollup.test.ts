// The co-mention rollup (entity_co_mentions) against a count from scratch over article_mentions,
// after a seeded random sequence of every kind of write that changes which entities share an
// article: bulk generation, createArticle, quotes adding speakers, publication-date changes,
// merges, article deletes and entity deletes. Runs on both databases.
import { sql } from 'drizzle-orm';
import { generateData } from '../../db/generate';
import { toGlobalId } from '../../shared/ids';
import { createTestApi, type TestApi } from '../../testing/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ sample: false });
}, 60_000);
afterAll(() => api.dispose());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await api.database.handle.db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** mulberry32: the same sequence of writes on every run and both databases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Mention {
  article_id: number;
  entity_id: number;
  published_at: string;
  kind: string;
}

async function mentionsNow(): Promise<Mention[]> {
  return rows<Mention>(sql`
    select m.article_id, m.entity_id, m.published_at::text as published_at, e.kind::text as kind
    from article_mentions m join entities e on e.id = m.entity_id`);
}

/** Ordered pairs of entities sharing articles (published in the window), counted from scratch. */
function pairCounts(
  mentions: readonly Mention[],
  keep: (mention: Mention) => boolean = () => true,
): Map<string, number> {
  const byArticle = new Map<number, Mention[]>();
  for (const mention of mentions) {
    if (!keep(mention)) continue;
    byArticle.set(mention.article_id, [...(byArticle.get(mention.article_id) ?? []), mention]);
  }
  const counts = new Map<string, number>();
  for (const group of byArticle.values())
    for (const a of group)
      for (const b of group)
        if (a.entity_id !== b.entity_id) {
          const key = `${a.entity_id}:${b.entity_id}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
  return counts;
}

/** The stored pairs, each held once with the lower id first, as counts in both directions. */
async function rollupNow(): Promise<Map<string, number>> {
  const stored = await rows<{ entity_id: number; other_id: number; articles: number }>(
    sql`select entity_id, other_id, articles from entity_co_mentions`,
  );
  const counts = new Map<string, number>();
  for (const row of stored) {
    expect(row.entity_id).toBeLessThan(row.other_id);
    counts.set(`${row.entity_id}:${row.other_id}`, Number(row.articles));
    counts.set(`${row.other_id}:${row.entity_id}`, Number(row.articles));
  }
  return counts;
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** What coMentions should answer for the entity, from the pair counts. */
function expectedTop(
  counts: Map<string, number>,
  entityId: number,
  first: number,
  kindOf?: Map<number, string>,
  kinds?: string[],
): { entity: { id: string }; count: number }[] {
  return [...counts.entries()]
    .map(([key, count]) => {
      const [entity, other] = key.split(':').map(Number) as [number, number];
      return { entity, other, count };
    })
    .filter((pair) => pair.entity === entityId)
    .filter((pair) => !kinds || kinds.includes(kindOf?.get(pair.other) ?? ''))
    .sort((a, b) => b.count - a.count || a.other - b.other)
    .slice(0, first)
    .map((pair) => ({ entity: { id: toGlobalId('Entity', pair.other) }, count: pair.count }));
}

const CO_MENTIONS = `query ($id: ID!, $first: Int!, $kinds: [EntityKind!], $from: DateTime, $before: DateTime) {
  node(id: $id) { ... on Entity {
    coMentions(first: $first, kinds: $kinds, publishedFrom: $from, publishedBefore: $before) {
      entity { id } count
    }
  } }
}`;

async function coMentions(
  entityId: number,
  variables: { first: number; kinds?: string[]; from?: string; before?: string },
): Promise<unknown> {
  const result = await api.execute<{ node: { coMentions: unknown } }>(CO_MENTIONS, {
    id: toGlobalId('Entity', entityId),
    ...variables,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.node.coMentions;
}

describe('the co-mention rollup', () => {
  it('equals a count from scratch after random creates, quotes, date changes, merges and deletes, and so do the co-mention answers', async () => {
    const { services } = api.container;
    const next = random(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    await generateData(api.database.handle.db, { articles: 60, seed: 15 });
    expect(sorted(await rollupNow())).toEqual(sorted(pairCounts(await mentionsNow())));

    const entityIds = async (): Promise<number[]> =>
      (await rows<{ id: number }>(sql`select id from entities order by id`)).map((row) =>
        Number(row.id),
      );
    const articleIds = async (): Promise<number[]> =>
      (await rows<{ id: number }>(sql`select id from articles order by id`)).map((row) =>
        Number(row.id),
      );
    const done: Record<string, number> = {};
    for (let step = 0; step < 60; step += 1) {
      const roll = next();
      const entities = await entityIds();
      const articles = await articleIds();
      let action: string;
      if (roll < 0.3) {
        action = 'create';
        const named = [
          ...new Set(Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(entities))),
        ];
        const body = `Step ${step} names several entities at once.`;
        await services.articles.create({
          headline: `Rollup step ${step}`,
          body,
          publishedAt: new Date(
            Date.UTC(2024, Math.floor(next() * 12), 1 + Math.floor(next() * 28)),
          ),
          mentions: [
            ...named.map((id) => ({ entity: { id: toGlobalId('Entity', id) } })),
            { entity: { name: `Rollup newcomer ${step}`, kind: 'ORGANIZATION' as const } },
          ],
        });
      } else if (roll < 0.45) {
        action = 'quote';
        const articleId = pick(articles);
        const [article] = await rows<{ body: string }>(
          sql`select body from articles where id = ${articleId}`,
        );
        await services.quotes.create(toGlobalId('Article', articleId), {
          text: article!.body.slice(0, 12),
          direct: false,
          spanStart: 0,
          speaker: { id: toGlobalId('Entity', pick(entities)) },
        });
      } else if (roll < 0.55) {
        action = 'redate';
        await services.articles.update(pick(articles), {
          publishedAt: new Date(Date.UTC(2023, Math.floor(next() * 12), 3)),
        });
      } else if (roll < 0.8) {
        action = 'merge';
        const mentioned = (
          await rows<{ id: number }>(
            sql`select entity_id as id from article_mentions group by 1 order by count(*) desc, 1 limit 12`,
          )
        ).map((row) => Number(row.id));
        const keep = pick(mentioned);
        const merge = pick(next() < 0.5 ? mentioned : entities);
        if (keep === merge) continue;
        await services.entities.merge(keep, merge);
      } else if (roll < 0.95) {
        action = 'delete article';
        await services.articles.delete(pick(articles));
      } else {
        action = 'delete entity';
        const entity = await services.entities.create({
          name: `Unmentioned ${step}`,
          kind: 'PERSON',
        });
        await services.entities.delete(entity.id);
      }
      done[action] = (done[action] ?? 0) + 1;
    }
    // Every kind of write happened at least once.
    expect(Object.keys(done).sort()).toEqual(
      ['create', 'delete article', 'delete entity', 'merge', 'quote', 'redate'].sort(),
    );

    const mentions = await mentionsNow();
    const counts = pairCounts(mentions);
    expect(sorted(await rollupNow())).toEqual(sorted(counts));

    const kindOf = new Map(mentions.map((mention) => [mention.entity_id, mention.kind]));
    const mostMentioned = (
      await rows<{ id: number }>(
        sql`select entity_id as id from article_mentions group by 1 order by count(*) desc, 1 limit 5`,
      )
    ).map((row) => Number(row.id));
    const [span] = await rows<{ from: string; before: string }>(sql`
      select to_char(min(published_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as from,
             to_char(max(published_at) at time zone 'UTC' + interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as before
      from articles`);
    const in2024 = pairCounts(mentions, (mention) => mention.published_at.startsWith('2024'));
    for (const entityId of mostMentioned) {
      expect(await coMentions(entityId, { first: 20 })).toEqual(expectedTop(counts, entityId, 20));
      expect(await coMentions(entityId, { first: 5, kinds: ['PERSON', 'PLACE'] })).toEqual(
        expectedTop(counts, entityId, 5, kindOf, ['PERSON', 'PLACE']),
      );
      // A window holding every article answers from the rollup; a narrower one counts.
      expect(
        await coMentions(entityId, { first: 20, from: span!.from, before: span!.before }),
      ).toEqual(expectedTop(counts, entityId, 20));
      expect(
        await coMentions(entityId, {
          first: 20,
          from: '2024-01-01T00:00:00.000Z',
          before: '2025-01-01T00:00:00.000Z',
        }),
      ).toEqual(expectedTop(in2024, entityId, 20));
    }
  }, 180_000);

  it('drops the pair when the only article naming both entities is deleted', async () => {
    const { services } = api.container;
    const { article } = await services.articles.create({
      headline: 'Lone pair',
      body: 'Quorra Vance met the Ostrel Guild.',
      publishedAt: new Date('2024-03-01T00:00:00Z'),
      mentions: [
        { entity: { name: 'Quorra Vance', kind: 'PERSON' } },
        { entity: { name: 'Ostrel Guild', kind: 'ORGANIZATION' } },
      ],
    });
    const [pair] = await rows<{ a: number; b: number }>(
      sql`select min(entity_id) as a, max(entity_id) as b from article_mentions where article_id = ${article.id}`,
    );
    // The pair is stored once: each entity finds the other from its own side.
    expect(await coMentions(Number(pair!.a), { first: 5 })).toEqual([
      { entity: { id: toGlobalId('Entity', Number(pair!.b)) }, count: 1 },
    ]);
    expect(await coMentions(Number(pair!.b), { first: 5 })).toEqual([
      { entity: { id: toGlobalId('Entity', Number(pair!.a)) }, count: 1 },
    ]);
    await services.articles.delete(article.id);
    expect(await coMentions(Number(pair!.a), { first: 5 })).toEqual([]);
    expect(await coMentions(Number(pair!.b), { first: 5 })).toEqual([]);
    expect(
      await rows(
        sql`select 1 from entity_co_mentions
            where entity_id in (${pair!.a}, ${pair!.b}) or other_id in (${pair!.a}, ${pair!.b})`,
      ),
    ).toEqual([]);
  });
});
