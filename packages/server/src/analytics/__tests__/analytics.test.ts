// Every aggregate checked against a count from scratch over generated data, in TypeScript.
import { sql } from 'drizzle-orm';
import { generateData } from '../../db/generate';
import { toGlobalId } from '../../shared/ids';
import { insertArticles } from '../../testing/factories';
import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

interface MentionRaw {
  article_id: number;
  entity_id: number;
  mention_count: number;
  published_at: Date;
}
interface ArticleRaw {
  id: number;
  source_id: number | null;
  published_at: Date;
}
interface QuoteRaw {
  id: number;
  article_id: number;
  speaker_id: number;
  channel: string | null;
  reported_at: Date;
}
interface DeadlineRaw {
  id: number;
  status: string;
  due_on: string;
  set_by_id: number | null;
  subject_id: number;
}

let api: TestApi;
let mentions: MentionRaw[];
let articleRows: ArticleRaw[];
let quoteRows: QuoteRaw[];
let deadlineRows: DeadlineRaw[];
let concerns: { deadline_id: number; entity_id: number }[];
let changes: { deadline_id: number; due_on: string; previous_due_on: string | null }[];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await api.database.handle.db.execute(query);
  return (result as { rows: T[] }).rows.map((row) => {
    const copy = { ...(row as Record<string, unknown>) };
    for (const key of ['published_at', 'reported_at'])
      if (key in copy) copy[key] = new Date(copy[key] as string);
    return copy as T;
  });
}

beforeAll(async () => {
  api = await createTestApi({ sample: false });
  await generateData(api.database.handle.db, { articles: 400, seed: 15 });
  mentions = await rows(
    sql`select article_id, entity_id, mention_count, published_at from article_mentions`,
  );
  articleRows = await rows(sql`select id, source_id, published_at from articles`);
  quoteRows = await rows(sql`select id, article_id, speaker_id, channel, reported_at from quotes`);
  deadlineRows = await rows(
    sql`select id, status, due_on::text as due_on, set_by_id, subject_id from deadlines`,
  );
  concerns = await rows(sql`select deadline_id, entity_id from deadline_concerns`);
  changes = await rows(
    sql`select deadline_id, due_on::text as due_on, previous_due_on::text as previous_due_on from deadline_changes`,
  );
}, 120_000);
afterAll(() => api.dispose());

/** The calendar day of an instant in a time zone, computed without the database. */
function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function bucketOf(day: string, bucket: 'DAY' | 'WEEK' | 'MONTH'): string {
  if (bucket === 'DAY') return day;
  if (bucket === 'MONTH') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** Expected buckets: every bucket start from `from` up to `to`, with the items counted in. */
function bruteTimeline(
  items: { at: Date; weight?: number }[],
  bucket: 'DAY' | 'WEEK' | 'MONTH',
  from: string,
  to: string,
  timeZone: string,
): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (let day = from; day < to;) {
    counts.set(bucketOf(day, bucket), 0);
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  for (const item of items) {
    const day = localDay(item.at, timeZone);
    if (day < from || day >= to) continue;
    const key = bucketOf(day, bucket);
    counts.set(key, (counts.get(key) ?? 0) + (item.weight ?? 1));
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, count]) => ({ date, count }));
}

/** Ranked counts the way the API ranks them: most first, then lowest id. */
function ranked(keys: (number | null)[], first: number): { id: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || a.id - b.id)
    .slice(0, first);
}

function mostMentioned(): number {
  return ranked(
    mentions.map((row) => row.entity_id),
    1,
  )[0]!.id;
}

function mostQuoted(): number {
  return ranked(
    quoteRows.map((row) => row.speaker_id),
    1,
  )[0]!.id;
}

const articlesMentioning = (entityId: number) =>
  new Set(mentions.filter((row) => row.entity_id === entityId).map((row) => row.article_id));

type TimelineResult = { timeline: { total: number; points: { date: string; count: number }[] } };

