// Runs each benchmark operation once in-process against the benchmark database with a drizzle
// logger that records every statement (as test-api.ts counts them), and EXPLAINs what it saw.
import 'reflect-metadata';
import { parse } from 'graphql';
import { type Client } from 'pg';
import { pino } from 'pino';
import { GroongaIndex } from '../packages/server/src/search/groonga-index';
import { groongaOptions } from './processes';
import { createContainer } from '../packages/server/src/container';
import { openPostgres } from '../packages/server/src/db/client';
import { compiledExecutor } from '../packages/server/src/graphql/compiled-execution';
import type { RepositoryOptions } from '../packages/server/src/repositories';
import type { BenchOperation, Fixture } from './operations';

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface CapturedOperation {
  statements: Statement[];
  data: unknown;
}

/**
 * Executes every operation once; returns the statements each issued, in order. `options` are the
 * server instance's (the search engine), as main.ts passes them to its container.
 */
export async function captureStatements(
  url: string,
  operations: readonly BenchOperation[],
  fixture: Fixture,
  options: RepositoryOptions = {},
): Promise<Map<string, CapturedOperation>> {
  let captured: Statement[] = [];
  const handle = openPostgres({
    url,
    poolSize: 2,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  });
  try {
    // The Groonga engine needs its index object on this handle (the server makes it likewise).
    const container = await createContainer(
      handle.db,
      options.search === 'groonga'
        ? { ...options, groonga: new GroongaIndex(handle, groongaOptions()) }
        : options,
    );
    const logger = pino({ level: 'silent' });
    // The executor the server runs operations with.
    const execute = compiledExecutor(container.schema);
    const result = new Map<string, CapturedOperation>();
    for (const operation of operations) {
      captured = [];
      const response = await execute({
        document: parse(operation.document),
        variables: operation.variables(fixture),
        contextValue: container.createContext({
          requestId: 'bench',
          logger,
          viewer: null,
          clientAddress: '127.0.0.1',
        }),
      });
      if (response.errors) {
        throw new Error(
          `${operation.key} failed in-process: ${response.errors.map((e) => e.message).join('; ')}`,
        );
      }
      // Through JSON, as a client would see it (graphql-js builds null-prototype objects).
      result.set(operation.key, {
        statements: captured,
        data: JSON.parse(JSON.stringify(response.data)) as unknown,
      });
    }
    return result;
  } finally {
    await handle.close();
  }
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of one statement, as text. */
export async function explain(client: Client, statement: Statement): Promise<string> {
  // Run it once first so the plan shows warm-cache timings, as under load.
  await client.query(statement.sql, statement.params);
  const result = await client.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${statement.sql}`,
    statement.params,
  );
  return result.rows.map((row) => row['QUERY PLAN']).join('\n');
}

const LARGE_TABLES = ['articles', 'quotes', 'article_mentions'];

/** The large tables a plan reads with a sequential scan. */
export function seqScansOnLargeTables(plan: string): string[] {
  const found = new Set<string>();
  for (const match of plan.matchAll(/Seq Scan on (\w+)/g)) {
    if (match[1] && LARGE_TABLES.includes(match[1])) found.add(match[1]);
  }
  return [...found];
}
