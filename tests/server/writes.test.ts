import { createKey, dateline } from '../testkit/cli';
import { codes, post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;
let readerKey: string;
let adminKey: string;

beforeAll(async () => {
  storage = await createStorage();
  // Keys are made with the CLI before the server opens the database.
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  readerKey = await createKey(storage, 'reader', 'dashboard');
  adminKey = await createKey(storage, 'admin', 'ops');
  server = await startServer(storage);
});
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { created article { id deadlines { nodes { id } } } }
}`;

const body =
  'The port authority gave Coastline Shipping until May 1 to clear the quay or lose its licence. "We will be out in time," a Coastline spokesperson said.';

const input = {
  headline: 'Coastline told to clear the quay',
  body,
  publishedAt: '2024-04-02T08:00:00Z',
  url: 'https://news.example/coastline',
  quotes: [
    {
      text: 'We will be out in time,',
      direct: true,
      speaker: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
      speakerTitle: 'spokesperson',
      channel: 'STATEMENT',
    },
  ],
  deadlines: [
    {
      description: 'Coastline Shipping must clear the quay',
      dueOn: '2024-05-01',
      subject: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
      setBy: { name: 'Port Authority', kind: 'GOVERNMENT' },
      consequence: 'loss of its licence',
    },
  ],
};

describe('writing through the API with keys', () => {
  it('answers reads made with a reader key', async () => {
    const read = await post<{ articles: { totalCount: number } }>(
      server.url,
      '{ articles { totalCount } }',
      undefined,
      bearer(readerKey),
    );
    expect(read.status).toBe(200);
    expect(read.body.data!.articles.totalCount).toBe(1);
  });

  it('refuses a write without a key, with a wrong key, and with a reader key', async () => {
    const anonymous = await post(server.url, CREATE, { input });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const wrong = await post(server.url, CREATE, { input }, bearer('dl_not-a-real-key'));
    expect(wrong.status).toBe(401);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    const reader = await post(server.url, CREATE, { input }, bearer(readerKey));
    expect(codes(reader)).toEqual(['FORBIDDEN']);
    const count = await post<{ articles: { totalCount: number } }>(
      server.url,
      '{ articles { totalCount } }',
    );
    expect(count.body.data!.articles.totalCount).toBe(1);
  });

  it('adds an article, extends its deadline twice and shows the history', async () => {
    const created = await post<{
      createArticle: {
        created: boolean;
        article: { id: string; deadlines: { nodes: { id: string }[] } };
      };
    }>(server.url, CREATE, { input }, bearer(editorKey));
    expect(created.body.errors).toBeUndefined();
    const article = created.body.data!.createArticle.article;
    const deadline = article.deadlines.nodes[0]!.id;
    const extend = `mutation ($input: UpdateDeadlineInput!) { updateDeadline(input: $input) { deadline { status dueOn } } }`;
    for (const dueOn of ['2024-05-15', '2024-06-01']) {
      const result = await post(
        server.url,
        extend,
        { input: { id: deadline, article: article.id, dueOn } },
        bearer(editorKey),
      );
      expect(result.body.errors).toBeUndefined();
    }
    const history = await post<{
      deadline: { status: string; history: { nodes: { dueOn: string }[] } };
    }>(
      server.url,
      `query ($id: ID!) { deadline(id: $id) { status history { nodes { dueOn } } } }`,
      { id: deadline },
    );
    expect(history.body.data!.deadline).toEqual({
      status: 'EXTENDED',
      history: {
        nodes: [{ dueOn: '2024-05-01' }, { dueOn: '2024-05-15' }, { dueOn: '2024-06-01' }],
      },
    });
  });

  it('merges a duplicate entity with an admin key', async () => {
    const ids = await post<{ a: { nodes: { id: string }[] }; b: { nodes: { id: string }[] } }>(
      server.url,
      `{ a: entities(search: "Coastline Shipping", first: 1) { nodes { id } } b: entities(search: "Port Authority", first: 1) { nodes { id } } }`,
    );
    const duplicate = await post<{ createEntity: { entity: { id: string } } }>(
      server.url,
      `mutation { createEntity(input: { name: "Coastline Shipping Co", kind: ORGANIZATION }) { entity { id } } }`,
      undefined,
      bearer(editorKey),
    );
    const merged = await post<{ mergeEntities: { entity: { aliases: string[] } } }>(
      server.url,
      `mutation ($keep: ID!, $merge: ID!) { mergeEntities(input: { keep: $keep, merge: $merge }) { entity { aliases } } }`,
      { keep: ids.body.data!.a.nodes[0]!.id, merge: duplicate.body.data!.createEntity.entity.id },
      bearer(adminKey),
    );
    expect(merged.body.data!.mergeEntities.entity.aliases).toEqual(['Coastline Shipping Co']);
  });

  it('records when a key was last used', async () => {
    await server.stop();
    const listing = await dateline(storage, 'keys', 'list');
    expect(listing).toMatch(/editor\tnewsroom bot\tactive\tlast used \d{4}-/);
    expect(listing).not.toContain(editorKey);
    server = await startServer(storage);
  });
});
