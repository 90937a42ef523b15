// Prometheus metrics at GET /metrics: one observation per request and per statement, nothing per
// field. Labels are bounded: operation names past a fixed number fold into one value, and error
// codes come from our own list.
import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, isErrorCode } from '@dateline/schema';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, StatementObserver } from '../db/client';
import { rowsOf } from '../db/rows';
import type { RequestContext } from '../shared/context';

/** `off`, `on` (anyone may scrape), or a bearer token the scraper must send. */
export type MetricsSetting = 'off' | 'on' | { token: string };

/** Distinct operation names labelled; later ones are counted under OTHER_OPERATION. */
export const MAX_OPERATION_NAMES = 200;
export const ANONYMOUS_OPERATION = '(anonymous)';
export const OTHER_OPERATION = '(other)';
/** The request failed before an operation was chosen (syntax, validation, limits). */
export const INVALID_OPERATION = '(invalid)';

export interface Metrics {
  plugin: ApolloServerPlugin<RequestContext>;
  statementObserver: StatementObserver;
  route: RequestHandler;
}

export function createMetrics(
  setting: 'on' | { token: string },
  database: DatabaseHandle,
): Metrics {
  const registry = new Registry();
  // Process CPU, memory, GC and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'dateline_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and type; _count is the request rate.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'dateline_graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'dateline_rate_limit_refusals_total',
    help: 'Requests refused because the caller spent its cost budget for the minute.',
    registers: [registry],
  });
  const statementDuration = new Histogram({
    name: 'dateline_db_statement_duration_seconds',
    help: 'SQL statements as requests see them, including any wait for a connection.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'dateline_db_pool_connections',
    help: `Database connections by state (total, idle, waiting requests); the embedded database is one connection.`,
    labelNames: ['state', 'driver'] as const,
    registers: [registry],
    collect() {
      const use = database.poolUse();
      this.set({ state: 'total', driver: database.driver }, use.total);
      this.set({ state: 'idle', driver: database.driver }, use.idle);
      this.set({ state: 'waiting', driver: database.driver }, use.waiting);
    },
  });

  new Gauge({
    name: 'dateline_search_outbox_articles',
    help: 'Article changes waiting for the external search engine (DATELINE_SEARCH=groonga); 0 on other engines. Growing: the engine is down or behind.',
    registers: [registry],
    async collect() {
      this.set(await outboxBacklog(database));
    },
  });

  const names = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (name === undefined) return ANONYMOUS_OPERATION;
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
    names.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    requestDidStart() {
      const started = performance.now();
      let operation = INVALID_OPERATION;
      let type = 'unknown';
      return Promise.resolve({
        didResolveOperation({ operation: resolved }) {
          operation = operationLabel(resolved?.name?.value);
          type = resolved?.operation ?? 'unknown';
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          requestDuration.observe({ operation, type }, (performance.now() - started) / 1000);
          if (response.body.kind !== 'single') return Promise.resolve();
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.['code'];
            const label = isErrorCode(code) ? code : ErrorCode.InternalServerError;
            errors.inc({ code: label });
            if (label === ErrorCode.RateLimited) refusals.inc();
          }
          return Promise.resolve();
        },
      });
    },
  };

  const statementObserver: StatementObserver = () => {
    const started = performance.now();
    return () => statementDuration.observe((performance.now() - started) / 1000);
  };

  const expected = typeof setting === 'object' ? Buffer.from(`Bearer ${setting.token}`) : null;
  const route: RequestHandler = (request, response, next) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        response
          .status(401)
          .setHeader('www-authenticate', 'Bearer realm="metrics"')
          .type('text/plain')
          .send('The metrics endpoint needs the bearer token set in DATELINE_METRICS.\n');
        return;
      }
    }
    registry.metrics().then((text) => {
      response.setHeader('content-type', registry.contentType);
      response.setHeader('cache-control', 'no-store');
      response.send(text);
    }, next);
  };
  return { plugin, statementObserver, route };
}

/** Rows in the search outbox; NaN when the database does not answer (the scrape still works). */
async function outboxBacklog(database: DatabaseHandle): Promise<number> {
  try {
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from search_outbox`),
    );
    return row?.n ?? 0;
  } catch {
    return Number.NaN;
  }
}
