import { createKey } from '../testkit/cli';
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

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  storage = await createStorage();
  readerKey = await createKey(storage, 'reader', 'dashboard');
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
});
