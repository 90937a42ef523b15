// The only place that knows how articles, their datelines and their entity mentions are stored.
import {
  and,
  count,
  eq,
  exists,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  ChildPage,
  prefetchColumn,
  prefetchShape,
  primePrefetches,
  type PageArgs,
  type Prefetch,
  type PrefetchedJson,
} from '../db/child-page';
import {
  keysetCondition,
  keysetLimit,
  keysetOrderBy,
  type CursorKey,
  type Keyset,
  type KeysetOrder,
} from '../db/keyset';
import { joinedWhen } from '../db/optional-join';
import { rowsOf } from '../db/rows';
import { chunks } from '../db/chunks';
import { insertJsonRows } from '../db/json-rows';
import { analyzeStaleTables } from '../db/statistics';
import { StatementCache, anyOf, inIds, literalBinder, type Binder } from '../db/statement-cache';
import {
  boundedCount,
  EXACT_COUNT_BOUND,
  isPhraseSearch,
  type SearchCount,
} from '../search/search-count';
import type { GroongaIndex } from '../search/groonga-index';
import type { GroongaQuery } from '../search/groonga-query';
import type { SearchEngine } from '../search/search-engine';
import {
  articleDatelines,
  articleMentions,
  articles,
  entities,
  entityAliases,
  entityColumns,
  quotes,
  type EntityKindValue,
  type EntityRow,
} from '../db/schema';

const { search: _search, ...articleColumns } = getTableColumns(articles);
// Lists leave the body out: a page of 20 bodies is ~100 kB that feeds and cards never show.
const { body: _body, ...summaryColumns } = articleColumns;
export const articleSummaryColumns = summaryColumns;

/** An article as read: everything but the search vector. */
export type ArticleRow = Omit<typeof articles.$inferSelect, 'search'>;

/** An article as lists read it: without its body, which is loaded only when asked for. */
export type ArticleSummaryRow = Omit<ArticleRow, 'body'>;

export type ArticleOrder = 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC' | 'RELEVANCE';

export interface ArticleFilter {
  publishedFrom?: Date | undefined;
  publishedBefore?: Date | undefined;
  mentioningEntityId?: number | undefined;
  sourceId?: number | undefined;
  /** Web-search syntax: words, "quoted phrases", -excluded, or. */
  search?: string | undefined;
}

export interface ArticleListRow extends ArticleSummaryRow {
  /** Text-search rank; 0 without a search. */
  rank: number;
  /** The relevance cursor's first key: the rank, or the RUM distance when that engine orders. */
  relevanceKey: number;
  /** Matching passages with <mark> around the hits; null without a search. */
  snippet: string | null;
  /** The outlet, when the list was asked to join it (null also when there is none). */
  source: EntityRow | null;
}

/** Related rows a list can bring along in its one statement. */
export interface ArticleIncludes {
  source?: boolean;
}

export interface MentionedArticleRow extends ArticleSummaryRow {
  parentId: number;
  mentionCount: number;
  surfaceForms: string[];
}

export interface ArticleEntityRow extends EntityRow {
  parentId: number;
  mentionCount: number;
  surfaceForms: string[];
}

export interface DatelineRow {
  articleId: number;
  place: EntityRow;
}

const byPublished = (descending: boolean): KeysetOrder => ({
  keys: [articles.publishedAt, articles.id],
  descending,
});

/** ts_headline options: up to two passages, hits in <mark>. */
const HEADLINE_OPTIONS = sql.raw(
  `'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … "'`,
);

interface Candidate {
  id: number;
  distance: number;
}

function searchQuery(search: SQL): SQL {
  return sql`websearch_to_tsquery('english', ${search})`;
}

/** The arguments of a page of mentioned entities per article (Article.entities). */
export interface MentionPageArgs extends PageArgs {
  kinds: readonly EntityKindValue[] | undefined;
}

export class ArticleRepository {
  private readonly statements = new StatementCache();
  /**
   * Counts learned while reading a page, by the page's rows: Groonga's (exact, free with the
   * ranking), 'groonga' for a page after a cursor, which Groonga counts in a second request, or
   * 'database' for a page from Groonga's tier, counted (estimated beyond a bound) by PostgreSQL.
   */
  private readonly knownCounts = new WeakMap<
    readonly ArticleListRow[],
    SearchCount | 'groonga' | 'database'
  >();

