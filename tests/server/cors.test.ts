import { serverForSuite } from '../testkit/server';

const APP = 'https://newsroom.example';
const configured = serverForSuite({ DATELINE_CORS_ORIGINS: `${APP}, https://other.example` });
const unconfigured = serverForSuite();

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, x-request-id',
    },
  });
}

const listed = (value: string | null): string[] =>
  (value ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('browsers on another origin', () => {
  it('get their preflight answered when the origin is allowed', async () => {
    const response = await preflight(configured().url, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(listed(response.headers.get('access-control-allow-methods'))).toContain('post');
    expect(listed(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-request-id']),
    );
  });

  it('may read the request id and rate-limit headers of the answer', async () => {
    const response = await fetch(configured().url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(listed(response.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining(['x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset']),
    );
  });

  it('get no CORS permission from an origin that is not listed', async () => {
    const response = await preflight(configured().url, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('get no CORS permission from a server with no origins configured', async () => {
    const response = await preflight(unconfigured().url, APP);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot slip a request past CSRF prevention without a preflight', async () => {
    const post = await fetch(configured().url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { __typename }' }),
    });
    expect(post.status).toBe(400);
    expect(await post.text()).toMatch(/CSRF/);
    const get = await fetch(`${configured().url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: APP },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
  });
});
