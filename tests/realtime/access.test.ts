import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';
import { subscribe } from '../testkit/subscriptions';

let storage: ServerStorage;
let server: ServerProcess;
let readerKey: string;
let editorKey: string;

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  storage = await createStorage();
  readerKey = await createKey(storage, 'reader', 'dashboard');
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  // A server that answers only callers with an API key.
  server = await startServer(storage, { DATELINE_ANONYMOUS_READS: 'false' });
}, 180_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

const QUERY = 'subscription { entityMerged { mergedId } }';

describe('who may subscribe', () => {
  it('without an API key, a server that needs one closes the connection with 4403 and UNAUTHENTICATED', async () => {
    const subscriber = await subscribe(server.url, QUERY);
    const closed = await subscriber.waitForClose();
    await subscriber.close();
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: This server needs an API key/);
  });

  it('a reader key in connection_init, as apiKey or as the HTTP headers that carry it (any case), may subscribe', async () => {
    for (const params of [
      { apiKey: readerKey },
      { authorization: `Bearer ${readerKey}` },
      // What GraphiQL sends: its Headers pane, as typed.
      { Authorization: `Bearer ${readerKey}` },
      { 'X-API-Key': readerKey },
    ]) {
      const subscriber = await subscribe(server.url, QUERY, {}, params);
      expect(subscriber.closed).toBeUndefined();
      expect(subscriber.received).toEqual([]);
      await subscriber.close();
    }
  });

  it('subscribers sharing a shape and one with another role each get the event once, under their own operation; one without a key is refused', async () => {
    const query = 'subscription { articleCreated { headline source { name } } }';
    type Payload = { articleCreated: { headline: string; source: { name: string } | null } };
    const readers = [
      await subscribe<Payload>(server.url, query, {}, { apiKey: readerKey }),
      await subscribe<Payload>(server.url, query, {}, { apiKey: readerKey }),
    ];
    const editor = await subscribe<Payload>(server.url, query, {}, { apiKey: editorKey });
    const roleless = await subscribe<Payload>(server.url, query);
    try {
      expect((await roleless.waitForClose()).code).toBe(4403);
      const written = await post<{ createArticle: { created: boolean } }>(
        server.url,
        `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }`,
        {
          input: {
            headline: 'Ferry timetable restored',
            body: 'The ferry timetable was restored on Monday, the harbour office said.',
            publishedAt: '2024-04-02T08:00:00Z',
            source: { name: 'Harbour Gazette', kind: 'ORGANIZATION' },
          },
        },
        { authorization: `Bearer ${editorKey}` },
      );
      expect(written.body.errors).toBeUndefined();
      const expected = {
        data: {
          articleCreated: {
            headline: 'Ferry timetable restored',
            source: { name: 'Harbour Gazette' },
          },
        },
      };
      for (const subscriber of [...readers, editor]) {
        expect(await subscriber.waitFor(1)).toEqual([expected]);
      }
      // Nothing more arrives: each got the event once.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const subscriber of [...readers, editor]) expect(subscriber.received).toHaveLength(1);
      expect(roleless.received).toEqual([]);
    } finally {
      for (const subscriber of [...readers, editor, roleless]) await subscriber.close();
    }
  });
});
