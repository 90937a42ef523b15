// The only place that knows how quotes are stored.
import { and, count, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { articleSummaryColumns, type ArticleSummaryRow } from '../articles/article.repository';
import type { Database } from '../db/client';
import { keysetCondition, keysetOrderBy, type Keyset, type KeysetOrder } from '../db/keyset';
import { jsonObject, jsonRows, pageRowsFromJson, reviveTimes } from '../db/json';
import { joinedWhen } from '../db/optional-join';
import {
  boundedCount,
  EXACT_COUNT_BOUND,
  isPhraseSearch,
  type SearchCount,
} from '../search/search-count';
import { chunks } from '../db/chunks';
import { StatementCache, inIds } from '../db/statement-cache';
import {
  articles,
  entities,
  entityColumns,
  quoteColumns,
  quotes,
  type EntityRow,
  type QuoteChannelValue,
  type QuoteRow,
} from '../db/schema';

export type { QuoteRow };

export interface QuoteFilter {
  speakerId?: number | undefined;
  articleId?: number | undefined;
  viaId?: number | undefined;
  channels?: readonly QuoteChannelValue[] | undefined;
  direct?: boolean | undefined;
  /** Only quotes with (true) or without (false) a named speaker. */
  attributed?: boolean | undefined;
  /** Said on or after this day (the day it was said, or else the day it was reported). */
  saidFrom?: string | undefined;
  /** Said before this day. */
  saidBefore?: string | undefined;
  search?: string | undefined;
}

export interface ChildQuoteRow extends QuoteRow {
  parentId: number;
  /** The speaker, when the page was asked to join it. */
  speaker?: EntityRow | null;
  /** The article (without its body), when the page was asked to join it. */
  article?: ArticleSummaryRow | null;
}

/** Related rows a page of quotes can bring along in its one statement. */
export interface QuoteIncludes {
  speaker?: boolean;
  article?: boolean;
}

/** The day a quote was said when the article says so, else the day it was reported. */
const saidOn = sql`coalesce(${quotes.spokenOn}, (${quotes.reportedAt} at time zone 'UTC')::date)`;

const newestFirst: KeysetOrder = { keys: [quotes.reportedAt, quotes.id], descending: true };
const inTextOrder: KeysetOrder = { keys: [quotes.spanStart, quotes.id], descending: false };

export class QuoteRepository {
  private readonly statements = new StatementCache();

  constructor(private readonly db: Database) {}

  async byIds(ids: readonly number[]): Promise<QuoteRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(inArray(quotes.id, [...ids]));
  }

  private condition(filter: QuoteFilter): SQL | undefined {
    return and(
      filter.speakerId !== undefined ? eq(quotes.speakerId, filter.speakerId) : undefined,
      filter.articleId !== undefined ? eq(quotes.articleId, filter.articleId) : undefined,
      filter.viaId !== undefined ? eq(quotes.viaId, filter.viaId) : undefined,
      filter.channels && filter.channels.length > 0
        ? inArray(quotes.channel, [...filter.channels])
        : undefined,
      filter.direct !== undefined ? eq(quotes.direct, filter.direct) : undefined,
      filter.attributed === undefined
        ? undefined
        : filter.attributed
          ? isNotNull(quotes.speakerId)
          : isNull(quotes.speakerId),
      filter.saidFrom ? gte(saidOn, filter.saidFrom) : undefined,
      filter.saidBefore ? lt(saidOn, filter.saidBefore) : undefined,
      filter.search
        ? sql`${quotes.search} @@ websearch_to_tsquery('english', ${filter.search})`
        : undefined,
    );
  }

  /** Quotes matching the filter, newest report first. */
  async list(filter: QuoteFilter, keyset: Keyset): Promise<QuoteRow[]> {
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(and(this.condition(filter), keysetCondition(newestFirst, keyset)))
      .orderBy(...keysetOrderBy(newestFirst, keyset))
      .limit(keyset.take + 1);
  }

  /** Exact without a search; with one, exact up to a bound and estimated beyond (search-count). */
  async count(filter: QuoteFilter): Promise<SearchCount> {
    const where = this.condition(filter);
    if (filter.search) {
      return boundedCount(
        this.db,
        () =>
          this.db
            .select({ one: sql`1` })
            .from(quotes)
            .where(where)
            .$dynamic(),
        EXACT_COUNT_BOUND,
        { trustEstimate: !isPhraseSearch(filter.search) },
      );
    }
    const [row] = await this.db.select({ n: count() }).from(quotes).where(where);
    return { count: row?.n ?? 0, isEstimate: false };
  }

  /** Each article's page of quotes in text order, as a subquery on the enclosing `articles`. */
  private articlePage(filter: QuoteFilter, keyset: Keyset) {
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(
        and(
          eq(quotes.articleId, articles.id),
          this.condition(filter),
          keysetCondition(inTextOrder, keyset),
        ),
      )
      .orderBy(...keysetOrderBy(inTextOrder, keyset))
      .limit(keyset.take + 1)
      .as('page');
  }

  /** One page of quotes per article, in the order they appear in the text (Article.quotes). */
  async pageByArticleIds(
    articleIds: readonly number[],
    filter: QuoteFilter,
    keyset: Keyset,
    include: QuoteIncludes = {},
  ): Promise<ChildQuoteRow[]> {
    return this.statements.run(
      `pageByArticleIds:${JSON.stringify([filter, keyset, include])}`,
      () => {
        const page = this.articlePage(filter, keyset);
        return (
          this.db
            .select({
              ...page._.selectedFields,
              parentId: articles.id,
              speaker: entityColumns,
            })
            .from(articles)
            .crossJoinLateral(page)
            .leftJoin(entities, joinedWhen(!!include.speaker, eq(entities.id, page.speakerId)))
            .where(inIds(articles.id))
            // A join after the lateral may reorder rows: restate the page order.
            .orderBy(
              articles.id,
              ...keysetOrderBy({ keys: [page.spanStart, page.id], descending: false }, keyset),
            )
        );
      },
      articleIds,
    );
  }

  /**
   * The same page as pageByArticleIds, as a json column for a statement that selects from
   * `articles`; `fromPageJson` turns it back into rows.
   */
  pageJsonPerArticle(filter: QuoteFilter, keyset: Keyset, include: QuoteIncludes): SQL {
    const page = this.articlePage(filter, keyset);
    return jsonRows(
      jsonObject({
        ...page._.selectedFields,
        speaker: include.speaker ? jsonObject(entityColumns) : sql`null`,
      }),
      sql`from ${page} left join ${entities} on ${joinedWhen(!!include.speaker, eq(entities.id, page.speakerId))}`,
      keysetOrderBy({ keys: [page.spanStart, page.id], descending: false }, keyset),
    );
  }

  fromPageJson(json: unknown, parentId: number): ChildQuoteRow[] {
    return pageRowsFromJson<ChildQuoteRow>(json, parentId, ['reportedAt']);
  }

  async countByArticleIds(
    articleIds: readonly number[],
    filter: QuoteFilter,
  ): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: quotes.articleId, n: count() })
      .from(quotes)
      .where(and(inArray(quotes.articleId, [...articleIds]), this.condition(filter)))
      .groupBy(quotes.articleId);
  }

  /** Each speaker's page of quotes, newest first, as a subquery on the enclosing `entities`. */
  private speakerPage(filter: QuoteFilter, keyset: Keyset) {
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(
        and(
          eq(quotes.speakerId, entities.id),
          this.condition(filter),
          keysetCondition(newestFirst, keyset),
        ),
      )
      .orderBy(...keysetOrderBy(newestFirst, keyset))
      .limit(keyset.take + 1)
      .as('page');
  }

  /** The same pages as pageBySpeakerIds, as a json column of a statement on `entities`. */
  pageJsonPerSpeaker(filter: QuoteFilter, keyset: Keyset, include: QuoteIncludes): SQL {
    const page = this.speakerPage(filter, keyset);
    return jsonRows(
      jsonObject({
        ...page._.selectedFields,
        article: include.article ? jsonObject(articleSummaryColumns) : sql`null`,
      }),
      sql`from ${page} left join ${articles} on ${joinedWhen(!!include.article, eq(articles.id, page.articleId))}`,
      keysetOrderBy({ keys: [page.reportedAt, page.id], descending: true }, keyset),
    );
  }

  fromSpeakerPageJson(json: unknown, speakerId: number): ChildQuoteRow[] {
    const rows = this.fromPageJson(json, speakerId);
    for (const { article } of rows) {
      if (article) reviveTimes(article, ['publishedAt', 'createdAt', 'updatedAt']);
    }
    return rows;
  }

  /** One page of quotes per speaker, newest report first (Entity.quotes). */
  async pageBySpeakerIds(
    speakerIds: readonly number[],
    filter: QuoteFilter,
    keyset: Keyset,
    include: QuoteIncludes = {},
  ): Promise<ChildQuoteRow[]> {
    return this.statements.run(
      `pageBySpeakerIds:${JSON.stringify([filter, keyset, include])}`,
      () => {
        const page = this.speakerPage(filter, keyset);
        return (
          this.db
            .select({
              ...page._.selectedFields,
              parentId: entities.id,
              article: articleSummaryColumns,
            })
            .from(entities)
            .crossJoinLateral(page)
            .leftJoin(articles, joinedWhen(!!include.article, eq(articles.id, page.articleId)))
            .where(inIds(entities.id))
            // A join after the lateral may reorder rows: restate the page order.
            .orderBy(
              entities.id,
              ...keysetOrderBy({ keys: [page.reportedAt, page.id], descending: true }, keyset),
            )
        );
      },
      speakerIds,
    );
  }

  async countBySpeakerIds(
    speakerIds: readonly number[],
    filter: QuoteFilter,
  ): Promise<{ parentId: number; n: number }[]> {
    return (
      this.db
        // Not null here: the filter keeps only the given speakers.
        .select({ parentId: sql<number>`${quotes.speakerId}`, n: count() })
        .from(quotes)
        .where(and(inArray(quotes.speakerId, [...speakerIds]), this.condition(filter)))
        .groupBy(quotes.speakerId)
    );
  }

  // ---- writes ----

  async insert(values: readonly (typeof quotes.$inferInsert)[]): Promise<QuoteRow[]> {
    const rows: QuoteRow[] = [];
    for (const chunk of chunks(values)) {
      rows.push(...(await this.db.insert(quotes).values(chunk).returning(quoteColumns)));
    }
    return rows;
  }

  async update(id: number, patch: Partial<typeof quotes.$inferInsert>): Promise<QuoteRow | null> {
    const [row] = await this.db
      .update(quotes)
      .set(patch)
      .where(eq(quotes.id, id))
      .returning(quoteColumns);
    return row ?? null;
  }

  /**
   * Makes entity `toId` the speaker or outlet wherever `fromId` was. One statement, so no row is
   * ever checked half-moved; a quote that came via the entity it is now said by has no separate
   * outlet any more. Part of a merge: run it in the merge's transaction.
   */
  async moveEntity(fromId: number, toId: number): Promise<void> {
    await this.db.execute(sql`
      update ${quotes} set
        speaker_id = case when speaker_id = ${fromId} then ${toId} else speaker_id end,
        via_id = nullif(
          case when via_id = ${fromId} then ${toId} else via_id end,
          case when speaker_id = ${fromId} then ${toId} else speaker_id end)
      where speaker_id = ${fromId} or via_id = ${fromId}`);
  }

  async delete(id: number): Promise<QuoteRow | null> {
    const [row] = await this.db.delete(quotes).where(eq(quotes.id, id)).returning(quoteColumns);
    return row ?? null;
  }
}
