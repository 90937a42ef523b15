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

describe('to-one fields joined into their page', () => {
  // The benchmark's feed: outlets join the article page, speakers join each quote page.
  const CARDS = `query ($first: Int!) {
    articles(first: $first) {
      nodes { id ...Card entities(first: 5) { nodes { name } } }
    }
  }
  fragment Card on Article {
    outlet: source { id name }
    quotes(first: 3) { edges { node { id speaker { id name } } } }
  }`;

  interface Cards {
    articles: {
      nodes: {
        id: string;
        outlet: { id: string; name: string } | null;
        quotes: { edges: { node: { id: string; speaker: { id: string; name: string } } }[] };
      }[];
    };
  }

  it.each([2, 60])(
    'answer a page of %i article cards in one statement per level, through fragments and aliases',
    async (first) => {
      const result = await api.execute<Cards>(CARDS, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.articles.nodes).toHaveLength(first);
      // articles + outlets; entities; quotes + speakers.
      expect(result.statements).toBe(3);
    },
  );

  it('give the same outlets and speakers as loading them one field at a time', async () => {
    const joined = (await api.execute<Cards>(CARDS, { first: 30 })).data!.articles.nodes;
    const ids = joined.map((article) => article.id);
    const quoteIds = joined.flatMap((article) => article.quotes.edges.map((edge) => edge.node.id));
    const loaded = await api.execute<{
      articles: ({ id: string; source: { id: string; name: string } | null } | null)[];
      quotes: ({ id: string; speaker: { id: string; name: string } } | null)[];
    }>(
      `query ($ids: [ID!]!, $quoteIds: [ID!]!) {
        articles: nodes(ids: $ids) { ... on Article { id source { id name } } }
        quotes: nodes(ids: $quoteIds) { ... on Quote { id speaker { id name } } }
      }`,
      { ids, quoteIds },
    );
    expect(loaded.errors).toBeUndefined();
    expect(quoteIds.length).toBeGreaterThan(30);
    expect(joined.map((article) => ({ id: article.id, source: article.outlet }))).toEqual(
      loaded.data!.articles,
    );
    expect(
      joined.flatMap((article) =>
        article.quotes.edges.map(({ node }) => ({ id: node.id, speaker: node.speaker })),
      ),
    ).toEqual(loaded.data!.quotes);
  });
});

describe("an entity's quotes joined with their articles", () => {
  it('give the same articles as loading them one at a time, in one statement for the page', async () => {
    const speaker = await api.execute<{ entities: { nodes: { id: string }[] } }>(
      `{ entities(search: "Ada Example", first: 1) { nodes { id } } }`,
    );
    const id = speaker.data!.entities.nodes[0]!.id;
    const joined = await api.execute<{
      node: { quotes: { nodes: { id: string; article: { id: string; headline: string } }[] } };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { quotes(first: 25) { nodes { id article { id headline } } } } } }`,
      { id },
    );
    expect(joined.errors).toBeUndefined();
    // The entity; its quotes with their articles.
    expect(joined.statements).toBe(2);
    const quotes = joined.data!.node.quotes.nodes;
    expect(quotes).toHaveLength(25);
    const loaded = await api.execute<{ nodes: { id: string; article: unknown }[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Quote { id article { id headline } } } }`,
      { ids: quotes.map((quote) => quote.id) },
    );
    expect(quotes).toEqual(loaded.data!.nodes);
  });
});
