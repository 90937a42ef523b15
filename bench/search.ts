// `pnpm bench:search`: the search cases of issue #14 on one benchmark database (made by
// `pnpm bench --sizes N` or `pnpm db:generate`), on each search engine: starts the production
// server with DATELINE_SEARCH=<engine>, drives each case with autocannon, EXPLAINs the statements
// each case issues, and writes bench/SEARCH-RESULTS.md and bench/plans/<size>/search-<engine>-<case>.txt.
//
//   pnpm bench:search [--size 100000] [--engines postgres,rum] [--duration 10] [--warmup 3]
//                     [--connections 8] [--pg postgres://postgres@127.0.0.1:5432]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { prepareSearch, type SearchEngine } from '../packages/server/src/search/search-engine';
import { openPostgres } from '../packages/server/src/db/client';
import { migrateDatabase } from '../packages/server/src/db/migrate';
import { globalId, type BenchOperation, type Fixture } from './operations';
import { captureStatements, explain } from './statements';

const ROOT = join(__dirname, '..');
const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'postgres,rum' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    pg: {
      type: 'string',
      default: process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    },
  },
});
const size = Number(args.size);
const engines = args.engines.split(',') as SearchEngine[];
const database =
  size === 10_000
    ? 'dateline_bench'
    : size % 1_000_000 === 0
      ? `dateline_bench_${size / 1_000_000}m`
      : `dateline_bench_${size / 1000}k`;
const url = `${args.pg.replace(/\/$/, '')}/${database}`;

/** Words in about a fifth of the articles (both), in about 0.1 % (rare), and a phrase of two. */
const COMMON = 'nostrum dolorem';
const RARE = 'antioch';
const PHRASE = '"nostrum dolorem"';

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
  /** The bound for p50 and p99, in ms. */
  bound: { p50: number; p99: number };
}

function cases(entityId: number, typo: string): Case[] {
  const relevance = { p50: 100, p99: 300 };
  return [
    {
      key: 'common',
      title: `common words (${COMMON}), by relevance`,
      document: ARTICLES,
      variables: { search: COMMON },
      bound: relevance,
    },
    {
      key: 'rare',
      title: `rare word (${RARE}), by relevance`,
      document: ARTICLES,
      variables: { search: RARE },
      bound: relevance,
    },
    {
      key: 'phrase',
      title: `two-word phrase (${PHRASE}), by relevance`,
      document: ARTICLES,
      variables: { search: PHRASE },
      bound: relevance,
    },
    {
      key: 'range',
      title: 'common words in one year, by relevance',
      document: ARTICLES,
      variables: { search: COMMON, from: '2022-01-01T00:00:00Z', before: '2023-01-01T00:00:00Z' },
      bound: relevance,
    },
    {
      key: 'entity',
      title: `common words mentioning Entity ${entityId}, by relevance`,
      document: ARTICLES,
      variables: { search: COMMON, mentioning: globalId('Entity', entityId) },
      bound: relevance,
    },
    {
      key: 'dated',
      title: 'common words, newest first',
      document: ARTICLES,
      variables: { search: COMMON, orderBy: 'PUBLISHED_AT_DESC' },
      bound: { p50: 50, p99: 300 },
    },
    {
      key: 'quotes',
      title: `quotes with ${COMMON}, newest first`,
      document: QUOTES,
      variables: { search: COMMON },
      bound: relevance,
    },
    {
      key: 'entities',
      title: `entities like "${typo}" (a typo)`,
      document: ENTITIES,
      variables: { search: typo },
      bound: relevance,
    },
  ];
}

function log(message: string): void {
  process.stderr.write(`[bench:search] ${message}\n`);
}

