// The search cases of issue #14 on one benchmark database, on each search engine: starts the
// production server with DATELINE_SEARCH=<engine>, checks its top 20 against exact ranking (every
// match ranked in SQL) on a fixed set of queries, drives each case with autocannon next to the
// raw-SQL limit server (bench/search-limit.ts) where one applies, and EXPLAINs (ANALYZE) the
// statements each case issues into bench/plans/<size>/search-<engine>-<case>.txt.
//
// `pnpm bench` runs it for its largest size and writes the search section of bench/RESULTS.md
// (`pnpm bench --sizes 1000000 --search-only` runs only that); `pnpm bench:search` runs it alone
// and writes bench/SEARCH-RESULTS.md:
//
//   pnpm bench:search [--size 100000] [--database name] [--engines postgres,rum] [--duration 10]
//                     [--warmup 3] [--pg postgres://postgres@127.0.0.1:5432]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { prepareSearch, type SearchEngine } from '../packages/server/src/search/search-engine';
import { openPostgres } from '../packages/server/src/db/client';
import { migrateDatabase } from '../packages/server/src/db/migrate';
import { globalId, type BenchOperation, type Fixture } from './operations';
import { searchLimitByName } from './search-limit';
import { groongaScoreSql } from '../packages/server/src/testing/groonga-score';
import { groongaOptions, serverEnv, startLimitServer, startServer, stopServer } from './processes';
import { captureStatements, explain } from './statements';

const ROOT = join(__dirname, '..');
const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');

/**
 * Connections per case. The bounds are latencies of one request; on this 2-core machine more
 * connections than cores measure queueing (at 8, every latency was 3–4× higher).
 */
const CONNECTIONS = 2;

/** Words in about a fifth of the articles (both), in about 0.1 % (rare), and a phrase of two. */
const COMMON = 'nostrum dolorem';
const RARE = 'antioch';
const PHRASE = '"nostrum dolorem"';
const YEAR = { from: '2022-01-01T00:00:00Z', before: '2023-01-01T00:00:00Z' };

const ARTICLES = /* GraphQL */ `
  query SearchArticles(
    $search: String!
    $orderBy: ArticleOrder
    $from: DateTime
    $before: DateTime
    $mentioning: ID
  ) {
    articles(
      search: $search
      first: 20
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
          headline
          publishedAt
        }
      }
    }
  }
`;
const QUOTES = /* GraphQL */ `
  query SearchQuotes($search: String!) {
    quotes(search: $search, first: 20) {
      totalCount
      totalCountIsEstimate
      nodes {
        id
        text
      }
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query SearchEntities($search: String!) {
    entities(search: $search, first: 20) {
      totalCount
      totalCountIsEstimate
      nodes {
        id
        name
      }
    }
  }
`;

interface Case {
  key: string;
  title: string;
  document: string;
  variables: Record<string, unknown>;
  /** The issue's bound for p50 and p99, in ms. */
  bound: { p50: number; p99: number };
  /** The limit server's statement for this case (bench/search-limit.ts), where one applies. */
  limit?: string;
}

interface Fixtures {
  entityId: number;
  typo: string;
  alias: string;
}

function cases({ entityId, typo, alias }: Fixtures): Case[] {
  const relevance = { p50: 100, p99: 300 };
  return [
    {
      key: 'common',
      title: `common words (${COMMON}), by relevance`,
      document: ARTICLES,
      variables: { search: COMMON },
      bound: relevance,
      limit: 'SearchLimitRelevance',
    },
    {
      key: 'rare',
      title: `rare word (${RARE}), by relevance`,
      document: ARTICLES,
      variables: { search: RARE },
      bound: relevance,
      limit: 'SearchLimitRelevance',
    },
    {
      key: 'phrase',
      title: `two-word phrase (${PHRASE}), by relevance`,
      document: ARTICLES,
      variables: { search: PHRASE },
      bound: relevance,
      limit: 'SearchLimitRelevance',
    },
    {
      key: 'range',
      title: 'common words in one year, by relevance',
      document: ARTICLES,
      variables: { search: COMMON, ...YEAR },
      bound: relevance,
      limit: 'SearchLimitRange',
    },
    {
      key: 'entity',
      title: `common words mentioning Entity ${entityId}, by relevance`,
      document: ARTICLES,
      variables: { search: COMMON, mentioning: globalId('Entity', entityId) },
      bound: relevance,
      limit: 'SearchLimitEntity',
    },
    {
      key: 'dated',
      title: 'common words, newest first',
      document: ARTICLES,
      variables: { search: COMMON, orderBy: 'PUBLISHED_AT_DESC' },
      bound: { p50: 50, p99: 300 },
      limit: 'SearchLimitDated',
    },
    {
      key: 'quotes',
      title: `quotes with ${COMMON}, newest first`,
      document: QUOTES,
      variables: { search: COMMON },
      bound: relevance,
      limit: 'SearchLimitQuotes',
    },
    {
      key: 'entities',
      title: `entities like "${typo}" (a typo)`,
      document: ENTITIES,
      variables: { search: typo },
      bound: relevance,
    },
    {
      key: 'alias',
      title: `entities like "${alias}" (an alias)`,
      document: ENTITIES,
      variables: { search: alias },
      bound: relevance,
    },
  ];
}

