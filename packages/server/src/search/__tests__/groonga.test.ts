// The Groonga engine's life around the search itself: writes reach Groonga through the outbox
// (and only committed ones), an unreachable Groonga is a coded error that leaves everything else
// working and loses no write, and a re-index rebuilds the index from the database. The outage
// cases need no Groonga at all; the rest run against the server .ci/run starts (TEST_GROONGA_URL).
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { generateData } from '../../db/generate';
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';
import { testGroongaUrl } from '../../testing/test-database';
import { parseGlobalId } from '../../shared/ids';
import { SearchUnavailableError, type GroongaIndex } from '../groonga-index';

type Instance = Awaited<ReturnType<TestApi['instance']>>;

let api: TestApi;
let db: Database;
beforeAll(async () => {
  api = await createTestApi({ sample: false });
  db = api.database.handle.db;
  await generateData(db, { articles: 40, seed: 7 });
}, 120_000);
afterAll(() => api.dispose());

/** Nothing listens here: a Groonga that is down. */
const DOWN_URL = 'http://127.0.0.1:9';

async function queued(): Promise<number[]> {
  const result: unknown = await db.execute(sql`select article_id from search_outbox order by id`);
  return (result as { rows: { article_id: number }[] }).rows.map((row) => row.article_id);
}

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { article { id } }
}`;

async function create(on: Instance, headline: string, body: string): Promise<string> {
  const result = await on.execute<{ createArticle: { article: { id: string } } }>(
    CREATE,
    {
      input: {
        headline,
        body,
        publishedAt: '2025-02-03T10:00:00Z',
        mentions: [{ entity: { name: 'Vellmar Harbour Authority', kind: 'ORGANIZATION' } }],
      },
    },
    viewers.editor,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createArticle.article.id;
}

async function searchIds(on: Instance, search: string, mentioning?: string): Promise<string[]> {
  const result = await on.execute<{ articles: { nodes: { id: string }[] } }>(
    `query ($search: String!, $mentioning: ID) {
      articles(search: $search, mentioning: $mentioning, first: 50) { nodes { id } }
    }`,
    { search, mentioning },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.articles.nodes.map((node) => node.id);
}

describe('the groonga engine while Groonga is down', () => {
  let down: Instance;
  beforeAll(async () => {
    down = await api.instance({ search: 'groonga', groongaUrl: DOWN_URL });
  }, 60_000);

  it('answers a relevance-ranked search with SEARCH_UNAVAILABLE and other requests as usual', async () => {
    const result = await down.execute(`{ articles(search: "dolorem", first: 5) { nodes { id } } }`);
    expect(errorCodes(result)).toEqual(['SEARCH_UNAVAILABLE']);
    expect(result.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    const other = await down.execute<{ entities: { totalCount: number } }>(
      `{ entities(first: 1) { totalCount } }`,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data?.entities.totalCount).toBeGreaterThan(0);
  });

  it('still answers a search by date, and one that only excludes words', async () => {
    const byDate = await down.execute<{ articles: { nodes: unknown[] } }>(
      `{ articles(search: "dolorem", orderBy: PUBLISHED_AT_DESC, first: 5) { nodes { id } } }`,
    );
    expect(byDate.errors).toBeUndefined();
    expect(byDate.data?.articles.nodes.length).toBeGreaterThan(0);
    const excluding = await down.execute<{ articles: { nodes: unknown[] } }>(
      `{ articles(search: "-dolorem", first: 5) { nodes { id } } }`,
    );
    expect(excluding.errors).toBeUndefined();
  });

  it('stores writes and keeps them queued until Groonga can take them', async () => {
    const before = await queued();
    const id = await create(down, 'Quarry at Ostrel closes', 'The Ostrel quarry closed today.');
    const added = (await queued()).slice(before.length);
    // Queued by the article's statement and again by its mentions': delivered once.
    expect([...new Set(added)]).toEqual([parseGlobalId(id)?.id]);
    await expect(down.groonga!.deliverBatch()).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(await queued()).toEqual([...before, ...added]);
  });

  it('queues nothing for a write that rolls back', async () => {
    const before = await queued();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(
          sql`update articles set headline = 'Rolled back' where id = (select min(id) from articles)`,
        );
        throw new Error('abandon the write');
      }),
    ).rejects.toThrow('abandon the write');
    expect(await queued()).toEqual(before);
  });
});

const groongaUrl = testGroongaUrl();
if (groongaUrl) {
  describe('the groonga engine with Groonga up', () => {
    let live: Instance;
    let index: GroongaIndex;
    beforeAll(async () => {
      live = await api.instance({ search: 'groonga' });
      index = live.groonga!;
      await index.drain();
    }, 120_000);

    it('delivers what was written while Groonga was down once it answers', async () => {
      const down = await api.instance({ search: 'groonga', groongaUrl: DOWN_URL });
      const id = await create(down, 'Ferry to Kesset resumes', 'The Kesset ferry resumed sailing.');
      expect(await searchIds(live, 'kesset')).toEqual([]);
      await index.drain();
      expect(await queued()).toEqual([]);
      expect(await searchIds(live, 'kesset')).toEqual([id]);
    });

    it('follows an article through creation, a new headline and deletion', async () => {
      const id = await create(
        live,
        'Lighthouse at Brannock relit',
        'Brannock lighthouse shines again.',
      );
      await index.drain();
      expect(await searchIds(live, 'brannock relit')).toEqual([id]);
      const [authority] = (
        await live.execute<{ entities: { nodes: { id: string }[] } }>(
          `{ entities(search: "Vellmar Harbour Authority", first: 1) { nodes { id } } }`,
        )
      ).data!.entities.nodes;
      expect(await searchIds(live, 'brannock', authority!.id)).toEqual([id]);

      const renamed = await live.execute(
        `mutation ($id: ID!) { updateArticle(input: { id: $id, headline: "Tollgate at Brannock reopened" }) { article { id } } }`,
        { id },
        viewers.editor,
      );
      expect(renamed.errors).toBeUndefined();
      await index.drain();
      expect(await searchIds(live, 'relit')).toEqual([]);
      expect(await searchIds(live, 'tollgate')).toEqual([id]);

      const deleted = await live.execute(
        `mutation ($id: ID!) { deleteArticle(input: { id: $id }) { deletedId } }`,
        { id },
        viewers.admin,
      );
      expect(deleted.errors).toBeUndefined();
      await index.drain();
      expect(await searchIds(live, 'tollgate')).toEqual([]);
    });

    it('delivers in the background while the relay runs', async () => {
      const logger = { warn: jest.fn(), info: jest.fn() };
      await index.startRelay(logger);
      try {
        const id = await create(live, 'Saltworks of Denholt expand', 'Denholt saltworks grew.');
        let found: string[] = [];
        for (let attempt = 0; attempt < 200 && found.length === 0; attempt += 1) {
          found = await searchIds(live, 'denholt');
          if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(found).toEqual([id]);
      } finally {
        await index.stopRelay();
      }
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('re-indexes every article into new tables and searches them alike', async () => {
      // An instance that has searched the old tables before the re-index replaced them.
      const stale = await api.instance({ search: 'groonga' });
      const before = await searchIds(stale, 'dolorem');
      expect(before.length).toBeGreaterThan(0);
      const counted: unknown = await db.execute(sql`select count(*)::int as n from articles`);
      const articles = (counted as { rows: { n: number }[] }).rows[0]?.n;
      const progress: number[] = [];
      expect(await index.reindex((done) => progress.push(done))).toBe(articles);
      expect(progress.at(-1)).toBe(articles);
      expect(await searchIds(live, 'dolorem')).toEqual(before);
      // The old tables are gone; the other instance finds the new ones.
      expect(await searchIds(stale, 'dolorem')).toEqual(before);
    });

    it('takes over what was queued before it, so the relay delivers none of it again', async () => {
      // Written while Groonga was down: queued, not delivered.
      const down = await api.instance({ search: 'groonga', groongaUrl: DOWN_URL });
      const id = await create(down, 'Quarry at Oskelby closes', 'The Oskelby quarry closed.');
      await db.execute(sql`update articles set headline = headline || ' (updated)'
        where id in (select id from articles order by id limit 3)`);
      expect((await queued()).length).toBeGreaterThanOrEqual(4);
      await index.reindex();
      expect(await queued()).toEqual([]);
      expect(await searchIds(live, 'oskelby')).toEqual([id]);
      // A write after the re-index is queued and delivered as before.
      const later = await create(live, 'Oskelby quarry reopens', 'The Oskelby quarry reopened.');
      expect([...new Set(await queued())]).toEqual([parseGlobalId(later)?.id]);
      await index.drain();
      expect((await searchIds(live, 'oskelby')).sort()).toEqual([id, later].sort());
    });

    it('keeps an index made before the tier working, and gives it the tier at a re-index', async () => {
      const url = groongaUrl;
      const groonga = async (command: string, parameters: Record<string, string>) => {
        const response = await fetch(
          `${url}/d/${command}?${new URLSearchParams(parameters).toString()}`,
        );
        return ((await response.json()) as [unknown, unknown])[1];
      };
      const registered = async () => {
        const result: unknown = await db.execute(sql`select name from search_engine_index`);
        return (result as { rows: { name: string }[] }).rows[0]?.name;
      };
      const name = await registered();
      const hot = async () => groonga('object_exist', { name: `${name}_articles.hot` });
      // The tables as they were before the tier: no hot words.
      await groonga('column_remove', { table: `${name}_articles`, name: 'hot' });
      expect(await hot()).toBe(false);
      const old = await api.instance({ search: 'groonga', groongaTier: 'always' });
      const before = await searchIds(old, 'dolorem');
      expect(before.length).toBeGreaterThan(0);
      // A write still reaches these tables, and searches still rank every match.
      const id = await create(old, 'Dolorem at Tarrin quay', 'Dolorem dolorem dolorem dolorem.');
      await old.groonga!.drain();
      expect(await queued()).toEqual([]);
      expect((await searchIds(old, 'dolorem'))[0]).toBe(id);
      await old.groonga!.reindex();
      expect(await hot()).toBe(false);
      expect(await groonga('object_exist', { name: `${await registered()}_articles.hot` })).toBe(
        true,
      );
      expect(await searchIds(old, 'dolorem')).toEqual([id, ...before]);
    });
  });
}
