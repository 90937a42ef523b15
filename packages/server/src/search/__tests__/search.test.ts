// Article search on generated data, on each engine this database can run: the API's top 20 must
// be the exact ranking computed by ranking every match in SQL, snippets keep their <mark>s,
// filters hold, and totalCount says when it is an estimate.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { generateData } from '../../db/generate';
import { toGlobalId } from '../../shared/ids';
import { createTestApi, viewers, type TestApi } from '../../testing/test-api';
import { testDatabaseServerUrl, testGroongaUrl } from '../../testing/test-database';
import { escapeLiteral } from 'pg';
import { groongaScoreSql } from '../../testing/groonga-score';
import {
  shareWithin,
  type GroongaFilter,
  type GroongaHit,
  type GroongaIndex,
} from '../groonga-index';
import { boundedCount } from '../search-count';
import type { SearchEngine } from '../search-engine';

type Instance = Pick<TestApi, 'execute'>;

let api: TestApi;
let db: Database;
beforeAll(async () => {
  api = await createTestApi({ sample: false });
  db = api.database.handle.db;
  await generateData(db, { articles: 200, seed: 14 });
  await db.execute(sql`analyze`);
}, 120_000);
afterAll(() => api.dispose());

async function rows<T>(query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * The fixed queries the ranking is checked on: a common word, two words, or, not, a rare word (its
 * few matches mostly tie), and a phrase: the last two words of the first article's headline. The
 * generator's rare words and phrases are random, so those two are picked from the data.
 */
const QUERIES = [
  'dolorem',
  'nostrum dolorem',
  'quia or sint',
  'dolorem -nostrum',
  'rare',
  'phrase',
];

async function rareWord(): Promise<string> {
  const [rare] = await rows<{ word: string }>(sql`
    select word from ts_stat('select search from articles')
    where word ~ '^[a-z]{4,}$' and ndoc >= 2
      and websearch_to_tsquery('english', word)::text = quote_literal(word)
    order by ndoc, word limit 1`);
  // A lexeme that stems to itself, so searching for it finds the articles counted.
  return rare?.word ?? 'none';
}

async function phrase(): Promise<string> {
  const [first] = await rows<{ headline: string }>(
    sql`select headline from articles order by id limit 1`,
  );
  const words = (first?.headline ?? '').replace(/[^A-Za-z ]/g, '').split(' ');
  return `"${words.slice(-2).join(' ')}"`;
}

interface Edge {
  rank: number;
  snippet: string;
  node: { id: string; publishedAt: string };
}
interface Page {
  articles: {
    totalCount: number;
    totalCountIsEstimate: boolean;
    edges: Edge[];
    pageInfo: { endCursor: string | null };
  };
}

async function searchPageOn(
  variables: Record<string, unknown>,
  on: Instance,
): Promise<Page['articles']> {
  const result = await on.execute<Page>(
    /* GraphQL */ `
      query Search(
        $search: String!
        $after: String
        $orderBy: ArticleOrder
        $from: DateTime
        $before: DateTime
        $mentioning: ID
      ) {
        articles(
          search: $search
          first: 20
          after: $after
          orderBy: $orderBy
          publishedFrom: $from
          publishedBefore: $before
          mentioning: $mentioning
        ) {
          totalCount
          totalCountIsEstimate
          edges {
            rank
            snippet
            node {
              id
              publishedAt
            }
          }
          pageInfo {
            endCursor
          }
        }
      }
    `,
    variables,
  );
  expect(result.errors).toBeUndefined();
  return (result.data as Page).articles;
}

/** A search's tsquery, as text (what the Groonga engine reads). */
async function tsqueryOf(search: string): Promise<string> {
  const [parsed] = await rows<{ query: string }>(
    sql`select websearch_to_tsquery('english', ${search})::text as query`,
  );
  return parsed?.query ?? '';
}

/** Groonga's score for a search, from every match's stored tsvector (testing/groonga-score). */
async function groongaScore(search: string): Promise<SQL> {
  return sql.raw(groongaScoreSql(await tsqueryOf(search), escapeLiteral));
}

/** What each engine means by "most relevant": the order SQL gives when it ranks every match. */
const exactOrder: Record<SearchEngine, (query: SQL, search: string) => Promise<SQL>> = {
  postgres: (query) => Promise.resolve(sql`ts_rank_cd(search, ${query}) desc, id desc`),
  rum: (query) => Promise.resolve(sql`(search <=> ${query}), id`),
  groonga: async (_query, search) => sql`${await groongaScore(search)} desc, id desc`,
};

async function exactTop(
  engine: SearchEngine,
  search: string,
  where: SQL = sql`true`,
  limit = 20,
): Promise<string[]> {
  const query = sql`websearch_to_tsquery('english', ${search})`;
  const found = await rows<{ id: number }>(sql`
    select id from articles where search @@ ${query} and ${where}
    order by ${await exactOrder[engine](query, search)} limit ${limit}`);
  return found.map((row) => toGlobalId('Article', row.id));
}

async function matchCount(search: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    sql`select count(*) as n from articles where search @@ websearch_to_tsquery('english', ${search})`,
  );
  return Number(row?.n);
}

