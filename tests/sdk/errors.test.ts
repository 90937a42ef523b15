import { createServer } from 'node:net';
import { parse } from 'graphql';
import { DatelineError, ErrorCode, type Client } from '@dateline/sdk';
import { clientFor, countingFetch } from '../testkit/sdk';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let client: Client;

beforeAll(async () => {
  storage = await createStorage();
  server = await startServer(storage);
  client = clientFor(server);
});
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

async function failure(promise: Promise<unknown>): Promise<DatelineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DatelineError))
    throw new Error(`expected a DatelineError: ${String(error)}`);
  return error;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('errors through the SDK', () => {
  it('reports a malformed ID as INVALID_ID, with the partial data and the request id', async () => {
    const error = await failure(client.entity({ id: '%%%' }));
    expect(error.kind).toBe('graphql');
    expect(error.code === ErrorCode.InvalidId).toBe(true);
    expect(error.data).toEqual({ entity: null });
    expect(error.errors[0]!.path).toEqual(['entity']);
    expect(error.errors[0]!.extensions['fields']).toEqual([
      expect.objectContaining({ path: ['id'] }),
    ]);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.operationName).toBe('entity');
  });

  it('reports a page size over 100 as BAD_USER_INPUT naming the argument', async () => {
    const error = await failure(client.articles({ first: 1000 }));
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.errors[0]!.extensions['fields']).toEqual([
      expect.objectContaining({ path: ['first'] }),
    ]);
  });

  it('reports a cursor the API never issued as INVALID_CURSOR', async () => {
    const error = await failure(client.quotes({ after: 'nope' }));
    expect(error.code).toBe(ErrorCode.InvalidCursor);
  });

  it('reports an impossible date as BAD_USER_INPUT with HTTP 400, and does not retry it', async () => {
    const counter = countingFetch();
    const retrying = clientFor(server, { fetch: counter.fetch, retries: 3 });
    const error = await failure(retrying.quotes({ saidFrom: '2020-02-30' }));
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.status).toBe(400);
    expect(error.data).toBeNull();
    expect(counter.count()).toBe(1);
  });

  it('reports a NUL character and a year-0 date as BAD_USER_INPUT naming the argument', async () => {
    const nul = await failure(client.entities({ search: 'Mos\u0000eri' }));
    const early = await failure(client.quotes({ saidFrom: '0000-06-01' }));
    for (const [error, argument] of [
      [nul, 'search'],
      [early, 'saidFrom'],
    ] as const) {
      expect(error.code).toBe(ErrorCode.BadUserInput);
      expect(error.status).toBe(400);
      expect(error.errors[0]!.extensions['fields']).toEqual([
        expect.objectContaining({ path: [argument] }),
      ]);
    }
  });

  it('reports request errors with their code when it asks for application/json only (HTTP 200)', async () => {
    const legacy = clientFor(server, { headers: { accept: 'application/json' } });
    const error = await failure(legacy.quotes({ saidFrom: '2020-02-30' }));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.status).toBe(200);
    const invalid = await failure(legacy.request(parse('query colours { articles { colour } }')));
    expect(invalid.code).toBe(ErrorCode.GraphqlValidationFailed);
    expect(invalid.status).toBe(200);
  });

  it('reports a document the schema does not allow as GRAPHQL_VALIDATION_FAILED', async () => {
    const error = await failure(client.request(parse('query colours { articles { colour } }')));
    expect(error.code).toBe(ErrorCode.GraphqlValidationFailed);
    expect(error.message).toContain('colour');
  });

  it('reports a URL that is not the GraphQL endpoint as an http error with its status', async () => {
    const lost = clientFor(server, { url: `${server.origin}/nowhere` });
    const error = await failure(lost.articles());
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.code).toBeUndefined();
  });

  it('retries a server that does not answer, then reports a network error', async () => {
    const down = clientFor(server, {
      url: `http://127.0.0.1:${await closedPort()}/graphql`,
      retries: { max: 2, baseDelayMs: 10 },
    });
    const error = await failure(down.articles());
    expect(error.kind).toBe('network');
    expect(error.attempts).toBe(3);
  });
});
