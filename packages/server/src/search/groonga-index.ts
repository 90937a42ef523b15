// The Groonga engine (DATELINE_SEARCH=groonga): relevance-ranked article search answered by a
// Groonga server over HTTP, fed from the transactional outbox (migration 0012).
//
// What Groonga holds per article: its lexemes as PostgreSQL stems them (the stored `search`
// tsvector, headline and body apart, in text order), its publication time, outlet and mentioned
// entities. Queries are parsed by PostgreSQL (websearch_to_tsquery) and handed over as lexemes
// (groonga-query.ts), so a word matches in both engines alike. Groonga ranks every match in its
// inverted index, far faster than PostgreSQL can read and rank rows; its score is the number of
// times the query's words (or phrases) occur, a headline occurrence counting 5 and a body one 2
// (ts_rank_cd's weights for the headline's A and the body's B are 1.0 and 0.4).
//
// A tier of the index keeps, for each article, only the words that score at least HOT_SCORE in it
// (its `hot` words: a champion list, Manning, Raghavan and Schütze, "Introduction to Information
// Retrieval", §7.1.3). A search for common words ranks the articles where one of its words is hot
// first: an article where none is cannot score more than (HOT_SCORE - 1) for each word, so when
// the page's last hit scores more than that the page is exactly the one ranking every match would
// give, and it is returned without reading the other matches; otherwise the search ranks every
// match (searchTier).
//
// Writes reach Groonga through `search_outbox`, filled in each write's own transaction by
// triggers. One relay at a time (an advisory lock) takes the oldest rows, reads those articles as
// they are now, loads or deletes them in Groonga and only then deletes the rows, in one database
// transaction: a Groonga that is down leaves the rows for the next attempt. Several instances
// may run; whichever holds the lock delivers.
import { ErrorCode } from '@dateline/schema';
import { sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, DatabaseHandle } from '../db/client';
import { rowsOf } from '../db/rows';
import { DomainError } from '../shared/domain-error';
import { GAP, groongaQueryOf, type GroongaQuery } from './groonga-query';

/** The search engine did not answer: a coded error the client can retry, not a crash. */
export class SearchUnavailableError extends DomainError {
  override name = 'SearchUnavailableError';

  constructor(readonly reason: string) {
    super(
      ErrorCode.SearchUnavailable,
      'Relevance-ranked search is unavailable for a moment: the search engine did not answer. Retry shortly; searches ordered by date and everything else still work.',
      [],
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
}

/** Groonga answered with an error: a bug or a broken index, not an outage. */
export class GroongaCommandError extends Error {
  override name = 'GroongaCommandError';
}

const RETRY_AFTER_SECONDS = 5;
/** Advisory lock: one relay (or one re-index) delivers at a time. */
const RELAY_LOCK_KEY = 71_140_015;
/** Outbox rows per delivery; a batch is one Groonga load and one transaction. */
const RELAY_BATCH = 500;
/** How often an idle relay looks anyway (it is woken by a notification at each commit). */
const RELAY_POLL_MS = 5_000;
const RELAY_MAX_BACKOFF_MS = 30_000;
/** Articles per load while re-indexing. */
const REINDEX_BATCH = 2_000;
const HEADLINE_WEIGHT = 5;
const BODY_WEIGHT = 2;
/**
 * A word is hot in an article when it scores at least this there: a headline occurrence and a body
 * one, or four in the body. In the bench's generated data "dolorem" is hot in 1.3 % of the
 * articles it is in.
 */
export const HOT_SCORE = 7;
/**
 * Groonga adds 1 to an article's score for each other condition that selects it (a filter, a
 * hot word of the tier, a cursor's post filter), so the query's weights are multiplied by this
 * and the score divided by it again: what the other conditions add never reaches a point of the
 * query's own score. The tier serves queries of fewer distinct words than MAX_TIER_WORDS.
 */
const SCALE = 100;
const MAX_TIER_WORDS = 40;
/** The query's weighted columns, scaled (SCALE). */
const MATCH_COLUMNS = `headline * ${HEADLINE_WEIGHT * SCALE} || body * ${BODY_WEIGHT * SCALE}`;
/** A search whose first word is in fewer articles than this ranks every match: that is cheap. */
const TIER_MIN_POSTINGS = 20_000;
/** How long filtersFirst trusts the statistics and posting counts it read. */
const STATISTICS_MAX_AGE_MS = 5 * 60_000;

export interface GroongaOptions {
  /** The Groonga HTTP server, e.g. http://127.0.0.1:10041. */
  url: string;
  /** How long a search waits for Groonga before answering SEARCH_UNAVAILABLE. */
  timeoutMs?: number;
  /**
   * When a search tries the tier first: `auto` (the default) when its first word is in at least
   * 20,000 articles (below, ranking every match is cheap) and its words are hot in at most a
   * quarter as many; `always` whenever it can serve the search (tests), `never`.
   */
  tier?: 'auto' | 'always' | 'never';
}

/** One article as Groonga stores it. */
interface GroongaDocument {
  _key: number;
  headline: string;
  body: string;
  published_at: number;
  source_id: number;
  entity_ids: number[];
  /** The lexemes that score at least HOT_SCORE in the article (its tier, see above). */
  hot: string[];
}

export interface GroongaFilter {
  publishedFrom?: Date | undefined;
  publishedBefore?: Date | undefined;
  sourceId?: number | undefined;
  mentioningEntityId?: number | undefined;
}

export interface GroongaHit {
  id: number;
  score: number;
}

/** Which page of hits to read: `take` of them, past a cursor, forwards or backwards. */
export interface GroongaPageRequest {
  take: number;
  backward: boolean;
  after: GroongaHit | null;
  before: GroongaHit | null;
}

export interface GroongaPage {
  /** Score descending, id descending (reversed when paging backwards). */
  hits: GroongaHit[];
  /**
   * Matches of the query and filters; null after a cursor (ask `count`) and when the page came
   * from the tier, which leaves the matches uncounted (`counted: false`).
   */
  total: number | null;
  /** False when the page came from the tier: counting the matches is then left to the caller. */
  counted: boolean;
}

interface Logger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
}

/** A kept-alive connection turned out closed by the server when it was reused. */
class StaleConnectionError extends Error {
  override name = 'StaleConnectionError';
}

/**
 * Groonga's HTTP API over kept-alive connections (node:http): a search's command is one request,
 * and a global fetch opening a connection for each cost the API ~2 ms of CPU per search. Groonga's
 * own server (`groonga --protocol http`) closes every connection anyway; groonga-httpd keeps them.
 * Idle sockets do not hold a process open (the agent unrefs them).
 */
export class GroongaClient {
  private readonly base: URL;
  private readonly transport: typeof http | typeof https;
  private readonly agent: http.Agent;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    this.base = new URL(url);
    this.transport = this.base.protocol === 'https:' ? https : http;
    // Closed well before a server would close it idle (groonga-httpd: after 75 s).
    this.agent = new this.transport.Agent({ keepAlive: true, timeout: 4_000 });
  }