  /** Each article's page of mentioned entities, most mentioned first (Article.entities). */
  readonly mentionedEntities: ChildPage<MentionPageArgs, ArticleEntityRow>;

  /** `search`: what orders relevance-ranked search (search-engine.ts), per server instance. */
  constructor(
    private readonly db: Database,
    private readonly search: SearchEngine = 'postgres',
    private readonly groonga?: GroongaIndex,
  ) {
    this.mentionedEntities = new ChildPage(db, this.statements, {
      name: 'articles.mentionedEntities',
      parent: articles,
      parentId: articles.id,
      page: (args, bind) => this.mentionPage(args, bind),
      row: (page) => ({
        fields: {
          ...entityColumns,
          mentionCount: page.mentionCount,
          surfaceForms: page.surfaceForms,
        },
        joins: [{ table: entities, on: eq(entities.id, page.entityId), inner: true }],
        order: { keys: [page.mentionCount, page.entityId], descending: true },
      }),
    });
  }

  async bodiesByIds(ids: readonly number[]): Promise<{ id: number; body: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: articles.id, body: articles.body })
      .from(articles)
      .where(inArray(articles.id, [...ids]));
  }

  async byIds(ids: readonly number[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select(articleColumns)
      .from(articles)
      .where(inArray(articles.id, [...ids]));
  }

  /** Articles without their bodies, for fields that point at an article. */
  async summariesByIds(ids: readonly number[]): Promise<ArticleSummaryRow[]> {
    if (ids.length === 0) return [];
    return this.statements.run(
      'summariesByIds',
      {},
      () => this.db.select(summaryColumns).from(articles).where(inIds(articles.id)),
      ids,
    );
  }

  /** The articles a filter keeps; its values bound through `bind` (written in by default). */
  private filterCondition(
    filter: ArticleFilter,
    bind: Binder = literalBinder(filter),
  ): SQL | undefined {
    return and(
      filter.publishedFrom && gte(articles.publishedAt, bind('publishedFrom')),
      filter.publishedBefore && lt(articles.publishedAt, bind('publishedBefore')),
      filter.sourceId !== undefined ? eq(articles.sourceId, bind('sourceId')) : undefined,
      filter.mentioningEntityId !== undefined
        ? inArray(
            articles.id,
            this.db
              .select({ id: articleMentions.articleId })
              .from(articleMentions)
              .where(eq(articleMentions.entityId, bind('mentioningEntityId'))),
          )
        : undefined,
      filter.search ? sql`${articles.search} @@ ${searchQuery(bind('search'))}` : undefined,
    );
  }

  /**
   * A page of articles. `children` are each article's child values fetched in the same statement
   * and handed to their loaders (db/child-page Prefetch); a list by relevance leaves them to
   * their loaders.
   */
  async list(
    filter: ArticleFilter,
    order: ArticleOrder,
    keyset: Keyset,
    include: ArticleIncludes = {},
    children: readonly Prefetch[] = [],
  ): Promise<ArticleListRow[]> {
    if (order === 'RELEVANCE' && filter.search && this.search === 'rum') {
      return this.rumRelevanceList(filter.search, this.filterCondition(filter), keyset, include);
    }
    if (order === 'RELEVANCE' && filter.search && this.groonga) {
      const query = await this.groongaQuery(this.groonga, filter.search);
      if (query) return this.groongaRelevanceList(this.groonga, query, filter, keyset, include);
      // What Groonga cannot express (only exclusions) PostgreSQL ranks, as the postgres engine.
    }
    const prefetches = order === 'RELEVANCE' ? [] : children;
    const shape = prefetchShape(prefetches);
    const rows = (await this.statements.run(
      `articles.list:${this.search}:${order}:${shape.key}`,
      { filter, keyset, include, children: shape.args },
      (bind) => this.listQuery(filter, order, keyset, include, prefetches, bind),
    )) as (ArticleListRow & { prefetched: PrefetchedJson | null })[];
    for (const row of rows) primePrefetches(prefetches, row.id, row.prefetched);
    return rows;
  }

  private listQuery(
    filter: ArticleFilter,
    order: ArticleOrder,
    keyset: Keyset,
    include: ArticleIncludes,
    children: readonly Prefetch[],
    bind: Binder,
  ) {
    const where = this.filterCondition(filter, bind.at('filter'));
    const bindKeyset = bind.at('keyset');
    if (order === 'RELEVANCE' && filter.search) {
      const query = searchQuery(bind('filter.search'));
      const ranked = this.db
        .select({
          ...articleColumns,
          rank: sql<number>`ts_rank_cd(${articles.search}, ${query})::float8`.as('rank'),
        })
        .from(articles)
        .where(where)
        .as('ranked');
      const rankOrder: KeysetOrder = { keys: [ranked.rank, ranked.id], descending: true };
      const { body: _rankedBody, ...rankedSummary } = ranked._.selectedFields;
      return this.db
        .select({
          ...rankedSummary,
          relevanceKey: ranked.rank,
          snippet: sql<string>`ts_headline('english', ${ranked.body}, ${query}, ${HEADLINE_OPTIONS})`,
          source: entityColumns,
          prefetched: sql<null>`null`,
        })
        .from(ranked)
        .leftJoin(entities, joinedWhen(!!include.source, eq(entities.id, ranked.sourceId)))
        .where(keysetCondition(rankOrder, keyset, bindKeyset))
        .orderBy(...keysetOrderBy(rankOrder, keyset))
        .limit(keysetLimit(keyset, bindKeyset));
    }
    const byDate = byPublished(order !== 'PUBLISHED_AT_ASC');
    const snippet = filter.search
      ? sql<
          string | null
        >`ts_headline('english', ${articles.body}, ${searchQuery(bind('filter.search'))}, ${HEADLINE_OPTIONS})`
      : sql<string | null>`null::text`;
    const rank = filter.search
      ? sql<number>`ts_rank_cd(${articles.search}, ${searchQuery(bind('filter.search'))})::float8`
      : sql<number>`0::float8`;
    // Newest or oldest first with no filter but dates and the cursor: the index on (published_at,
    // id) read in order is the best plan whatever the values, so the page size is inlined and
    // PostgreSQL keeps that plan instead of planning the statement on every request.
    const inlineLimit =
      !filter.search && filter.mentioningEntityId === undefined && filter.sourceId === undefined;
    return this.db
      .select({
        ...summaryColumns,
        rank,
        relevanceKey: rank,
        snippet,
        source: entityColumns,
        prefetched:
          children.length > 0 ? prefetchColumn(children, bind.at('children')) : sql<null>`null`,
      })
      .from(articles)
      .leftJoin(entities, joinedWhen(!!include.source, eq(entities.id, articles.sourceId)))
      .where(and(where, keysetCondition(byDate, keyset, bindKeyset)))
      .orderBy(...keysetOrderBy(byDate, keyset))
      .limit(keysetLimit(keyset, bindKeyset, inlineLimit));
  }

  /**
   * Relevance order from the RUM index: `search <=> query` is RUM's distance (1 / its rank), and
   * an index scan ordered by it returns the best matches first without ranking the others. The
   * scan can order by the distance alone (adding the id as a tie-break makes PostgreSQL rank and
   * sort every match), and many matches tie (a word once in each of a hundred articles), so the
   * ids and distances are read first with `fetch first … with ties` (the whole tie at the page's
   * edge), and the page is cut by (distance, id) here: exact, as the tests check against ranking every
   * match. Then the page's rows are read with their snippets. Paging backwards asks for the
   * distance descending, which the index cannot give: correct, not fast.
   */
  private async rumRelevanceList(
    search: string,
    where: SQL | undefined,
    keyset: Keyset,
    include: ArticleIncludes,
  ): Promise<ArticleListRow[]> {
    const query = searchQuery(sql`${search}`);
    const distance = sql<number>`${articles.search} <=> ${query}`;
    const order: KeysetOrder = { keys: [distance, articles.id], descending: false };
    const wanted = keyset.take + 1;
    const direction = keyset.backward ? -1 : 1;
    const byKey = (a: Candidate, b: Candidate) =>
      direction * (a.distance - b.distance || a.id - b.id);
    // One ordered scan: the page's rows and every row tied with the last of them. The scan ranks
    // every match inside the index whatever the LIMIT, so reading again with a larger one (as
    // this did for ties) paid the whole scan again: three scans for a phrase at 1,000,000.
    // A phrase reads all its matches: the index orders a phrase by a score that is not the
    // distance of the row's tsvector (at 1,000,000, 2 of its first 20 were the exact top 20),
    // so the page is cut from every match, here.
    const phrase = isPhraseSearch(search);
    const candidates = (db: Database) =>
      db.execute(sql`
        select ${articles.id} as id, (${distance})::float8 as distance from ${articles}
        where ${and(where, keysetCondition(order, keyset)) ?? sql`true`}
        order by ${keyset.backward ? sql`${distance} desc` : distance}
        ${phrase ? sql`` : sql`fetch first ${wanted} rows with ties`}`);
    // Without a LIMIT the planner, overestimating a phrase, would recheck every article holding
    // its words from the heap (2.4 s at 1,000,000); the RUM scan checks positions in the index.
    const found: unknown = phrase
      ? await this.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_bitmapscan = off`);
          await tx.execute(sql`set local enable_seqscan = off`);
          return candidates(tx);
        })
      : await candidates(this.db);
    const sorted = [...(found as { rows: Candidate[] }).rows].sort(byKey);
    const page = sorted.slice(0, wanted);
    if (page.length === 0) return [];
    return this.db
      .select({
        ...summaryColumns,
        rank: sql<number>`1 / nullif((${distance})::float8, 0)`,
        relevanceKey: sql<number>`(${distance})::float8`,
        snippet: sql<string>`ts_headline('english', ${articles.body}, ${query}, ${HEADLINE_OPTIONS})`,
        source: entityColumns,
        prefetched: sql<null>`null`,
      })
      .from(articles)
      .leftJoin(entities, joinedWhen(!!include.source, eq(entities.id, articles.sourceId)))
      .where(
        inArray(
          articles.id,
          page.map((row) => row.id),
        ),
      )
      .orderBy(...keysetOrderBy(order, keyset));
  }

  /**
   * A search as Groonga's query syntax: PostgreSQL parses and stems the web-search text, so both
   * engines see the same lexemes. Null when Groonga cannot express it (groonga-query.ts).
   */
  private async groongaQuery(groonga: GroongaIndex, search: string): Promise<GroongaQuery | null> {
    return groonga.queryFor(search, async () => {
      const [row] = rowsOf<{ query: string }>(
        await this.db.execute(sql`select ${searchQuery(sql`${search}`)}::text as query`),
      );
      return row?.query ?? '';
    });
  }

  /**
   * Relevance order from Groonga: the page's ids and scores (score, then id, descending; Groonga
   * ranks every match in its index), then their rows and snippets from PostgreSQL in one read.
   */
  private async groongaRelevanceList(
    groonga: GroongaIndex,
    query: GroongaQuery,
    filter: ArticleFilter,
    keyset: Keyset,
    include: ArticleIncludes,
  ): Promise<ArticleListRow[]> {
    const cursor = (key: CursorKey | null) =>
      key ? { score: Number(key[0]), id: Number(key[1]) } : null;
    const { hits, total, counted } = await groonga.search(query, filter, {
      take: keyset.take + 1,
      backward: keyset.backward,
      after: cursor(keyset.after),
      before: cursor(keyset.before),
    });
    if (hits.length === 0) return [];
    // The hit past the page only tells whether there is a next page: no snippet for it.
    const shown = hits.slice(0, keyset.take).map((hit) => hit.id);
    const found = await this.db
      .select({
        ...summaryColumns,
        snippet: sql<
          string | null
        >`case when ${articles.id} = any(${sql.param(shown)}::int[]) then ts_headline('english', ${articles.body}, ${searchQuery(sql`${filter.search}`)}, ${HEADLINE_OPTIONS}) end`,
        source: entityColumns,
      })
      .from(articles)
      .leftJoin(entities, joinedWhen(!!include.source, eq(entities.id, articles.sourceId)))
      .where(
        inArray(
          articles.id,
          hits.map((hit) => hit.id),
        ),
      );
    const byId = new Map(found.map((row) => [row.id, row]));
    const page: ArticleListRow[] = [];
    // An article deleted since Groonga last heard of it is left out, not shown half-read.
    for (const hit of hits) {
      const row = byId.get(hit.id);
      if (row) page.push({ ...row, rank: hit.score, relevanceKey: hit.score });
    }
    // Groonga counted every match while ranking every match: the page's totalCount needs no second
    // search. A page from its tier left them uncounted: they are counted as a search by date is.
    this.knownCounts.set(
      page,
      total !== null ? { count: total, isEstimate: false } : counted ? 'groonga' : 'database',
    );
    return page;
  }

  /**
   * Exact without a search; with one, exact up to a bound and estimated beyond (search-count), or
   * exact from Groonga for its relevance pages. `page`: the list this count is for (a Groonga
   * page already knows its count, or that Groonga should count it).
   */
  async count(filter: ArticleFilter, page?: readonly ArticleListRow[]): Promise<SearchCount> {
    const known = page && this.knownCounts.get(page);
    if (known && typeof known === 'object') return known;
    const where = this.filterCondition(filter);
    if (known === 'groonga' && filter.search && this.groonga) {
      const query = await this.groongaQuery(this.groonga, filter.search);
      // Groonga counts every match in its index: exact, at any size.
      if (query) return { count: await this.groonga.count(query, filter), isEstimate: false };
    }
    // A search by date is read and counted by PostgreSQL on every engine (estimated beyond the
    // bound): counting a common word's matches in Groonga would cost more than the page.
    if (filter.search) {
      return boundedCount(
        this.db,
        () =>
          this.db
            .select({ one: sql`1` })
            .from(articles)
            .where(where)
            .$dynamic(),
        EXACT_COUNT_BOUND,
        { trustEstimate: !isPhraseSearch(filter.search), indexScan: this.search === 'rum' },
      );
    }
    const [row] = await this.db.select({ n: count() }).from(articles).where(where);
    return { count: row?.n ?? 0, isEstimate: false };
  }

  /** One page of articles per entity, newest first (Entity.articles). */
  async pageByEntityIds(
    entityIds: readonly number[],
    keyset: Keyset,
  ): Promise<MentionedArticleRow[]> {
    const order: KeysetOrder = {
      keys: [articleMentions.publishedAt, articleMentions.articleId],
      descending: true,
    };
    const page = this.db
      .select({
        ...summaryColumns,
        mentionCount: articleMentions.mentionCount,
        surfaceForms: articleMentions.surfaceForms,
      })
      .from(articleMentions)
      .innerJoin(articles, eq(articles.id, articleMentions.articleId))
      .where(and(eq(articleMentions.entityId, entities.id), keysetCondition(order, keyset)))
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keyset.take + 1)
      .as('page');
    return this.db
      .select({ ...page._.selectedFields, parentId: entities.id })
      .from(entities)
      .crossJoinLateral(page)
      .where(inArray(entities.id, [...entityIds]));
  }

  async countByEntityIds(entityIds: readonly number[]): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: articleMentions.entityId, n: count() })
      .from(articleMentions)
      .where(inArray(articleMentions.entityId, [...entityIds]))
      .groupBy(articleMentions.entityId);
  }

  /**
   * Each article's page of mention rows (most mentioned first), as a subquery on the enclosing
   * `articles`. The page is cut from article_mentions alone and only its rows are joined to
   * entities: joining inside it let the planner hash all entities once per article.
   */
  private mentionPage({ kinds, keyset }: MentionPageArgs, bind: Binder) {
    const order: KeysetOrder = {
      keys: [articleMentions.mentionCount, articleMentions.entityId],
      descending: true,
    };
    return this.db
      .select({
        entityId: articleMentions.entityId,
        mentionCount: articleMentions.mentionCount,
        surfaceForms: articleMentions.surfaceForms,
      })
      .from(articleMentions)
      .where(
        and(
          eq(articleMentions.articleId, articles.id),
          kinds && kinds.length > 0
            ? exists(
                this.db
                  .select({ one: sql`1` })
                  .from(entities)
                  .where(
                    and(
                      eq(entities.id, articleMentions.entityId),
                      anyOf(entities.kind, bind, 'kinds', kinds),
                    ),
                  ),
              )
            : undefined,
          keysetCondition(order, keyset, bind.at('keyset')),
        ),
      )
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keysetLimit(keyset, bind.at('keyset')))
      .as('page');
  }

  async countMentionedEntities(
    articleIds: readonly number[],
    kinds: readonly EntityKindValue[] | undefined,
  ): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: articleMentions.articleId, n: count() })
      .from(articleMentions)
      .innerJoin(entities, eq(entities.id, articleMentions.entityId))
      .where(
        and(
          inArray(articleMentions.articleId, [...articleIds]),
          kinds && kinds.length > 0 ? inArray(entities.kind, [...kinds]) : undefined,
        ),
      )
      .groupBy(articleMentions.articleId);
  }

  async datelinesByArticleIds(articleIds: readonly number[]): Promise<DatelineRow[]> {
    return this.db
      .select({ articleId: articleDatelines.articleId, place: entityColumns })
      .from(articleDatelines)
      .innerJoin(entities, eq(entities.id, articleDatelines.placeId))
      .where(inArray(articleDatelines.articleId, [...articleIds]))
      .orderBy(articleDatelines.articleId, articleDatelines.position);
  }

  // ---- writes ----

  /**
   * Brings the statistics of the tables storing an article reads from up to date where
   * autovacuum would (db/statistics.ts): what a bulk load calls between batches so that each
   * batch's lookups (articles by identity, entities by name, mentions for the co-mention counts)
   * are planned on the rows the earlier ones stored.
   */
  refreshStatistics(): Promise<string[]> {
    return analyzeStaleTables(this.db, [articles, entities, entityAliases, articleMentions]);
  }

  async byUrlOrHash(url: string | null, hash: string): Promise<ArticleRow | null> {
    const [row] = await this.byUrlsOrHashes([{ url, hash }]);
    return row ?? null;
  }

  /**
   * The stored articles with one of these identities: the URL when there is one, else the
   * content hash among articles without a URL (article.rules.ts). One statement for a batch.
   */
  async byUrlsOrHashes(
    identities: readonly { url: string | null; hash: string }[],
  ): Promise<ArticleRow[]> {
    const urls = identities.flatMap(({ url }) => (url ? [url] : []));
    const hashes = identities.flatMap(({ url, hash }) => (url ? [] : [hash]));
    if (urls.length + hashes.length === 0) return [];
    return this.db
      .select(articleColumns)
      .from(articles)
      .where(
        or(
          urls.length > 0 ? inArray(articles.url, urls) : undefined,
          hashes.length > 0
            ? and(isNull(articles.url), inArray(articles.contentHash, hashes))
            : undefined,
        ),
      );
  }

  /**
   * Inserts the article unless one with its URL (or, without a URL, its content) is stored; null
   * then. A writer racing to store the same article waits for the other to commit and gets null.
   */
  async insertIfNew(values: typeof articles.$inferInsert): Promise<ArticleRow | null> {
    const [row] = await this.insertManyIfNew([values]);
    return row ?? null;
  }

  /** insertIfNew for several articles in one statement: returns the ones inserted. */
  async insertManyIfNew(values: readonly (typeof articles.$inferInsert)[]): Promise<ArticleRow[]> {
    if (values.length === 0) return [];
    return this.db
      .insert(articles)
      .values([...values])
      .onConflictDoNothing()
      .returning(articleColumns);
  }

  async insertDatelines(articleId: number, placeIds: readonly number[]): Promise<void> {
    await this.insertDatelinesMany(
      placeIds.map((placeId, position) => ({ articleId, position, placeId })),
    );
  }

  async insertDatelinesMany(
    rows: readonly { articleId: number; position: number; placeId: number }[],
  ): Promise<void> {
    for (const chunk of chunks(rows)) await this.db.insert(articleDatelines).values(chunk);
  }

  /** Adds mentions; a mention of an entity already mentioned adds to its count and words. */
  async addMentions(
    articleId: number,
    publishedAt: Date,
    mentions: readonly {
      entityId: number;
      mentionCount: number;
      surfaceForms: readonly string[];
    }[],
  ): Promise<void> {
    await this.addMentionsMany(mentions.map((mention) => ({ ...mention, articleId, publishedAt })));
  }

  /**
   * addMentions for several articles in one statement (one row per article and entity). An entity
   * listed twice for one article (by id and by name, say) is one mention with both counts, which
   * one insert could not upsert twice.
   */
  async addMentionsMany(
    mentions: readonly {
      articleId: number;
      publishedAt: Date;
      entityId: number;
      mentionCount: number;
      surfaceForms: readonly string[];
    }[],
  ): Promise<void> {
    const folded = new Map<
      string,
      {
        articleId: number;
        publishedAt: Date;
        entityId: number;
        mentionCount: number;
        surfaceForms: Set<string>;
      }
    >();
    for (const mention of mentions) {
      const key = `${mention.articleId}:${mention.entityId}`;
      const seen = folded.get(key);
      if (seen) {
        seen.mentionCount += mention.mentionCount;
        for (const form of mention.surfaceForms) seen.surfaceForms.add(form);
      } else folded.set(key, { ...mention, surfaceForms: new Set(mention.surfaceForms) });
    }
    if (folded.size === 0) return;
    // One statement, so the co-mention counts (a statement trigger) are updated once.
    await this.db.execute(sql`${insertJsonRows(
      articleMentions,
      [...folded.values()].map((mention) => ({
        articleId: mention.articleId,
        entityId: mention.entityId,
        mentionCount: mention.mentionCount,
        surfaceForms: [...mention.surfaceForms],
        publishedAt: mention.publishedAt,
      })),
    )}
      on conflict (article_id, entity_id) do update
         set mention_count = ${articleMentions.mentionCount} + excluded.mention_count,
             surface_forms = array(select distinct unnest(
               ${articleMentions.surfaceForms} || excluded.surface_forms))`);
  }

  /** Makes sure the article lists these entities as mentioned, without counting them again. */
  async ensureMentioned(
    articleId: number,
    publishedAt: Date,
    entityIds: readonly number[],
  ): Promise<void> {
    await this.ensureMentionedMany(
      entityIds.map((entityId) => ({ articleId, publishedAt, entityId })),
    );
  }

  /** ensureMentioned for several articles in one statement. */
  async ensureMentionedMany(
    rows: readonly { articleId: number; publishedAt: Date; entityId: number }[],
  ): Promise<void> {
    const unique = new Map(rows.map((row) => [`${row.articleId}:${row.entityId}`, row]));
    if (unique.size === 0) return;
    await this.db.execute(
      sql`${insertJsonRows(
        articleMentions,
        [...unique.values()].map((row) => ({ ...row, mentionCount: 1, surfaceForms: [] })),
      )} on conflict do nothing`,
    );
  }

  /**
   * Moves mentions, datelines and sources from entity `fromId` to `toId`. An article that mentions
   * both keeps one mention with the counts and words combined. Part of a merge: run it in the
   * merge's transaction, with both entities locked.
   */
  async moveEntityReferences(fromId: number, toId: number): Promise<void> {
    await this.db.execute(sql`
      update ${articleMentions} as kept
         set mention_count = kept.mention_count + gone.mention_count,
             surface_forms = array(select distinct unnest(kept.surface_forms || gone.surface_forms))
        from ${articleMentions} as gone
       where kept.entity_id = ${toId} and gone.entity_id = ${fromId}
         and kept.article_id = gone.article_id`);
    await this.db.execute(sql`
      delete from ${articleMentions} as gone
       using ${articleMentions} as kept
       where gone.entity_id = ${fromId} and kept.entity_id = ${toId}
         and kept.article_id = gone.article_id`);
    await this.db
      .update(articleMentions)
      .set({ entityId: toId })
      .where(eq(articleMentions.entityId, fromId));
    await this.db
      .update(articleDatelines)
      .set({ placeId: toId })
      .where(eq(articleDatelines.placeId, fromId));
    await this.db.update(articles).set({ sourceId: toId }).where(eq(articles.sourceId, fromId));
  }

  async update(
    id: number,
    patch: Partial<Pick<ArticleRow, 'headline' | 'url' | 'language' | 'publishedAt' | 'sourceId'>>,
  ): Promise<ArticleRow | null> {
    const [row] = await this.db
      .update(articles)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(articles.id, id))
      .returning(articleColumns);
    if (row && patch.publishedAt) {
      // Keep the copies used for paging in step.
      await this.db
        .update(articleMentions)
        .set({ publishedAt: patch.publishedAt })
        .where(eq(articleMentions.articleId, id));
      await this.db
        .update(quotes)
        .set({ reportedAt: patch.publishedAt })
        .where(eq(quotes.articleId, id));
    }
    return row ?? null;
  }

  async delete(id: number): Promise<ArticleRow | null> {
    const [row] = await this.db
      .delete(articles)
      .where(eq(articles.id, id))
      .returning(articleColumns);
    return row ?? null;
  }
}
