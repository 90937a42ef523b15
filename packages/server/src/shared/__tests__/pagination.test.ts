import { insertArticles } from '../../testing/factories';
import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await insertArticles(api.container.services, 45);
});
afterAll(() => api.dispose());

interface Page {
  articles: {
    totalCount: number;
    edges: { cursor: string; node: { headline: string; publishedAt: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder) {
  articles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount
    edges { cursor node { headline publishedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page['articles']> {
  const result = await api.execute<Page>(PAGE, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.articles;
}

describe('cursor pagination', () => {
  it('walks forward through every article exactly once, newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current = await page({ first: 10, after });
      pages += 1;
      seen.push(...current.edges.map((edge) => edge.node.publishedAt));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('walks backward with last and before, in the same order', async () => {
    const forward = await page({ first: 46 });
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const current = await page({ last: 20, before });
      seen.unshift(...current.edges.map((edge) => edge.node.publishedAt));
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(seen).toEqual(forward.edges.map((edge) => edge.node.publishedAt));
  });

  it('orders oldest first on request, and its cursors only work with that order', async () => {
    const oldest = await page({ first: 2, orderBy: 'PUBLISHED_AT_ASC' });
    expect(oldest.edges[0]!.node.publishedAt).toBe('2020-09-14T00:00:00.000Z');
    const mixed = await api.execute(PAGE, { first: 2, after: oldest.pageInfo.endCursor });
    expect(errorCodes(mixed)).toEqual(['INVALID_CURSOR']);
  });

  it('counts the whole list whatever the page size', async () => {
    expect((await page({ first: 3 })).totalCount).toBe(46);
  });

  it('refuses a cursor from another list', async () => {
    const quotes = await api.execute<{ quotes: { pageInfo: { endCursor: string } } }>(
      `{ quotes(first: 1) { pageInfo { endCursor } } }`,
    );
    const result = await api.execute(PAGE, {
      first: 5,
      after: quotes.data!.quotes.pageInfo.endCursor,
    });
    expect(errorCodes(result)).toEqual(['INVALID_CURSOR']);
    expect(result.errors![0]!.message).toContain('another list');
  });

  it.each([
    ['a malformed cursor', { first: 5, after: 'not a cursor!' }, 'INVALID_CURSOR'],
    [
      'base64 that is not a cursor',
      { first: 5, after: Buffer.from('hello').toString('base64url') },
      'INVALID_CURSOR',
    ],
    ['first: 0', { first: 0 }, 'BAD_USER_INPUT'],
    ['first: 1000', { first: 1000 }, 'BAD_USER_INPUT'],
    ['first: -1', { first: -1 }, 'BAD_USER_INPUT'],
    ['last: 101', { last: 101 }, 'BAD_USER_INPUT'],
    ['first and last together', { first: 5, last: 5 }, 'BAD_USER_INPUT'],
  ])('refuses %s with a clear error', async (_label, variables, code) => {
    const result = await api.execute(PAGE, variables);
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
  });

  it('caps first at 100 and says so', async () => {
    const result = await api.execute(PAGE, { first: 1000 });
    expect(result.errors![0]!.message).toBe('"first" must be between 1 and 100; got 1000.');
  });
});

describe('pages whose pageInfo does not ask for more', () => {
  // Such a page is fetched without the row after it (Keyset.peek): the same rows, cut the same.
  it('gives the same rows and cursors as a page that asks', async () => {
    const asking = await page({ first: 10 });
    const bare = await api.execute<{ articles: { edges: { cursor: string }[] } }>(
      `query ($after: String) { articles(first: 10, after: $after) { edges { cursor } } }`,
      { after: null },
    );
    expect(bare.data!.articles.edges.map((edge) => edge.cursor)).toEqual(
      asking.edges.map((edge) => edge.cursor),
    );
    const next = await api.execute<{ articles: { edges: { cursor: string }[] } }>(
      `query ($after: String) { articles(first: 10, after: $after) { edges { cursor } } }`,
      { after: asking.pageInfo.endCursor },
    );
    expect(next.data!.articles.edges.map((edge) => edge.cursor)).toEqual(
      (await page({ first: 10, after: asking.pageInfo.endCursor })).edges.map(
        (edge) => edge.cursor,
      ),
    );
  });

  it('still answers hasNextPage and hasPreviousPage asked through fragments', async () => {
    const result = await api.execute<{
      articles: { pageInfo: { hasNextPage: boolean } };
      older: { nodes: unknown[]; pageInfo: { hasPreviousPage: boolean } };
    }>(
      `query {
        articles(first: 10) { ...More }
        older: articles(last: 10) { nodes { headline } ... on ArticleConnection { pageInfo { ...Before } } }
      }
      fragment More on ArticleConnection { pageInfo { hasNextPage } }
      fragment Before on PageInfo { hasPreviousPage }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.articles.pageInfo.hasNextPage).toBe(true);
    expect(result.data!.older.nodes).toHaveLength(10);
    expect(result.data!.older.pageInfo.hasPreviousPage).toBe(true);
  });
});
