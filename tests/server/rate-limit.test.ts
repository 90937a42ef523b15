import 'reflect-metadata';
import { pino } from 'pino';
import { createContainer } from '../../packages/server/src/container';
import { openPostgres, type DatabaseHandle } from '../../packages/server/src/db/client';
import { startServer, type RunningServer } from '../../packages/server/src/server';
import { loadEnv } from '../../packages/server/src/env';
import {
  openTestDatabase,
  type TestDatabase,
} from '../../packages/server/src/testing/test-database';
import { codes, post } from '../testkit/graphql';

// Two server instances that share nothing but the database, as behind a load balancer. On
// PostgreSQL each has its own connection pool; the embedded database is one per process, so
// there both instances share its handle.
let database: TestDatabase;
let second: DatabaseHandle;
const servers: RunningServer[] = [];

const limits = {
  maxTokens: 3000,
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 50_000,
  costPerMinute: 120,
};

beforeAll(async () => {
  database = await openTestDatabase();
  second = database.url ? openPostgres({ url: database.url }) : database.handle;
  for (const handle of [database.handle, second]) {
    const container = await createContainer(handle.db);
    servers.push(
      await startServer(
        {
          container,
          database: handle,
          logger: pino({ level: 'silent' }),
          production: true,
          anonymousReads: true,
          limits,
          maxBodyBytes: 100_000,
          trustProxy: false,
          realtime: loadEnv({}).realtime,
        },
        { host: '127.0.0.1', port: 0 },
      ),
    );
  }
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  if (second !== database.handle) await second.close();
  await database.dispose();
});

const QUERY = '{ articles(first: 50) { totalCount } }'; // costs 50

describe('the rate limit', () => {
  it('is one budget per caller across instances, and says when to retry', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const first = await post(a.url, QUERY);
    expect(first.headers.get('x-ratelimit-limit')).toBe('120');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('70');
    // In the body too, for a client that asks for it.
    const secondResponse = await post(b.url, QUERY, undefined, { 'x-dateline-cost': 'include' });
    expect(secondResponse.body.extensions?.['rateLimit']).toMatchObject({ remaining: 20 });
    expect(secondResponse.headers.get('x-ratelimit-remaining')).toBe('20');

    const refused = await post(a.url, QUERY);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    const retryAfter = refused.body.errors![0]!.extensions!['retryAfterSeconds'] as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(refused.body.data).toBeUndefined();
  });
});
