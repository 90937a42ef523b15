import { seedSample } from '../../db/seed';
import { tableCounts } from '../../testing/table-counts';
import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

const SAMPLE = /* GraphQL */ `
  query Sample {
    articles(first: 1) {
      totalCount
      nodes {
        headline
        publishedAt
        language
        datelines {
          name
          kind
        }
        quotes(first: 20, direct: true) {
          totalCount
          nodes {
            text
            channel
            speaker {
              name
            }
            via {
              name
            }
            spokenOn
            speakerTitle
          }
        }
        deadlines {
          nodes {
            dueOn
            status
            setBy {
              name
            }
            subject {
              name
            }
            concerns {
              name
            }
            consequence
          }
        }
      }
    }
  }
`;

interface SampleData {
  articles: {
    totalCount: number;
    nodes: {
      headline: string;
      publishedAt: string;
      language: string;
      datelines: { name: string; kind: string }[];
      quotes: {
        totalCount: number;
        nodes: {
          text: string;
          channel: string | null;
          speaker: { name: string };
          via: { name: string } | null;
          spokenOn: string | null;
          speakerTitle: string | null;
        }[];
      };
      deadlines: {
        nodes: {
          dueOn: string;
          status: string;
          setBy: { name: string };
          subject: { name: string };
          concerns: { name: string }[];
          consequence: string;
        }[];
      };
    }[];
  };
}

