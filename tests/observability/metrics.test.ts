import { post } from '../testkit/graphql';
import { serverForSuite } from '../testkit/server';

const TOKEN = 'scrape-token-0123456789';
const server = serverForSuite({ DATELINE_METRICS: TOKEN, DATELINE_RATE_LIMIT: '60' });

async function scrape(): Promise<string> {
  const response = await fetch(`${server().origin}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample, e.g. `name{label="x"}`; 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('the Prometheus metrics endpoint', () => {
  it('refuses a scrape without the configured bearer token', async () => {
    const bare = await fetch(`${server().origin}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await fetch(`${server().origin}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
  });

  it('counts requests per operation name, folding anonymous ones', async () => {
    const before = await scrape();
    await post(server().url, 'query RecentArticles { articles(first: 1) { totalCount } }');
    await post(server().url, 'query RecentArticles { articles(first: 1) { totalCount } }');
    await post(server().url, '{ articles(first: 1) { totalCount } }');
    const after = await scrape();
    const named =
      'dateline_graphql_request_duration_seconds_count{operation="RecentArticles",type="query"}';
    const anonymous =
      'dateline_graphql_request_duration_seconds_count{operation="(anonymous)",type="query"}';
    expect(sample(after, named) - sample(before, named)).toBe(2);
    expect(sample(after, anonymous) - sample(before, anonymous)).toBe(1);
    expect(after).toContain(
      'dateline_graphql_request_duration_seconds_bucket{le="+Inf",operation="RecentArticles",type="query"}',
    );
  });

  it('counts errors by code and rate-limit refusals', async () => {
    await post(server().url, '{ articles(first: 1) { nope } }');
    // 60 cost per minute: the second 50-cost query is refused.
    await post(server().url, '{ articles(first: 50) { totalCount } }');
    await post(server().url, '{ articles(first: 50) { totalCount } }');
    const text = await scrape();
    expect(sample(text, 'dateline_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(
      sample(text, 'dateline_graphql_errors_total{code="RATE_LIMITED"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dateline_rate_limit_refusals_total')).toBeGreaterThanOrEqual(1);
  });

  it('reports statement latency, database connections and event-loop lag', async () => {
    const text = await scrape();
    expect(sample(text, 'dateline_db_statement_duration_seconds_count')).toBeGreaterThan(0);
    const driver = process.env['TEST_DATABASE_URL'] ? 'postgres' : 'embedded';
    expect(
      sample(text, `dateline_db_pool_connections{state="total",driver="${driver}"}`),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`dateline_db_pool_connections{state="waiting",driver="${driver}"}`);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // Plain PostgreSQL search keeps no outbox.
    expect(text).toContain('dateline_search_outbox_articles 0');
  });
});

describe('metrics of a server searching with a Groonga that is down', () => {
  const down = serverForSuite({
    DATELINE_METRICS: 'on',
    DATELINE_SEARCH: 'groonga',
    // Nothing listens here.
    DATELINE_GROONGA_URL: 'http://127.0.0.1:9',
  });

  it('reports the article changes waiting for the search engine', async () => {
    // The sample article, stored at start-up, could not be delivered.
    const response = await fetch(`${down().origin}/metrics`);
    expect(response.status).toBe(200);
    expect(sample(await response.text(), 'dateline_search_outbox_articles')).toBeGreaterThanOrEqual(
      1,
    );
  });
});

describe('metrics when not configured', () => {
  const plain = serverForSuite();

  it('has no /metrics endpoint', async () => {
    const response = await fetch(`${plain().origin}/metrics`);
    expect(response.status).toBe(404);
  });
});