/**
 * The fixed queries whose top 20 are checked against exact ranking: the common words, one of
 * them alone, `or`, `-not`, the rare word, the phrase, and the common words in a year and
 * mentioning an entity.
 */
function agreementQueries(entityId: number) {
  return [
    { search: COMMON },
    { search: 'dolorem' },
    { search: 'quia or sint' },
    { search: 'dolorem -nostrum' },
    { search: RARE },
    { search: PHRASE },
    { search: COMMON, ...YEAR },
    { search: COMMON, mentioning: globalId('Entity', entityId) },
  ];
}

function log(message: string): void {
  process.stderr.write(`[bench:search] ${message}\n`);
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
  failures: number;
}

async function load(url: string, body: string, seconds: number): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 60,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

async function post(url: string, body: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

interface Row {
  engine: SearchEngine;
  item: Case;
  dateline: Load;
  limit: Load | null;
  totalCount: string;
}

interface Agreement {
  engine: SearchEngine;
  query: string;
  matches: number;
  /** Positions 1–20 where the API's id equals the exact ranking's. */
  samePositions: number;
  pageSize: number;
  exactMs: number;
  /** How many of the API's top 20 are in ts_rank_cd's top 20 (the postgres engine's order). */
  overlapRankCd: number;
}

/** What each engine means by "most relevant": the order SQL gives when it ranks every match. */
async function exactOrder(
  client: Client,
  engine: SearchEngine,
  variables: Record<string, unknown>,
): Promise<string> {
  if (engine === 'postgres') return 'ts_rank_cd(search, q) desc, id desc';
  if (engine === 'rum') return '(search <=> q), id';
  // Groonga's score from each match's stored tsvector, computed apart from Groonga.
  const parsed = await client.query<{ query: string }>(
    `select websearch_to_tsquery('english', $1)::text as query`,
    [variables['search']],
  );
  const score = groongaScoreSql(parsed.rows[0]?.query ?? '', (value) =>
    client.escapeLiteral(value),
  );
  return `${score} desc, id desc`;
}

function describeQuery(variables: Record<string, unknown>): string {
  const parts = [String(variables['search'])];
  const from = variables['from'];
  if (typeof from === 'string') parts.push(`in ${from.slice(0, 4)}`);
  if (variables['mentioning']) parts.push('mentioning the entity');
  return parts.join(', ');
}

/**
 * The top 20 by ranking every match in SQL, with index scans off so that the RUM index's own
 * order plays no part: the matches come from a bitmap scan, each one's score is computed from
 * its stored tsvector, and they are sorted.
 */
async function exactTop(
  client: Client,
  order: string,
  variables: Record<string, unknown>,
  entityId: number,
): Promise<{ ids: number[]; ms: number; matches: number }> {
  const conditions = ['search @@ q'];
  const params: unknown[] = [variables['search']];
  if (variables['from']) {
    params.push(variables['from'], variables['before']);
    conditions.push(`published_at >= $2 and published_at < $3`);
  }
  if (variables['mentioning']) {
    params.push(entityId);
    conditions.push(
      `id in (select article_id from article_mentions where entity_id = $${params.length})`,
    );
  }
  const where = conditions.join(' and ');
  await client.query('begin');
  try {
    await client.query('set local enable_indexscan = off');
    await client.query('set local statement_timeout = 0');
    const started = performance.now();
    const top = await client.query<{ id: number }>(
      `select id from articles, websearch_to_tsquery('english', $1) q where ${where}
       order by ${order} limit 20`,
      params,
    );
    const ms = performance.now() - started;
    const counted = await client.query<{ n: string }>(
      `select count(*) as n from articles, websearch_to_tsquery('english', $1) q where ${where}`,
      params,
    );
    return { ids: top.rows.map((row) => row.id), ms, matches: Number(counted.rows[0]?.n) };
  } finally {
    await client.query('commit');
  }
}

const exactCache = new Map<string, Promise<{ ids: number[]; ms: number; matches: number }>>();

/** exactTop, once per ranking and query for the whole run (the engines share ts_rank_cd's). */
function cachedExactTop(
  client: Client,
  order: string,
  variables: Record<string, unknown>,
  entityId: number,
) {
  const key = JSON.stringify([order, variables]);
  let found = exactCache.get(key);
  if (!found) {
    found = exactTop(client, order, variables, entityId);
    exactCache.set(key, found);
  }
  return found;
}

async function checkAgreement(
  client: Client,
  engine: SearchEngine,
  serverUrl: string,
  entityId: number,
): Promise<Agreement[]> {
  const found: Agreement[] = [];
  for (const variables of agreementQueries(entityId)) {
    const answer = (await post(serverUrl, JSON.stringify({ query: ARTICLES, variables }))) as {
      data?: { articles: { edges: { node: { id: string } }[] } };
      errors?: unknown;
    };
    if (answer.errors) throw new Error(`agreement: ${JSON.stringify(answer.errors)}`);
    const api = (answer.data?.articles.edges ?? []).map((edge) => edge.node.id);
    const exact = await cachedExactTop(
      client,
      await exactOrder(client, engine, variables),
      variables,
      entityId,
    );
    const rankCd = await cachedExactTop(
      client,
      await exactOrder(client, 'postgres', variables),
      variables,
      entityId,
    );
    const ids = (list: number[]) => list.map((id) => globalId('Article', id));
    const exactIds = ids(exact.ids);
    found.push({
      engine,
      query: describeQuery(variables),
      matches: exact.matches,
      samePositions: api.filter((id, index) => exactIds[index] === id).length,
      pageSize: Math.max(api.length, exactIds.length),
      exactMs: exact.ms,
      overlapRankCd: api.filter((id) => ids(rankCd.ids).includes(id)).length,
    });
    log(`${engine} agreement ${describeQuery(variables)}: ${found.at(-1)?.samePositions}/20`);
  }
  return found;
}

export interface SearchBenchOptions {
  size: number;
  /** The benchmark database's URL; a RUM run builds the RUM index on it if it is missing. */
  url: string;
  engines: SearchEngine[];
  duration: number;
  warmup: number;
}

export interface SearchBench {
  options: SearchBenchOptions;
  database: string;
  rows: Row[];
  agreement: Agreement[];
  counts: { articles: number; entities: number; quotes: number };
  measuredAt: string;
}

/** Runs every search case on every engine (see the file's comment). */
export async function benchSearch(options: SearchBenchOptions): Promise<SearchBench> {
  const { size, url } = options;
  const database = new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <T>(sql: string): Promise<T | undefined> =>
      (await client.query<T & Record<string, unknown>>(sql)).rows[0];
    const top = await one<{ id: number }>(
      'select entity_id as id from article_mentions group by entity_id order by count(*) desc, entity_id limit 1',
    );
    const person = await one<{ name: string }>(
      "select name from entities where kind = 'PERSON' and name ~ '^[A-Za-z]+ [A-Za-z]{6,}$' order by id limit 1",
    );
    // A typo: the surname's last two letters swapped.
    const name = person?.name ?? 'Adam Mosseri';
    const typo = name.slice(0, -2) + (name.at(-1) ?? '') + (name.at(-2) ?? '');
    const aliasRow = await one<{ alias: string }>(
      "select alias from entity_aliases where alias ~ '^[A-Za-z]{5,}' order by entity_id, alias limit 1",
    );
    const counted = await one<{ articles: string; entities: string; quotes: string }>(
      'select (select count(*) from articles) as articles, (select count(*) from entities) as entities, (select count(*) from quotes) as quotes',
    );
    const entityId = top?.id ?? 1;
    const all = cases({
      entityId,
      typo: typo.split(' ').at(-1) ?? typo,
      alias: aliasRow?.alias.split(' ')[0] ?? 'AFP',
    });
    const rows: Row[] = [];
    const agreement: Agreement[] = [];
    const plansDir = join(ROOT, 'bench/plans', String(size));
    mkdirSync(plansDir, { recursive: true });
    const limit = await startLimitServer(url);
    try {
      for (const engine of options.engines) {
        // As the server does at start-up: migrations, then the engine (RUM builds its index once).
        const handle = openPostgres({ url, poolSize: 2, statementTimeoutMs: 0 });
        let search: SearchEngine;
        try {
          await migrateDatabase(handle);
          search = (await prepareSearch(handle, engine, { groonga: groongaOptions() })).search;
        } finally {
          await handle.close();
        }
        const operations: BenchOperation[] = all.map((item) => ({
          key: item.key as BenchOperation['key'],
          title: item.title,
          operationName: '',
          document: item.document,
          variables: () => item.variables,
          sql: '',
          params: () => [],
        }));
        const captured = await captureStatements(url, operations, {} as Fixture, { search });
        for (const item of all) {
          const statements = captured.get(item.key)?.statements ?? [];
          const plans: string[] = [];
          // A transaction's SET LOCALs (the count's planner settings) apply to what follows.
          let settings: typeof statements = [];
          for (const [index, statement] of statements.entries()) {
            const text = statement.sql.trim();
            if (/^(set local |select set_config)/i.test(text)) settings.push(statement);
            if (/^(begin|commit)/i.test(text)) settings = [];
            if (/^(begin|commit|explain|set |savepoint|release|select set_config)/i.test(text))
              continue;
            await client.query('begin');
            try {
              for (const setting of settings) await client.query(setting.sql, setting.params);
              plans.push(
                `-- Dateline statement ${index + 1} of ${statements.length}\n-- params: ${JSON.stringify(statement.params)}${settings.length > 0 ? `\n-- in its transaction after: ${settings.map((setting) => setting.sql).join('; ')}` : ''}\n${statement.sql}\n\n${await explain(client, statement)}`,
              );
            } finally {
              await client.query('commit');
            }
          }
          const limitOperation = engine === 'rum' ? searchLimitByName(item.limit) : undefined;
          if (limitOperation) {
            const statement = {
              sql: limitOperation.sql.trim(),
              params: limitOperation.params(item.variables),
            };
            plans.push(
              `-- Limit server: its one statement\n-- params: ${JSON.stringify(statement.params)}\n${statement.sql}\n\n${await explain(client, statement)}`,
            );
          }
          writeFileSync(
            join(plansDir, `search-${engine}-${item.key}.txt`),
            plans.join('\n\n') + '\n',
          );
        }
        const server = await startServer(
          'Dateline',
          [SERVER_MAIN],
          serverEnv(url, { DATELINE_SEARCH: engine, LOG_LEVEL: 'warn' }),
        );
        try {
          agreement.push(...(await checkAgreement(client, engine, server.url, entityId)));
          for (const item of all) {
            const body = JSON.stringify({ query: item.document, variables: item.variables });
            const first = (await post(server.url, body)) as {
              data?: Record<string, { totalCount: number; totalCountIsEstimate?: boolean }>;
              errors?: unknown;
            };
            if (first.errors) throw new Error(`${item.key}: ${JSON.stringify(first.errors)}`);
            const connection = Object.values(first.data ?? {})[0];
            log(`${engine} ${item.key}: warm-up`);
            await load(server.url, body, options.warmup);
            const dateline = await load(server.url, body, options.duration);
            let limitLoad: Load | null = null;
            if (engine === 'rum' && item.limit) {
              const limitBody = JSON.stringify({
                operationName: item.limit,
                variables: item.variables,
              });
              const answer = await post(limit.url, limitBody);
              if (answer.errors) throw new Error(`limit ${item.key}: ${JSON.stringify(answer)}`);
              await load(limit.url, limitBody, options.warmup);
              limitLoad = await load(limit.url, limitBody, options.duration);
            }
            rows.push({
              engine,
              item,
              dateline,
              limit: limitLoad,
              totalCount: `${connection?.totalCount ?? '?'}${connection?.totalCountIsEstimate ? ' (estimate)' : ''}`,
            });
            log(`${engine} ${item.key}: p50 ${dateline.p50} ms, p99 ${dateline.p99} ms`);
          }
        } finally {
          await stopServer(server.child);
        }
      }
    } finally {
      await stopServer(limit.child);
    }
    return {
      options,
      database,
      rows,
      agreement,
      counts: {
        articles: Number(counted?.articles),
        entities: Number(counted?.entities),
        quotes: Number(counted?.quotes),
      },
      measuredAt: `${new Date().toISOString().slice(0, 16)}Z`,
    };
  } finally {
    await client.end();
  }
}

