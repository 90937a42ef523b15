import { codes, post } from '../testkit/graphql';
import { serverForSuite } from '../testkit/server';

const server = serverForSuite({ NODE_ENV: 'production' });

describe('errors from a production server', () => {
  it.each([
    [
      'an unknown enum value',
      '{ entities(kinds: [PLANET]) { totalCount } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['an unknown field', '{ articles { nodes { colour } } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a syntax error', '{ articles { ', 'GRAPHQL_PARSE_FAILED'],
    [
      'an impossible date',
      '{ quotes(saidFrom: "2020-02-30") { totalCount } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['first: 1000', '{ articles(first: 1000) { totalCount } }', 'BAD_USER_INPUT'],
    ['a malformed ID', '{ article(id: "%%%") { headline } }', 'INVALID_ID'],
    ['a malformed cursor', '{ articles(after: "nope") { totalCount } }', 'INVALID_CURSOR'],
  ])('reports %s with a stable code and no stack trace', async (_label, query, code) => {
    const response = await post(server().url, query);
    expect(codes(response)).toEqual([code]);
    expect(response.body.errors![0]!.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('reports a wrongly typed variable as bad user input', async () => {
    const response = await post(
      server().url,
      'query ($n: Int) { articles(first: $n) { totalCount } }',
      { n: 'ten' },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
