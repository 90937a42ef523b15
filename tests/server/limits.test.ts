import { codes, post } from '../testkit/graphql';
import { serverForSuite } from '../testkit/server';

const server = serverForSuite({
  DATELINE_MAX_DEPTH: '6',
  DATELINE_MAX_ALIASES: '5',
  DATELINE_MAX_COST: '2000',
  DATELINE_RATE_LIMIT: '0',
  DATELINE_MAX_BODY_BYTES: '10000',
});

interface Cost {
  requested: number;
  actual: number;
  limit: number;
}

describe('limits of a public endpoint', () => {
  it('reports the requested and actual cost of every response in headers', async () => {
    const response = await post(
      server().url,
      '{ articles(first: 5) { nodes { quotes(first: 10) { nodes { text } } } } }',
    );
    // 5 articles, each with up to 10 quotes: 5 × (1 + 10).
    expect(response.headers.get('x-query-cost')).toBe('55');
    expect(response.headers.get('x-query-cost-actual')).toBe('13');
    expect(response.headers.get('x-query-cost-limit')).toBe('2000');
    // The body holds only the data, so identical data gives an identical body.
    expect(response.body.extensions).toBeUndefined();
  });

  it('puts the cost in extensions as well when the client asks for it', async () => {
    const response = await post(
      server().url,
      '{ articles(first: 5) { nodes { quotes(first: 10) { nodes { text } } } } }',
      undefined,
      { 'x-dateline-cost': 'include' },
    );
    expect(response.body.extensions?.['cost']).toEqual<Cost>({
      requested: 55,
      actual: 13,
      limit: 2000,
    });
  });

  it('refuses a query whose cost is over the limit before running it', async () => {
    const response = await post(
      server().url,
      '{ articles(first: 100) { nodes { quotes(first: 100) { nodes { text } } } } }',
    );
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['QUERY_TOO_COSTLY']);
    expect(response.body.errors![0]!.message).toContain('up to 10100 nodes; the limit is 2000');
    expect(response.body.data).toBeUndefined();
  });

  it('multiplies nested connection sizes through the levels, with variables', async () => {
    const response = await post(
      server().url,
      'query ($n: Int) { entities(first: $n) { nodes { quotes(first: 4) { nodes { article { headline } } } } } }',
      { n: 3 },
    );
    expect(response.headers.get('x-query-cost')).toBe(String(3 * (1 + 4)));
  });

  it('costs the same document by the page sizes each request sends, whatever its other variables', async () => {
    const document =
      'query ($n: Int, $m: Int, $status: [DeadlineStatus!]) { entities(first: $n) { nodes { deadlines(first: $m, statuses: $status) { nodes { dueOn } } } } }';
    const cost = async (variables: Record<string, unknown>) =>
      (await post(server().url, document, variables)).headers.get('x-query-cost');
    expect(await cost({ n: 3, m: 4, status: ['PENDING'] })).toBe(String(3 * (1 + 4)));
    expect(await cost({ n: 3, m: 4, status: ['MET'] })).toBe(String(3 * (1 + 4)));
    expect(await cost({ n: 3, m: 9, status: ['MET'] })).toBe(String(3 * (1 + 9)));
    expect(await cost({ n: 5, m: 4, status: ['PENDING'] })).toBe(String(5 * (1 + 4)));
    expect(await cost({ m: 4, status: ['PENDING'] })).toBe(String(20 * (1 + 4)));
    const tooCostly = await post(server().url, document, { n: 100, m: 100, status: ['MET'] });
    expect(codes(tooCostly)).toEqual(['QUERY_TOO_COSTLY']);
    const invalid = await post(server().url, document, { n: 3, m: 4, status: ['SOMETIME'] });
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep =
      '{ entities { nodes { articles { nodes { entities { nodes { quotes { nodes { text } } } } } } } } }';
    const response = await post(server().url, deep);
    expect(codes(response)).toEqual(['QUERY_TOO_DEEP']);
    // The same document again is refused the same way (its check is remembered per document).
    expect(codes(await post(server().url, deep))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from(
      { length: 6 },
      (_, index) => `a${index}: articles(first: 1) { totalCount }`,
    ).join(' ');
    expect(codes(await post(server().url, `{ ${aliases} }`))).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses a body over the size limit with a GraphQL-shaped error', async () => {
    const response = await post(
      server().url,
      `{ articles(search: "${'x'.repeat(20_000)}") { totalCount } }`,
    );
    expect(response.status).toBe(413);
    expect(codes(response)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(server().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('keeps CSRF prevention on for GET requests without a preflight header', async () => {
    const blocked = await fetch(`${server().url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(blocked.status).toBe(400);
    const allowed = await fetch(`${server().url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });
});