const met = (load: Load, bound: { p50: number; p99: number }): string =>
  load.p50 <= bound.p50 && load.p99 <= bound.p99 ? 'met' : '**not met**';

/** The results as markdown: the cases with their bounds, then the top-20 agreement. */
export function searchMarkdown(bench: SearchBench, heading = '##'): string {
  const { options, counts } = bench;
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    `${heading} Search at ${n(counts.articles)} articles`,
    '',
    `Measured ${bench.measuredAt} on database \`${bench.database}\` (${n(counts.articles)} articles, ${n(counts.quotes)} quotes, ${n(counts.entities)} entities; generated data: a scale test, not real-world text). Production server with \`DATELINE_SEARCH=<engine>\`, autocannon ${CONNECTIONS} connections (the bounds are latencies of one request; the machine has 2 shared cores), ${options.warmup} s warm-up then ${options.duration} s per case, one case at a time, the limit server (\`bench/search-limit.ts\`: one hand-written statement, the RUM order, snippets, no count) the same way. Plans (\`EXPLAIN (ANALYZE, BUFFERS)\`, limit statement last): \`bench/plans/${options.size}/search-<engine>-<case>.txt\`. Method: \`bench/SEARCH.md\`.`,
    '',
    '| engine | case | p50 / p99 ms | req/s | limit p50 / p99 ms | totalCount | bound p50/p99 |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ...bench.rows.map(
      (row) =>
        `| ${row.engine} | ${row.item.title} | ${row.dateline.p50} / ${row.dateline.p99} | ${row.dateline.rps.toFixed(1)}${row.dateline.failures > 0 ? ` (${row.dateline.failures} failed)` : ''} | ${row.limit ? `${row.limit.p50} / ${row.limit.p99}` : '—'} | ${row.totalCount} | ${row.item.bound.p50}/${row.item.bound.p99}: ${met(row.dateline, row.item.bound)} |`,
    ),
    '',
    `Top 20 against exact ranking (every match ranked in SQL with index scans off, ${'`'}order by${'`'} the engine's score then id): positions where the API's article is the exact ranking's, the time that exact ranking took, and how many of the API's 20 are in the top 20 by \`ts_rank_cd\` (the postgres engine's order):`,
    '',
    '| engine | query | matches | same position (of 20) | exact ranking ms | in ts_rank_cd top 20 |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...bench.agreement.map(
      (row) =>
        `| ${row.engine} | ${row.query} | ${n(row.matches)} | ${row.samePositions}/${row.pageSize} | ${Math.round(row.exactMs)} | ${row.overlapRankCd} |`,
    ),
    '',
  ].join('\n');
}