describe('the sample article', () => {
  it('is served with its headline, datelines, six direct quotes and the deadline', async () => {
    const result = await api.execute<SampleData>(SAMPLE);
    expect(result.errors).toBeUndefined();
    const [article] = result.data!.articles.nodes;
    expect(article!.headline).toBe("TikTok rejects Microsoft's offer for its US operations");
    expect(article!.publishedAt).toBe('2020-09-14T00:00:00.000Z');
    expect(article!.datelines).toEqual([
      { name: 'New York City', kind: 'PLACE' },
      { name: 'Beijing', kind: 'PLACE' },
    ]);
    const quotes = article!.quotes.nodes.map((quote) => [
      quote.speaker.name,
      quote.channel,
      quote.via?.name ?? null,
    ]);
    expect(quotes).toEqual([
      ['Microsoft', 'STATEMENT', 'Agence France-Presse'],
      ['Microsoft', 'STATEMENT', 'Agence France-Presse'],
      ['Adam Mosseri', 'INTERVIEW', 'CNBC'],
      ['Adam Mosseri', 'INTERVIEW', 'CNBC'],
      ['Government of China', null, null],
      ['Ministry of Foreign Affairs of China', 'PRESS_BRIEFING', 'Xinhua News Agency'],
    ]);
    expect(article!.quotes.nodes[5]!.speakerTitle).toBe('spokesperson');
    expect(article!.quotes.nodes[2]!.spokenOn).toBe('2020-09-11');
    expect(article!.deadlines.nodes).toEqual([
      {
        dueOn: '2020-09-20',
        status: 'PENDING',
        setBy: { name: 'Donald Trump' },
        subject: { name: 'ByteDance' },
        concerns: [{ name: 'TikTok' }],
        consequence: 'complete ban of TikTok in the United States',
      },
    ]);
  });

  it('keeps quote spans that point at the quoted words in the body', async () => {
    const result = await api.execute<{
      articles: {
        nodes: {
          body: string;
          quotes: { nodes: { text: string; span: { start: number; end: number } }[] };
        }[];
      };
    }>(
      `{ articles(first: 1) { nodes { body quotes(first: 50) { nodes { text span { start end } } } } } }`,
    );
    const [article] = result.data!.articles.nodes;
    expect(article!.quotes.nodes).toHaveLength(9);
    for (const quote of article!.quotes.nodes) {
      expect([...article!.body].slice(quote.span.start, quote.span.end).join('')).toBe(quote.text);
    }
  });

  it('lists the entities it mentions with mention counts, most mentioned first', async () => {
    const result = await api.execute<{
      articles: {
        nodes: {
          entities: {
            totalCount: number;
            edges: { mentionCount: number; surfaceForms: string[]; node: { name: string } }[];
          };
        }[];
      };
    }>(
      `{ articles(first: 1) { nodes { entities(first: 100) { totalCount edges { mentionCount surfaceForms node { name } } } } } }`,
    );
    const entities = result.data!.articles.nodes[0]!.entities;
    expect(entities.totalCount).toBe(19);
    const counts = entities.edges.map((edge) => edge.mentionCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const microsoft = entities.edges.find((edge) => edge.node.name === 'Microsoft');
    expect(microsoft!.surfaceForms).toContain('the US tech giant');
    expect(microsoft!.mentionCount).toBeGreaterThanOrEqual(3);
  });

  it('filters entities by kind', async () => {
    const result = await api.execute<{
      articles: { nodes: { entities: { nodes: { name: string }[] } }[] };
    }>(`{ articles(first: 1) { nodes { entities(kinds: [MEDIA_OUTLET]) { nodes { name } } } } }`);
    expect(
      result.data!.articles.nodes[0]!.entities.nodes.map((entity) => entity.name).sort(),
    ).toEqual(['Agence France-Presse', 'CNBC', 'Xinhua News Agency']);
  });
});

describe('pages asked for with variables', () => {
  // The statement for a page is built once per shape; each request's cursor, size and filter
  // must still be its own.
  const PAGE = /* GraphQL */ `
    query Page($first: Int!, $after: String, $kinds: [EntityKind!]) {
      articles(first: 1) {
        nodes {
          id
          entities(first: $first, after: $after, kinds: $kinds) {
            edges {
              cursor
              node {
                name
              }
            }
          }
        }
      }
    }
  `;
  const BY_ID = /* GraphQL */ `
    query ById($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!]) {
      article(id: $id) {
        entities(first: $first, after: $after, kinds: $kinds) {
          edges {
            cursor
            node {
              name
            }
          }
        }
      }
    }
  `;
  type Edges = { cursor: string; node: { name: string } }[];

  it('answers each request with its own cursor, page size and filter', async () => {
    const all = await api.execute<{
      articles: { nodes: { id: string; entities: { edges: Edges } }[] };
    }>(PAGE, { first: 100 });
    const article = all.data!.articles.nodes[0]!;
    const edges = article.entities.edges;
    expect(edges.length).toBe(19);
    for (const [index, edge] of edges.entries()) {
      const first = 1 + (index % 3);
      const expected = edges.slice(index + 1, index + 1 + first).map((e) => e.node.name);
      // Through the list's own statement (prefetched) and through the field's loader.
      const listed = await api.execute<{
        articles: { nodes: { entities: { edges: Edges } }[] };
      }>(PAGE, { first, after: edge.cursor });
      expect(listed.data!.articles.nodes[0]!.entities.edges.map((e) => e.node.name)).toEqual(
        expected,
      );
      const byId = await api.execute<{ article: { entities: { edges: Edges } } }>(BY_ID, {
        id: article.id,
        first,
        after: edge.cursor,
      });
      expect(byId.data!.article.entities.edges.map((e) => e.node.name)).toEqual(expected);
    }
    for (const kinds of [['MEDIA_OUTLET'], ['PERSON'], ['MEDIA_OUTLET', 'PERSON']]) {
      const listed = await api.execute<{
        articles: { nodes: { entities: { edges: Edges } }[] };
      }>(PAGE, { first: 100, kinds });
      const byId = await api.execute<{ article: { entities: { edges: Edges } } }>(BY_ID, {
        id: article.id,
        first: 100,
        kinds,
      });
      const names = listed.data!.articles.nodes[0]!.entities.edges.map((e) => e.node.name);
      expect(byId.data!.article.entities.edges.map((e) => e.node.name)).toEqual(names);
      expect(names.length).toBeGreaterThan(0);
      expect(names.length).toBeLessThan(19);
    }
    const outlets = await api.execute<{
      articles: { nodes: { entities: { edges: Edges } }[] };
    }>(PAGE, { first: 100, kinds: ['MEDIA_OUTLET'] });
    expect(outlets.data!.articles.nodes[0]!.entities.edges.map((e) => e.node.name).sort()).toEqual([
      'Agence France-Presse',
      'CNBC',
      'Xinhua News Agency',
    ]);
  });
});

describe('child pages read only what the selection uses', () => {
  // Each page reads the row fields its selection needs (db/child-page `reads`); every field must
  // still answer as it does when the page reads everything, prefetched or through the loader.
  const WIDE = /* GraphQL */ `
    fragment QuoteFields on Quote {
      id
      text
      direct
      speakerTitle
      cue
      channel
      spokenOn
      confidence
      span {
        start
        end
      }
      speaker {
        id
        name
        kind
        title
        wikidataId
        aliases
      }
      via {
        name
      }
      article {
        id
        headline
      }
    }
    query Wide($id: ID!) {
      articles(first: 1) {
        nodes {
          entities(first: 30) {
            edges {
              cursor
              mentionCount
              surfaceForms
              node {
                id
                name
                kind
                title
                wikidataId
              }
            }
          }
          quotes(first: 30) {
            edges {
              cursor
              node {
                ...QuoteFields
              }
            }
          }
        }
      }
      article(id: $id) {
        quotes(first: 30) {
          nodes {
            ...QuoteFields
          }
        }
      }
    }
  `;
  const NARROW = /* GraphQL */ `
    query Narrow($id: ID!) {
      articles(first: 1) {
        nodes {
          entities(first: 30) {
            nodes {
              name
            }
          }
          quotes(first: 30) {
            pageInfo {
              endCursor
            }
            nodes {
              span {
                end
              }
              via {
                name
              }
              speaker {
                name
              }
            }
          }
        }
      }
      article(id: $id) {
        quotes(first: 30) {
          nodes {
            text
            article {
              headline
            }
          }
        }
      }
    }
  `;
  interface Quote {
    text: string;
    span: { start: number; end: number };
    speaker: { id: string; name: string } | null;
    via: { name: string } | null;
    article: { id: string; headline: string };
  }
  interface Wide {
    articles: {
      nodes: {
        entities: { edges: { cursor: string; mentionCount: number; node: { name: string } }[] };
        quotes: { edges: { cursor: string; node: Quote }[] };
      }[];
    };
    article: { quotes: { nodes: Quote[] } };
  }
  interface Narrow {
    articles: {
      nodes: {
        entities: { nodes: { name: string }[] };
        quotes: {
          pageInfo: { endCursor: string };
          nodes: { span: { end: number }; via: Quote['via']; speaker: { name: string } | null }[];
        };
      }[];
    };
    article: { quotes: { nodes: { text: string; article: { headline: string } }[] } };
  }

  it('answers every field as when it reads them all', async () => {
    const first = await api.execute<{ articles: { nodes: { id: string }[] } }>(
      '{ articles(first: 1) { nodes { id } } }',
    );
    const id = first.data!.articles.nodes[0]!.id;
    const wide = await api.execute<Wide>(WIDE, { id });
    expect(wide.errors).toBeUndefined();
    const narrow = await api.execute<Narrow>(NARROW, { id });
    expect(narrow.errors).toBeUndefined();
    const listed = wide.data!.articles.nodes[0]!;
    const quotes = listed.quotes.edges.map((edge) => edge.node);
    expect(quotes.length).toBeGreaterThan(2);
    expect(quotes.some((quote) => quote.via !== null)).toBe(true);
    expect(wide.data!.article.quotes.nodes).toEqual(quotes);
    const narrowListed = narrow.data!.articles.nodes[0]!;
    expect(narrowListed.entities.nodes.map((node) => node.name)).toEqual(
      listed.entities.edges.map((edge) => edge.node.name),
    );
    expect(narrowListed.quotes.nodes).toEqual(
      quotes.map((quote) => ({
        span: { end: quote.span.end },
        via: quote.via,
        speaker: quote.speaker && { name: quote.speaker.name },
      })),
    );
    expect(narrowListed.quotes.pageInfo.endCursor).toBe(listed.quotes.edges.at(-1)!.cursor);
    expect(narrow.data!.article.quotes.nodes).toEqual(
      quotes.map((quote) => ({ text: quote.text, article: { headline: quote.article.headline } })),
    );
  });
});

describe('articles', () => {
  it('finds an article by full-text search with a rank and a highlighted snippet', async () => {
    const result = await api.execute<{
      articles: { edges: { rank: number; snippet: string; node: { headline: string } }[] };
    }>(`{ articles(search: "coercive robbery") { edges { rank snippet node { headline } } } }`);
    expect(result.errors).toBeUndefined();
    const [edge] = result.data!.articles.edges;
    expect(edge!.node.headline).toContain('TikTok');
    expect(edge!.rank).toBeGreaterThan(0);
    expect(edge!.snippet).toContain('<mark>coercive</mark> <mark>robbery</mark>');
  });

  it('returns nothing for a search with no match, and no rank without a search', async () => {
    const none = await api.execute<{ articles: { totalCount: number; nodes: unknown[] } }>(
      `{ articles(search: "volcano") { totalCount nodes { id } } }`,
    );
    expect(none.data!.articles).toEqual({ totalCount: 0, nodes: [] });
    const plain = await api.execute<{
      articles: { edges: { rank: number | null; snippet: string | null }[] };
    }>(`{ articles { edges { rank snippet } } }`);
    expect(plain.data!.articles.edges).toEqual([{ rank: null, snippet: null }]);
  });

  it('filters by publication date and by the entities mentioned', async () => {
    const entity = await api.execute<{ entities: { nodes: { id: string }[] } }>(
      `{ entities(search: "Xinhua") { nodes { id } } }`,
    );
    const xinhua = entity.data!.entities.nodes[0]!.id;
    const result = await api.execute<{
      inRange: { totalCount: number };
      before: { totalCount: number };
      mentioning: { totalCount: number };
    }>(
      `query ($xinhua: ID!) {
        inRange: articles(publishedFrom: "2020-09-14T00:00:00Z", publishedBefore: "2020-09-15T00:00:00Z") { totalCount }
        before: articles(publishedBefore: "2020-09-14T00:00:00Z") { totalCount }
        mentioning: articles(mentioning: $xinhua) { totalCount }
      }`,
      { xinhua },
    );
    expect(result.data).toEqual({
      inRange: { totalCount: 1 },
      before: { totalCount: 0 },
      mentioning: { totalCount: 1 },
    });
  });

  it('refuses a date range that ends before it starts', async () => {
    const result = await api.execute(
      `{ articles(publishedFrom: "2020-09-15T00:00:00Z", publishedBefore: "2020-09-14T00:00:00Z") { totalCount } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses RELEVANCE ordering without a search', async () => {
    const result = await api.execute(`{ articles(orderBy: RELEVANCE) { totalCount } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('needs a search');
  });
});

describe('loading the sample', () => {
  it('is idempotent: a second load stores nothing', async () => {
    const before = await tableCounts(api.database.handle.db);
    expect(await seedSample(api.container.services)).toBe(false);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });
});
