// createArticle sent many times at once. On PostgreSQL the requests run on separate pooled
// connections and really overlap; the embedded database runs them one after another, where the
// outcome must be the same.
import { createTestApi, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ sample: false });
});
afterAll(() => api.dispose());

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { created article { id } }
}`;

interface CreateResult {
  createArticle: { created: boolean; article: { id: string } };
}

describe('concurrent createArticle', () => {
  it('ten identical articles sent at once are stored once, and every caller gets that article', async () => {
    const input = {
      headline: 'Port of Vell reopens',
      body: 'The Port of Vell reopened on Tuesday after a week-long strike.',
      publishedAt: '2024-06-04T00:00:00Z',
      url: 'https://news.example/vell-reopens',
      mentions: [{ entity: { name: 'Port of Vell', kind: 'PLACE' } }],
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.execute<CreateResult>(CREATE, { input }, viewers.editor),
      ),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const payloads = results.map((result) => result.data!.createArticle);
    expect(payloads.filter((payload) => payload.created)).toHaveLength(1);
    expect(new Set(payloads.map((payload) => payload.article.id)).size).toBe(1);
    const count = await api.execute<{ articles: { totalCount: number } }>(
      `{ articles(search: "Vell reopened") { totalCount } }`,
    );
    expect(count.data!.articles.totalCount).toBe(1);
  });

  it('ten articles sent at once that name the same new entity leave one entity of that name', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        api.execute<CreateResult>(
          CREATE,
          {
            input: {
              headline: `Quillon Labs update ${index}`,
              body: `Quillon Labs published update number ${index}.`,
              publishedAt: '2024-06-05T00:00:00Z',
              url: `https://news.example/quillon-${index}`,
              mentions: [
                {
                  entity: {
                    name: index % 2 ? 'Quillon Labs' : 'quillon  labs',
                    kind: 'ORGANIZATION',
                  },
                },
              ],
            },
          },
          viewers.editor,
        ),
      ),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const found = await api.execute<{
      entities: { nodes: { name: string; articles: { totalCount: number } }[] };
    }>(
      `{ entities(search: "Quillon Labs", first: 20) { nodes { name articles { totalCount } } } }`,
    );
    const nodes = found.data!.entities.nodes;
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.name).toMatch(/^quillon\s+labs$/i);
    expect(nodes[0]!.articles.totalCount).toBe(10);
  });
});
