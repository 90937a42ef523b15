// The only place that knows how aggregates are computed: timelines grouped by date_trunc over the
// (key, time) indexes on article_mentions, quotes and articles, filled out with generate_series,
// ranked counts that read the mention and quote indexes without touching article bodies, and
// co-mentions from the entity_co_mentions rollup that triggers keep (migration 0010).
import { rowsOf } from '../db/rows';
import { and, eq, inArray, isNotNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { keysetCondition, keysetOrderBy, type Keyset, type KeysetOrder } from '../db/keyset';
import {
  articleMentions,
  articles,
  deadlineChanges,
  deadlineConcerns,
  deadlines,
  entityCoMentions,
  quoteColumns,
  quotes,
  type DeadlineStatusValue,
  type EntityKindValue,
  type QuoteChannelValue,
  type QuoteRow,
} from '../db/schema';
import { entities } from '../db/schema';

export type TimelineSubjectValue = 'ARTICLES' | 'MENTIONS' | 'QUOTES';
export type TimeBucketValue = 'DAY' | 'WEEK' | 'MONTH';

/** Which articles (and, for quotes, which quotes) an aggregate counts. */
export interface AggregateFilter {
  /** Articles that mention this entity. */
  entityId?: number | undefined;
  /** Quotes by this speaker; for articles and mentions, articles that quote the speaker. */
  speakerId?: number | undefined;
  /** Articles from this outlet. */
  sourceId?: number | undefined;
  /** Quotes given through these channels (with a speaker, also for articles and mentions). */
  channels?: readonly QuoteChannelValue[] | undefined;
  /** Articles whose text matches (web-search syntax). */
  search?: string | undefined;
}

export interface TimelineQuery {
  of: TimelineSubjectValue;
  bucket: TimeBucketValue;
  /** First local day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last local day, exclusive. */
  to: string;
  timeZone: string;
  filter: AggregateFilter;
}

export interface TimelinePointRow {
  date: string;
  start: Date;
  count: number;
}

/** A publication window as instants (lists' publishedFrom / publishedBefore). */
export interface PublishedRange {
  from?: Date | undefined;
  before?: Date | undefined;
}

export interface EntityCountRow {
  entityId: number;
  count: number;
}

const units: Record<TimeBucketValue, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

const newestFirst: KeysetOrder = { keys: [quotes.reportedAt, quotes.id], descending: true };

const search = (text: string): SQL =>
  sql`${articles.search} @@ websearch_to_tsquery('english', ${text})`;

function within(time: AnyColumn, range: PublishedRange): SQL | undefined {
  return and(
    range.from ? sql`${time} >= ${range.from.toISOString()}::timestamptz` : undefined,
    range.before ? sql`${time} < ${range.before.toISOString()}::timestamptz` : undefined,
  );
}

export class AnalyticsRepository {
  constructor(private readonly db: Database) {}

  /** Mentions of the entity in the article whose id is `articleId` (a correlated column). */
  private mentions(articleId: SQL | typeof quotes.articleId, entityId: number): SQL {
    return sql`exists (select 1 from ${articleMentions} where ${articleMentions.articleId} = ${articleId} and ${articleMentions.entityId} = ${entityId})`;
  }

  private quotedIn(
    articleId: SQL | typeof articles.id,
    speakerId: number,
    channels: readonly QuoteChannelValue[] | undefined,
  ): SQL {
    const channel =
      channels && channels.length > 0 ? sql` and ${inArray(quotes.channel, [...channels])}` : sql``;
    return sql`exists (select 1 from ${quotes} where ${quotes.articleId} = ${articleId} and ${quotes.speakerId} = ${speakerId}${channel})`;
  }

  /**
   * The rows a timeline counts: the narrowest table first (an entity's mentions, a speaker's
   * quotes), so the range scan runs on its (key, time) index.
   */
  private counted(
    query: TimelineQuery,
    entityIds: readonly number[] | null,
  ): {
    from: SQL;
    time: SQL;
    measure: SQL;
    where: SQL | undefined;
    /** What the counts are grouped by besides the bucket: each entity, or one group. */
    key: SQL;
  } {
    const filter: AggregateFilter = entityIds
      ? { ...query.filter, entityId: undefined }
      : query.filter;
    const perEntity = entityIds ? inArray(articleMentions.entityId, [...entityIds]) : undefined;
    const key = entityIds ? sql`${articleMentions.entityId}` : sql`0`;
    const needsArticle = filter.sourceId !== undefined || filter.search !== undefined;
    const articleConditions = and(
      filter.sourceId !== undefined ? eq(articles.sourceId, filter.sourceId) : undefined,
      filter.search !== undefined ? search(filter.search) : undefined,
    );
    if (query.of === 'QUOTES') {
      const mentioned = entityIds
        ? sql` join ${articleMentions} on ${articleMentions.articleId} = ${quotes.articleId}`
        : sql``;
      return {
        key,
        from: needsArticle
          ? sql`${quotes}${mentioned} join ${articles} on ${articles.id} = ${quotes.articleId}`
          : sql`${quotes}${mentioned}`,
        time: sql`${quotes.reportedAt}`,
        measure: sql`count(*)`,
        where: and(
          filter.speakerId !== undefined ? eq(quotes.speakerId, filter.speakerId) : undefined,
          filter.channels && filter.channels.length > 0
            ? inArray(quotes.channel, [...filter.channels])
            : undefined,
          filter.entityId !== undefined
            ? this.mentions(quotes.articleId, filter.entityId)
            : undefined,
          perEntity,
          articleConditions,
        ),
      };
    }
    const speaker =
      filter.speakerId !== undefined
        ? (articleId: SQL) => this.quotedIn(articleId, filter.speakerId as number, filter.channels)
        : () => undefined;
    if (query.of === 'MENTIONS' || filter.entityId !== undefined || entityIds) {
      return {
        key,
        from: needsArticle
          ? sql`${articleMentions} join ${articles} on ${articles.id} = ${articleMentions.articleId}`
          : sql`${articleMentions}`,
        time: sql`${articleMentions.publishedAt}`,
        measure:
          query.of === 'MENTIONS' ? sql`sum(${articleMentions.mentionCount})` : sql`count(*)`,
        where: and(
          filter.entityId !== undefined ? eq(articleMentions.entityId, filter.entityId) : undefined,
          speaker(sql`${articleMentions.articleId}`),
          perEntity,
          articleConditions,
        ),
      };
    }
    return {
      key,
      from: sql`${articles}`,
      time: sql`${articles.publishedAt}`,
      measure: sql`count(*)`,
      where: and(speaker(sql`${articles.id}`), articleConditions),
    };
  }

  /** Counts per bucket over [from, to) in the time zone, every bucket present. */
  async timeline(query: TimelineQuery): Promise<TimelinePointRow[]> {
    const [points] = await this.timelines(query, null);
    return points ?? [];
  }

  /**
   * One timeline per entity in one statement (Entity.timeline on a list of entities), in the
   * order of `entityIds`; the filter's own entity is ignored.
   */
  async timelinesByEntity(
    query: TimelineQuery,
    entityIds: readonly number[],
  ): Promise<TimelinePointRow[][]> {
    return this.timelines(query, entityIds);
  }

  private async timelines(
    query: TimelineQuery,
    entityIds: readonly number[] | null,
  ): Promise<TimelinePointRow[][]> {
    const unit = sql.raw(`'${units[query.bucket]}'`);
    const step = sql.raw(`interval '1 ${units[query.bucket]}'`);
    const zone = query.timeZone;
    const { from, time, measure, where, key } = this.counted(query, entityIds);
    const start = sql`(${query.from}::timestamp at time zone ${zone})`;
    const end = sql`(${query.to}::timestamp at time zone ${zone})`;
    const groups = entityIds ?? [0];
    const result = await this.db.execute(sql`
      with counted as (
        select ${key} as grp, date_trunc(${unit}, ${time} at time zone ${zone}) as bucket,
               ${measure} as n
        from ${from}
        where ${time} >= ${start} and ${time} < ${end}${where ? sql` and ${where}` : sql``}
        group by 1, 2
      )
      select groups.grp as grp,
             to_char(series.bucket, 'YYYY-MM-DD') as date,
             series.bucket at time zone ${zone} as start,
             coalesce(counted.n, 0)::int as count
      from (values ${sql.join(
        groups.map((id) => sql`(${id}::int)`),
        sql`, `,
      )}) as groups(grp)
      cross join generate_series(date_trunc(${unit}, ${query.from}::timestamp),
                                 ${query.to}::timestamp - interval '1 day', ${step}) as series(bucket)
      left join counted on counted.grp = groups.grp and counted.bucket = series.bucket
      order by groups.grp, series.bucket`);
    const byGroup = new Map<number, TimelinePointRow[]>(groups.map((id) => [id, []]));
    for (const row of rowsOf<{ grp: number; date: string; start: Date | string; count: number }>(
      result,
    )) {
      byGroup.get(Number(row.grp))?.push({
        date: row.date,
        start: new Date(row.start),
        count: Number(row.count),
      });
    }
    return groups.map((id) => byGroup.get(id) ?? []);
  }

  /** Speakers quoted most in the articles the filter selects. */
  async topSpeakers(
    filter: AggregateFilter,
    range: PublishedRange,
    limit: number,
  ): Promise<EntityCountRow[]> {
    const needsArticle = filter.sourceId !== undefined || filter.search !== undefined;
    const query = this.db
      // Not null: unattributed quotes are left out below.
      .select({ entityId: sql<number>`${quotes.speakerId}`, count: sql<number>`count(*)::int` })
      .from(quotes);
    const joined = needsArticle
      ? query.innerJoin(articles, eq(articles.id, quotes.articleId))
      : query;
    return joined
      .where(
        and(
          isNotNull(quotes.speakerId),
          filter.entityId !== undefined
            ? this.mentions(quotes.articleId, filter.entityId)
            : undefined,
          filter.sourceId !== undefined ? eq(articles.sourceId, filter.sourceId) : undefined,
          filter.search !== undefined ? search(filter.search) : undefined,
          filter.channels && filter.channels.length > 0
            ? inArray(quotes.channel, [...filter.channels])
            : undefined,
          within(quotes.reportedAt, range),
        ),
      )
      .groupBy(quotes.speakerId)
      .orderBy(sql`count(*) desc`, quotes.speakerId)
      .limit(limit);
  }

  /**
   * Entities mentioned most often in the same articles as the entity (never itself). Read from
   * the entity_co_mentions rollup when no publication window is given or the window holds every
   * article mentioning the entity (the same answer); otherwise counted from article_mentions.
   */
  async coMentions(
    entityId: number,
    kinds: readonly EntityKindValue[] | undefined,
    range: PublishedRange,
    limit: number,
  ): Promise<EntityCountRow[]> {
    const byKind = kinds && kinds.length > 0;
    const rollup =
      (range.from === undefined && range.before === undefined) ||
      (await this.windowHoldsAllMentions(entityId, range));
    const result = rollup
      ? await this.coMentionsRolledUp(entityId, byKind ? kinds : undefined, limit)
      : await this.coMentionsCounted(entityId, kinds, range, limit);
    return rowsOf<EntityCountRow>(result).map((row) => ({
      entityId: Number(row.entityId),
      count: Number(row.count),
    }));
  }

  /**
   * The rollup holds each pair once, the lower id first: the entity's partners are the other ids
   * where it is `entity_id` and the entity ids where it is `other_id`. Each side is the top of its
   * own index range in count order, and the two are merged (no side is read past `limit`).
   */
  private coMentionsRolledUp(
    entityId: number,
    kinds: readonly EntityKindValue[] | undefined,
    limit: number,
  ): Promise<unknown> {
    const side = (self: AnyColumn, partner: AnyColumn) => sql`(
      select ${partner} as "entityId", ${entityCoMentions.articles} as count
      from ${entityCoMentions}
      ${kinds ? sql`join ${entities} on ${entities.id} = ${partner}` : sql``}
      where ${self} = ${entityId}
        ${kinds ? sql`and ${inArray(entities.kind, [...kinds])}` : sql``}
      order by ${entityCoMentions.articles} desc nulls last, ${partner}
      limit ${limit})`;
    return this.db.execute(sql`
      select "entityId", count from (
        ${side(entityCoMentions.entityId, entityCoMentions.otherId)}
        union all
        ${side(entityCoMentions.otherId, entityCoMentions.entityId)}
      ) as pairs
      order by count desc nulls last, "entityId"
      limit ${limit}`);
  }

  /** Whether every article mentioning the entity was published within the window. */
  private async windowHoldsAllMentions(entityId: number, range: PublishedRange): Promise<boolean> {
    const result = await this.db.execute(sql`
      select coalesce(${range.from ? sql`min(${articleMentions.publishedAt}) >= ${range.from.toISOString()}::timestamptz` : sql`true`}
                      and ${range.before ? sql`max(${articleMentions.publishedAt}) < ${range.before.toISOString()}::timestamptz` : sql`true`},
                      true) as holds
      from ${articleMentions}
      where ${articleMentions.entityId} = ${entityId}`);
    return rowsOf<{ holds: boolean }>(result)[0]?.holds === true;
  }

  private coMentionsCounted(
    entityId: number,
    kinds: readonly EntityKindValue[] | undefined,
    range: PublishedRange,
    limit: number,
  ): Promise<unknown> {
    const other = sql`other`;
    return this.db.execute(sql`
      select ${other}.entity_id as "entityId", count(*)::int as count
      from ${articleMentions}
      join ${articleMentions} as ${other} on ${other}.article_id = ${articleMentions.articleId}
        and ${other}.entity_id <> ${articleMentions.entityId}
      ${kinds && kinds.length > 0 ? sql`join ${entities} on ${entities.id} = ${other}.entity_id` : sql``}
      where ${articleMentions.entityId} = ${entityId}
        ${range.from ? sql`and ${articleMentions.publishedAt} >= ${range.from.toISOString()}::timestamptz` : sql``}
        ${range.before ? sql`and ${articleMentions.publishedAt} < ${range.before.toISOString()}::timestamptz` : sql``}
        ${kinds && kinds.length > 0 ? sql`and ${inArray(entities.kind, [...kinds])}` : sql``}
      group by ${other}.entity_id
      order by count(*) desc, ${other}.entity_id
      limit ${limit}`);
  }

  /** Outlets that published the most articles mentioning the entity. */
  async outletsCovering(
    entityId: number,
    range: PublishedRange,
    limit: number,
  ): Promise<EntityCountRow[]> {
    return this.db
      .select({ entityId: sql<number>`${articles.sourceId}`, count: sql<number>`count(*)::int` })
      .from(articleMentions)
      .innerJoin(articles, eq(articles.id, articleMentions.articleId))
      .where(
        and(
          eq(articleMentions.entityId, entityId),
          sql`${articles.sourceId} is not null`,
          within(articleMentions.publishedAt, range),
        ),
      )
      .groupBy(articles.sourceId)
      .orderBy(sql`count(*) desc`, articles.sourceId)
      .limit(limit);
  }

  /** Outlets whose articles carry the most quotes by the speaker. */
  async outletsQuoting(
    speakerId: number,
    range: PublishedRange,
    limit: number,
  ): Promise<EntityCountRow[]> {
    return this.db
      .select({ entityId: sql<number>`${articles.sourceId}`, count: sql<number>`count(*)::int` })
      .from(quotes)
      .innerJoin(articles, eq(articles.id, quotes.articleId))
      .where(
        and(
          eq(quotes.speakerId, speakerId),
          sql`${articles.sourceId} is not null`,
          within(quotes.reportedAt, range),
        ),
      )
      .groupBy(articles.sourceId)
      .orderBy(sql`count(*) desc`, articles.sourceId)
      .limit(limit);
  }

  /** How many of the speaker's quotes came through each channel, most first. */
  async quoteChannels(
    speakerId: number,
    range: PublishedRange,
  ): Promise<{ channel: QuoteChannelValue | null; count: number }[]> {
    return this.db
      .select({ channel: quotes.channel, count: sql<number>`count(*)::int` })
      .from(quotes)
      .where(and(eq(quotes.speakerId, speakerId), within(quotes.reportedAt, range)))
      .groupBy(quotes.channel)
      .orderBy(sql`count(*) desc`, sql`${quotes.channel} nulls last`);
  }

  private quotesAboutCondition(speakerId: number, filter: AggregateFilter): SQL | undefined {
    return and(
      eq(quotes.speakerId, speakerId),
      filter.entityId !== undefined ? this.mentions(quotes.articleId, filter.entityId) : undefined,
      filter.search !== undefined
        ? sql`exists (select 1 from ${articles} where ${articles.id} = ${quotes.articleId} and ${search(filter.search)})`
        : undefined,
    );
  }

  /** The speaker's quotes in articles mentioning the entity or matching the search, newest first. */
  async quotesAbout(
    speakerId: number,
    filter: AggregateFilter,
    keyset: Keyset,
  ): Promise<QuoteRow[]> {
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(
        and(this.quotesAboutCondition(speakerId, filter), keysetCondition(newestFirst, keyset)),
      )
      .orderBy(...keysetOrderBy(newestFirst, keyset))
      .limit(keyset.take + 1);
  }

  async countQuotesAbout(speakerId: number, filter: AggregateFilter): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(quotes)
      .where(this.quotesAboutCondition(speakerId, filter));
    return Number(row?.n ?? 0);
  }

  /** Deadlines the entity sets, faces or is concerned by. */
  private involving(entityId: number): SQL {
    return sql`(${deadlines.setById} = ${entityId} or ${deadlines.subjectId} = ${entityId} or exists (select 1 from ${deadlineConcerns} where ${deadlineConcerns.deadlineId} = ${deadlines.id} and ${deadlineConcerns.entityId} = ${entityId}))`;
  }

  async deadlinesByStatus(
    entityId: number,
  ): Promise<{ status: DeadlineStatusValue; count: number }[]> {
    return this.db
      .select({ status: deadlines.status, count: sql<number>`count(*)::int` })
      .from(deadlines)
      .where(this.involving(entityId))
      .groupBy(deadlines.status)
      .orderBy(sql`count(*) desc`, deadlines.status);
  }

  async deadlinesByDueMonth(entityId: number): Promise<{ month: string; count: number }[]> {
    const month = sql<string>`to_char(date_trunc('month', ${deadlines.dueOn}), 'YYYY-MM-DD')`;
    return this.db
      .select({ month, count: sql<number>`count(*)::int` })
      .from(deadlines)
      .where(this.involving(entityId))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
  }

  /** Deadlines whose due date was moved later at least `minimum` times, most first. */
  async extendedDeadlines(
    minimum: number,
    limit: number,
  ): Promise<{ deadlineId: number; extensions: number }[]> {
    return this.db
      .select({ deadlineId: deadlineChanges.deadlineId, extensions: sql<number>`count(*)::int` })
      .from(deadlineChanges)
      .where(sql`${deadlineChanges.dueOn} > ${deadlineChanges.previousDueOn}`)
      .groupBy(deadlineChanges.deadlineId)
      .having(sql`count(*) >= ${minimum}`)
      .orderBy(sql`count(*) desc`, deadlineChanges.deadlineId)
      .limit(limit);
  }

  /** Who set the most deadlines that were missed. */
  async missedDeadlinesBySetter(limit: number): Promise<EntityCountRow[]> {
    return this.db
      .select({ entityId: sql<number>`${deadlines.setById}`, count: sql<number>`count(*)::int` })
      .from(deadlines)
      .where(and(eq(deadlines.status, 'MISSED'), sql`${deadlines.setById} is not null`))
      .groupBy(deadlines.setById)
      .orderBy(sql`count(*) desc`, deadlines.setById)
      .limit(limit);
  }
}
