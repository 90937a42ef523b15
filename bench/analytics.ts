// The analytics benchmark: latency of the aggregates a dashboard asks for, one request at a time,
// executed in-process with the server's executor against a benchmark database (so the figures are
// the database plus GraphQL execution, without HTTP or load). Checks each answer against the
// limit server's hand-written SQL, EXPLAINs the statements into bench/plans/<size>/, and writes
// the "Analytics" section of bench/RESULTS.md. `pnpm bench` runs it on its databases; alone:
//
//   tsx --tsconfig packages/server/tsconfig.json bench/analytics.ts \
//       --db 100000=postgres://postgres@127.0.0.1:5432/dateline_bench_100k [--samples 200]
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { parse, type DocumentNode } from 'graphql';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import { pino } from 'pino';
import { createContainer } from '../packages/server/src/container';
import { openPostgres } from '../packages/server/src/db/client';
import { compiledExecutor } from '../packages/server/src/graphql/compiled-execution';
import { globalId, operations, type Fixture } from './operations';
import { explain, type Statement } from './statements';

export interface AnalyticsDatabase {
  size: number;
  url: string;
}

interface Case {
  key: string;
  title: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
  /** The limit server's statement for the same answer, when there is one. */
  check?: { sql: string; params: unknown[] } | undefined;
  samples: number;
}

interface Measured {
  key: string;
  title: string;
  p50: number;
  p99: number;
  samples: number;
  statements: number;
  checked: boolean;
}

const SECTION = '## Analytics (timeline and co-mentions)';

