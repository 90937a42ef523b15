import { codes, post } from '../testkit/graphql';
import { serverForSuite } from '../testkit/server';

const server = serverForSuite({ NODE_ENV: 'production' });

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

async function postBody(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string | null; codes: unknown[] }> {
  const response = await fetch(server().url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    codes: (result.errors ?? []).map((error) => error.extensions?.code),
  };
}

function fieldsOf(response: Awaited<ReturnType<typeof post>>): unknown {
  return response.body.errors?.[0]?.extensions?.['fields'];
}

describe('hostile and malformed requests get a coded client error', () => {
  it('refuses an operation name that names no operation with HTTP 400', async () => {
    const response = await postBody({ query: 'query A { __typename }', operationName: 'B' });
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('refuses a subscription sent over HTTP with BAD_REQUEST, pointing to the WebSocket', async () => {
    const response = await postBody({
      query: 'subscription { deadlineChanged { created } }',
    });
    expect(response.codes).toEqual(['BAD_REQUEST']);
  });

  it('refuses a NUL character in a search, inline or in a variable, naming the argument', async () => {
    const inline = await post(server().url, '{ entities(search: "a\\u0000b") { totalCount } }');
    const variable = await post(
      server().url,
      'query ($s: String) { articles(search: $s) { totalCount } }',
      { s: 'tik\u0000tok' },
    );
    for (const response of [inline, variable]) {
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(response)).toEqual([
        { path: ['search'], message: 'must not contain the NUL character (U+0000)' },
      ]);
    }
  });

  it('refuses dates PostgreSQL cannot store, naming the argument', async () => {
    const date = await post(server().url, '{ quotes(saidFrom: "0000-01-01") { totalCount } }');
    expect(codes(date)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(date)).toEqual([
      { path: ['saidFrom'], message: 'must be a date from 0001-01-01 to 9999-12-31' },
    ]);
    // One hour east of UTC, the first instant of year 1 is still in year 0.
    const instant = await post(
      server().url,
      'query ($t: DateTime) { articles(publishedFrom: $t) { totalCount } }',
      { t: '0001-01-01T00:00:00+01:00' },
    );
    expect(codes(instant)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(instant)).toEqual([
      {
        path: ['publishedFrom'],
        message: 'must be an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z',
      },
    ]);
    // Dates the scalars cannot even read are refused by them, also with a code.
    const year300000 = await post(
      server().url,
      'query ($d: LocalDate) { quotes(saidFrom: $d) { totalCount } }',
      { d: '300000-01-01' },
    );
    expect(codes(year300000)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers upcoming deadlines from the last storable date', async () => {
    const response = await post(
      server().url,
      '{ upcomingDeadlines(asOf: "9999-12-31", withinDays: 366) { totalCount } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ upcomingDeadlines: { totalCount: 0 } });
  });

  it('refuses a well-formed cursor whose key does not fit the list', async () => {
    const forged = Buffer.from(
      JSON.stringify({ l: 'articles:PUBLISHED_AT_DESC', k: [1] }),
      'utf8',
    ).toString('base64url');
    const response = await post(server().url, `{ articles(after: "${forged}") { totalCount } }`);
    expect(codes(response)).toEqual(['INVALID_CURSOR']);
  });
});

describe('documents too large to be worth parsing', () => {
  it('refuses twenty thousand fields before parsing them', async () => {
    const fields = Array.from({ length: 20_000 }, (_, index) => `f${index}`).join(' ');
    const response = await post(server().url, `{ ${fields} }`);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['QUERY_TOO_LARGE']);
    expect(response.body.errors![0]!.message).toContain('more than 3000 tokens');
  });

  it('refuses eighty thousand __typename selections', async () => {
    const response = await post(server().url, `{ ${'__typename '.repeat(80_000)}}`);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('counts aliases of __typename against the alias limit', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: __typename`).join(' ');
    const response = await post(server().url, `{ ${aliases} }`);
    expect(codes(response)).toEqual(['QUERY_TOO_LARGE']);
    expect(response.body.errors![0]!.message).toContain('Aliases limit of 30 exceeded');
  });

  it('answers a document of exactly the token limit and refuses one token more', async () => {
    // 12 tokens around the list of kinds: 3,000 tokens with 2,988 of them.
    const document = (kinds: number) =>
      `{ entities(kinds: [${'PERSON '.repeat(kinds)}]) { totalCount } }`;
    const atLimit = await post(server().url, document(2_988));
    expect(atLimit.body.errors).toBeUndefined();
    const over = await post(server().url, document(2_989));
    expect(codes(over)).toEqual(['QUERY_TOO_LARGE']);
  });
});

describe('status codes follow the GraphQL-over-HTTP media type', () => {
  const cases = [
    ['a document that does not parse', { query: '{ articles { ' }, 'GRAPHQL_PARSE_FAILED'],
    [
      'a document that does not validate',
      { query: '{ articles { nodes { colour } } }' },
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'variables that do not coerce',
      { query: 'query ($n: Int) { articles(first: $n) { totalCount } }', variables: { n: 'ten' } },
      'BAD_USER_INPUT',
    ],
  ] as const;

  it.each(cases)('%s: 200 for application/json clients', async (_label, body, code) => {
    const headerSets: Record<string, string>[] = [
      {},
      { accept: 'application/json' },
      { accept: '*/*' },
    ];
    for (const headers of headerSets) {
      const response = await postBody(body, headers);
      expect(response.status).toBe(200);
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.codes).toEqual([code]);
    }
  });

  it.each(cases)(
    '%s: 400 for application/graphql-response+json clients',
    async (_label, body, code) => {
      for (const accept of [
        GRAPHQL_RESPONSE_JSON,
        `${GRAPHQL_RESPONSE_JSON}, application/json;q=0.9`,
      ]) {
        const response = await postBody(body, { accept });
        expect(response.status).toBe(400);
        expect(response.contentType).toMatch(/^application\/graphql-response\+json/);
        expect(response.codes).toEqual([code]);
      }
    },
  );
});
