// The Groonga HTTP client's connections. Groonga's own server closes every connection after its
// answer; groonga-httpd keeps them open and closes idle ones on its own schedule. Neither can be
// told to close a connection at a chosen moment, so a small HTTP server in Groonga's answer format
// stands in for it here (the boundary is Groonga's HTTP protocol, which Dateline does not own).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GroongaClient, SearchUnavailableError } from '../groonga-index';

interface StandIn {
  url: string;
  /** Requests answered, and connections opened. */
  answered: number;
  connections: number;
  /** When set, the next request that arrives on a reused connection is cut off unanswered. */
  cutNextReuse: boolean;
  close(): Promise<void>;
}

async function standIn(): Promise<StandIn> {
  const requestsOn = new WeakMap<object, number>();
  const state = { answered: 0, connections: 0, cutNextReuse: false };
  const server = http.createServer({ keepAlive: true }, (request, response) => {
    const socket = request.socket;
    const seen = (requestsOn.get(socket) ?? 0) + 1;
    requestsOn.set(socket, seen);
    if (seen > 1 && state.cutNextReuse) {
      state.cutNextReuse = false;
      socket.destroy();
      return;
    }
    state.answered += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify([[0, 0, 0], { path: request.url }]));
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

describe('the Groonga client', () => {
  let server: StandIn;

  beforeEach(async () => {
    server = await standIn();
  });

  afterEach(async () => {
    await server.close();
  });

  it('sends commands one after another over one kept-alive connection', async () => {
    const client = new GroongaClient(server.url, 5_000);
    const answers: unknown[] = [];
    for (const table of ['a', 'b', 'c']) {
      answers.push(await client.command('select', { table }));
    }
    expect(answers).toEqual([
      { path: '/d/select?table=a' },
      { path: '/d/select?table=b' },
      { path: '/d/select?table=c' },
    ]);
    expect(server.connections).toBe(1);
  });

  it('sends a command again on a new connection when the kept-alive one was closed unanswered', async () => {
    const client = new GroongaClient(server.url, 5_000);
    await client.command('status', {});
    server.cutNextReuse = true;
    await expect(client.command('select', { table: 'a' })).resolves.toEqual({
      path: '/d/select?table=a',
    });
    expect(server.cutNextReuse).toBe(false);
    expect(server.answered).toBe(2);
    expect(server.connections).toBe(2);
  });

  it('answers SEARCH_UNAVAILABLE when nothing listens', async () => {
    await server.close();
    const client = new GroongaClient(server.url, 5_000);
    const failure = await client.command('status', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SearchUnavailableError);
    expect((failure as SearchUnavailableError).code).toBe('SEARCH_UNAVAILABLE');
  });
});
