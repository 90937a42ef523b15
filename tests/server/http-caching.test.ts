import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  STARTUP_TIMEOUT_MS,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let running: ServerProcess;
let readerKey: string;
const server = (): ServerProcess => running;

beforeAll(async () => {
  storage = await createStorage();
  running = await startServer(storage, { DATELINE_RATE_LIMIT: '100000' });
  readerKey = await createKey(storage, 'reader', 'cache test');
}, STARTUP_TIMEOUT_MS + 60_000);
afterAll(async () => {
  await running.stop();
  await storage.dispose();
});

const QUERY = '{ articles(first: 3) { totalCount nodes { headline } } }';

/** A query over GET, as a cache or a browser sends it (the header passes CSRF prevention). */
function get(query: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(server().url);
  url.searchParams.set('query', query);
  return fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

describe('HTTP caching of GraphQL responses', () => {
  it('gives identical data the same ETag, and 304 to a client that has it', async () => {
    const first = await get(QUERY);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // The rate-limit budget changed in between; the data did not.
    const second = await get(QUERY);
    expect(second.headers.get('etag')).toBe(etag);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBeLessThan(
      Number(first.headers.get('x-ratelimit-remaining')),
    );

    // A browser revalidating sends max-age=0 (fetch would otherwise add no-cache, which asks the
    // server for a full answer).
    const revalidated = await get(QUERY, { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('lets a client keep an anonymous read but revalidate it', async () => {
    const response = await get(QUERY);
    expect(response.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(response.headers.get('vary')).toContain('authorization');
  });

  it('forbids storing mutations and failed requests', async () => {
    const mutation = await post(
      server().url,
      'mutation { deleteArticle(input: { id: "nope" }) { deletedId } }',
    );
    expect(mutation.headers.get('cache-control')).toBe('no-store');
    const failed = await post(server().url, '{ articles { nope } }');
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });

  it('answers concurrent POSTs of a page with child pages in full, with the same ETag', async () => {
    // Each request's rows and result are dropped once its response is written: none may be
    // dropped before, whatever the other requests in flight.
    const feed = `{ articles(first: 5) { nodes { id headline publishedAt source { name }
      entities(first: 3) { nodes { id name kind } } quotes(first: 2) { nodes { id text speaker { name } } } } } }`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(server().url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: feed }),
        }),
      ),
    );
    const bodies = await Promise.all(responses.map((response) => response.text()));
    const data = (JSON.parse(bodies[0]!) as { data: { articles: { nodes: unknown[] } } }).data;
    expect(data.articles.nodes.length).toBeGreaterThan(0);
    for (const [index, response] of responses.entries()) {
      expect(response.status).toBe(200);
      expect(bodies[index]).toBe(bodies[0]);
      expect(response.headers.get('etag')).toBe(responses[0]!.headers.get('etag'));
    }
  });

  it('forbids storing a response made for an API key', async () => {
    const { url } = server();
    const response = await post(url, QUERY, undefined, { authorization: `Bearer ${readerKey}` });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
