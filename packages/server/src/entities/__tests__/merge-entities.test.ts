import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

async function entityId(name: string): Promise<string> {
  const result = await api.execute<{ entities: { nodes: { id: string; name: string }[] } }>(
    `query ($name: String!) { entities(search: $name, first: 1) { nodes { id name } } }`,
    { name },
  );
  return result.data!.entities.nodes[0]!.id;
}

describe('mergeEntities', () => {
  it('moves quotes, mentions, relations and deadline roles to the kept entity and keeps the names as aliases', async () => {
    const body = 'Bytedance Ltd said it would appeal. "We will fight this," Bytedance Ltd said.';
    const created = await api.execute<{ createArticle: { article: { id: string } } }>(
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
      {
        input: {
          headline: 'Bytedance Ltd to appeal',
          body,
          publishedAt: '2020-09-15T00:00:00Z',
          mentions: [{ entity: { name: 'Bytedance Ltd', kind: 'ORGANIZATION' }, mentionCount: 2 }],
          quotes: [
            {
              text: 'We will fight this,',
              direct: true,
              speaker: { name: 'Bytedance Ltd', kind: 'ORGANIZATION' },
            },
          ],
          deadlines: [
            {
              description: 'Bytedance Ltd must file its appeal',
              dueOn: '2020-10-01',
              subject: { name: 'Bytedance Ltd', kind: 'ORGANIZATION' },
            },
          ],
        },
      },
      viewers.editor,
    );
    expect(created.errors).toBeUndefined();
    const duplicate = await entityId('Bytedance Ltd');
    const keep = await entityId('ByteDance');
    expect(duplicate).not.toBe(keep);
    await api.execute(
      `mutation ($from: ID!, $to: ID!) { createEntityRelation(input: { from: $from, type: OWNS, to: $to }) { changed } }`,
      { from: duplicate, to: await entityId('TikTok') },
      viewers.editor,
    );

    const merged = await api.execute<{
      mergeEntities: {
        entity: {
          id: string;
          aliases: string[];
          quotes: { totalCount: number };
          articles: { totalCount: number };
          deadlines: { totalCount: number };
          relations: { totalCount: number };
        };
      };
    }>(
      `mutation ($keep: ID!, $merge: ID!) { mergeEntities(input: { keep: $keep, merge: $merge }) {
        entity { id aliases quotes { totalCount } articles { totalCount } deadlines(role: SUBJECT) { totalCount } relations { totalCount } }
      } }`,
      { keep, merge: duplicate },
      viewers.admin,
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeEntities.entity).toEqual({
      id: keep,
      aliases: ['Bytedance Ltd'],
      quotes: { totalCount: 1 },
      articles: { totalCount: 2 },
      deadlines: { totalCount: 2 },
      // The duplicate's OWNS TikTok folds into ByteDance's identical relation.
      relations: { totalCount: 1 },
    });
    const gone = await api.execute<{ node: null }>(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: duplicate,
    });
    expect(gone.data!.node).toBeNull();
  });

  it('needs the admin role', async () => {
    const keep = await entityId('Microsoft');
    const merge = await entityId('CNBC');
    expect(
      errorCodes(
        await api.execute(
          `mutation ($k: ID!, $m: ID!) { mergeEntities(input: { keep: $k, merge: $m }) { entity { id } } }`,
          { k: keep, m: merge },
          viewers.editor,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('refuses to merge an entity into itself', async () => {
    const keep = await entityId('Microsoft');
    const result = await api.execute(
      `mutation ($k: ID!) { mergeEntities(input: { keep: $k, merge: $k }) { entity { id } } }`,
      { k: keep },
      viewers.admin,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
