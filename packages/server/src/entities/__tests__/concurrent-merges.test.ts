// Merges sent at the same time. On PostgreSQL the requests run on separate pooled connections and
// really overlap; the embedded database runs them one after another, where the outcome must be
// the same.
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ sample: false });
});
afterAll(() => api.dispose());

interface MergeResult {
  mergeEntities: { entity: { id: string } } | null;
}

const MERGE = `mutation ($keep: ID!, $merge: ID!) {
  mergeEntities(input: { keep: $keep, merge: $merge }) { entity { id } }
}`;

/** Stores an article that mentions two new organisations (3 and 2 times); returns their IDs. */
async function twoMentionedEntities(label: string): Promise<{ a: string; b: string }> {
  const created = await api.execute<{
    createArticle: {
      article: { entities: { edges: { node: { id: string; name: string } }[] } };
    };
  }>(
    `mutation ($input: CreateArticleInput!) { createArticle(input: $input) {
      article { entities(first: 10) { edges { node { id name } } } }
    } }`,
    {
      input: {
        headline: `${label} Alpha and ${label} Beta`,
        body: `${label} Alpha, ${label} Alpha and ${label} Alpha met ${label} Beta and ${label} Beta.`,
        publishedAt: '2024-05-01T00:00:00Z',
        mentions: [
          { entity: { name: `${label} Alpha`, kind: 'ORGANIZATION' }, mentionCount: 3 },
          { entity: { name: `${label} Beta`, kind: 'ORGANIZATION' }, mentionCount: 2 },
        ],
      },
    },
    viewers.editor,
  );
  expect(created.errors).toBeUndefined();
  const edges = created.data!.createArticle.article.entities.edges;
  const id = (name: string) => edges.find((edge) => edge.node.name === name)!.node.id;
  return { a: id(`${label} Alpha`), b: id(`${label} Beta`) };
}

async function mentionCount(entityId: string): Promise<number[]> {
  const result = await api.execute<{
    entity: { articles: { edges: { mentionCount: number }[] } } | null;
  }>(`query ($id: ID!) { entity(id: $id) { articles { edges { mentionCount } } } }`, {
    id: entityId,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.entity!.articles.edges.map((edge) => edge.mentionCount);
}

describe('concurrent mergeEntities', () => {
  it('merging the same entity twice at once takes effect once and tells the other caller the merged entity is gone', async () => {
    // Several rounds: one overlap is enough to double-count, but the timing is not guaranteed.
    for (let round = 0; round < 5; round += 1) {
      const { a, b } = await twoMentionedEntities(`Twice${round}`);
      const results = await Promise.all(
        [0, 1].map(() => api.execute<MergeResult>(MERGE, { keep: a, merge: b }, viewers.admin)),
      );
      const succeeded = results.filter((result) => !result.errors);
      const failed = results.filter((result) => result.errors);
      expect(succeeded).toHaveLength(1);
      expect(failed.map(errorCodes)).toEqual([['NOT_FOUND']]);
      expect(failed[0]!.errors![0]!.message).toMatch(/input\.merge/);
      expect(await mentionCount(a)).toEqual([5]);
    }
  });

  it('two entities merged into each other at once: one merge wins and the other gets NOT_FOUND, never a deadlock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { a, b } = await twoMentionedEntities(`Crossed${round}`);
      const results = await Promise.all([
        api.execute<MergeResult>(MERGE, { keep: a, merge: b }, viewers.admin),
        api.execute<MergeResult>(MERGE, { keep: b, merge: a }, viewers.admin),
      ]);
      const succeeded = results.filter((result) => !result.errors);
      const failed = results.filter((result) => result.errors);
      const messages = failed.flatMap((result) => result.errors!.map((error) => error.message));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^No entity has the ID given in input\.(keep|merge)\.$/);
      expect(failed.map(errorCodes)).toEqual([['NOT_FOUND']]);
      expect(succeeded).toHaveLength(1);
      const kept = succeeded[0]!.data!.mergeEntities!.entity.id;
      expect(await mentionCount(kept)).toEqual([5]);
    }
  });
});
