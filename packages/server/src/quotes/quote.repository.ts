// The only place that knows how quotes are stored.
import { and, count, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { articleSummaryColumns, type ArticleSummaryRow } from '../articles/article.repository';
import type { Database } from '../db/client';
import { ChildPage, type PageArgs } from '../db/child-page';
import {
  keysetCondition,
  keysetLimit,
  keysetOrderBy,
  type Keyset,
  type KeysetOrder,
} from '../db/keyset';
import {
  boundedCount,
  EXACT_COUNT_BOUND,
  isPhraseSearch,
  type SearchCount,
} from '../search/search-count';
import { chunks } from '../db/chunks';
import { insertJsonRows } from '../db/json-rows';
import { StatementCache, anyOf, literalBinder, type Binder } from '../db/statement-cache';
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

/** A quote as inserted. */
export type NewQuoteRow = typeof quotes.$inferInsert;

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

/** The quotes a filter keeps; its values bound through `bind`. */
function quoteCondition(filter: QuoteFilter, bind: Binder): SQL | undefined {
  return and(
    filter.speakerId !== undefined ? eq(quotes.speakerId, bind('speakerId')) : undefined,
    filter.articleId !== undefined ? eq(quotes.articleId, bind('articleId')) : undefined,
    filter.viaId !== undefined ? eq(quotes.viaId, bind('viaId')) : undefined,
    filter.channels && filter.channels.length > 0
      ? anyOf(quotes.channel, bind, 'channels', filter.channels)
      : undefined,
    filter.direct !== undefined ? eq(quotes.direct, bind('direct')) : undefined,
    filter.attributed === undefined
      ? undefined
      : filter.attributed
        ? isNotNull(quotes.speakerId)
        : isNull(quotes.speakerId),
    filter.saidFrom ? gte(saidOn, bind('saidFrom')) : undefined,
    filter.saidBefore ? lt(saidOn, bind('saidBefore')) : undefined,
    filter.search
      ? sql`${quotes.search} @@ websearch_to_tsquery('english', ${bind('search')})`
      : undefined,
  );
}

/** The arguments of a page of quotes per parent. */
export interface QuotePageArgs extends PageArgs {
  filter: QuoteFilter;
  include: QuoteIncludes;
}

const newestFirst: KeysetOrder = { keys: [quotes.reportedAt, quotes.id], descending: true };
const inTextOrder: KeysetOrder = { keys: [quotes.spanStart, quotes.id], descending: false };

export class QuoteRepository {
  private readonly statements = new StatementCache();

  /** Each article's page of quotes, in the order they appear in the text (Article.quotes). */
  readonly byArticle: ChildPage<QuotePageArgs, ChildQuoteRow>;
  /** Each speaker's page of quotes, newest report first (Entity.quotes). */
  readonly bySpeaker: ChildPage<QuotePageArgs, ChildQuoteRow>;

  constructor(private readonly db: Database) {
    this.byArticle = new ChildPage(db, this.statements, {
      name: 'quotes.byArticle',
      parent: articles,
      parentId: articles.id,
      page: (args, bind) => this.page(eq(quotes.articleId, articles.id), inTextOrder, args, bind),
      row: (page, { include }) => ({
        fields: { ...page._.selectedFields, speaker: include.speaker ? entityColumns : null },
        joins: include.speaker ? [{ table: entities, on: eq(entities.id, page.speakerId) }] : [],
        order: { keys: [page.spanStart, page.id], descending: false },
      }),
    });
    this.bySpeaker = new ChildPage(db, this.statements, {
      name: 'quotes.bySpeaker',
      parent: entities,
      parentId: entities.id,
      page: (args, bind) => this.page(eq(quotes.speakerId, entities.id), newestFirst, args, bind),
      row: (page, { include }) => ({
        fields: {
          ...page._.selectedFields,
          article: include.article ? articleSummaryColumns : null,
        },
        joins: include.article ? [{ table: articles, on: eq(articles.id, page.articleId) }] : [],
        order: { keys: [page.reportedAt, page.id], descending: true },
      }),
    });
  }

  /** One parent's page of quotes, as a subquery on the enclosing parent row. */
  private page(parent: SQL, order: KeysetOrder, args: QuotePageArgs, bind: Binder) {
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(
        and(
          parent,
          quoteCondition(args.filter, bind.at('filter')),
          keysetCondition(order, args.keyset, bind.at('keyset')),
        ),
      )
      .orderBy(...keysetOrderBy(order, args.keyset))
      .limit(keysetLimit(args.keyset, bind.at('keyset')))
      .as('page');
  }

  async byIds(ids: readonly number[]): Promise<QuoteRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select(quoteColumns)
      .from(quotes)
      .where(inArray(quotes.id, [...ids]));
  }

  private condition(filter: QuoteFilter): SQL | undefined {
    return quoteCondition(filter, literalBinder(filter));
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

  /**
   * Inserts many quotes in one statement whatever their number (db/json-rows.ts), returning
   * nothing: what storing a folder's batch needs.
   */
  async insertMany(values: readonly NewQuoteRow[]): Promise<void> {
    if (values.length === 0) return;
    await this.db.execute(insertJsonRows(quotes, values));
  }

  async insert(values: readonly NewQuoteRow[]): Promise<QuoteRow[]> {
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
