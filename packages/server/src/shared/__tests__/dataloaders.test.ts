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

// FEED uses 16 batched fields (each loader once per nesting level it appears at). Loads of one
// loader at different levels sometimes share a batch and sometimes do not, depending on when
// the database answers, so the count may be lower, but never higher, whatever the page size.
const BATCHED_FIELDS_IN_FEED = 16;

describe('nested fields', () => {
  it.each([2, 20, 50, 100])(
    'issue at most one SQL statement per batched field for a page of %i articles',
    async (first) => {
      const result = await api.execute<{ articles: { nodes: unknown[] } }>(FEED, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.articles.nodes).toHaveLength(Math.min(first, 61));
      expect(result.statements).toBeLessThanOrEqual(BATCHED_FIELDS_IN_FEED);
    },
  );

  it('load each entity once per request however many quotes point at it', async () => {
    const result = await api.execute<{ quotes: { nodes: { speaker: { name: string } }[] } }>(
      `{ quotes(first: 100) { nodes { speaker { name } } } }`,
    );
    expect(result.data!.quotes.nodes).toHaveLength(100);
    // One statement for the page, one for all the speakers.
    expect(result.statements).toBe(2);
  });
});
