import { insertArticles } from '../../testing/factories';
import { createTestApi, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await insertArticles(api.database.handle.db, 60);
});
afterAll(() => api.dispose());

const FEED = `query ($first: Int!) {
  articles(first: $first) {
    totalCount
    nodes {
      headline
      source { name aliases }
      datelines { name }
      entities(first: 5) { totalCount edges { mentionCount node { name aliases } } }
      quotes(first: 3) { totalCount nodes { text speaker { name quotes(first: 2) { nodes { text } } } via { name } } }
      deadlines(first: 2) { nodes { setBy { name } history { nodes { status } } } }
    }
  }
}`;

describe('nested fields', () => {
  it('issue the same number of SQL statements for a page of 2 articles as for a page of 50', async () => {
    const small = await api.execute<{ articles: { nodes: unknown[] } }>(FEED, { first: 2 });
    const large = await api.execute<{ articles: { nodes: unknown[] } }>(FEED, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.articles.nodes).toHaveLength(2);
    expect(large.data!.articles.nodes).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
  });

  it('load each entity once per request however many quotes point at it', async () => {
    const result = await api.execute<{ quotes: { nodes: { speaker: { name: string } }[] } }>(
      `{ quotes(first: 100) { nodes { speaker { name } } } }`,
    );
    expect(result.data!.quotes.nodes).toHaveLength(100);
    // One statement for the page, one for all the speakers.
    expect(result.statements).toBe(2);
  });
});
