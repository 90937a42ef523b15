import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serverForSuite } from '../testkit/server';
import { subscribe, webSocketUrl } from '../testkit/subscriptions';

const server = serverForSuite({
  DATELINE_WS_SUBSCRIPTIONS_PER_CONNECTION: '2',
  DATELINE_WS_IDLE_TIMEOUT_MS: '1000',
  DATELINE_MAX_BODY_BYTES: '2048',
});

const QUERY = 'subscription { entityMerged { mergedId } }';

function connect(): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let resolve: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((done) => (resolve = done));
  const client = createClient({
    url: webSocketUrl(server().url),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed };
}

describe('WebSocket limits', () => {
  it('a third subscription on a connection that allows two is refused with TOO_MANY_SUBSCRIPTIONS', async () => {
    const { client } = connect();
    const errors: unknown[] = [];
    const sink = {
      next: () => undefined,
      error: (error: unknown) => errors.push(error),
      complete: () => undefined,
    };
    client.subscribe({ query: QUERY }, sink);
    client.subscribe({ query: QUERY }, sink);
    client.subscribe({ query: QUERY }, sink);
    const deadline = Date.now() + 30_000;
    while (errors.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.dispose();
    expect(errors).toHaveLength(1);
    const [refusal] = errors[0] as { extensions?: { code?: string } }[];
    expect(refusal?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
  });

  it('a connection without subscriptions is closed after the idle timeout with 4408', async () => {
    const { client, closed } = connect();
    const { code } = await closed;
    await client.dispose();
    expect(code).toBe(4408);
  });

  it('a message over the size limit closes the connection with 1009', async () => {
    const subscriber = await subscribe(
      server().url,
      `subscription { entityMerged { mergedId ${' '.repeat(4000)} } }`,
    );
    const { code } = await subscriber.waitForClose();
    await subscriber.close();
    expect(code).toBe(1009);
  });

  it('a server shutting down closes open subscriptions with 1001 (going away)', async () => {
    const subscriber = await subscribe(server().url, QUERY);
    expect(subscriber.closed).toBeUndefined();
    await server().stop();
    const { code } = await subscriber.waitForClose();
    await subscriber.close();
    expect(code).toBe(1001);
  });
});
