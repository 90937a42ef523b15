// POST /graphql straight from node:http to Apollo Server's executeHTTPGraphQLRequest, without the
// Express stack: the hot path of every client. It does what the Express route does for such a
// request (request log and id, CORS headers, the JSON body within its size limit, the same
// GraphQL-shaped errors for a body that is too large or not JSON, a weak ETag on the response)
// and leaves every other request to Express: other methods and paths, other media types,
// compressed bodies, and all requests when tracing or a trusted proxy is configured (Express
// resolves the client's address through the proxy; tracing wraps the request).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A request after pino-http has seen it: its id and its logger. */
export type LoggedRequest = IncomingMessage & {
  id: unknown;
  log: { error(object: object, message: string): void };
};

export interface GraphqlHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  maxBodyBytes: number;
  /** pino-http's handler: sets `req.id` and `req.log` and logs the response. */
  logRequest(request: IncomingMessage, response: ServerResponse): void;
  /** The CORS middleware: answers with the CORS headers, then calls `next`. */
  cors(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void;
  context(request: LoggedRequest): Promise<TContext>;
  /** Called with the request's context once its response is written. */
  afterResponse(context: TContext): void;
  /** The body for a request whose body never reached GraphQL (413, 400, 500). */
  bodyError(status: number): object;
}

class BodyError extends Error {
  constructor(readonly status: number) {
    super(`request body refused (${status})`);
  }
}

/** The weak ETag Express gives a response body (etag package: size and SHA-1). */
export function weakEtag(body: string | Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) {
    request.resume();
    return Promise.reject(new BodyError(413));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyError(413));
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => {
      failed = true;
      reject(new BodyError(400));
    });
    request.on('end', () => {
      if (failed) return;
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      // As express.json: an empty body is {}, and only an object or an array is JSON here.
      if (text.trim() === '') return resolve({});
      const first = /^\s*(.)/.exec(text)?.[1];
      if (first !== '{' && first !== '[') return reject(new BodyError(400));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError(400));
      }
    });
  });
}

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * A node:http handler for POST /graphql with a JSON body; returns false, without touching the
 * request, for anything it leaves to Express.
 */
export function graphqlHandler<TContext extends BaseContext>(
  options: GraphqlHandlerOptions<TContext>,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const send = (response: ServerResponse, status: number, body: string): void => {
    response.statusCode = status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('content-length', Buffer.byteLength(body, 'utf8'));
    response.setHeader('etag', weakEtag(body));
    response.end(body);
  };

  const handle = async (
    request: LoggedRequest,
    response: ServerResponse,
    search: string,
  ): Promise<void> => {
    let body: unknown;
    try {
      body = await readJson(request, options.maxBodyBytes);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      send(response, status, JSON.stringify(options.bodyError(status)));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let context: TContext | undefined;
    const answer = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search, body },
      context: async () => (context = await options.context(request)),
    });
    for (const [key, value] of answer.headers) response.setHeader(key, value);
    const status = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      // Encoded once, for its length, its ETag and the socket alike.
      const bytes = Buffer.from(answer.body.string, 'utf8');
      response.statusCode = status;
      response.setHeader('content-length', bytes.length);
      response.setHeader('etag', weakEtag(bytes));
      response.end(bytes);
    } else {
      response.statusCode = status;
      for await (const chunk of answer.body.asyncIterator) response.write(chunk);
      response.end();
    }
    if (context) options.afterResponse(context);
  };

  return (request, response) => {
    if (request.method !== 'POST') return false;
    const url = request.url ?? '';
    const query = url.indexOf('?');
    if ((query === -1 ? url : url.slice(0, query)) !== '/graphql') return false;
    const type = request.headers['content-type'];
    if (!type || !JSON_TYPE.test(type) || request.headers['content-encoding'] !== undefined) {
      return false;
    }
    options.logRequest(request, response);
    const logged = request as LoggedRequest;
    options.cors(request, response, () => {
      handle(logged, response, query === -1 ? '' : url.slice(query)).catch((error: unknown) => {
        logged.log.error({ err: error }, 'request failed');
        if (!response.headersSent) send(response, 500, JSON.stringify(options.bodyError(500)));
        else response.destroy();
      });
    });
    return true;
  };
}
