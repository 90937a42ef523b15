// A dashboard for the sample article's entities, built through the SDK alone over HTTP.
import { DatelineError, ErrorCode } from '@dateline/sdk';
import { parse } from 'graphql';
import { clientFor } from '../testkit/sdk';
import { serverForSuite } from '../testkit/server';

const server = serverForSuite({ DATELINE_RATE_LIMIT: '0' });

async function failure(promise: Promise<unknown>): Promise<DatelineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DatelineError))
    throw new Error(`expected a DatelineError: ${String(error)}`);
  return error;
}

async function sampleArticle() {
  const client = clientFor(server());
  const { articles } = await client.articles({ first: 1 });
  const summary = articles.nodes[0]!;
  const { article } = await client.article({ id: summary.id });
  return { client, article: article! };
}

describe('an analytics dashboard through the SDK', () => {
  it('charts every entity of the sample article by week, with speakers, co-mentions and deadlines, without paging', async () => {
    const { client, article } = await sampleArticle();
    const day = article.publishedAt.slice(0, 10);
    const month = `${day.slice(0, 7)}-01`;
    const nextMonth = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1))
      .toISOString()
      .slice(0, 10);
    const entities = article.entities.edges.map((edge) => edge.node);
    expect(entities.length).toBeGreaterThan(3);
    const dashboards = await Promise.all(
      entities.map((entity) =>
        client.entityDashboard({
          id: entity.id,
          of: 'MENTIONS',
          bucket: 'WEEK',
          from: month,
          to: nextMonth,
          first: 100,
        }),
      ),
    );
    for (const [index, { entity }] of dashboards.entries()) {
      const edge = article.entities.edges[index]!;
      expect(entity!.timeline.total).toBe(edge.mentionCount);
      const week = entity!.timeline.points.find((point) => point.count > 0)!;
      expect(week.date <= day).toBe(true);
      expect(entity!.timeline.points.some((point) => point.count === 0)).toBe(true);
      expect(
        entity!.coMentions.map((row) => row.entity.name).sort((a, b) => a.localeCompare(b)),
      ).toEqual(
        entities
          .filter((other) => other.id !== entity!.id)
          .map((other) => other.name)
          .sort((a, b) => a.localeCompare(b)),
      );
      expect(entity!.coMentions.every((row) => row.count === 1)).toBe(true);
      // Everyone quoted in the one article is quoted "about" each entity it mentions.
      expect(entity!.topSpeakers.reduce((sum, row) => sum + row.count, 0)).toBe(
        article.quotes.totalCount,
      );
    }
    const withDeadlines = dashboards.filter(({ entity }) => entity!.deadlineStats.total > 0);
    expect(withDeadlines.length).toBeGreaterThan(0);
    for (const { entity } of withDeadlines) {
      expect(entity!.deadlineStats.byStatus.reduce((sum, row) => sum + row.count, 0)).toBe(
        entity!.deadlineStats.total,
      );
    }
  });

  it('pages through what a speaker said about an entity and charts it by day', async () => {
    const { client, article } = await sampleArticle();
    const speaker = article.quotes.nodes[0]!.speaker!;
    const about = article.entities.edges.find((edge) => edge.node.id !== speaker.id)!.node;
    const said: string[] = [];
    for await (const quote of client.paginate.quotesAbout({
      speaker: speaker.id,
      entity: about.id,
      first: 1,
    }))
      said.push(quote.text);
    const own = article.quotes.nodes.filter((quote) => quote.speaker?.id === speaker.id);
    expect(said.sort()).toEqual(own.map((quote) => quote.text).sort());
    const day = article.publishedAt.slice(0, 10);
    const { timeline } = await client.timeline({
      of: 'QUOTES',
      bucket: 'DAY',
      from: day,
      to: new Date(Date.parse(`${day}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10),
      speaker: speaker.id,
      entity: about.id,
    });
    expect(timeline.points.map((point) => point.count)).toEqual([own.length, 0, 0]);
  });

  it('refuses a timeline nested under 100 entities as too costly, and a bad time zone as bad input', async () => {
    const client = clientFor(server());
    const costly = await failure(
      client.request(
        parse(
          `{ entities(first: 100) { nodes { timeline(of: ARTICLES, bucket: DAY, from: "2020-01-01", to: "2022-09-01") { total } } } }`,
        ),
      ),
    );
    expect(costly.code).toBe(ErrorCode.QueryTooCostly);
    const alone = await client.request<{ timeline: { points: unknown[] } }, object>(
      parse(
        `{ timeline(of: ARTICLES, bucket: DAY, from: "2020-01-01", to: "2022-09-01") { points { count } } }`,
      ),
    );
    expect(alone.timeline.points).toHaveLength(974);
    const zone = await failure(
      client.timeline({
        of: 'ARTICLES',
        bucket: 'DAY',
        from: '2020-01-01',
        to: '2020-02-01',
        timeZone: 'Europe/Atlantis',
      }),
    );
    expect(zone.code).toBe(ErrorCode.BadUserInput);
  });
});