async function timeline(args: string, variables: Record<string, unknown> = {}) {
  const declared = Object.keys(variables).map((name) => `$${name}: ID!`);
  const result = await api.execute<TimelineResult>(
    `query ${declared.length ? `(${declared.join(', ')})` : ''} { timeline(${args}) { total points { date count } } }`,
    variables,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.timeline;
}

const entityId = (id: number) => toGlobalId('Entity', id);

describe('timelines', () => {
  it("counts an entity's articles per week, every week present, as a count from scratch does", async () => {
    const entity = mostMentioned();
    const result = await api.execute<{
      node: { timeline: { total: number; points: { date: string; count: number }[] } };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity {
        timeline(of: ARTICLES, bucket: WEEK, from: "2021-01-01", to: "2022-01-01") { total points { date count } } } } }`,
      { id: entityId(entity) },
    );
    expect(result.errors).toBeUndefined();
    const expected = bruteTimeline(
      mentions.filter((row) => row.entity_id === entity).map((row) => ({ at: row.published_at })),
      'WEEK',
      '2021-01-01',
      '2022-01-01',
      'UTC',
    );
    expect(result.data!.node.timeline.points).toEqual(expected);
    expect(expected).toHaveLength(53);
    expect(expected.some((point) => point.count === 0)).toBe(true);
    expect(result.data!.node.timeline.total).toBe(expected.reduce((sum, p) => sum + p.count, 0));
  });

  it('charts a page of entities in one statement for the list and one for all their timelines', async () => {
    const result = await api.execute<{
      entities: {
        nodes: { id: string; timeline: { points: { date: string; count: number }[] } }[];
      };
    }>(
      `{ entities(first: 10) { nodes { id
          timeline(of: QUOTES, bucket: MONTH, from: "2021-01-01", to: "2023-01-01", timeZone: "Europe/Paris") {
            points { date count } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.statements).toBe(2);
    const nodes = result.data!.entities.nodes;
    expect(nodes).toHaveLength(10);
    let quoted = 0;
    for (const node of nodes) {
      const id = Number(Buffer.from(node.id, 'base64url').toString('utf8').split(':')[1]);
      const covered = articlesMentioning(id);
      const expected = bruteTimeline(
        quoteRows.filter((q) => covered.has(q.article_id)).map((q) => ({ at: q.reported_at })),
        'MONTH',
        '2021-01-01',
        '2023-01-01',
        'Europe/Paris',
      );
      expect(node.timeline.points).toEqual(expected);
      quoted += expected.reduce((sum, point) => sum + point.count, 0);
    }
    expect(quoted).toBeGreaterThan(0);
  });

  it('counts the times an entity is named per month in a time zone', async () => {
    const entity = mostMentioned();
    const got = await timeline(
      'of: MENTIONS, bucket: MONTH, from: "2020-03-15", to: "2023-02-10", timeZone: "Asia/Tokyo", entity: $entity',
      { entity: entityId(entity) },
    );
    expect(got.points).toEqual(
      bruteTimeline(
        mentions
          .filter((row) => row.entity_id === entity)
          .map((row) => ({ at: row.published_at, weight: row.mention_count })),
        'MONTH',
        '2020-03-15',
        '2023-02-10',
        'Asia/Tokyo',
      ),
    );
  });

  it('counts every article per day, and articles from one outlet', async () => {
    const all = await timeline('of: ARTICLES, bucket: DAY, from: "2022-05-01", to: "2022-09-01"');
    expect(all.points).toEqual(
      bruteTimeline(
        articleRows.map((row) => ({ at: row.published_at })),
        'DAY',
        '2022-05-01',
        '2022-09-01',
        'UTC',
      ),
    );
    const outlet = ranked(
      articleRows.map((row) => row.source_id),
      1,
    )[0]!.id;
    const fromOutlet = await timeline(
      'of: ARTICLES, bucket: MONTH, from: "2019-01-01", to: "2025-01-01", timeZone: "America/New_York", source: $source',
      { source: entityId(outlet) },
    );
    expect(fromOutlet.points).toEqual(
      bruteTimeline(
        articleRows
          .filter((row) => row.source_id === outlet)
          .map((row) => ({ at: row.published_at })),
        'MONTH',
        '2019-01-01',
        '2025-01-01',
        'America/New_York',
      ),
    );
    expect(fromOutlet.total).toBeGreaterThan(0);
  });

  it('counts what a speaker said about an entity per month, as quotes in articles mentioning it', async () => {
    const speaker = mostQuoted();
    const about = ranked(
      mentions
        .filter((row) =>
          quoteRows.some((q) => q.speaker_id === speaker && q.article_id === row.article_id),
        )
        .map((row) => row.entity_id)
        .filter((id) => id !== speaker),
      1,
    )[0]!.id;
    const covered = articlesMentioning(about);
    const got = await timeline(
      'of: QUOTES, bucket: MONTH, from: "2019-01-01", to: "2025-01-01", speaker: $speaker, entity: $about',
      { speaker: entityId(speaker), about: entityId(about) },
    );
    const expected = bruteTimeline(
      quoteRows
        .filter((q) => q.speaker_id === speaker && covered.has(q.article_id))
        .map((q) => ({ at: q.reported_at })),
      'MONTH',
      '2019-01-01',
      '2025-01-01',
      'UTC',
    );
    expect(got.points).toEqual(expected);
    expect(got.total).toBeGreaterThan(0);
  });

  it('moves an article published at 23:30 UTC into the next day in Berlin', async () => {
    const { entityIds } = await insertArticles(
      api.container.services,
      2,
      new Date('2030-01-05T23:30:00Z'),
    );
    const variables = { entity: entityId(entityIds[0]!) };
    const args = 'of: ARTICLES, bucket: DAY, from: "2030-01-05", to: "2030-01-08", entity: $entity';
    const result = await api.execute<{
      utc: TimelineResult['timeline'];
      berlin: { points: { date: string; start: string; count: number }[] };
    }>(
      `query ($entity: ID!) {
        utc: timeline(${args}) { total points { date count } }
        berlin: timeline(${args}, timeZone: "Europe/Berlin") { points { date start count } } }`,
      variables,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.utc.points).toEqual([
      { date: '2030-01-05', count: 1 },
      { date: '2030-01-06', count: 1 },
      { date: '2030-01-07', count: 0 },
    ]);
    expect(result.data!.berlin.points).toEqual([
      { date: '2030-01-05', start: '2030-01-04T23:00:00.000Z', count: 0 },
      { date: '2030-01-06', start: '2030-01-05T23:00:00.000Z', count: 2 },
      { date: '2030-01-07', start: '2030-01-06T23:00:00.000Z', count: 0 },
    ]);
  });

  it.each([
    ['a range that ends before it starts', 'from: "2022-02-01", to: "2022-01-01"'],
    ['an empty range', 'from: "2022-02-01", to: "2022-02-01"'],
    ['more than 1,000 buckets', 'from: "2019-01-01", to: "2022-01-01"'],
    [
      'a time zone that does not exist',
      'from: "2022-01-01", to: "2022-02-01", timeZone: "Mars/Olympus"',
    ],
    [
      'an offset instead of a zone name',
      'from: "2022-01-01", to: "2022-02-01", timeZone: "+02:00"',
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_, args) => {
    const result = await api.execute(`{ timeline(of: ARTICLES, bucket: DAY, ${args}) { total } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('top lists', () => {
  it('ranks the speakers quoted about an entity, the co-mentioned entities and the outlets covering it', async () => {
    const entity = mostMentioned();
    const covered = articlesMentioning(entity);
    const result = await api.execute<{
      node: Record<
        'topSpeakers' | 'coMentions' | 'coveringOutlets',
        { entity: { id: string }; count: number }[]
      >;
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity {
        topSpeakers(first: 5) { entity { id } count }
        coMentions(first: 20) { entity { id } count }
        coveringOutlets(first: 3) { entity { id } count } } } }`,
      { id: entityId(entity) },
    );
    expect(result.errors).toBeUndefined();
    const shape = (list: { id: number; count: number }[]) =>
      list.map(({ id, count }) => ({ entity: { id: entityId(id) }, count }));
    const sourceOf = new Map(articleRows.map((row) => [row.id, row.source_id]));
    expect(result.data!.node.topSpeakers).toEqual(
      shape(
        ranked(
          quoteRows.filter((q) => covered.has(q.article_id)).map((q) => q.speaker_id),
          5,
        ),
      ),
    );
    expect(result.data!.node.coMentions).toEqual(
      shape(
        ranked(
          mentions
            .filter((row) => covered.has(row.article_id) && row.entity_id !== entity)
            .map((row) => row.entity_id),
          20,
        ),
      ),
    );
    expect(result.data!.node.coMentions).toHaveLength(20);
    expect(result.data!.node.coveringOutlets).toEqual(
      shape(
        ranked(
          [...covered].map((id) => sourceOf.get(id) ?? null),
          3,
        ),
      ),
    );
  });

  it("ranks the outlets carrying a speaker's quotes and counts the speaker's channels", async () => {
    const speaker = mostQuoted();
    const result = await api.execute<{
      node: {
        quotingOutlets: { entity: { id: string }; count: number }[];
        quoteChannels: { channel: string | null; count: number }[];
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity {
        quotingOutlets(first: 100) { entity { id } count }
        quoteChannels { channel count } } } }`,
      { id: entityId(speaker) },
    );
    expect(result.errors).toBeUndefined();
    const own = quoteRows.filter((q) => q.speaker_id === speaker);
    const sourceOf = new Map(articleRows.map((row) => [row.id, row.source_id]));
    expect(result.data!.node.quotingOutlets).toEqual(
      ranked(
        own.map((q) => sourceOf.get(q.article_id) ?? null),
        100,
      ).map(({ id, count }) => ({
        entity: { id: entityId(id) },
        count,
      })),
    );
    const channels = new Map<string | null, number>();
    for (const q of own) channels.set(q.channel, (channels.get(q.channel) ?? 0) + 1);
    expect(
      Object.fromEntries(
        result.data!.node.quoteChannels.map((row) => [String(row.channel), row.count]),
      ),
    ).toEqual(Object.fromEntries([...channels].map(([channel, n]) => [String(channel), n])));
  });

  it('ranks the speakers quoted in articles about an entity from the root query too', async () => {
    const entity = mostMentioned();
    const covered = articlesMentioning(entity);
    const result = await api.execute<{ topSpeakers: { entity: { id: string }; count: number }[] }>(
      `query ($id: ID!) { topSpeakers(about: $id, first: 3) { entity { id } count } }`,
      { id: entityId(entity) },
    );
    expect(result.data!.topSpeakers).toEqual(
      ranked(
        quoteRows.filter((q) => covered.has(q.article_id)).map((q) => q.speaker_id),
        3,
      ).map(({ id, count }) => ({ entity: { id: entityId(id) }, count })),
    );
  });

  it('refuses more than 100 entries with BAD_USER_INPUT', async () => {
    const result = await api.execute(`{ topSpeakers(first: 101) { count } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

interface QuotesAboutPage {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('what a speaker said about an entity', () => {
  it('lists the quotes newest first, page by page, with the total a count from scratch gives', async () => {
    const speaker = mostQuoted();
    const about = ranked(
      mentions
        .filter((row) =>
          quoteRows.some((q) => q.speaker_id === speaker && q.article_id === row.article_id),
        )
        .map((row) => row.entity_id)
        .filter((id) => id !== speaker),
      1,
    )[0]!.id;
    const covered = articlesMentioning(about);
    const expected = quoteRows
      .filter((q) => q.speaker_id === speaker && covered.has(q.article_id))
      .sort((a, b) => b.reported_at.getTime() - a.reported_at.getTime() || b.id - a.id)
      .map((q) => toGlobalId('Quote', q.id));
    const seen: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    do {
      const result = await api.execute<{ node: { quotesAbout: QuotesAboutPage } }>(
        `query ($id: ID!, $about: ID!, $after: String) { node(id: $id) { ... on Entity {
          quotesAbout(entity: $about, first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } } }`,
        { id: entityId(speaker), about: entityId(about), after },
      );
      expect(result.errors).toBeUndefined();
      const page: QuotesAboutPage = result.data!.node.quotesAbout;
      totals.push(page.totalCount);
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(expected.length).toBeGreaterThan(1);
  });
});

describe('deadline counts', () => {
  it("counts an entity's deadlines by status and by due month", async () => {
    const involved = (id: number) =>
      deadlineRows.filter(
        (d) =>
          d.set_by_id === id ||
          d.subject_id === id ||
          concerns.some((c) => c.deadline_id === d.id && c.entity_id === id),
      );
    const entity = ranked(
      deadlineRows.flatMap((d) => [d.subject_id, d.set_by_id]),
      1,
    )[0]!.id;
    const mine = involved(entity);
    const result = await api.execute<{
      node: {
        deadlineStats: {
          total: number;
          byStatus: { status: string; count: number }[];
          byDueMonth: { month: string; count: number }[];
        };
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity {
        deadlineStats { total byStatus { status count } byDueMonth { month count } } } } }`,
      { id: entityId(entity) },
    );
    expect(result.errors).toBeUndefined();
    const stats = result.data!.node.deadlineStats;
    expect(stats.total).toBe(mine.length);
    const count = (keys: string[]) => {
      const map: Record<string, number> = {};
      for (const key of keys) map[key] = (map[key] ?? 0) + 1;
      return map;
    };
    expect(Object.fromEntries(stats.byStatus.map((row) => [row.status, row.count]))).toEqual(
      count(mine.map((d) => d.status)),
    );
    expect(Object.fromEntries(stats.byDueMonth.map((row) => [row.month, row.count]))).toEqual(
      count(mine.map((d) => `${d.due_on.slice(0, 7)}-01`)),
    );
    expect(stats.byDueMonth.map((row) => row.month)).toEqual(
      [...new Set(mine.map((d) => `${d.due_on.slice(0, 7)}-01`))].sort(),
    );
  });

  it('lists deadlines extended more than once and who set the missed ones', async () => {
    const extensions = new Map<number, number>();
    for (const change of changes)
      if (change.previous_due_on !== null && change.due_on > change.previous_due_on)
        extensions.set(change.deadline_id, (extensions.get(change.deadline_id) ?? 0) + 1);
    const result = await api.execute<{
      extendedDeadlines: { deadline: { id: string }; extensions: number }[];
      missedDeadlinesBySetter: { entity: { id: string }; count: number }[];
    }>(
      `{ extendedDeadlines(minExtensions: 1, first: 100) { deadline { id } extensions }
         missedDeadlinesBySetter(first: 100) { entity { id } count } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.extendedDeadlines).toEqual(
      [...extensions]
        .sort(([a, x], [b, y]) => y - x || a - b)
        .slice(0, 100)
        .map(([id, n]) => ({ deadline: { id: toGlobalId('Deadline', id) }, extensions: n })),
    );
    expect(result.data!.extendedDeadlines.some((row) => row.extensions >= 2)).toBe(true);
    expect(result.data!.missedDeadlinesBySetter.length).toBeGreaterThan(0);
    expect(result.data!.missedDeadlinesBySetter).toEqual(
      ranked(
        deadlineRows.filter((d) => d.status === 'MISSED').map((d) => d.set_by_id),
        100,
      ).map(({ id, count }) => ({ entity: { id: entityId(id) }, count })),
    );
  });
});
