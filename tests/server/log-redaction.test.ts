import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  runSql,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let key: string;

beforeAll(async () => {
  storage = await createStorage();
  key = await createKey(storage, 'editor', 'log reader');
  server = await startServer(storage, { LOG_LEVEL: 'info' });
}, 120_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

/** Waits until the log has a line for each request id. */
async function logFor(...requestIds: string[]): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const output = server.output();
    if (requestIds.every((id) => output.includes(id))) return output;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no log line for ${requestIds.join(', ')}:\n${server.output()}`);
}

/** Every eight-character piece of the key's secret part that appears in `text`. */
function piecesOfKey(text: string): string[] {
  const secret = key.slice('dl_'.length);
  const pieces: string[] = [];
  for (let start = 0; start + 8 <= secret.length; start++) {
    const piece = secret.slice(start, start + 8);
    if (text.includes(piece)) pieces.push(piece);
  }
  return pieces;
}

describe('the request log', () => {
  it('logs requests made with an API key without any part of the key', async () => {
    const accepted = await post(server.url, '{ articles { totalCount } }', undefined, {
      authorization: `Bearer ${key}`,
      'x-request-id': 'with-bearer-key',
    });
    expect(accepted.status).toBe(200);
    const wrongKey = await post(server.url, '{ articles { totalCount } }', undefined, {
      'x-api-key': `${key}x`,
      cookie: `session=${key}`,
      'proxy-authorization': `Bearer ${key}`,
      'x-request-id': 'with-wrong-key',
    });
    expect(wrongKey.status).toBe(401);
    // A key in the URL and in a query whose failure is logged with its parameters: with the
    // search column renamed under the running server, the search statement fails in PostgreSQL.
    await runSql(storage, 'alter table articles rename column search to search_vector');
    const inUrl = await fetch(`${server.url}?api_key=${key}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        'x-request-id': 'with-key-in-url',
      },
      body: JSON.stringify({
        query: 'query ($q: String) { articles(search: $q) { totalCount } }',
        variables: { q: key },
      }),
    });
    await inUrl.text();

    const log = await logFor('with-bearer-key', 'with-wrong-key', 'with-key-in-url');
    expect(log).toContain('"url":"/graphql"');
    expect(log).toContain('"method":"POST"');
    expect(log).toContain('/graphql?api_key=');
    expect(log).toContain('unexpected error');
    expect(piecesOfKey(log)).toEqual([]);
  });

  it('writes one line per request with who asked for what and how it went, and no headers', async () => {
    const answered = await post(server.url, '{ articles { totalCount } }', undefined, {
      authorization: `Bearer ${key}`,
      'user-agent': 'log-reader/1.0',
      'x-request-id': 'one-line-per-request',
    });
    expect(answered.status).toBe(200);
    const log = await logFor('one-line-per-request');
    const lines = log
      .split('\n')
      .filter((line) => line.includes('"one-line-per-request"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: 'one-line-per-request', method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]?.['responseTime']).toBe('number');
    expect(Object.keys(lines[0]?.['req'] as object).sort()).toEqual([
      'id',
      'method',
      'remoteAddress',
      'url',
    ]);
    expect(JSON.stringify(lines[0])).not.toContain('log-reader/1.0');
  });
});