function startServer(engine: SearchEngine): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: '4791',
      DATELINE_RATE_LIMIT: '0',
      DATELINE_SEARCH: engine,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('http://')) {
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function load(body: string, seconds: number) {
  return autocannon({
    url: 'http://127.0.0.1:4791/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: Number(args.connections),
    duration: seconds,
    timeout: 30,
  });
}

interface Row {
  engine: SearchEngine;
  item: Case;
  p50: number;
  p99: number;
  rps: number;
  failures: number;
  totalCount: string;
}

async function main(): Promise<void> {
  log('building the server (tsc -b packages/server)');
  spawnSync('pnpm', ['exec', 'tsc', '-b', 'packages/server'], { cwd: ROOT, stdio: 'inherit' });
  const client = new Client({ connectionString: url });
  await client.connect();
  const [top] = (
    await client.query<{ id: number }>(
      'select entity_id as id from article_mentions group by entity_id order by count(*) desc, entity_id limit 1',
    )
  ).rows;
  const [person] = (
    await client.query<{ name: string }>(
      "select name from entities where kind = 'PERSON' and name ~ '^[A-Za-z]+ [A-Za-z]{6,}$' order by id limit 1",
    )
  ).rows;
  // A typo: the surname's last two letters swapped.
  const name = person?.name ?? 'Adam Mosseri';
  const typo = name.slice(0, -2) + (name.at(-1) ?? '') + (name.at(-2) ?? '');
  const all = cases(top?.id ?? 1, typo.split(' ').at(-1) ?? typo);
  const rows: Row[] = [];
  const plansDir = join(ROOT, 'bench/plans', String(size));
  mkdirSync(plansDir, { recursive: true });
  for (const engine of engines) {
    // Plans: run each case in-process with the engine set, EXPLAIN what it issued.
    const handle = openPostgres({ url, poolSize: 2, statementTimeoutMs: 0 });
    // As the server does at start-up: a database made by an older build gets its migrations.
    await migrateDatabase(handle);
    await prepareSearch(handle, engine);
    await handle.close();
    const operations: BenchOperation[] = all.map((item) => ({
      key: item.key as BenchOperation['key'],
      title: item.title,
      operationName: '',
      document: item.document,
      variables: () => item.variables,
      sql: '',
      params: () => [],
    }));
    const captured = await captureStatements(url, operations, {} as Fixture);
    for (const item of all) {
      const statements = captured.get(item.key)?.statements ?? [];
      const plans: string[] = [];
      for (const statement of statements) {
        if (
          /^(begin|commit|explain|set |savepoint|release|select set_config)/i.test(
            statement.sql.trim(),
          )
        )
          continue;
        plans.push(
          `${statement.sql}\n-- params: ${JSON.stringify(statement.params)}\n${await explain(client, statement)}`,
        );
      }
      writeFileSync(join(plansDir, `search-${engine}-${item.key}.txt`), plans.join('\n\n') + '\n');
    }
    const server = await startServer(engine);
    try {
      for (const item of all) {
        const body = JSON.stringify({ query: item.document, variables: item.variables });
        const first = (await (
          await fetch('http://127.0.0.1:4791/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).json()) as {
          data?: Record<string, { totalCount: number; totalCountIsEstimate?: boolean }>;
          errors?: unknown;
        };
        if (first.errors) throw new Error(`${item.key}: ${JSON.stringify(first.errors)}`);
        const connection = Object.values(first.data ?? {})[0];
        log(`${engine} ${item.key}: warm-up`);
        await load(body, Number(args.warmup));
        const result = await load(body, Number(args.duration));
        rows.push({
          engine,
          item,
          p50: result.latency.p50,
          p99: result.latency.p99,
          rps: result.requests.average,
          failures: result.errors + result.timeouts + result.non2xx,
          totalCount: `${connection?.totalCount ?? '?'}${connection?.totalCountIsEstimate ? ' (estimate)' : ''}`,
        });
        log(`${engine} ${item.key}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      }
    } finally {
      await stopServer(server);
    }
  }
  await client.end();
  const lines = [
    `# Search at ${size.toLocaleString('en-US')} articles`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16)}Z by \`pnpm bench:search --size ${size}\` on database \`${database}\`: production server (\`packages/server/dist/main.js\`), autocannon ${args.connections} connections, ${args.warmup} s warm-up then ${args.duration} s per case, one case at a time, on a shared 2-core machine (other work was running). Plans: \`bench/plans/${size}/search-<engine>-<case>.txt\`. Method and choices: \`bench/SEARCH.md\`.`,
    '',
    '| engine | case | p50 ms | p99 ms | req/s | failures | totalCount | bound p50/p99 |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.engine} | ${row.item.title} | ${row.p50} | ${row.p99} | ${row.rps.toFixed(1)} | ${row.failures} | ${row.totalCount} | ${row.item.bound.p50}/${row.item.bound.p99}: ${row.p50 <= row.item.bound.p50 && row.p99 <= row.item.bound.p99 ? 'met' : 'not met'} |`,
    ),
    '',
  ];
  writeFileSync(join(ROOT, 'bench/SEARCH-RESULTS.md'), lines.join('\n'));
  log('wrote bench/SEARCH-RESULTS.md');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