  async command<T>(
    name: string,
    parameters: Record<string, string | number>,
    options: { body?: string; timeoutMs?: number } = {},
  ): Promise<T> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(parameters)) query.set(key, String(value));
    const path = `${this.base.pathname.replace(/\/+$/, '')}/d/${name}?${query.toString()}`;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let answer: { status: number; text: string };
    try {
      answer = await this.request(path, options.body, timeoutMs).catch((error: unknown) => {
        // A kept-alive connection the server closed while it sat idle fails as it is reused:
        // the command never reached Groonga, so it is sent once more on a new connection.
        if (error instanceof StaleConnectionError) {
          return this.request(path, options.body, timeoutMs);
        }
        throw error;
      });
    } catch (error) {
      throw new SearchUnavailableError(error instanceof Error ? error.message : String(error));
    }
    const { status, text } = answer;
    if (status >= 500) throw new SearchUnavailableError(`Groonga answered HTTP ${status}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new GroongaCommandError(`${name}: Groonga answered HTTP ${status} with no JSON`);
    }
    const [header, result] = parsed as [[number, number, number, string?], T];
    if (header[0] !== 0) {
      throw new GroongaCommandError(`${name}: ${header[3] ?? `return code ${header[0]}`}`);
    }
    return result;
  }

  private request(
    path: string,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          path,
          method: body === undefined ? 'GET' : 'POST',
          agent: this.agent,
          signal: AbortSignal.timeout(timeoutMs),
          ...(body !== undefined && {
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        const stale =
          request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleConnectionError(error.message) : error);
      });
      request.end(body);
    });
  }
}

/** Table names for one index: `<name>_articles`, `<name>_lexemes`, … */
function tables(name: string) {
  return {
    articles: `${name}_articles`,
    lexemes: `${name}_lexemes`,
    entities: `${name}_entities`,
    times: `${name}_times`,
    hot: `${name}_hot`,
  };
}

export class GroongaIndex {
  private readonly client: GroongaClient;
  private readonly tier: 'auto' | 'always' | 'never';
  private name: string | null = null;
  /** Resolves to whether the tables have the tier (those made before it did not). */
  private schemaReady: Promise<boolean> | null = null;
  private relay: { stop: () => Promise<void> } | null = null;
  /** PostgreSQL's histogram of publication times (epoch seconds) and article count, for filtersFirst. */
  private published: { bounds: number[]; articles: number; readAt: number } | null = null;
  /** Articles per word and per entity in Groonga's indexes, for filtersFirst. */
  private readonly postingCounts = new LRUCache<string, { n: number }>({
    max: 10_000,
    ttl: STATISTICS_MAX_AGE_MS,
  });
  /** Searches as Groonga queries (`queryFor`), the most recent ones. */
  private readonly queries = new LRUCache<string, { query: GroongaQuery | null }>({ max: 1_000 });

  constructor(
    private readonly handle: DatabaseHandle,
    options: GroongaOptions,
  ) {
    this.client = new GroongaClient(options.url, options.timeoutMs ?? 5_000);
    this.tier = options.tier ?? 'auto';
  }

  private get db(): Database {
    return this.handle.db;
  }

  /**
   * Names this database's index (once, kept in search_engine_index) so that writes start queueing,
   * and queues every stored article when the index is new. Groonga need not be up yet: the relay
   * creates the tables and fills them when it answers.
   */
  async register(): Promise<void> {
    await this.handle.withExclusiveLock(RELAY_LOCK_KEY, (db) =>
      db.transaction(async (tx) => {
        if (await registeredName(tx)) return;
        const name = newIndexName();
        await tx.execute(
          sql`insert into search_engine_index (id, engine, name) values (1, 'groonga', ${name})`,
        );
        await tx.execute(sql`insert into search_outbox (article_id) select id from articles`);
      }),
    );
  }

  /** The index's name, read once (and again after a re-index replaced it). */
  private async indexName(refresh = false, db: Database = this.db): Promise<string> {
    if (this.name && !refresh) return this.name;
    // `db`: inside a transaction, its own connection (the embedded database has only one).
    const name = await registeredName(db);
    if (!name) throw new GroongaCommandError('no search index is registered for this database');
    if (name !== this.name) this.schemaReady = null;
    this.name = name;
    return name;
  }

  /** Creates the tables if they are missing; resolves to whether they have the tier. */
  private async ensureSchema(name: string): Promise<boolean> {
    this.schemaReady ??= createSchema(this.client, name, { indexed: true }).catch(
      (error: unknown) => {
        this.schemaReady = null;
        throw error;
      },
    );
    return this.schemaReady;
  }

  /**
   * A search as a Groonga query, from its tsquery (`parse`: a PostgreSQL round trip) the first
   * time the search is seen: the text search configuration is fixed, so the same text always
   * parses alike. Null when Groonga cannot express it (groonga-query.ts).
   */
  async queryFor(search: string, parse: () => Promise<string>): Promise<GroongaQuery | null> {
    const known = this.queries.get(search);
    if (known) return known.query;
    const query = groongaQueryOf(await parse());
    this.queries.set(search, { query });
    return query;
  }

  /**
   * One page of hits for a Groonga query (groonga-query.ts) and filters, best first, after or
   * before a (score, id) cursor; and the number of matches.
   */
  async search(
    query: GroongaQuery,
    filter: GroongaFilter,
    page: GroongaPageRequest,
  ): Promise<GroongaPage> {
    return this.withName(async (name, tiered) => {
      const first = await this.filtersFirst(name, query.text, filter);
      if (tiered && this.tier !== 'never' && !page.backward && !first.entity) {
        const hits = await this.searchTier(name, query, filter, page);
        if (hits) return { hits, total: null, counted: false };
      }
      const { matched, hits } = await this.rank(
        selectParameters(name, query.text, filter, { matchColumns: MATCH_COLUMNS, first }),
        page,
      );
      // With a cursor Groonga counts what passed the post filter, not every match.
      const cursor = page.after !== null || page.before !== null;
      return { hits, total: cursor ? null : matched, counted: true };
    });
  }

  /**
   * The page from the tier alone, or null when it cannot be trusted to be the page ranking every
   * match would give (or the search is cheap enough to rank every match). The tier's articles are
   * those where one of the search's words is hot; an article where none is scores at most
   * (HOT_SCORE - 1) for each scored word, so the page is exact when its last hit scores more than
   * that. Forward pages only: a page before a cursor ends where the articles outside the tier
   * would be.
   */
  private async searchTier(
    name: string,
    query: GroongaQuery,
    filter: GroongaFilter,
    page: GroongaPageRequest,
  ): Promise<GroongaHit[] | null> {
    const words = query.scoredWords;
    if (!words || words.length === 0) return null;
    const distinct = [...new Set(words)];
    if (distinct.length >= MAX_TIER_WORDS) return null;
    if (this.tier === 'auto') {
      const word = firstWord(query.text);
      if (word === null) return null;
      const postings = await this.postings(name, 'lexemes', word);
      if (postings < TIER_MIN_POSTINGS) return null;
      // The tier inserts a record for each article where one of the words is hot, where ranking
      // every match inserts one for each that holds the first word: words hot in many of the
      // articles holding them (words a whole beat uses) are ranked the usual way.
      let hot = 0;
      for (const each of distinct) hot += await this.postings(name, 'hot', each);
      if (hot > postings / 4) return null;
    }
    const tier = distinct.map((hot) => `hot @ ${scriptString(hot)}`).join(' || ');
    // The publication range is checked on the tier's few articles as their score is taken (those
    // outside it score -1, below any page the tier keeps): through Groonga's time index it would
    // walk a key per second of the range (40 of 86 ms for a year at 1,000,000 articles).
    const range = rangeConditions(filter);
    const { publishedFrom: _from, publishedBefore: _before, ...rest } = filter;
    const { hits } = await this.rank(
      selectParameters(name, query.text, rest, {
        matchColumns: MATCH_COLUMNS,
        first: { entity: false, range: false },
        before: `(${tier})`,
      }),
      page,
      range.length > 0 ? range.join(' && ') : undefined,
    );
    const last = hits[hits.length - 1];
    const outside = words.length * (HOT_SCORE - 1);
    if (hits.length < page.take || !last || last.score <= outside) return null;
    return hits;
  }

  /**
   * One page of a select's matches (its query on MATCH_COLUMNS) by score, then id, past the
   * page's cursors. The score is the query's alone (SCALE), taken as a column before the post
   * filter, which adds to `_score` too.
   */
  private async rank(
    parameters: Record<string, string | number>,
    page: GroongaPageRequest,
    /** Records that fail this score -1 (searchTier). */
    scoredWhen?: string,
  ): Promise<{ matched: number; hits: GroongaHit[] }> {
    const cursors: string[] = [];
    if (page.after) cursors.push(beyond(page.after, '<'));
    if (page.before) cursors.push(beyond(page.before, '>'));
    const [result] = await this.client.command<[[[number], unknown, ...[number, number][]]]>(
      'select',
      {
        ...parameters,
        'columns[score].stage': 'filtered',
        'columns[score].type': 'Int32',
        'columns[score].value':
          scoredWhen === undefined
            ? `_score / ${SCALE}`
            : `(${scoredWhen}) ? _score / ${SCALE} : -1`,
        sort_keys: page.backward ? 'score, _key' : '-score, -_key',
        output_columns: '_key, score',
        limit: page.take,
        ...(cursors.length > 0 && { post_filter: cursors.join(' && ') }),
      },
    );
    const [[matched], , ...found] = result;
    return { matched, hits: found.map(([id, score]) => ({ id, score })) };
  }

  /** How many articles match a Groonga query and filters: exact, from the index. */
  async count(query: GroongaQuery, filter: GroongaFilter): Promise<number> {
    return this.withName(async (name) => {
      const [result] = await this.client.command<[[[number]]]>('select', {
        ...selectParameters(name, query.text, filter, {
          matchColumns: 'headline || body',
          first: await this.filtersFirst(name, query.text, filter),
        }),
        output_columns: '_key',
        limit: 0,
      });
      return result[0][0];
    });
  }

  /**
   * Which indexed filters Groonga reads before the query (selectParameters): the entity filter,
   * and the publication range, each when it matches fewer articles than the query's first word,
   * which Groonga would otherwise put in its result set first. The word's and the entity's
   * article counts come from Groonga's indexes, the range's from PostgreSQL's histogram of
   * publication times; all are kept a few minutes. A phrase goes first whatever the filters:
   * Groonga keeps only the articles that hold it.
   */
  private async filtersFirst(
    name: string,
    query: string,
    filter: GroongaFilter,
  ): Promise<{ entity: boolean; range: boolean }> {
    const hasRange = filter.publishedFrom !== undefined || filter.publishedBefore !== undefined;
    const entityId = filter.mentioningEntityId;
    const word = firstWord(query);
    if ((!hasRange && entityId === undefined) || word === null) {
      return { entity: false, range: false };
    }
    const words = await this.postings(name, 'lexemes', word);
    const entity =
      entityId !== undefined && (await this.postings(name, 'entities', entityId)) < words;
    const range = hasRange && (await this.articlesWithin(filter)) < words;
    return { entity, range };
  }

  /**
   * How many articles Groonga's index lists for a word (`lexemes`), a word where it is hot (`hot`)
   * or an entity (`entities`).
   */
  private async postings(
    name: string,
    table: 'lexemes' | 'hot' | 'entities',
    key: string | number,
  ): Promise<number> {
    const cacheKey = `${name}\u0000${table}\u0000${key}`;
    const known = this.postingCounts.get(cacheKey);
    if (known) return known.n;
    const literal = typeof key === 'number' ? String(integer(key)) : scriptString(key);
    const [result] = await this.client.command<[[[number], unknown, ...[number][]]]>('select', {
      table: tables(name)[table],
      filter: `_key == ${literal}`,
      output_columns: 'articles',
      limit: 1,
      cache: 'no',
    });
    const [, , found] = result;
    const n = Number(found?.[0] ?? 0);
    this.postingCounts.set(cacheKey, { n });
    return n;
  }

  /**
   * About how many articles were published in the filter's range, from PostgreSQL's histogram of
   * publication times; Infinity before PostgreSQL has statistics.
   */
  private async articlesWithin(filter: GroongaFilter): Promise<number> {
    const now = Date.now();
    if (!this.published || now - this.published.readAt > STATISTICS_MAX_AGE_MS) {
      const [row] = await rows<{ bounds: number[] | null; articles: number | string | null }>(
        this.db,
        sql`
          select array(select extract(epoch from b)::float8
                         from unnest(s.histogram_bounds::text::timestamptz[]) as b) as bounds,
                 (select c.reltuples from pg_class c
                   where c.oid = to_regclass('articles')) as articles
            from pg_stats s
           where s.schemaname = current_schema() and s.tablename = 'articles'
             and s.attname = 'published_at'`,
      );
      this.published = {
        bounds: (row?.bounds ?? []).map(Number),
        articles: Number(row?.articles ?? 0),
        readAt: now,
      };
    }
    const share = shareWithin(
      this.published.bounds,
      filter.publishedFrom ? filter.publishedFrom.getTime() / 1000 : -Infinity,
      filter.publishedBefore ? filter.publishedBefore.getTime() / 1000 : Infinity,
    );
    return share === null || !(this.published.articles > 0)
      ? Infinity
      : share * this.published.articles;
  }

  /** Runs `fn` with the index name, reading it again once if Groonga no longer has the tables. */
  private async withName<T>(fn: (name: string, tiered: boolean) => Promise<T>): Promise<T> {
    const name = await this.indexName();
    const tiered = await this.ensureSchema(name);
    try {
      return await fn(name, tiered);
    } catch (error) {
      if (!(error instanceof GroongaCommandError)) throw error;
      // A re-index (another process) switched to new tables and dropped these.
      const fresh = await this.indexName(true);
      if (fresh === name) throw error;
      return fn(fresh, await this.ensureSchema(fresh));
    }
  }

  /**
   * Delivers one batch of the outbox. Returns how many outbox rows it delivered (0 when the
   * outbox is empty or another relay holds the lock). Throws SearchUnavailableError when Groonga
   * does not answer; nothing is removed from the outbox then.
   */
  async deliverBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [lock] = await rows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) as locked`,
      );
      if (!lock?.locked) return 0;
      const queued = await rows<{ id: number | string; article_id: number }>(
        tx,
        sql`select id, article_id from search_outbox order by id limit ${RELAY_BATCH}`,
      );
      if (queued.length === 0) return 0;
      const name = await this.indexName(true, tx);
      const tiered = await this.ensureSchema(name);
      const ids = [...new Set(queued.map((row) => row.article_id))];
      const documents = await readDocuments(
        tx,
        sql`a.id = any(${sql.param(ids)}::int[])`,
        sql`order by a.id`,
      );
      const present = new Set(documents.map((document) => document._key));
      const gone = ids.filter((id) => !present.has(id));
      await loadDocuments(this.client, name, documents, tiered);
      if (gone.length > 0) {
        await this.client.command('delete', {
          table: tables(name).articles,
          filter: `in_values(_key, ${gone.join(', ')})`,
        });
      }
      await tx.execute(
        sql`delete from search_outbox where id = any(${sql.param(queued.map((row) => Number(row.id)))}::bigint[])`,
      );
      return queued.length;
    });
  }

  /** Delivers until the outbox is empty (tests, the re-index command). */
  async drain(): Promise<void> {
    for (;;) {
      const delivered = await this.deliverBatch();
      if (delivered === 0) {
        const [left] = await rows<{ n: number | string }>(
          this.db,
          sql`select count(*) as n from search_outbox`,
        );
        if (Number(left?.n) === 0) return;
        // Another relay holds the lock and is delivering.
        await sleep(50);
      }
    }
  }

  /**
   * Starts delivering the outbox in the background: woken at every commit that queued articles,
   * every few seconds anyway, and after a failure with a growing pause. `stop` ends it.
   */
  async startRelay(logger: Logger): Promise<void> {
    if (this.relay) return;
    let running = true;
    let wake: (() => void) | null = null;
    const unlisten = await this.handle.listen('dateline_search_outbox', () => wake?.());
    const loop = (async () => {
      let failures = 0;
      while (running) {
        let delivered = 0;
        try {
          delivered = await this.deliverBatch();
          if (failures > 0) logger.info({ failures }, 'search engine reachable again');
          failures = 0;
        } catch (error) {
          failures += 1;
          if (failures === 1 || failures % 10 === 0) {
            logger.warn({ err: error, failures }, 'search outbox: delivery failed; retrying');
          }
        }
        if (delivered === RELAY_BATCH && failures === 0) continue;
        const pause =
          failures > 0
            ? Math.min(RELAY_MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 10))
            : RELAY_POLL_MS;
        const stopped = new AbortController();
        wake = () => stopped.abort();
        await sleep(pause, undefined, { signal: stopped.signal, ref: false }).catch(() => {});
        wake = null;
      }
    })();
    this.relay = {
      stop: async () => {
        running = false;
        wake?.();
        await loop;
        await unlisten();
      },
    };
  }

  async stopRelay(): Promise<void> {
    const relay = this.relay;
    this.relay = null;
    await relay?.stop();
  }

  /**
   * Rebuilds the index from the database into new tables, then switches to them: loads every
   * article in id order (`onProgress` after each batch), builds the inverted index once at the
   * end (much faster than keeping it up to date row by row), and drops the old tables. Holds the
   * relay lock meanwhile. What was queued before it began is read by it and leaves the outbox
   * with the switch (else the relay would deliver it all again: every article, after the first
   * switch to Groonga); writes made during the re-index stay queued and are delivered after.
   */
  async reindex(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.handle.withExclusiveLock(RELAY_LOCK_KEY, async (db) => {
      // Committed before any article is read, so every read below sees what these stand for.
      await db.execute(sql`drop table if exists pg_temp.search_reindex_covered`);
      await db.execute(
        sql`create temporary table search_reindex_covered as select id from search_outbox`,
      );
      try {
        return await this.reindexWith(db, onProgress);
      } finally {
        await db.execute(sql`drop table if exists pg_temp.search_reindex_covered`);
      }
    });
  }

  private async reindexWith(
    db: Database,
    onProgress?: (done: number, total: number) => void,
  ): Promise<number> {
    const [{ n: total } = { n: 0 }] = await rows<{ n: number | string }>(
      db,
      sql`select count(*) as n from articles`,
    );
    const old = await registeredName(db);
    const name = newIndexName();
    await createSchema(this.client, name, { indexed: false });
    let done = 0;
    try {
      // The next batch is read from the database while Groonga loads this one.
      const read = (after: number) =>
        readDocuments(db, sql`a.id > ${after}`, sql`order by a.id limit ${REINDEX_BATCH}`);
      let batch = await read(0);
      while (batch.length > 0) {
        const next = read(batch[batch.length - 1]?._key ?? 0);
        // A failed read is reported by the await below, not as an unhandled rejection.
        next.catch(() => {});
        await loadDocuments(this.client, name, batch, true);
        done += batch.length;
        onProgress?.(done, Number(total));
        batch = await next;
      }
      await createIndexColumns(this.client, name);
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into search_engine_index (id, engine, name) values (1, 'groonga', ${name})
          on conflict (id) do update set name = excluded.name, created_at = now()`);
        await tx.execute(sql`
          delete from search_outbox o using pg_temp.search_reindex_covered c where o.id = c.id`);
      });
    } catch (error) {
      // Nothing switched to the half-built tables: drop them, keep the old index.
      await removeTables(this.client, name).catch(() => {});
      throw error;
    }
    this.name = name;
    this.schemaReady = Promise.resolve(true);
    if (old && old !== name) await removeTables(this.client, old);
    return done;
  }
}

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** This database's index name, if one is registered. */
async function registeredName(db: Database): Promise<string | undefined> {
  const [row] = await rows<{ name: string }>(
    db,
    sql`select name from search_engine_index where id = 1`,
  );
  return row?.name;
}

/** A name for a new set of tables, unique to this database. */
function newIndexName(): string {
  return `dateline_${randomBytes(5).toString('hex')}`;
}

/**
 * What every article select says: the table, the query (never Groonga syntax from users), the
 * filters. Groonga reads the conditions in the order given, and every article a first condition
 * matches costs a record in the result set while later ones only look records up. So an indexed
 * filter that matches fewer articles than the query's first word goes first (`first`, from
 * filtersFirst): at 1,000,000 articles a common word is in 445,000 of them, one year holds a
 * sixth and an entity a few thousand. Otherwise the query goes first, and the source (no index)
 * is always checked on what the query matched. Scores are the query's either way: the filters
 * add none.
 */
function selectParameters(
  name: string,
  query: string,
  filter: GroongaFilter,
  options: {
    matchColumns: string;
    first: { entity: boolean; range: boolean };
    /** A condition read before all others (the tier's). */
    before?: string;
  },
): Record<string, string | number> {
  const range = rangeConditions(filter);
  const first: string[] = options.before === undefined ? [] : [options.before];
  const after: string[] = [];
  if (filter.mentioningEntityId !== undefined) {
    (options.first.entity ? first : after).push(
      `entity_ids @ ${integer(filter.mentioningEntityId)}`,
    );
  }
  (options.first.range ? first : after).push(...range);
  if (filter.sourceId !== undefined) after.push(`source_id == ${integer(filter.sourceId)}`);
  const common = { table: tables(name).articles, match_escalation_threshold: -1, cache: 'no' };
  if (first.length === 0) {
    return {
      ...common,
      match_columns: options.matchColumns,
      query,
      query_flags: 'NONE',
      ...(after.length > 0 && { filter: after.join(' && ') }),
    };
  }
  const matches = `query(${scriptString(options.matchColumns)}, ${scriptString(query)}, {"flags": "NONE"})`;
  return { ...common, filter: [...first, matches, ...after].join(' && ') };
}

/**
 * The first word a Groonga query (groonga-query.ts) matches, unquoted; null when it begins with
 * a phrase (or has no word).
 */
export function firstWord(query: string): string | null {
  const quoted = /"((?:[^"\\]|\\.)*)"/.exec(query);
  if (!quoted) return null;
  const word = (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  return word.includes(' ') || word.includes(GAP) ? null : word;
}

/** A string literal of Groonga's script syntax. */
function scriptString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/**
 * The share of rows between `from` (inclusive) and `before` (exclusive), from a histogram's
 * bounds (equal numbers of rows between neighbours); null without one.
 */
export function shareWithin(
  bounds: readonly number[],
  from: number,
  before: number,
): number | null {
  const buckets = bounds.length - 1;
  if (buckets < 1) return null;
  const position = (value: number): number => {
    if (value <= (bounds[0] as number)) return 0;
    if (value >= (bounds[buckets] as number)) return buckets;
    let low = 0;
    let high = buckets;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if ((bounds[middle] as number) <= value) low = middle;
      else high = middle;
    }
    const start = bounds[low] as number;
    const end = bounds[low + 1] as number;
    return low + (end > start ? (value - start) / (end - start) : 0);
  };
  return Math.max(0, position(before) - position(from)) / buckets;
}

/** The publication range's conditions. */
function rangeConditions(filter: GroongaFilter): string[] {
  const range: string[] = [];
  if (filter.publishedFrom) range.push(`published_at >= ${seconds(filter.publishedFrom)}`);
  if (filter.publishedBefore) range.push(`published_at < ${seconds(filter.publishedBefore)}`);
  return range;
}

/** Rows strictly past a cursor in score-then-id order (`<` after, `>` before), by `score` (rank). */
function beyond(cursor: GroongaHit, direction: '<' | '>'): string {
  const score = integer(cursor.score);
  const id = integer(cursor.id);
  return `(score ${direction} ${score} || (score == ${score} && _key ${direction} ${id}))`;
}

function seconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}

/** Only integers reach a Groonga expression. */
function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return value;
}

/** Articles as Groonga documents: lexemes from the stored tsvector, headline (A) and body (B). */
async function readDocuments(
  db: Database,
  where: SQL,
  rest: SQL = sql``,
): Promise<GroongaDocument[]> {
  const found = await rows<{
    id: number;
    search: string;
    published_at: string | Date;
    source_id: number | null;
    entity_ids: number[] | null;
  }>(
    db,
    sql`select a.id, a.search::text as search, a.published_at, a.source_id,
          array(select m.entity_id from article_mentions m where m.article_id = a.id) as entity_ids
        from articles a where ${where} ${rest}`,
  );
  return found.map((row) => {
    const { headline, body, hot } = lexemeText(row.search);
    return {
      _key: row.id,
      headline,
      body,
      hot,
      published_at: new Date(row.published_at).getTime() / 1000,
      source_id: row.source_id ?? 0,
      entity_ids: row.entity_ids ?? [],
    };
  });
}

/**
 * The headline's and the body's lexemes in text order, from a tsvector's text form
 * (`'dolorem':3B,45B 'nostrum':1A`), with GAP where a position holds no lexeme; and the lexemes
 * that score at least HOT_SCORE (HEADLINE_WEIGHT per headline occurrence, BODY_WEIGHT per body
 * one, as Groonga scores them).
 */
export function lexemeText(tsvector: string): { headline: string; body: string; hot: string[] } {
  const headline = new Section();
  const body = new Section();
  const hot: string[] = [];
  for (const [, quoted = '', positions = ''] of tsvector.matchAll(TSVECTOR_ENTRY)) {
    // '' is a quote inside a lexeme and \ escapes the next character.
    const lexeme = /['\\]/.test(quoted)
      ? quoted.replace(/''|\\(.)/g, (_pair, next?: string) => next ?? "'")
      : quoted;
    let score = 0;
    for (const entry of positions.split(',')) {
      const inHeadline = entry.endsWith('A');
      (inHeadline ? headline : body).add(Number.parseInt(entry, 10), lexeme);
      score += inHeadline ? HEADLINE_WEIGHT : BODY_WEIGHT;
    }
    if (score >= HOT_SCORE) hot.push(lexeme);
  }
  return { headline: headline.text(), body: body.text(), hot };
}

/** One tsvector entry: 'lexeme':1A,5,7B (lexemes without positions do not occur here). */
const TSVECTOR_ENTRY = /'((?:[^'\\]|''|\\.)*)':([0-9A-D,]+)/g;

/** A part's lexemes by position (at most 16,383), put in text order in one pass. */
class Section {
  private readonly positions: number[] = [];
  private readonly lexemes: string[] = [];
  private first = Infinity;
  private last = -1;

  add(position: number, lexeme: string): void {
    this.positions.push(position);
    this.lexemes.push(lexeme);
    if (position < this.first) this.first = position;
    if (position > this.last) this.last = position;
  }

  /** The words from the first position to the last, GAP for each position without one. */
  text(): string {
    if (this.last < 0) return '';
    const words = new Array<string>(this.last - this.first + 1).fill(GAP);
    for (let index = 0; index < this.positions.length; index += 1) {
      words[(this.positions[index] as number) - this.first] = this.lexemes[index] as string;
    }
    return words.join(' ');
  }
}

/** Loads articles; `tiered`: the tables have the tier's column (see ensureSchema). */
async function loadDocuments(
  client: GroongaClient,
  name: string,
  documents: GroongaDocument[],
  tiered: boolean,
): Promise<void> {
  if (documents.length === 0) return;
  const body = tiered
    ? JSON.stringify(documents)
    : JSON.stringify(documents.map(({ hot: _hot, ...document }) => document));
  const loaded = await client.command<number>(
    'load',
    { table: tables(name).articles, output_ids: 'no' },
    { body, timeoutMs: 120_000 },
  );
  if (loaded !== documents.length) {
    throw new GroongaCommandError(`load: ${loaded} of ${documents.length} articles stored`);
  }
}

async function createSchema(
  client: GroongaClient,
  name: string,
  options: { indexed: boolean },
): Promise<boolean> {
  const names = tables(name);
  const exists = await client.command<boolean>('object_exist', { name: names.articles });
  // Tables made before the tier have no `hot` column: they serve every search by ranking every
  // match until a re-index replaces them.
  if (exists) return client.command<boolean>('object_exist', { name: `${names.articles}.hot` });
  const commands: [string, Record<string, string>][] = [
    ['table_create', { name: names.articles, flags: 'TABLE_HASH_KEY', key_type: 'UInt32' }],
    ['column_create', column(names.articles, 'headline', 'COLUMN_SCALAR', 'LongText')],
    ['column_create', column(names.articles, 'body', 'COLUMN_SCALAR', 'LongText')],
    ['column_create', column(names.articles, 'published_at', 'COLUMN_SCALAR', 'Time')],
    ['column_create', column(names.articles, 'source_id', 'COLUMN_SCALAR', 'UInt32')],
    ['table_create', { name: names.entities, flags: 'TABLE_HASH_KEY', key_type: 'UInt32' }],
    ['column_create', column(names.articles, 'entity_ids', 'COLUMN_VECTOR', names.entities)],
    ['table_create', { name: names.times, flags: 'TABLE_PAT_KEY', key_type: 'Time' }],
    [
      'table_create',
      {
        name: names.lexemes,
        flags: 'TABLE_PAT_KEY',
        key_type: 'ShortText',
        default_tokenizer: 'TokenDelimit',
      },
    ],
  ];
  for (const [command, parameters] of commands) await client.command(command, parameters);
  // The tier's words are keys of a table of their own, as entities are: an index on a vector of
  // the text index's own lexicon, built after a load, hung Groonga 13 now and then.
  await client.command('table_create', {
    name: names.hot,
    flags: 'TABLE_PAT_KEY',
    key_type: 'ShortText',
  });
  await client.command('column_create', column(names.articles, 'hot', 'COLUMN_VECTOR', names.hot));
  if (options.indexed) await createIndexColumns(client, name);
  return true;
}

/** The inverted indexes; built from what is loaded when created after the load. */
async function createIndexColumns(client: GroongaClient, name: string): Promise<void> {
  const names = tables(name);
  const commands: Record<string, string>[] = [
    {
      table: names.lexemes,
      name: 'articles',
      flags: 'COLUMN_INDEX|WITH_POSITION|WITH_SECTION|INDEX_MEDIUM',
      type: names.articles,
      source: 'headline, body',
    },
    {
      table: names.hot,
      name: 'articles',
      flags: 'COLUMN_INDEX',
      type: names.articles,
      source: 'hot',
    },
    {
      table: names.entities,
      name: 'articles',
      flags: 'COLUMN_INDEX',
      type: names.articles,
      source: 'entity_ids',
    },
    {
      table: names.times,
      name: 'articles',
      flags: 'COLUMN_INDEX',
      type: names.articles,
      source: 'published_at',
    },
  ];
  for (const parameters of commands) {
    await client.command('column_create', parameters, { timeoutMs: 3_600_000 });
  }
}

function column(table: string, name: string, flags: string, type: string): Record<string, string> {
  return { table, name, flags, type };
}

async function removeTables(client: GroongaClient, name: string): Promise<void> {
  const names = tables(name);
  // The articles table first: the index columns on the others point at it.
  for (const table of [names.lexemes, names.hot, names.entities, names.times, names.articles]) {
    const exists = await client.command<boolean>('object_exist', { name: table });
    if (exists) await client.command('table_remove', { name: table, dependent: 'yes' });
  }
}
