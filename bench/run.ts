// `pnpm bench`: loads the benchmark databases if missing, starts the production Dateline server
// and the raw-SQL limit server on each, checks they answer the same, drives both with autocannon,
// EXPLAINs every statement, measures cold start on the embedded database, runs the realtime
// benchmark (bench/realtime.ts), and writes bench/RESULTS.md and bench/plans/<size>/<op>.txt.
//
//   pnpm bench [--sizes 10000,100000] [--duration 10] [--warmup 5] [--rounds 3] [--connections 32]
//              [--pg postgres://postgres@127.0.0.1:5432] [--skip-cold-start] [--skip-realtime]
//              [--operations timeline,comentions] [--search-engines postgres,rum]
//              [--search-only | --skip-search] [--database name]
// The search section (bench/search.ts) runs on the largest size; --search-only runs only it,
// --skip-search leaves it out (RESULTS.md keeps the search section it has, such as one measured
// at 1,000,000 articles), and --database names the database of a single size (a copy with the RUM
// index, say).
//   BENCH_SERVER_MAIN=/path/to/dist/main.js measures another build of the server (no build step).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import {
  SEARCH,
  UPCOMING_DAYS,
  operationKeys,
  operations,
  type BenchOperation,
  type Fixture,
} from './operations';
import { benchRealtime, writeRealtimeSection } from './realtime';
import { benchAnalytics } from './analytics';
import type { SearchEngine } from '../packages/server/src/search/search-engine';
import { benchSearch, currentSearchSection, searchSection, writeSearchSection } from './search';
import {
  cpuMs,
  peakRssMb,
  serverEnv,
  startLimitServer,
  startServer,
  stopServer,
} from './processes';
import { captureStatements, explain, seqScansOnLargeTables } from './statements';
import { VARIABLE_KEYS, drawVariables, requestBodies } from './variables';

const ROOT = join(__dirname, '..');
const SERVER_MAIN = process.env['BENCH_SERVER_MAIN'] ?? join(ROOT, 'packages/server/dist/main.js');

/** Node flags the server runs with, as `pnpm start` runs it (BENCH_NODE_FLAGS overrides them). */
const SERVER_NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    /** Interleaved measuring rounds per operation and server; figures are their medians. */
    rounds: { type: 'string', default: '3' },
    pg: {
      type: 'string',
      default: process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    },
    'skip-cold-start': { type: 'boolean', default: false },
    'skip-realtime': { type: 'boolean', default: false },
    /** Only these operation keys (comma-separated); every operation when empty. */
    operations: { type: 'string', default: '' },
    'search-engines': { type: 'string', default: 'postgres,rum' },
    'search-only': { type: 'boolean', default: false },
    /** Leaves the search cases out; RESULTS.md keeps the search section it has. */
    'skip-search': { type: 'boolean', default: false },
    database: { type: 'string', default: '' },
  },
});
const sizes = args.sizes.split(',').map((size) => Number(size.trim()));
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error('--rounds takes a whole number, at least 1');
if (sizes.some((size) => !Number.isInteger(size) || size < 100))
  throw new Error('--sizes takes whole numbers of articles, at least 100 each');

/** Nesting levels that fetch data in each operation: the "one statement per level" budget. */
const levels: Record<string, number> = {
  feed: 3,
  entity: 3,
  search: 1,
  upcoming: 2,
  timeline: 2,
  comentions: 3,
};