const SECTION_START = '<!-- Search section: written by pnpm bench (bench/search.ts). -->';
const SECTION_END = '<!-- End of the search section. -->';

/** The search section as run.ts puts it into RESULTS.md. */
export function searchSection(bench: SearchBench): string {
  return [SECTION_START, '', searchMarkdown(bench), SECTION_END].join('\n');
}

/** The search section a RESULTS.md holds now, to keep it when a run leaves search out. */
export function currentSearchSection(path: string): string {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = previous.indexOf(SECTION_START);
  const end = previous.indexOf(SECTION_END);
  return start >= 0 && end > start ? previous.slice(start, end + SECTION_END.length) : '';
}

/** Replaces the search section of a RESULTS.md (or puts it before the hand-written notes). */
export function writeSearchSection(path: string, bench: SearchBench, notesMarker: string): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const section = searchSection(bench);
  const start = previous.indexOf(SECTION_START);
  const end = previous.indexOf(SECTION_END);
  let next: string;
  if (start >= 0 && end > start) {
    next = previous.slice(0, start) + section + previous.slice(end + SECTION_END.length);
  } else if (previous.includes(notesMarker)) {
    const at = previous.indexOf(notesMarker);
    next = `${previous.slice(0, at)}${section}\n\n${previous.slice(at)}`;
  } else {
    next = `${previous}\n${section}\n`;
  }
  writeFileSync(path, next);
}

async function cli(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      size: { type: 'string', default: '100000' },
      database: { type: 'string', default: '' },
      engines: { type: 'string', default: 'postgres,rum' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      pg: {
        type: 'string',
        default: process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
      },
    },
  });
  const size = Number(args.size);
  const database =
    args.database ||
    (size === 10_000
      ? 'dateline_bench'
      : size % 1_000_000 === 0
        ? `dateline_bench_${size / 1_000_000}m`
        : `dateline_bench_${size / 1000}k`);
  log('building the server (tsc -b packages/server)');
  spawnSync('pnpm', ['exec', 'tsc', '-b', 'packages/server'], { cwd: ROOT, stdio: 'inherit' });
  const bench = await benchSearch({
    size,
    url: `${args.pg.replace(/\/$/, '')}/${database}`,
    engines: args.engines.split(',') as SearchEngine[],
    duration: Number(args.duration),
    warmup: Number(args.warmup),
  });
  writeFileSync(join(ROOT, 'bench/SEARCH-RESULTS.md'), searchMarkdown(bench, '#'));
  log('wrote bench/SEARCH-RESULTS.md');
}

if (require.main === module) {
  void cli().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
