import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';
import { subscribe, type Subscriber } from '../testkit/subscriptions';

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;
const open: Subscriber<unknown>[] = [];

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  storage = await createStorage();
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  server = await startServer(storage);
}, 180_000);
afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await server.stop();
  await storage.dispose();
});

async function listen<T>(query: string, variables: Record<string, unknown> = {}, params = {}) {
  const subscriber = await subscribe<T>(server.url, query, variables, params);
  open.push(subscriber);
  return subscriber;
}

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { created article { id } }
}`;

let serial = 0;
function article(overrides: Record<string, unknown> = {}) {
  serial += 1;
  const body = `Harbour board meeting number ${serial}: the board gave Coastline Shipping until 1 May to clear the quay. "We will be out in time," a Coastline spokesperson said.`;
  return {
    headline: `Quay deadline ${serial}`,
    body,
    publishedAt: '2024-04-02T08:00:00Z',
    mentions: [{ entity: { name: 'Coastline Shipping', kind: 'ORGANIZATION' } }],
    ...overrides,
  };
}

async function createArticle(input: Record<string, unknown>) {
  return post<{ createArticle: { created: boolean; article: { id: string } } }>(
    server.url,
    CREATE,
    { input },
    { authorization: `Bearer ${editorKey}` },
  );
}

describe('subscriptions over WebSocket', () => {
  it('a stored article reaches an articleCreated subscriber, and its quote and deadline their own subscribers', async () => {
    const articles = await listen<{ articleCreated: { id: string; headline: string } }>(
      'subscription { articleCreated { id headline } }',
    );
    const quotes = await listen<{ quoteCreated: { text: string; speaker: { name: string } } }>(
      'subscription { quoteCreated(channels: [STATEMENT]) { text speaker { name } } }',
    );
    const deadlines = await listen<{
      deadlineChanged: { created: boolean; deadline: { description: string; status: string } };
    }>(
      'subscription { deadlineChanged(statuses: [PENDING]) { created deadline { description status } } }',
    );
    const input = article({
      quotes: [
        {
          text: 'We will be out in time,',
          direct: true,
          speaker: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
          channel: 'STATEMENT',
        },
      ],
      deadlines: [
        {
          description: 'Coastline Shipping must clear the quay',
          dueOn: '2024-05-01',
          subject: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
        },
      ],
    });
    const created = await createArticle(input);
    expect(created.body.errors).toBeUndefined();

    const [first] = await articles.waitFor(1);
    expect(first?.data?.articleCreated).toEqual({
      id: created.body.data?.createArticle.article.id,
      headline: input.headline,
    });
    expect((await quotes.waitFor(1))[0]?.data?.quoteCreated).toEqual({
      text: 'We will be out in time,',
      speaker: { name: 'Coastline Shipping' },
    });
    expect((await deadlines.waitFor(1))[0]?.data?.deadlineChanged).toEqual({
      created: true,
      deadline: { description: 'Coastline Shipping must clear the quay', status: 'PENDING' },
    });
  });

  it('a write refused with BAD_USER_INPUT sends nothing: the next event a subscriber sees is the next committed write', async () => {
    const subscriber = await listen<{ articleCreated: { headline: string } }>(
      'subscription { articleCreated { headline } }',
    );
    const refused = await createArticle(
      article({
        headline: 'Refused',
        quotes: [{ text: 'words that are not in the body', direct: true }],
      }),
    );
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const committed = article({ headline: 'Committed after the refusal' });
    await createArticle(committed);
    await subscriber.waitFor(1);
    expect(subscriber.received.map((result) => result.data?.articleCreated.headline)).toEqual([
      'Committed after the refusal',
    ]);
  });

  it('ten concurrent writes reach a subscriber exactly once each, and the same article sent twice once', async () => {
    const subscriber = await listen<{ articleCreated: { headline: string } }>(
      'subscription { articleCreated { headline } }',
    );
    const inputs = Array.from({ length: 10 }, () => article());
    // Each article twice: the second is idempotent (created: false) and must not be announced.
    await Promise.all([...inputs, ...inputs].map((input) => createArticle(input)));
    const marker = article({ headline: 'After the burst' });
    await createArticle(marker);
    await subscriber.waitFor(11);
    const headlines = subscriber.received.map((result) => result.data?.articleCreated.headline);
    expect(headlines.slice(0, 10).sort()).toEqual(inputs.map((input) => input.headline).sort());
    expect(headlines[10]).toBe('After the burst');
    expect(headlines).toHaveLength(11);
  });

  it('filters keep only the articles mentioning an entity or matching a search', async () => {
    const entities = await post<{ entities: { nodes: { id: string }[] } }>(
      server.url,
      '{ entities(search: "Coastline Shipping", first: 1) { nodes { id } } }',
    );
    const coastline = entities.body.data?.entities.nodes[0]?.id as string;
    const mentioning = await listen<{ articleCreated: { headline: string } }>(
      'subscription ($entity: ID) { articleCreated(mentioning: $entity) { headline } }',
      { entity: coastline },
    );
    const searching = await listen<{ articleCreated: { headline: string } }>(
      'subscription { articleCreated(search: "ferry strike") { headline } }',
    );
    await createArticle(
      article({
        headline: 'Ferry strike called off',
        body: 'The ferry strike planned for Monday was called off after talks.',
        mentions: [],
      }),
    );
    await createArticle(article({ headline: 'Coastline again' }));
    await mentioning.waitFor(1);
    await searching.waitFor(1);
    expect(mentioning.received.map((result) => result.data?.articleCreated.headline)).toEqual([
      'Coastline again',
    ]);
    expect(searching.received.map((result) => result.data?.articleCreated.headline)).toEqual([
      'Ferry strike called off',
    ]);
  });

  it('an invalid argument, a too-deep selection or a query over WebSocket is refused with its code', async () => {
    const invalidId = await listen('subscription { articleCreated(mentioning: "nope") { id } }');
    await invalidId.waitFor(1);
    expect(invalidId.received[0]?.errors?.[0]?.extensions?.['code']).toBe('INVALID_ID');

    const deep = await listen(
      `subscription { articleCreated { entities { edges { node { quotes { nodes { article {
        entities { edges { node { quotes { nodes { article { id } } } } } } } } } } } } } }`,
    );
    await deep.waitFor(1);
    expect(deep.received[0]?.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_DEEP');

    const query = await listen('{ articles(first: 1) { totalCount } }');
    await query.waitFor(1);
    expect(query.received[0]?.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('a connection with an unknown API key is closed with 4403 and UNAUTHENTICATED', async () => {
    const subscriber = await listen(
      'subscription { articleCreated { id } }',
      {},
      { authorization: 'Bearer dl_not-a-key' },
    );
    const closed = await subscriber.waitForClose();
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: /);
  });
});