// RUM is a PostgreSQL extension (.ci/run installs it): the embedded database has no RUM. Groonga is
// a server of its own (.ci/run starts one and sets TEST_GROONGA_URL), fed on either database. On
// data this small Groonga ranks every match unless told to send every search through its tier
// (champion lists, groonga-index.ts), which must give the same pages.
const engines: SearchEngine[] = [
  'postgres',
  ...(testDatabaseServerUrl() ? (['rum'] as const) : []),
  ...(testGroongaUrl() ? (['groonga'] as const) : []),
];
const variants: [label: string, engine: SearchEngine, tier: 'always' | undefined][] = [
  ...engines.map((engine) => [engine, engine, undefined] as [string, SearchEngine, undefined]),
  ...(engines.includes('groonga')
    ? [['groonga (through its tier)', 'groonga', 'always'] as [string, SearchEngine, 'always']]
    : []),
];

describe.each(variants)('article search on the %s engine', (_label, engine, tier) => {
  let server: Instance;
  beforeAll(async () => {
    const instance = await api.instance({
      search: engine,
      ...(tier !== undefined && { groongaTier: tier }),
    });
    // Registering the index queued every stored article; deliver them before searching.
    await instance.groonga?.drain();
    server = instance;
  }, 120_000);
  const searchPage = (variables: Record<string, unknown>) => searchPageOn(variables, server);

  it.each(QUERIES)('puts the top 20 for %s in exact relevance order', async (fixed) => {
    const search =
      fixed === 'phrase' ? await phrase() : fixed === 'rare' ? await rareWord() : fixed;
    const page = await searchPage({ search });
    expect({ search, found: page.edges.length > 0 }).toEqual({ search, found: true });
    expect(page.edges.map((edge) => edge.node.id)).toEqual(await exactTop(engine, search));
  });

  it('continues on the next pages exactly where the ranking continues', async () => {
    const first = await searchPage({ search: 'dolorem' });
    const second = await searchPage({ search: 'dolorem', after: first.pageInfo.endCursor });
    const third = await searchPage({ search: 'dolorem', after: second.pageInfo.endCursor });
    const pages = [...first.edges, ...second.edges, ...third.edges];
    expect(pages.map((edge) => edge.node.id)).toEqual(
      await exactTop(engine, 'dolorem', sql`true`, 60),
    );
    // Ranks carry on from page to page as on one page.
    const ranks = pages.map((edge) => edge.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('gives higher ranks first and marks the matching words in each snippet', async () => {
    const page = await searchPage({ search: 'dolorem' });
    const ranks = page.edges.map((edge) => edge.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const edge of page.edges) expect(edge.snippet).toMatch(/<mark>dolorem<\/mark>/i);
  });

  it('ranks only articles inside a date range', async () => {
    const from = '2020-06-01T00:00:00.000Z';
    const before = '2023-06-01T00:00:00.000Z';
    const page = await searchPage({ search: 'dolorem', from, before });
    for (const edge of page.edges) {
      expect(edge.node.publishedAt >= from && edge.node.publishedAt < before).toBe(true);
    }
    expect(page.edges.map((edge) => edge.node.id)).toEqual(
      await exactTop(engine, 'dolorem', sql`published_at >= ${from} and published_at < ${before}`),
    );
  });

  it('ranks a narrow and a wide date range alike, on every page, with exact counts', async () => {
    // The word most articles hold among those in some headline (so the headline's weight shows
    // in the order), and two ranges: a fifth of the articles, fewer than hold the word (read
    // before the query on the groonga engine), and nearly all of them (read after it).
    const [top] = await rows<{ word: string; ndoc: number }>(sql`
      select word, ndoc from ts_stat('select search from articles')
       where word in (select word from ts_stat('select to_tsvector(''english'', headline) from articles'))
         and word ~ '^[a-z]{4,}$'
       order by ndoc desc, word limit 1`);
    const search = String(top?.word);
    const [bounds] = await rows<{
      p20: string;
      p40: string;
      p95: string;
      first: string;
      n: string;
    }>(sql`
      select percentile_disc(0.2) within group (order by published_at)::text as p20,
             percentile_disc(0.4) within group (order by published_at)::text as p40,
             percentile_disc(0.95) within group (order by published_at)::text as p95,
             min(published_at)::text as first, count(*) as n
        from articles`);
    const at = (text: string | undefined) => new Date(String(text)).toISOString();
    const [histogram] = await rows<{ bounds: number[] }>(sql`
      select array(select extract(epoch from b)::float8
                     from unnest(histogram_bounds::text::timestamptz[]) as b) as bounds
        from pg_stats where tablename = 'articles' and attname = 'published_at'`);
    const within = (from: string, before: string) =>
      Number(bounds?.n) *
      (shareWithin(
        (histogram?.bounds ?? []).map(Number),
        Date.parse(from) / 1000,
        Date.parse(before) / 1000,
      ) ?? 1);
    const ranges = [
      { from: at(bounds?.p20), before: at(bounds?.p40) },
      { from: at(bounds?.first), before: at(bounds?.p95) },
    ];
    expect(ranges.map(({ from, before }) => within(from, before) < Number(top?.ndoc))).toEqual([
      true,
      false,
    ]);
    for (const { from, before } of ranges) {
      const where = sql`published_at >= ${from} and published_at < ${before}`;
      const first = await searchPage({ search, from, before });
      const second = await searchPage({
        search,
        from,
        before,
        after: first.pageInfo.endCursor,
      });
      const both = [...first.edges, ...second.edges].map((edge) => edge.node.id);
      expect(both).toEqual(await exactTop(engine, search, where, 40));
      const [counted] = await rows<{ n: string }>(sql`
        select count(*) as n from articles
         where search @@ websearch_to_tsquery('english', ${search}) and ${where}`);
      expect([first.totalCount, second.totalCount]).toEqual([
        Number(counted?.n),
        Number(counted?.n),
      ]);
    }
  });

  it('ranks only articles that mention an entity, a much-mentioned one or a rare one', async () => {
    // The entity in the most articles, and one in a few articles that hold the word (read
    // before the query on the groonga engine: fewer articles than the word's).
    const entities = await rows<{ id: number }>(sql`
      (select entity_id as id from article_mentions group by entity_id
        order by count(*) desc, entity_id limit 1)
      union all
      (select m.entity_id from article_mentions m join articles a on a.id = m.article_id
        group by m.entity_id
       having count(*) filter (where a.search @@ to_tsquery('english', 'dolorem')) > 0
        order by count(*), m.entity_id limit 1)`);
    expect(entities).toHaveLength(2);
    for (const { id } of entities) {
      const entityId = Number(id);
      const page = await searchPage({
        search: 'dolorem',
        mentioning: toGlobalId('Entity', entityId),
      });
      expect(page.edges.length).toBeGreaterThan(0);
      expect(page.edges.map((edge) => edge.node.id)).toEqual(
        await exactTop(
          engine,
          'dolorem',
          sql`id in (select article_id from article_mentions where entity_id = ${entityId})`,
        ),
      );
    }
  });

  it('orders a search by date, newest first, when asked', async () => {
    const page = await searchPage({ search: 'dolorem', orderBy: 'PUBLISHED_AT_DESC' });
    const found = await rows<{ id: number }>(sql`
      select id from articles where search @@ websearch_to_tsquery('english', 'dolorem')
      order by published_at desc, id desc limit 20`);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(
      found.map((row) => toGlobalId('Article', row.id)),
    );
  });

  it('counts matches exactly below the bound and says the count is exact', async () => {
    const page = await searchPage({ search: 'dolorem' });
    expect(page.totalCount).toBe(await matchCount('dolorem'));
    expect(page.totalCountIsEstimate).toBe(false);
  });

  it('counts the same matches on the next page and in date order', async () => {
    const first = await searchPage({ search: 'dolorem' });
    const next = await searchPage({ search: 'dolorem', after: first.pageInfo.endCursor });
    const byDate = await searchPage({ search: 'dolorem', orderBy: 'PUBLISHED_AT_DESC' });
    const total = await matchCount('dolorem');
    expect([next.totalCount, byDate.totalCount]).toEqual([total, total]);
  });

  it('counts the matches of a phrase exactly', async () => {
    const search = await phrase();
    const page = await searchPage({ search });
    expect({ totalCount: page.totalCount, isEstimate: page.totalCountIsEstimate }).toEqual({
      totalCount: await matchCount(search),
      isEstimate: false,
    });
  });
});

if (engines.includes('rum')) {
  it('lets two servers in one process rank with different engines at the same time', async () => {
    const [plain, rum] = await Promise.all([
      api.instance({ search: 'postgres' }),
      api.instance({ search: 'rum' }),
    ]);
    const search = 'dolorem';
    const [exactPlain, exactRum] = await Promise.all([
      exactTop('postgres', search),
      exactTop('rum', search),
    ]);
    // The engines disagree on this query, so each answer shows which engine ranked it.
    expect(exactPlain).not.toEqual(exactRum);
    const [fromPlain, fromRum] = await Promise.all([
      searchPageOn({ search }, plain),
      searchPageOn({ search }, rum),
    ]);
    expect(fromPlain.edges.map((edge) => edge.node.id)).toEqual(exactPlain);
    expect(fromRum.edges.map((edge) => edge.node.id)).toEqual(exactRum);
  });
}

if (engines.includes('groonga')) {
  describe("the groonga engine's tier", () => {
    let tier: GroongaIndex;
    let every: GroongaIndex;
    beforeAll(async () => {
      const [withTier, without] = await Promise.all([
        api.instance({ search: 'groonga', groongaTier: 'always' }),
        api.instance({ search: 'groonga', groongaTier: 'never' }),
      ]);
      tier = withTier.groonga!;
      every = without.groonga!;
      // Twelve articles where the searched words are hot (a headline occurrence and i in the
      // body), above every generated one: the first pages of these searches are theirs.
      for (let i = 1; i <= 12; i += 1) {
        const created = await api.execute(
          `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
          {
            input: {
              headline: `Dolorem nostrum quia sint, part ${i}`,
              body: 'Dolorem nostrum quia sint. '.repeat(i),
              publishedAt: '2024-05-06T07:00:00Z',
            },
          },
          viewers.editor,
        );
        expect(created.errors).toBeUndefined();
      }
      await tier.drain();
    }, 120_000);

    const queryOf = async (index: GroongaIndex, search: string) =>
      (await index.queryFor(search, () => tsqueryOf(search)))!;
    const pageOf = async (
      index: GroongaIndex,
      search: string,
      take: number,
      after: GroongaHit | null = null,
      filter: GroongaFilter = {},
    ) =>
      index.search(await queryOf(index, search), filter, {
        take,
        backward: false,
        after,
        before: null,
      });

    it('answers common words from the tier, the pages ranking every match gives', async () => {
      for (const search of ['dolorem', 'nostrum dolorem', 'quia or sint']) {
        const first = await pageOf(tier, search, 5);
        const next = await pageOf(tier, search, 5, first.hits[3] ?? null);
        expect({ search, counted: [first.counted, next.counted] }).toEqual({
          search,
          counted: [false, false],
        });
        expect(first.hits).toEqual((await pageOf(every, search, 5)).hits);
        expect(next.hits).toEqual((await pageOf(every, search, 5, first.hits[3] ?? null)).hits);
        // The scores are the query's alone: the twelve articles' own, best first.
        expect(first.hits.map((hit) => hit.score)).toEqual(
          [12, 11, 10, 9, 8].map((i) => (5 + 2 * i) * (search === 'dolorem' ? 1 : 2)),
        );
      }
    });

    it('keeps a date range on the pages it answers, and ranks every match when it cannot', async () => {
      const year = {
        publishedFrom: new Date('2024-01-01T00:00:00Z'),
        publishedBefore: new Date('2025-01-01T00:00:00Z'),
      };
      const before = { publishedBefore: new Date('2024-01-01T00:00:00Z') };
      for (const [filter, served] of [
        [year, true],
        [before, false],
      ] as const) {
        const page = await pageOf(tier, 'dolorem', 5, null, filter);
        expect(page.counted).toBe(!served);
        expect(page.hits).toEqual((await pageOf(every, 'dolorem', 5, null, filter)).hits);
      }
    });

    it('ranks every match when no article where a word is hot may lead', async () => {
      // The twelve hold "nostrum": the tier's remaining articles cannot vouch for a page.
      const page = await pageOf(tier, 'dolorem -nostrum', 11);
      expect(page.counted).toBe(true);
      expect(page.hits).toEqual((await pageOf(every, 'dolorem -nostrum', 11)).hits);
    });

    it('ranks every match when the tier cannot vouch for a page', async () => {
      // Every match of a common word on one page: most are outside the tier.
      const all = await matchCount('dolorem');
      const whole = await pageOf(tier, 'dolorem', all + 1);
      expect(whole.counted).toBe(true);
      expect(whole.hits).toHaveLength(all);
      expect(whole.hits).toEqual((await pageOf(every, 'dolorem', all + 1)).hits);
      // Deep in the ranking, where the scores fall to what articles outside the tier can reach.
      const last = whole.hits[all - 15] ?? null;
      const deep = await pageOf(tier, 'dolorem', 11, last);
      expect(deep.counted).toBe(true);
      expect(deep.hits).toEqual(whole.hits.slice(all - 14, all - 3));
    });
  });
}

describe('a search count', () => {
  const matches = () =>
    db
      .select({ one: sql`1` })
      .from(sql`articles`)
      .where(sql`search @@ websearch_to_tsquery('english', 'dolorem')`)
      .$dynamic();

  it('is exact up to its bound', async () => {
    const total = await matchCount('dolorem');
    // Twice the matches: the planner's estimate, which decides whether to count, may be high.
    expect(await boundedCount(db, matches, total * 2)).toEqual({
      count: total,
      isEstimate: false,
    });
  });

  it('is marked as an estimate above its bound, and never below it', async () => {
    const total = await matchCount('dolorem');
    expect(total).toBeGreaterThan(10);
    const counted = await boundedCount(db, matches, 10);
    expect(counted.isEstimate).toBe(true);
    expect(counted.count).toBeGreaterThan(10);
  });

  it('counts a phrase exactly, since PostgreSQL estimates it as if its words were anywhere', async () => {
    const search = await phrase();
    const phraseMatches = () =>
      db
        .select({ one: sql`1` })
        .from(sql`articles`)
        .where(sql`search @@ websearch_to_tsquery('english', ${search})`)
        .$dynamic();
    const total = await matchCount(search);
    const bound = total + 4;
    // Trusting the estimate would report far more matches than there are.
    expect((await boundedCount(db, phraseMatches, bound)).isEstimate).toBe(true);
    expect(await boundedCount(db, phraseMatches, bound, { trustEstimate: false })).toEqual({
      count: total,
      isEstimate: false,
    });
  });

  it('is exact for quote and entity searches below the bound', async () => {
    const result = await api.execute<{
      quotes: { totalCount: number; totalCountIsEstimate: boolean };
      entities: { totalCount: number; totalCountIsEstimate: boolean };
    }>(/* GraphQL */ `
      {
        quotes(search: "dolorem", first: 1) {
          totalCount
          totalCountIsEstimate
        }
        entities(first: 1) {
          totalCount
          totalCountIsEstimate
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    const [quotes] = await rows<{ n: number | string }>(
      sql`select count(*) as n from quotes where search @@ websearch_to_tsquery('english', 'dolorem')`,
    );
    expect(result.data?.quotes).toEqual({
      totalCount: Number(quotes?.n),
      totalCountIsEstimate: false,
    });
    const [entities] = await rows<{ n: number | string }>(sql`select count(*) as n from entities`);
    expect(result.data?.entities).toEqual({
      totalCount: Number(entities?.n),
      totalCountIsEstimate: false,
    });
  });
});
