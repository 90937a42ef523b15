// The benchmark operations as clients send them: with variables, different on every request.
// Each request draws one variable set from a pool taken from the data: the feed pages from a
// random article's cursor within a 30-day window, the entity page is a random speaker's, and the
// upcoming deadlines are as of a random day. Both servers get the same pool.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  UPCOMING_DAYS,
  feedSql,
  globalId,
  iso,
  operations,
  type BenchOperation,
} from './operations';

/** Variable sets drawn per operation (requests pick one at random). */
const POOL = 400;

/** Operations measured with variables, by key. */
export const VARIABLE_KEYS = ['feed', 'entity', 'upcoming'] as const;

// The feed's page after a cursor, published within a window: the same json as the feed's.
const feedPageSql = feedSql(
  '(published_at, id) < ($1::timestamptz, $2::int) and published_at >= $3::timestamptz',
);

function cursorKey(cursor: unknown): [string, number] {
  const payload = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as {
    k: [string, number];
  };
  return payload.k;
}

const feed = operations.find((operation) => operation.key === 'feed') as BenchOperation;

/** The feed, one page after a cursor within a date window: `BenchFeedPage`. */
export const feedPage: BenchOperation = {
  ...feed,
  title: 'article feed page',
  operationName: 'BenchFeedPage',
  document: readFileSync(join(__dirname, 'operations', 'feed-page.graphql'), 'utf8'),
  sql: feedPageSql,
  params: (variables) => [...cursorKey(variables['after']), variables['from']],
};

/** Operations the limit server answers that only the variable runs send. */
export const variableOnlyOperations: readonly BenchOperation[] = [feedPage];

export interface VariableRun {
  operation: BenchOperation;
  /** The pool of variable sets. */
  pool: Record<string, unknown>[];
}

/** Draws each operation's pool of variable sets from the database at `url`. */
export async function drawVariables(url: string, keys: readonly string[]): Promise<VariableRun[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const runs: VariableRun[] = [];
    // The same pools every run: a seeded random order.
    await client.query('select setseed(0.42)');
    if (keys.includes('feed')) {
      const result = await client.query<{ id: number; at: string; from: string }>(
        `select id, ${iso('published_at')} as at,
                ${iso("(published_at - interval '30 days')")} as "from"
         from articles tablesample bernoulli (5) repeatable (42)
         order by random() limit ${POOL}`,
      );
      runs.push({
        operation: feedPage,
        pool: result.rows.map((row) => ({
          after: Buffer.from(
            JSON.stringify({ l: 'articles:PUBLISHED_AT_DESC', k: [row.at, row.id] }),
            'utf8',
          ).toString('base64url'),
          from: row.from,
        })),
      });
    }
    if (keys.includes('entity')) {
      const result = await client.query<{ id: number }>(
        `select speaker_id as id from quotes tablesample bernoulli (5) repeatable (42)
         where speaker_id is not null group by speaker_id order by random() limit ${POOL}`,
      );
      runs.push({
        operation: operations.find((operation) => operation.key === 'entity') as BenchOperation,
        pool: result.rows.map((row) => ({ id: globalId('Entity', Number(row.id)) })),
      });
    }
    if (keys.includes('upcoming')) {
      const result = await client.query<{ as_of: string }>(
        `select (due_on - (random() * ${UPCOMING_DAYS})::int)::text as as_of
         from deadlines tablesample bernoulli (20) repeatable (42)
         where status in ('PENDING', 'EXTENDED') order by random() limit ${POOL}`,
      );
      runs.push({
        operation: operations.find((operation) => operation.key === 'upcoming') as BenchOperation,
        pool: result.rows.map((row) => ({ asOf: row.as_of })),
      });
    }
    return runs;
  } finally {
    await client.end();
  }
}

/** The request bodies of a run, one per variable set. */
export function requestBodies(run: VariableRun): string[] {
  return run.pool.map((variables) =>
    JSON.stringify({
      operationName: run.operation.operationName,
      query: run.operation.document,
      variables,
    }),
  );
}