interface Load {
  /** Server CPU (user + system) per request, in ms: robust to a busy machine, unlike req/s. */
  cpuMs: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

interface OperationResult {
  operation: BenchOperation;
  /** Measured with a different variable set on every request (bench/variables.ts). */
  withVariables: boolean;
  statements: number;
  statementsSmallPage: number;
  dateline: Load;
  limit: Load;
  seqScans: string[];
}

interface SizeResult {
  size: number;
  database: string;
  fixture: Fixture;
  operations: OperationResult[];
  peakRssMb: { dateline: number; limit: number };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function databaseName(size: number): string {
  if (args.database) return args.database;
  if (size === 10_000) return 'dateline_bench';
  return size % 1_000_000 === 0
    ? `dateline_bench_${size / 1_000_000}m`
    : size % 1000 === 0
      ? `dateline_bench_${size / 1000}k`
      : `dateline_bench_${size}`;
}

function databaseUrl(name: string): string {
  return `${args.pg.replace(/\/$/, '')}/${name}`;
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

/** Creates and loads the database for `size` articles unless it already holds exactly that. */
async function ensureDatabase(size: number): Promise<string> {
  const name = databaseName(size);
  const url = databaseUrl(name);
  const exists = await withClient(databaseUrl('postgres'), async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
    return found.rowCount !== 0;
  });
  if (exists) {
    const articles = await withClient(url, async (client) => {
      const table = await client.query(`select to_regclass('articles') as t`);
      if ((table.rows[0] as { t: string | null }).t === null) return 0;
      const result = await client.query<{ n: string }>('select count(*) as n from articles');
      return Number(result.rows[0]?.n);
    });
    if (articles === size) return url;
    throw new Error(
      `${name} holds ${articles} articles, not ${size}: drop it (dropdb -h 127.0.0.1 -U postgres ${name}) and run again.`,
    );
  }
  log(`generating ${size} articles into ${name} (10k: ~15 s, 100k: several minutes)`);
  run('pnpm', ['db:generate', '--articles', String(size)], { ...process.env, DATABASE_URL: url });
  await withClient(url, (client) => client.query('vacuum analyze'));
  return url;
}

/** How many open deadlines fall due within the window starting on each day of the data. */
async function upcomingWindows(url: string): Promise<{ asOf: string; n: number }[]> {
  return withClient(url, async (client) => {
    const result = await client.query<{ as_of: string; n: string }>(
      `select day::date::text as as_of,
              (select count(*) from deadlines
               where status in ('PENDING', 'EXTENDED')
                 and due_on between day::date and day::date + $1::int) as n
       from generate_series((select min(due_on) from deadlines),
                            (select max(due_on) from deadlines), interval '1 day') as day`,
      [UPCOMING_DAYS],
    );
    return result.rows.map((row) => ({ asOf: row.as_of, n: Number(row.n) }));
  });
}

/**
 * Chooses each size's fixture: the entity with the most quotes, and an upcoming-deadlines day
 * whose window holds the same number of deadlines at every size (a full page of 20 where the
 * smallest size has a window that full), so p50s compare the same work on more data.
 */
async function chooseFixtures(urls: Map<number, string>): Promise<Map<number, Fixture>> {
  const windows = new Map<number, { asOf: string; n: number }[]>();
  for (const [size, url] of urls) windows.set(size, await upcomingWindows(url));
  const target = Math.min(
    20,
    ...[...windows.values()].map((days) => Math.max(0, ...days.map((day) => day.n))),
  );
  const fixtures = new Map<number, Fixture>();
  for (const [size, url] of urls) {
    const entityId = await withClient(url, async (client) => {
      const result = await client.query<{ id: number }>(
        'select speaker_id as id from quotes group by speaker_id order by count(*) desc, speaker_id limit 1',
      );
      return Number(result.rows[0]?.id);
    });
    const mentionedId = await withClient(url, async (client) => {
      const result = await client.query<{ id: number }>(
        'select entity_id as id from article_mentions group by entity_id order by count(*) desc, entity_id limit 1',
      );
      return Number(result.rows[0]?.id);
    });
    // The fullest window of at least `target`, latest first: exactly `target` where one exists.
    const day = (windows.get(size) ?? [])
      .filter((candidate) => candidate.n >= target)
      .sort((a, b) => a.n - b.n || b.asOf.localeCompare(a.asOf))[0];
    if (!day) throw new Error(`no upcoming-deadlines window with ${target} deadlines at ${size}`);
    fixtures.set(size, {
      entityId,
      mentionedId,
      search: SEARCH,
      asOf: day.asOf,
      upcoming: Math.min(20, day.n),
    });
  }
  return fixtures;
}

function requestBody(operation: BenchOperation, fixture: Fixture): string {
  return JSON.stringify({
    operationName: operation.operationName,
    query: operation.document,
    variables: operation.variables(fixture),
  });
}

async function post(url: string, body: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

/** The first path at which two JSON values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: Dateline ${JSON.stringify(a)?.slice(0, 300)} ≠ limit ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Loads `url` with `body`, or with one of `body`'s bodies picked at random per request. */
/** Checks that both servers answer each body with the same data, and without errors. */
async function sameAnswers(
  datelineUrl: string,
  limitUrl: string,
  bodies: readonly string[],
  label: string,
): Promise<void> {
  for (const body of bodies) {
    const [fromDateline, fromLimit] = await Promise.all([
      post(datelineUrl, body),
      post(limitUrl, body),
    ]);
    if (fromDateline.errors)
      throw new Error(`${label}: Dateline answered ${JSON.stringify(fromDateline.errors)}`);
    const difference = firstDifference(fromDateline.data, fromLimit.data);
    if (difference)
      throw new Error(`${label} (${body.slice(-200)}): the servers disagree at ${difference}`);
  }
}

async function load(
  url: string,
  body: string | string[],
  seconds: number,
  pid?: number,
): Promise<Load> {
  const cpuBefore = cpuMs(pid);
  const bodies = Array.isArray(body) ? body : null;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(bodies
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                body: bodies[Math.floor(Math.random() * bodies.length)],
              }),
            },
          ],
        }
      : { body: body as string }),
    connections,
    duration: seconds,
  });
  return {
    cpuMs: (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Each figure the median of the rounds' (the rounds' requests and failures added up). */
function medianLoad(rounds: readonly Load[]): Load {
  const of = (pick: (load: Load) => number) => median(rounds.map(pick));
  return {
    cpuMs: of((load) => load.cpuMs),
    rps: of((load) => load.rps),
    p50: of((load) => load.p50),
    p99: of((load) => load.p99),
    requests: rounds.reduce((sum, load) => sum + load.requests, 0),
    failures: rounds.reduce((sum, load) => sum + load.failures, 0),
  };
}

/**
 * Search for a word in a fifth of all articles ranks every match; from a million articles on, one
 * such query takes longer than autocannon waits, so it is left out there (RESULTS.md says so).
 */
const SEARCH_UP_TO = 100_000;

async function benchSize(
  size: number,
  url: string,
  allOperations: readonly BenchOperation[],
  fixture: Fixture,
): Promise<SizeResult> {
  const operations = allOperations.filter(
    (operation) => operation.key !== 'search' || size <= SEARCH_UP_TO,
  );
  const database = databaseName(size);
  log(
    `${database}: ${size} articles; entity page for Entity ${fixture.entityId}; upcoming deadlines as of ${fixture.asOf} (${fixture.upcoming})`,
  );

  const captured = await captureStatements(url, operations, fixture);
  const smallPage = await captureStatements(
    url,
    operations.map((operation) => ({
      ...operation,
      document: operation.document.replace(/first: 20/g, 'first: 2'),
    })),
    fixture,
  );

  const plansDir = join(__dirname, 'plans', String(size));
  mkdirSync(plansDir, { recursive: true });
  const seqScans = new Map<string, string[]>();
  await withClient(url, async (client) => {
    for (const operation of operations) {
      const statements = captured.get(operation.key)?.statements ?? [];
      const sections: string[] = [];
      for (const [index, statement] of statements.entries()) {
        sections.push(
          `-- Dateline statement ${index + 1} of ${statements.length}\n-- params: ${JSON.stringify(statement.params)}\n${statement.sql}\n\n${await explain(client, statement)}`,
        );
      }
      const limitStatement = {
        sql: operation.sql.trim(),
        params: operation.params(operation.variables(fixture)),
      };
      const limitPlan = await explain(client, limitStatement);
      sections.push(
        `-- Limit server: its one statement\n-- params: ${JSON.stringify(limitStatement.params)}\n${limitStatement.sql}\n\n${limitPlan}`,
      );
      const text = sections.join('\n\n');
      seqScans.set(operation.key, seqScansOnLargeTables(sections.slice(0, -1).join('\n')));
      writeFileSync(join(plansDir, `${operation.key}.txt`), `${text}\n`);
    }
  });

  const dateline = await startServer(
    'Dateline',
    [...SERVER_NODE_FLAGS, SERVER_MAIN],
    serverEnv(url),
  );
  const limit = await startLimitServer(url);
  try {
    for (const operation of operations) {
      const body = requestBody(operation, fixture);
      const [fromDateline, fromLimit] = await Promise.all([
        post(dateline.url, body),
        post(limit.url, body),
      ]);
      if (fromDateline.errors)
        throw new Error(
          `${operation.key}: Dateline answered ${JSON.stringify(fromDateline.errors)}`,
        );
      const difference = firstDifference(fromDateline.data, fromLimit.data);
      if (difference)
        throw new Error(
          `${operation.key}: Dateline and the limit server disagree at ${difference}`,
        );
      if (!isDeepStrictEqual(fromDateline.data, captured.get(operation.key)?.data))
        throw new Error(`${operation.key}: the in-process run saw different data from the server`);
    }
    log('Dateline and the limit server return the same data for every operation');

    // Each server is warmed up, then measured in `rounds` interleaved rounds (Dateline, limit,
    // Dateline, …) and each figure is the median of its rounds: a busy spell on the shared machine
    // lands on both servers or is outvoted, instead of deciding one server's figure.
    const measure = async (label: string, body: string | string[]) => {
      const servers = [
        ['dateline', dateline],
        ['limit', limit],
      ] as const;
      for (const [name, server] of servers) {
        log(`${database} ${label} on ${name}: ${warmup} s warm-up`);
        await load(server.url, body, warmup);
      }
      const measured: Record<'dateline' | 'limit', Load[]> = { dateline: [], limit: [] };
      for (let round = 1; round <= rounds; round += 1) {
        for (const [name, server] of servers) {
          log(`${database} ${label} on ${name}: round ${round}/${rounds}, ${duration} s`);
          const result = await load(server.url, body, duration, server.child.pid);
          if (result.failures > 0)
            throw new Error(`${label} on ${name}: ${result.failures} failed requests`);
          measured[name].push(result);
        }
      }
      return { dateline: medianLoad(measured.dateline), limit: medianLoad(measured.limit) };
    };

    const results: OperationResult[] = [];
    for (const operation of operations) {
      results.push({
        operation,
        withVariables: false,
        statements: captured.get(operation.key)?.statements.length ?? 0,
        statementsSmallPage: smallPage.get(operation.key)?.statements.length ?? 0,
        ...(await measure(operation.key, requestBody(operation, fixture))),
        seqScans: seqScans.get(operation.key) ?? [],
      });
    }

    // The same operations with variables drawn from the data, different on every request.
    const keys = operations.map((operation) => operation.key);
    for (const run of await drawVariables(
      url,
      VARIABLE_KEYS.filter((key) => keys.includes(key)),
    )) {
      const bodies = requestBodies(run);
      await sameAnswers(dateline.url, limit.url, bodies.slice(0, 25), run.operation.key);
      const counted = await captureStatements(
        url,
        run.pool.slice(0, 1).map((variables) => ({ ...run.operation, variables: () => variables })),
        fixture,
      );
      const statements = counted.get(run.operation.key)?.statements ?? [];
      results.push({
        operation: run.operation,
        withVariables: true,
        statements: statements.length,
        statementsSmallPage: statements.length,
        ...(await measure(`${run.operation.key} with variables`, bodies)),
        seqScans: seqScansOnLargeTables(
          (
            await withClient(url, (client) =>
              Promise.all(statements.map((statement) => explain(client, statement))),
            )
          ).join('\n'),
        ),
      });
    }
    return {
      size,
      database,
      fixture,
      operations: results,
      peakRssMb: { dateline: peakRssMb(dateline.child.pid), limit: peakRssMb(limit.child.pid) },
    };
  } finally {
    await stopServer(dateline.child);
    await stopServer(limit.child);
  }
}

interface ColdStart {
  fresh: number[];
  restart: number;
}

/** Start-up time on the embedded database: fresh data directories, then a restart on one. */
async function measureColdStart(): Promise<ColdStart> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0' };
  delete env['DATABASE_URL'];
  const fresh: number[] = [];
  let restart = Number.NaN;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-cold-'));
    try {
      const started = await startServer('Dateline (embedded)', [SERVER_MAIN], {
        ...env,
        DATELINE_DATA_DIR: dataDir,
      });
      fresh.push(started.ms);
      await stopServer(started.child);
      if (attempt === 0) {
        const again = await startServer('Dateline (embedded, restart)', [SERVER_MAIN], {
          ...env,
          DATELINE_DATA_DIR: dataDir,
        });
        restart = again.ms;
        await stopServer(again.child);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { fresh, restart };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fixed = (value: number, digits = 0): string => value.toFixed(digits);
const ms = (value: number): string => (value < 10 ? value.toFixed(1) : value.toFixed(0));

/** An operation's name in the tables: its key and title, and whether variables varied. */
function label(entry: OperationResult): string {
  return `${entry.operation.key} (${entry.operation.title})${entry.withVariables ? ', with variables' : ''}`;
}

function table(results: SizeResult[]): string {
  const header = [
    '| articles | operation | Dateline req/s | limit req/s | Dateline/limit | Dateline p50 / p99 ms | limit p50 / p99 ms | server CPU ms/request Dateline / limit | SQL statements/request (page 20 → 2) Dateline / limit |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rows = results.flatMap((result) =>
    result.operations.map(
      (entry) =>
        `| ${result.size.toLocaleString('en-US')} | ${label(entry)} | ${fixed(entry.dateline.rps)} | ${fixed(entry.limit.rps)} | ${fixed(entry.dateline.rps / entry.limit.rps, 2)}× | ${ms(entry.dateline.p50)} / ${ms(entry.dateline.p99)} | ${ms(entry.limit.p50)} / ${ms(entry.limit.p99)} | ${fixed(entry.dateline.cpuMs, 2)} / ${fixed(entry.limit.cpuMs, 2)} | ${entry.statements} → ${entry.statementsSmallPage} / 1 |`,
    ),
  );
  return [...header, ...rows].join('\n');
}

function scalingTable(results: SizeResult[]): string | null {
  const base = results.find((result) => result.size === 10_000) ?? results[0];
  if (!base || results.length < 2) return null;
  const others = results.filter((result) => result !== base);
  const header = [
    `| operation | p50 at ${base.size.toLocaleString('en-US')} | ${others.map((o) => `p50 at ${o.size.toLocaleString('en-US')} (× of ${base.size.toLocaleString('en-US')})`).join(' | ')} |`,
    `| --- | ---: | ${others.map(() => '---:').join(' | ')} |`,
  ];
  const rows = base.operations.map((entry) => {
    const cells = others.map((other) => {
      const match = other.operations.find(
        (o) => o.operation.key === entry.operation.key && o.withVariables === entry.withVariables,
      );
      return match
        ? `${ms(match.dateline.p50)} ms (${fixed(match.dateline.p50 / entry.dateline.p50, 2)}×)`
        : '—';
    });
    return `| ${entry.operation.key}${entry.withVariables ? ' (variables)' : ''} | ${ms(entry.dateline.p50)} ms | ${cells.join(' | ')} |`;
  });
  return [...header, ...rows].join('\n');
}

function verdicts(results: SizeResult[], cold: ColdStart | null): string[] {
  const lines: string[] = [];
  const all = results.flatMap((result) =>
    result.operations.map((entry) => ({ size: result.size, entry })),
  );

  const slow = all.filter(({ entry }) => entry.dateline.rps / entry.limit.rps < 0.5);
  lines.push(
    slow.length === 0
      ? '- **≥ 0.5× the limit’s requests/s at 32 connections: met** for every operation and size.'
      : `- **≥ 0.5× the limit’s requests/s at 32 connections: not met** for ${slow.map(({ size, entry }) => `${entry.operation.key}${entry.withVariables ? ' with variables' : ''} at ${size.toLocaleString('en-US')} (${fixed(entry.dateline.rps / entry.limit.rps, 2)}×; statements ${entry.statements} / 1; server CPU ${fixed(entry.dateline.cpuMs, 2)} / ${fixed(entry.limit.cpuMs, 2)} ms a request)`).join(', ')}. Where the statement counts match, the rest of the gap is the server's own CPU per request (Dateline parses the request, runs Apollo Server's pipeline, resolves every field and serialises the response; the limit server passes PostgreSQL's JSON through). See the notes below.`,
  );

  const dependent = all.filter(({ entry }) => entry.statements !== entry.statementsSmallPage);
  const withVariables = all.filter(({ entry }) => entry.withVariables);
  if (withVariables.length > 0) {
    lines.push(
      `- **With variables** (a different variable set drawn from the data on every request): SQL statements per request ${withVariables.map(({ size, entry }) => `${entry.operation.key} ${entry.statements} at ${size.toLocaleString('en-US')}`).join(', ')}.`,
    );
  }
  const overBudget = all.filter(
    ({ entry }) => entry.statements > (levels[entry.operation.key] ?? Number.POSITIVE_INFINITY),
  );
  const counts = results[0]?.operations
    .map(
      (entry) =>
        `${entry.operation.key} ${entry.statements} for ${levels[entry.operation.key]} level(s)`,
    )
    .join(', ');
  lines.push(
    `- **SQL statements independent of page size: ${dependent.length === 0 ? 'met' : 'not met'}** (the same count with \`first: 20\` and \`first: 2\`${dependent.length === 0 ? '' : `, except ${dependent.map(({ entry }) => entry.operation.key).join(', ')}`}). **At most one per nesting level: ${overBudget.length === 0 ? 'met' : 'not met'}** (${counts}): ${overBudget.length === 0 ? 'no operation needs more statements than it has levels.' : 'some sibling fields at a level are still their own DataLoader batches.'}`,
  );

  // p50 growth with the data: 100k → 1M within 1.2× when both ran, else 10k → 100k within 1.5×.
  const growth = (
    [
      [100_000, 1_000_000, 1.2],
      [10_000, 100_000, 1.5],
    ] as const
  ).find(
    ([from, to]) => results.some((r) => r.size === from) && results.some((r) => r.size === to),
  );
  if (growth) {
    const [from, to, bound] = growth;
    const base = results.find((result) => result.size === from) as SizeResult;
    const large = results.find((result) => result.size === to) as SizeResult;
    const checks = base.operations
      .filter((entry) => ['feed', 'entity', 'upcoming'].includes(entry.operation.key))
      .map((entry) => {
        const match = large.operations.find(
          (other) =>
            other.operation.key === entry.operation.key &&
            other.withVariables === entry.withVariables,
        );
        return {
          key: `${entry.operation.key}${entry.withVariables ? ' (variables)' : ''}`,
          ratio: match ? match.dateline.p50 / entry.dateline.p50 : Number.NaN,
        };
      });
    const failing = checks.filter((check) => !(check.ratio <= bound));
    lines.push(
      `- **p50 at ${to.toLocaleString('en-US')} within ${bound}× of ${from.toLocaleString('en-US')} for feed, entity, upcoming: ${failing.length === 0 ? 'met' : 'not met'}** (${checks.map((check) => `${check.key} ${fixed(check.ratio, 2)}×`).join(', ')}).`,
    );
  } else {
    lines.push(
      '- **p50 growth with the data: not measured in this run** (run with `--sizes 100000,1000000`).',
    );
  }
  const scans = all.filter(({ entry }) => entry.seqScans.length > 0);
  lines.push(
    scans.length === 0
      ? '- **No sequential scans on articles, quotes or article_mentions** in any plan Dateline runs: met.'
      : `- **Sequential scans on large tables: present** — ${scans.map(({ size, entry }) => `${entry.operation.key} at ${size.toLocaleString('en-US')} (${entry.seqScans.join(', ')})`).join('; ')}. See bench/plans/.`,
  );

  if (cold) {
    const value = median(cold.fresh);
    lines.push(
      `- **Cold start on the embedded database under 3 s: ${value < 3000 ? 'met' : 'not met'}** — median ${fixed(value)} ms over ${cold.fresh.length} fresh data directories (${cold.fresh.map((v) => fixed(v)).join(', ')} ms: init, migrations, sample article), ${fixed(cold.restart)} ms restarting on an existing one.`,
    );
  } else {
    lines.push('- **Cold start under 3 s: not measured in this run** (`--skip-cold-start`).');
  }
  return lines;
}

const NOTES_MARKER =
  '<!-- Hand-written notes below this line are kept when pnpm bench rewrites the file. -->';

async function main(): Promise<void> {
  if (!process.env['BENCH_SERVER_MAIN']) {
    log('building the server (tsc -b packages/server)');
    run('pnpm', ['exec', 'tsc', '-b', 'packages/server']);
  }

  const urls = new Map<number, string>();
  for (const size of sizes) urls.set(size, await ensureDatabase(size));
  const searchSize = Math.max(...sizes);
  if (args['skip-search'] && args['search-only'])
    throw new Error('--skip-search and --search-only leave nothing to run');
  const search = args['skip-search']
    ? null
    : await benchSearch({
        ...{ size: searchSize, url: urls.get(searchSize) as string, duration, warmup },
        engines: args['search-engines'].split(',') as SearchEngine[],
      });
  if (search && args['search-only'])
    return writeSearchSection(join(__dirname, 'RESULTS.md'), search, NOTES_MARKER);
  const fixtures = await chooseFixtures(urls);
  const results: SizeResult[] = [];
  const only = args.operations.split(',').filter((key) => key.trim() !== '');
  const chosen = operations.filter(
    (operation) => only.length === 0 || only.includes(operation.key),
  );
  if (chosen.length === 0)
    throw new Error(`--operations matches none of ${operationKeys.join(', ')}`);
  for (const [size, url] of urls) {
    results.push(await benchSize(size, url, chosen, fixtures.get(size) as Fixture));
  }
  const cold = args['skip-cold-start'] ? null : await measureColdStart();

  const pgVersion = await withClient(databaseUrl('postgres'), async (client) => {
    const result = await client.query<{ v: string }>(
      "select current_setting('server_version') as v",
    );
    return result.rows[0]?.v ?? 'unknown';
  });
  const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
  const printed = table(results);
  const scaling = scalingTable(results);
  const memory = results
    .map(
      (result) =>
        `${result.size.toLocaleString('en-US')} articles: Dateline ${fixed(result.peakRssMb.dateline)} MB, limit server ${fixed(result.peakRssMb.limit)} MB`,
    )
    .join('; ');

  process.stdout.write(`\n${printed}\n\n`);
  if (scaling) process.stdout.write(`${scaling}\n\n`);
  process.stdout.write(`Peak RSS (VmHWM): ${memory}\n`);
  if (cold)
    process.stdout.write(
      `Cold start (embedded, fresh data dir): median ${fixed(median(cold.fresh))} ms; restart ${fixed(cold.restart)} ms\n`,
    );

  const resultsPath = join(__dirname, 'RESULTS.md');
  const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
  const notes = previous.includes(NOTES_MARKER) ? previous.split(NOTES_MARKER)[1]?.trim() : '';
  const fixture = results[0]?.fixture;
  const markdown = [
    '# Benchmark results',
    '',
    `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${fixed(totalmem() / 2 ** 30, 1)} GiB memory; Node.js ${process.version}; PostgreSQL ${pgVersion} on the same machine; autocannon in the same process as the orchestrator. Everything (PostgreSQL, the server under test, autocannon) shares the cores, so absolute numbers are low; the ratios are the point.`,
    '',
    `Load: autocannon, ${connections} connections, per operation a ${warmup} s warm-up of each server, then ${rounds} rounds of ${duration} s alternating Dateline and the limit server; each figure is the median of its server's rounds. Dateline: \`node packages/server/dist/main.js\`, NODE_ENV=production, DATELINE_RATE_LIMIT=0, default pool of 10 connections and default log level. Limit server: \`bench/limit-server.ts\`, node:http + pg, a pool of 10, one prepared statement per operation building the response JSON in PostgreSQL. Both answered every operation with the same \`data\` (checked before loading). Operations: \`bench/operations/*.graphql\`; the entity page uses the entity with the most quotes (Entity ${fixture?.entityId ?? '?'} at ${results[0]?.size.toLocaleString('en-US') ?? '?'}), search is \`${SEARCH}\` (a fifth of all articles match; measured up to ${SEARCH_UP_TO.toLocaleString('en-US')} articles, beyond which one such query outlasts autocannon's timeout), upcoming deadlines are as of a day whose ${UPCOMING_DAYS}-day window holds the same number of open deadlines at every size (${results.map((result) => `${result.fixture.asOf} at ${result.size.toLocaleString('en-US')}`).join(', ')}: ${fixture?.upcoming ?? '?'} deadlines each). SQL statements per request are counted in-process with a counting drizzle logger, at page size 20 and again at 2.`,
    '',
    printed,
    '',
    ...(scaling ? ['p50 latency of Dateline as the data grows:', '', scaling, ''] : []),
    `Peak RSS (VmHWM after the run): ${memory}.`,
    '',
    '## Targets',
    '',
    ...verdicts(results, cold),
    '',
    `Plans: \`EXPLAIN (ANALYZE, BUFFERS)\` of every statement Dateline issues for each operation, and of the limit server's statement, in \`bench/plans/<articles>/<operation>.txt\`.`,
    '',
    search ? searchSection(search) : currentSearchSection(resultsPath),
    '',
    NOTES_MARKER,
    '',
    notes ?? '',
    '',
  ].join('\n');
  writeFileSync(resultsPath, markdown.replace(/\n{3,}/g, '\n\n'));
  if (!args['skip-realtime']) await writeRealtimeSection(resultsPath, await benchRealtime(args.pg));
  // Its own section of RESULTS.md, kept among the notes when this file is rewritten.
  await benchAnalytics(
    [...urls].map(([size, url]) => ({ size, url })),
    { command },
  );
  log(`wrote ${resultsPath}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
