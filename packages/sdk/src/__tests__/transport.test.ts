import { parse } from 'graphql';
import { DatelineError, isDatelineError } from '../core/errors.ts';
import { createTransport, type TransportOptions } from '../core/transport.ts';
import { ErrorCode } from '../generated/error-codes.ts';
import { hangUp, json, silence, startScriptedServer, type ScriptedServer } from './http-server.ts';

const query = parse('query things($n: Int) { things(n: $n) }');
const mutation = parse('mutation createThing($name: String!) { createThing(name: $name) }');
const ok = json(200, { data: { things: [1, 2] } });
const fast = { baseDelayMs: 1, maxDelayMs: 1 };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function transport(options: Partial<TransportOptions> = {}) {
  return createTransport({ url: server.url, ...options });
}

async function failure(promise: Promise<unknown>): Promise<DatelineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isDatelineError(error)) throw new Error(`expected a DatelineError, got ${String(error)}`);
  return error;
}

describe('a request', () => {
  it('posts the operation, its name, variables and the API key, and resolves with data', async () => {
    server.script(ok);
    const data = await transport({ apiKey: 'k-123', headers: { 'x-team': 'desk' } }).request(
      query,
      { n: 2 },
    );
    expect(data).toEqual({ things: [1, 2] });
    const [request] = server.requests;
    expect(request!.headers['authorization']).toBe('Bearer k-123');
    expect(request!.headers['x-team']).toBe('desk');
    expect(request!.body).toEqual({
      query: expect.stringContaining('query things($n: Int)') as string,
      operationName: 'things',
      variables: { n: 2 },
    });
  });

  it('sends no Authorization header without an API key', async () => {
    server.script(ok);
    await transport().request(query);
    expect(server.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('rejects with every error, its code, the partial data and the request id', async () => {
    server.script(
      json(
        200,
        {
          data: { things: [1], other: null },
          errors: [
            { message: 'No such thing', path: ['other'], extensions: { code: 'NOT_FOUND' } },
            { message: 'Bad n', extensions: { code: 'BAD_USER_INPUT', fields: [{ path: ['n'] }] } },
          ],
        },
        { 'x-request-id': 'req-42' },
      ),
    );
    const error = await failure(transport().request(query, { n: 1 }));
    expect(error).toBeInstanceOf(DatelineError);
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.hasCode(ErrorCode.BadUserInput)).toBe(true);
    expect(error.errors.map((item) => [item.code, item.path])).toEqual([
      ['NOT_FOUND', ['other']],
      ['BAD_USER_INPUT', undefined],
    ]);
    expect(error.errors[1]!.extensions['fields']).toEqual([{ path: ['n'] }]);
    expect(error.data).toEqual({ things: [1], other: null });
    expect(error.requestId).toBe('req-42');
    expect(error.status).toBe(200);
    expect(error.message).toContain('No such thing (NOT_FOUND)');
    expect(server.requests).toHaveLength(1);
  });

  it('reports an error page that is not GraphQL as an http error with its status', async () => {
    server.script((response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not here</h1>');
    });
    const error = await failure(transport().request(query));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.code).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries a query after a 5xx and resolves with the data of the retry', async () => {
    server.script(json(503, { errors: [{ message: 'Starting up' }] }), ok);
    const data = await transport({ retries: fast }).request(query);
    expect(data).toEqual({ things: [1, 2] });
    expect(server.requests).toHaveLength(2);
  });

  it('keeps the default retries for policy fields given as undefined', async () => {
    const unavailable = json(503, { errors: [{ message: 'Starting up' }] });
    server.script(unavailable, unavailable, unavailable, ok);
    const policy = { max: undefined, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: undefined };
    const error = await failure(transport({ retries: policy, apiKey: undefined }).request(query));
    expect(error.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('retries a query after the connection drops', async () => {
    server.script(hangUp, ok);
    await expect(transport({ retries: fast }).request(query)).resolves.toEqual({ things: [1, 2] });
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a mutation, whatever failed', async () => {
    server.script(json(503, { errors: [{ message: 'Unavailable' }] }));
    const unavailable = await failure(
      transport({ retries: { ...fast, max: 5 } }).request(mutation, { name: 'x' }),
    );
    expect(unavailable.status).toBe(503);
    expect(server.requests).toHaveLength(1);

    server.script(hangUp);
    const dropped = await failure(transport({ retries: 5 }).request(mutation, { name: 'x' }));
    expect(dropped.kind).toBe('network');
    expect(dropped.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a request the server rejected as invalid', async () => {
    server.script(
      json(400, { errors: [{ message: 'Bad', extensions: { code: 'BAD_USER_INPUT' } }] }),
    );
    const error = await failure(transport({ retries: fast }).request(query));
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the configured retries and says how many attempts it made', async () => {
    server.script(json(500, { errors: [{ message: 'Down' }] }));
    const error = await failure(transport({ retries: { ...fast, max: 3 } }).request(query));
    expect(error.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  it('backs off longer before each further retry', async () => {
    server.script(json(502, {}), json(502, {}), json(502, {}), ok);
    await transport({ retries: { max: 3, baseDelayMs: 80 } }).request(query);
    const gaps = server.requests.slice(1).map((request, i) => request.at - server.requests[i]!.at);
    // Each wait is between half and all of 80, 160, 320 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(155);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  it('waits as long as RATE_LIMITED says in retryAfterSeconds before retrying', async () => {
    server.script(
      json(200, {
        data: null,
        errors: [
          { message: 'Slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } },
        ],
      }),
      ok,
    );
    const started = Date.now();
    await transport({ retries: fast }).request(query);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - started).toBeGreaterThanOrEqual(950);
  });

  it('honours a Retry-After header on a 429', async () => {
    server.script(json(429, { errors: [{ message: 'Too many' }] }, { 'retry-after': '1' }), ok);
    const started = Date.now();
    await transport({ retries: fast }).request(query);
    expect(server.requests[1]!.at - started).toBeGreaterThanOrEqual(950);
  });

  it('waits as long as Retry-After says before retrying a query the server answered 503 SERVICE_UNAVAILABLE', async () => {
    server.script(
      json(
        503,
        {
          errors: [
            { message: 'The database is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } },
          ],
        },
        { 'retry-after': '1' },
      ),
      ok,
    );
    const started = Date.now();
    await expect(transport({ retries: fast }).request(query)).resolves.toEqual({ things: [1, 2] });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - started).toBeGreaterThanOrEqual(950);
  });

  it('retries SERVICE_UNAVAILABLE after its retryAfterSeconds even when a proxy turned the status into 200', async () => {
    server.script(
      json(200, {
        data: null,
        errors: [
          {
            message: 'The database is unavailable',
            extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
          },
        ],
      }),
      ok,
    );
    const started = Date.now();
    await transport({ retries: fast }).request(query);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - started).toBeGreaterThanOrEqual(950);
  });

  it('never retries a mutation the server answered SERVICE_UNAVAILABLE: it may have been applied', async () => {
    server.script(
      json(
        503,
        {
          errors: [
            { message: 'The database is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } },
          ],
        },
        { 'retry-after': '1' },
      ),
    );
    const error = await failure(
      transport({ retries: { ...fast, max: 5 } }).request(mutation, { name: 'x' }),
    );
    expect(error.code).toBe(ErrorCode.ServiceUnavailable);
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('fails at once when the server asks for a longer wait than the client accepts', async () => {
    server.script(
      json(429, {
        errors: [
          { message: 'Budget spent', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 120 } },
        ],
      }),
    );
    const error = await failure(transport().request(query));
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(error.retryAfterSeconds).toBe(120);
    expect(error.attempts).toBe(1);
  });

  it('can be turned off for one call', async () => {
    server.script(json(503, {}));
    await failure(transport({ retries: 3 }).request(query, undefined, { retries: 0 }));
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts and cancellation', () => {
  it('fails a request that gets no answer within timeoutMs', async () => {
    server.script(silence);
    const started = Date.now();
    const error = await failure(transport({ timeoutMs: 100, retries: 0 }).request(query));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries a query that timed out', async () => {
    server.script(silence, ok);
    await expect(transport({ timeoutMs: 100, retries: fast }).request(query)).resolves.toEqual({
      things: [1, 2],
    });
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with the signal’s reason as soon as the caller aborts a request in flight', async () => {
    server.script(silence);
    const controller = new AbortController();
    const pending = transport({ retries: 3 }).request(query, undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('stops waiting between retries when the caller aborts', async () => {
    server.script(json(503, {}));
    const started = Date.now();
    const pending = transport({ retries: { max: 3, baseDelayMs: 10_000 } }).request(
      query,
      undefined,
      { signal: AbortSignal.timeout(200) },
    );
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('does not send anything when the signal is already aborted', async () => {
    server.script(ok);
    const pending = transport().request(query, undefined, { signal: AbortSignal.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });
});
