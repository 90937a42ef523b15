// The one place that reads process.env: validated once at start-up, with a message an operator can act on.
import path from 'node:path';
import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Where DATELINE_SEARCH=groonga looks for Groonga when DATELINE_GROONGA_URL is unset. */
export const DEFAULT_GROONGA_URL = 'http://127.0.0.1:10041';

const EnvSchema = z.object({
  // Unset means production: a self-hoster running `pnpm start` gets no stack traces; `pnpm dev`
  // sets development.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  DATELINE_DATA_DIR: z.string().min(1).optional(),
  DATELINE_SEED_SAMPLE: booleanString.optional(),
  DATELINE_ANONYMOUS_READS: booleanString.default(true),
  DATELINE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATELINE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  // rum needs PostgreSQL with the RUM extension installed (Debian: postgresql-15-rum).
  DATELINE_SEARCH: z.enum(['postgres', 'rum', 'groonga']).default('postgres'),
  DATELINE_GROONGA_URL: z
    .string()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .default(DEFAULT_GROONGA_URL),
  DATELINE_GROONGA_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DATELINE_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  DATELINE_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  DATELINE_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
  DATELINE_MAX_COST: z.coerce.number().int().min(1).default(50_000),
  DATELINE_RATE_LIMIT: z.coerce.number().int().min(0).default(100_000),
  DATELINE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  DATELINE_TRUST_PROXY: booleanString.default(false),
  DATELINE_IDE: booleanString.optional(),
  DATELINE_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      if (value.trim() === '*') return '*' as const;
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '');
      for (const origin of origins) {
        if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
          context.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin such as https://app.example.com (scheme, host, optional port; no path)`,
          });
        }
      }
      return origins;
    }),
  DATELINE_WS_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(100),
  DATELINE_WS_SUBSCRIPTIONS_PER_KEY: z.coerce.number().int().min(1).default(1000),
  DATELINE_WS_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  DATELINE_COMING_DUE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  DATELINE_OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  DATELINE_WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  DATELINE_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(10_000),
  DATELINE_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  DATELINE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DATELINE_METRICS: z
    .string()
    .default('off')
    .transform((value, context) => {
      if (['off', 'false', '0', ''].includes(value)) return 'off' as const;
      if (['on', 'true', '1'].includes(value)) return 'on' as const;
      if (value.length < 16 || /\s/.test(value)) {
        context.addIssue({
          code: 'custom',
          message: 'must be off, on, or a bearer token of at least 16 characters without spaces',
        });
      }
      return { token: value };
    }),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('dateline'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable Dateline reads; the README's configuration table lists each one. */
export const envVariables = Object.keys(EnvSchema.shape);

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL server to use; when absent the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the sample article on start-up when the database is empty. */
  seedSample: boolean;
  /** Whether queries may be made without an API key. */
  anonymousReads: boolean;
  poolSize: number;
  statementTimeoutMs: number;
  /** What orders relevance-ranked article search: plain full-text search, a RUM index or Groonga. */
  search: 'postgres' | 'rum' | 'groonga';
  /** The Groonga server when `search` is groonga. */
  groonga: { url: string; timeoutMs: number };
  limits: {
    maxTokens: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    /** Cost per caller per minute; 0 turns rate limiting off. */
    costPerMinute: number;
  };
  maxBodyBytes: number;
  /** Take the client address from X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean;
  /** Serve the query IDE to browsers at GET /graphql. */
  ide: boolean;
  /** Web origins whose browser pages may call the API; none means same-origin only. */
  corsOrigins: '*' | string[];
  realtime: {
    comingDueIntervalMs: number;
    outboxRetentionDays: number;
    subscriptions: {
      perConnection: number;
      perKey: number;
      idleTimeoutMs: number;
      maxMessageBytes: number;
    };
    webhooks: { intervalMs: number; retryBaseMs: number; maxAttempts: number; timeoutMs: number };
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** GET /metrics: off, open, or behind a bearer token. */
  metrics: 'off' | 'on' | { token: string };
  /** OpenTelemetry export; absent means no tracing code is loaded. */
  tracing: { tracesUrl: string; serviceName: string } | undefined;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * The standard OpenTelemetry variables: an endpoint turns tracing on unless the exporter is
 * `none`; the generic endpoint gets the traces path appended, the traces one is used as given.
 */
function tracingSetting(env: z.infer<typeof EnvSchema>): Env['tracing'] {
  if (env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT &&
      `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`) ??
    (env.OTEL_TRACES_EXPORTER === 'otlp' ? 'http://localhost:4318/v1/traces' : undefined);
  return tracesUrl ? { tracesUrl, serviceName: env.OTEL_SERVICE_NAME } : undefined;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new EnvError(`Invalid configuration in the environment:\n${problems}`);
  }
  const env = parsed.data;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.DATELINE_DATA_DIR ?? path.join(process.cwd(), '.dateline', 'data')),
    // The embedded database is for trying Dateline out, so it starts with something to query;
    // a production server gets the sample only when asked (`pnpm db:seed`).
    seedSample: env.DATELINE_SEED_SAMPLE ?? env.DATABASE_URL === undefined,
    anonymousReads: env.DATELINE_ANONYMOUS_READS,
    poolSize: env.DATELINE_DB_POOL_SIZE,
    statementTimeoutMs: env.DATELINE_STATEMENT_TIMEOUT_MS,
    search: env.DATELINE_SEARCH,
    groonga: { url: env.DATELINE_GROONGA_URL, timeoutMs: env.DATELINE_GROONGA_TIMEOUT_MS },
    limits: {
      maxTokens: env.DATELINE_MAX_TOKENS,
      maxDepth: env.DATELINE_MAX_DEPTH,
      maxAliases: env.DATELINE_MAX_ALIASES,
      maxCost: env.DATELINE_MAX_COST,
      costPerMinute: env.DATELINE_RATE_LIMIT,
    },
    maxBodyBytes: env.DATELINE_MAX_BODY_BYTES,
    trustProxy: env.DATELINE_TRUST_PROXY,
    // An IDE on a production API invites exploration by anyone; an operator who says
    // NODE_ENV=production must ask for it. Unset, NODE_ENV hides stack traces but keeps the IDE
    // that `pnpm start` on a laptop is for.
    ide: env.DATELINE_IDE ?? source['NODE_ENV'] !== 'production',
    corsOrigins: env.DATELINE_CORS_ORIGINS,
    realtime: {
      comingDueIntervalMs: env.DATELINE_COMING_DUE_INTERVAL_MS,
      outboxRetentionDays: env.DATELINE_OUTBOX_RETENTION_DAYS,
      subscriptions: {
        perConnection: env.DATELINE_WS_SUBSCRIPTIONS_PER_CONNECTION,
        perKey: env.DATELINE_WS_SUBSCRIPTIONS_PER_KEY,
        idleTimeoutMs: env.DATELINE_WS_IDLE_TIMEOUT_MS,
        maxMessageBytes: env.DATELINE_MAX_BODY_BYTES,
      },
      webhooks: {
        intervalMs: env.DATELINE_WEBHOOK_INTERVAL_MS,
        retryBaseMs: env.DATELINE_WEBHOOK_RETRY_BASE_MS,
        maxAttempts: env.DATELINE_WEBHOOK_MAX_ATTEMPTS,
        timeoutMs: env.DATELINE_WEBHOOK_TIMEOUT_MS,
      },
    },
    logLevel: env.LOG_LEVEL,
    metrics: env.DATELINE_METRICS,
    tracing: tracingSetting(env),
  };
}
