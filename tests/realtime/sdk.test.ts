import { createServer } from 'node:net';
import { createClient, DatelineError, type Client } from '@dateline/sdk';
import WebSocket from 'ws';
import { createKey } from '../testkit/cli';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;
let port: string;

/** A port free now, so a restarted server comes back where clients reconnect to. */
function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(String(address.port)));
    });
  });
}

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  storage = await createStorage();
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  port = await freePort();
  server = await startServer(storage, { PORT: port });
}, 180_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

function client(): Client {
  return createClient({
    url: server.url,
    apiKey: editorKey,
    retries: 0,
    webSocketImpl: WebSocket,
    maxRetryWaitMs: 1_000,
  });
}

let serial = 0;
/**
 * Stores articles until the iterator yields one: a subscription opens asynchronously, so the
 * first writes may come before the server has taken it.
 */
async function firstArticle(
  writer: Client,
  events: AsyncIterableIterator<{ articleCreated: { headline: string } }>,
): Promise<{ headline: string; written: string[] }> {
  const written: string[] = [];
  const next = events.next();
  let received: IteratorResult<{ articleCreated: { headline: string } }> | undefined;
  void next.then((result) => (received = result));
  while (!received) {
    serial += 1;
    const headline = `Pier ${serial} reopens`;
    written.push(headline);
    await writer.createArticle({
      input: {
        headline,
        body: `Pier ${serial} reopened on Monday after repairs.`,
        publishedAt: '2024-04-02T08:00:00Z',
      },
    });
    await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 300))]);
  }
  if (received.done) throw new Error('the subscription ended');
  return { headline: received.value.articleCreated.headline, written };
}

describe('SDK subscriptions', () => {
  it('client.subscribe.articleCreated yields typed events, and resubscribes after the server restarts', async () => {
    const sdk = client();
    try {
      const events = sdk.subscribe.articleCreated();
      const first = await firstArticle(sdk, events);
      expect(first.written).toContain(first.headline);

      await server.stop();
      server = await startServer(storage, { PORT: port });
      const afterRestart = await firstArticle(sdk, events);
      expect(afterRestart.written).toContain(afterRestart.headline);
      await events.return?.();
    } finally {
      await sdk.close();
    }
  });

  it('a refused subscription throws a DatelineError with the code', async () => {
    const sdk = client();
    try {
      const events = sdk.subscribe.deadlineComingDue({ withinDays: 1000 });
      const error = await events.next().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DatelineError);
      expect((error as DatelineError).code).toBe('BAD_USER_INPUT');
    } finally {
      await sdk.close();
    }
  });
});