function percentile(sortedMs: readonly number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

const fixed = (ms: number): string => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

const RANGED_CO_MENTIONS = parse(`query BenchCoMentionsIn2024($id: ID!) {
  entity(id: $id) {
    coMentions(first: 20, publishedFrom: "2024-01-01T00:00:00Z", publishedBefore: "2025-01-01T00:00:00Z") {
      count
      entity { id name }
    }
  }
}`);

async function benchDatabase(
  database: AnalyticsDatabase,
  samples: number,
  plansDir: string,
): Promise<{ mentionedId: number; mentions: number; rows: Measured[] }> {
  let captured: Statement[] = [];
  const handle = openPostgres({
    url: database.url,
    poolSize: 2,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const top = await client.query<{ id: number; n: string }>(
      'select entity_id as id, count(*) as n from article_mentions group by entity_id order by count(*) desc, entity_id limit 1',
    );
    const mentionedId = Number(top.rows[0]?.id);
    const fixture = { mentionedId } as Fixture;
    const byKey = (key: string) => operations.find((operation) => operation.key === key);
    const cases: Case[] = ['timeline', 'comentions'].map((key) => {
      const operation = byKey(key);
      if (!operation) throw new Error(`no bench operation ${key}`);
      const variables = operation.variables(fixture);
      return {
        key,
        title: operation.title,
        document: parse(operation.document),
        variables,
        check: { sql: operation.sql, params: operation.params(variables) },
        samples,
      };
    });
    cases.push({
      key: 'comentions-2024',
      title: 'co-mentions within 2024 (counted, not from the rollup)',
      document: RANGED_CO_MENTIONS,
      variables: { id: globalId('Entity', mentionedId) },
      samples: Math.max(5, Math.floor(samples / 10)),
    });

    const container = await createContainer(handle.db);
    const logger = pino({ level: 'silent' });
    const execute = compiledExecutor(container.schema);
    const once = async (entry: Case): Promise<unknown> => {
      const response = await execute({
        document: entry.document,
        variables: entry.variables,
        contextValue: container.createContext({
          requestId: 'bench',
          logger,
          viewer: null,
          clientAddress: '127.0.0.1',
        }),
      });
      if (response.errors) throw new Error(`${entry.key}: ${response.errors[0]?.message}`);
      return JSON.parse(JSON.stringify(response.data)) as unknown;
    };

    const rows: Measured[] = [];
    mkdirSync(plansDir, { recursive: true });
    for (const entry of cases) {
      captured = [];
      const data = await once(entry);
      const statements = [...captured];
      let checked = false;
      if (entry.check) {
        const limit = await client.query<Record<string, string>>(
          entry.check.sql,
          entry.check.params,
        );
        const expected = JSON.parse(Object.values(limit.rows[0] ?? {})[0] ?? 'null') as unknown;
        if (!isDeepStrictEqual(data, expected))
          throw new Error(`${entry.key} at ${database.size}: Dateline and the limit SQL differ`);
        checked = true;
      }
      const plans: string[] = [];
      for (const statement of statements)
        plans.push(`-- ${statement.sql}\n${await explain(client, statement)}`);
      writeFileSync(join(plansDir, `analytics-${entry.key}.txt`), `${plans.join('\n\n')}\n`);
      for (let i = 0; i < 5; i += 1) await once(entry);
      const times: number[] = [];
      for (let i = 0; i < entry.samples; i += 1) {
        const started = performance.now();
        await once(entry);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({
        key: entry.key,
        title: entry.title,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        samples: entry.samples,
        statements: statements.length,
        checked,
      });
      process.stderr.write(
        `[bench] analytics ${entry.key} at ${database.size}: p50 ${fixed(percentile(times, 50))} ms\n`,
      );
    }
    return { mentionedId, mentions: Number(top.rows[0]?.n), rows };
  } finally {
    await client.end();
    await handle.close();
  }
}

/** Measures every database and writes (or replaces) the analytics section of RESULTS.md. */
export async function benchAnalytics(
  databases: readonly AnalyticsDatabase[],
  options: { samples?: number; command?: string; note?: string | undefined } = {},
): Promise<void> {
  const samples = options.samples ?? 200;
  const lines = [
    SECTION,
    '',
    `Produced by \`${options.command ?? 'pnpm bench'}\` on ${new Date().toISOString().slice(0, 10)} (bench/analytics.ts), from one run. Data: generated (a scale test, not real-world news; how, under the table). Each operation runs in-process with the server's executor, one request at a time (5 warm-up runs, then the samples below); its answer was checked against the limit server's SQL first. Subject: the most-mentioned entity. Co-mentions without a window are read from the \`entity_co_mentions\` rollup (migration 0010, kept by triggers on article_mentions); the weekly timeline (\`bench/operations/timeline.graphql\`) counts the articles mentioning the entity per week of 2024 with an index-only scan of article_mentions (entity_id, published_at, article_id, mention_count), no rollup. \`comentions-2024\` is the same list within one year, which the rollup cannot answer (it counts all time) and which is counted from article_mentions. Target: p50 ≤ 150 ms at 1,000,000 articles. Plans: \`bench/plans/<articles>/analytics-*.txt\`.`,
    '',
    '|  articles | entity (articles mentioning it) | operation | samples | p50 ms | p99 ms | statements |',
    '| --------: | ------------------------------- | --------- | ------: | -----: | -----: | ---------: |',
  ];
  for (const database of databases) {
    const plansDir = join(__dirname, 'plans', String(database.size));
    const result = await benchDatabase(database, samples, plansDir);
    for (const row of result.rows)
      lines.push(
        `| ${database.size.toLocaleString('en-US')} | Entity ${result.mentionedId} (${result.mentions.toLocaleString('en-US')}) | ${row.key}: ${row.title} | ${row.samples} | ${fixed(row.p50)} | ${fixed(row.p99)} | ${row.statements} |`,
      );
  }
  lines.push(
    '',
    options.note ??
      'Data: each database as `pnpm db:generate --articles <size>` made it, migrated by the server on start.',
  );
  if (!databases.some((database) => database.size >= 1_000_000))
    lines.push('', '**Not measured at 1,000,000 articles in this run.**');

  const resultsPath = join(__dirname, 'RESULTS.md');
  const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
  const start = previous.indexOf(SECTION);
  const section = `${lines.join('\n')}\n`;
  let next: string;
  if (start < 0) {
    next = `${previous.trimEnd()}\n\n${section}`;
  } else {
    const after = previous.indexOf('\n## ', start + SECTION.length);
    next = `${previous.slice(0, start)}${section}${after < 0 ? '' : `\n${previous.slice(after + 1)}`}`;
  }
  // Formatted as `pnpm check` expects (aligned table columns).
  const config = (await resolveConfig(resultsPath)) ?? {};
  writeFileSync(resultsPath, await format(next, { ...config, filepath: resultsPath }));
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', multiple: true, default: [] },
      samples: { type: 'string', default: '200' },
      /** A sentence on where the databases' data comes from, printed under the table. */
      note: { type: 'string' },
    },
  });
  const databases = values.db.map((entry) => {
    const [size, url] = entry.split('=', 2) as [string, string | undefined];
    if (!url || !Number.isInteger(Number(size)))
      throw new Error(`--db takes <articles>=<url>: ${entry}`);
    return { size: Number(size), url };
  });
  benchAnalytics(databases, {
    samples: Number(values.samples),
    note: values.note,
    command: `tsx bench/analytics.ts ${process.argv
      .slice(2)
      .map((arg, index, all) => (all[index - 1] === '--note' ? '"…"' : arg))
      .join(' ')}`,
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
