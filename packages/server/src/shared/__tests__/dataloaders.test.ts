import { insertArticles } from '../../testing/factories';
import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await insertArticles(api.container.services, 60);
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

describe('an article list with its children in one statement', () => {
  // The benchmark's feed: outlets join the article page, each article's entities and quotes (with
  // their speakers) come along as json columns of the same statement.
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
    'answer a page of %i article cards in one statement, through fragments and aliases',
    async (first) => {
      const result = await api.execute<Cards>(CARDS, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.articles.nodes).toHaveLength(first);
      expect(result.statements).toBe(1);
    },
  );

  it('give the same outlets, entities, quotes and speakers as loading them field by field', async () => {
    const joined = (await api.execute<Cards>(CARDS, { first: 30 })).data!.articles.nodes;
    // Through `nodes`, every field of every article is fetched by its own loader.
    const loaded = await api.execute<{ nodes: unknown[] }>(
      `query ($ids: [ID!]!) {
        nodes(ids: $ids) { ... on Article { id ...Card entities(first: 5) { nodes { name } } } }
      }
      fragment Card on Article {
        outlet: source { id name }
        quotes(first: 3) { edges { node { id speaker { id name } } } }
      }`,
      { ids: joined.map((article) => article.id) },
    );
    expect(loaded.errors).toBeUndefined();
    expect(loaded.statements).toBeGreaterThan(1);
    expect(joined.flatMap((article) => article.quotes.edges).length).toBeGreaterThan(30);
    expect(joined).toEqual(loaded.data!.nodes);
  });

  it('page children backwards and with cursors as their own fields do', async () => {
    const first = await api.execute<{
      articles: { nodes: { id: string; entities: { edges: { cursor: string }[] } }[] };
    }>('{ articles(first: 5) { nodes { id entities(first: 1) { edges { cursor } } } } }');
    const ids = first.data!.articles.nodes.map((article) => article.id);
    const after = first.data!.articles.nodes[0]!.entities.edges[0]!.cursor;
    const children = `
      quotes(last: 1) { nodes { text } pageInfo { hasPreviousPage endCursor } }
      entities(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage } }`;
    const joined = await api.execute<{ articles: { nodes: unknown[] } }>(
      `query ($after: String) { articles(first: 5) { nodes { ${children} } } }`,
      { after },
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.statements).toBe(1);
    const loaded = await api.execute<{ nodes: unknown[] }>(
      `query ($ids: [ID!]!, $after: String) { nodes(ids: $ids) { ... on Article { ${children} } } }`,
      { ids, after },
    );
    expect(joined.data!.articles.nodes).toEqual(loaded.data!.nodes);
  });

  it('leave a child asked for twice with different arguments to its loader', async () => {
    const result = await api.execute<{
      articles: { nodes: { one: { nodes: unknown[] }; two: { nodes: unknown[] } }[] };
    }>(
      `{ articles(first: 3) { nodes { one: quotes(first: 1) { nodes { text } } two: quotes(first: 2) { nodes { text } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    for (const article of result.data!.articles.nodes) {
      expect(article.one.nodes).toHaveLength(1);
      expect(article.two.nodes).toHaveLength(2);
      expect(article.two.nodes[0]).toEqual(article.one.nodes[0]);
    }
    // The list, then one statement per set of arguments.
    expect(result.statements).toBe(3);
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

describe('an entity page in one statement', () => {
  const PAGE = `
    id name kind aliases
    relations(first: 20) { edges { type direction node { id name } } }
    quotes(first: 20) { nodes { id text article { id headline publishedAt } } pageInfo { hasNextPage endCursor } }
    deadlines(first: 20) { nodes { id description dueOn } }`;

  it('answers an entity with its aliases, relations, quotes and deadlines as field by field', async () => {
    const seen = { aliases: 0, relations: 0, quotes: 0, deadlines: 0 };
    // Between them, these entities of the sample article have all four.
    for (const name of ['Donald Trump', 'Adam Mosseri', 'Agence France-Presse', 'ByteDance']) {
      const found = await api.execute<{ entities: { nodes: { id: string }[] } }>(
        'query ($name: String!) { entities(search: $name, first: 1) { nodes { id } } }',
        { name },
      );
      const id = found.data!.entities.nodes[0]!.id;
      const joined = await api.execute<{
        entity: {
          aliases: string[];
          relations: { edges: unknown[] };
          quotes: { nodes: unknown[] };
          deadlines: { nodes: unknown[] };
        };
      }>(`query ($id: ID!) { entity(id: $id) { ${PAGE} } }`, { id });
      expect(joined.errors).toBeUndefined();
      expect(joined.statements).toBe(1);
      const { entity } = joined.data!;
      seen.aliases += entity.aliases.length;
      seen.relations += entity.relations.edges.length;
      seen.quotes += entity.quotes.nodes.length;
      seen.deadlines += entity.deadlines.nodes.length;
      // Through `node`, each field is fetched by its own loader.
      const loaded = await api.execute<{ node: unknown }>(
        `query ($id: ID!) { node(id: $id) { ... on Entity { ${PAGE} } } }`,
        { id },
      );
      expect(loaded.statements).toBeGreaterThan(1);
      expect(entity).toEqual(loaded.data!.node);
    }
    expect(Object.values(seen).every((count) => count > 0)).toBe(true);
  });
});

describe('children a parent cannot fetch for them', () => {
  it.each([
    [
      'an article list',
      '{ articles(first: 2) { nodes { id quotes(first: 1000) { totalCount } } } }',
      'quotes',
    ],
    [
      'an entity',
      '{ entity(id: "RW50aXR5OjE") { id relations(first: 0) { totalCount } } }',
      'relations',
    ],
  ])(
    'leave bad arguments from %s to the field, which reports them',
    async (_label, query, field) => {
      const result = await api.execute(query);
      expect(errorCodes(result)).toContain('BAD_USER_INPUT');
      // The error belongs to the child field, as it did before parents fetched children.
      expect(result.errors!.length).toBeGreaterThan(0);
      expect(result.errors!.every((error) => error.path?.at(-1) === field)).toBe(true);
    },
  );
});
