// The HTTP server: GraphQL at /graphql, liveness at /health, readiness at /ready. Knows nothing of
// tables or resolvers; it gets a built container and a database handle.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { authenticate } from './access/authentication';
import { limitsPlugin, type Limits } from './access/limits.plugin';
import { compiledExecution } from './graphql/compiled-execution';
import { graphqlHandler } from './graphql/http-handler';
import { httpCachingPlugin } from './graphql/http-caching.plugin';
import { mediaTypeStatusPlugin } from './graphql/media-type-status.plugin';
import { startRealtime, type RealtimeOptions } from './realtime/realtime';
import type { Container } from './container';
import type { DatabaseHandle } from './db/client';
import { isDatabaseUnavailable } from './db/errors';
import { setUpObservability, type ObservabilitySettings } from './observability/observability';
import { releaseAfterResponse, type RequestContext } from './shared/context';
import { ErrorCode } from './shared/errors';
import { mountWeb } from './web/web.routes';
import { isErrorCode } from '@dateline/schema';

export interface ServerOptions {
  container: Container;
  database: DatabaseHandle;
  logger: Logger;
  production: boolean;
  anonymousReads: boolean;
  limits: Limits;
  maxBodyBytes: number;
  trustProxy: boolean;
  /** Serve the GraphiQL IDE to browsers at GET /graphql (off when omitted). */
  ide?: boolean;
  /** Origins allowed to call /graphql from a browser; `*` for any, none for same-origin only. */
  corsOrigins?: '*' | string[];
  /** Subscriptions over WebSocket, the outbox listener and the coming-due scheduler. */
  realtime: RealtimeOptions;
  /** Metrics at /metrics and OpenTelemetry tracing; both off when omitted. */
  observability?: ObservabilitySettings;
}

/** What pino's request serializer makes of a request, as far as the access log keeps it. */
interface AccessLogRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, then resolves. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

const MASKED_MESSAGE = 'Internal server error. Quote the requestId when reporting it.';

/** Long enough for PostgreSQL to restart or fail over; short enough that clients come back soon. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 3;
const UNAVAILABLE_MESSAGE = `The database is unavailable for a moment. Retry in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s.`;

/**
 * An unreachable database as the client sees it, wherever it was noticed: SERVICE_UNAVAILABLE,
 * answered with HTTP 503 and Retry-After (Apollo takes both from `extensions.http`).
 */
function serviceUnavailable(): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: ErrorCode.ServiceUnavailable,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      http: {
        status: 503,
        headers: new Map([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/**
 * Keeps errors that carry one of our codes, reports a database outage as SERVICE_UNAVAILABLE and
 * masks everything else, so no SQL, stack trace or internal message leaves the server.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GraphQLFormattedError {
  if (isDatabaseUnavailable(error)) {
    const { message, extensions } = serviceUnavailable();
    const { http: _http, ...visible } = extensions;
    return {
      message,
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: visible,
    };
  }
  const code = formatted.extensions?.['code'];
  if (isErrorCode(code) && code !== ErrorCode.InternalServerError) return formatted;
  return {
    message: MASKED_MESSAGE,
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: ErrorCode.InternalServerError },
  };
}

/** Logs unexpected errors with the request id and puts the id on the masked error. */
const requestIdPlugin: ApolloServerPlugin<RequestContext> = {
  requestDidStart: () =>
    Promise.resolve({
      didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          // Errors the compiled executor makes have no extensions object when there are none.
          const extensions = error.extensions as GraphQLError['extensions'] | undefined;
          const code = extensions?.['code'];
          if (isDatabaseUnavailable(error)) {
            contextValue.logger.warn(
              { err: error.originalError ?? error, path: error.path },
              'database unavailable',
            );
          } else if (!isErrorCode(code) || code === ErrorCode.InternalServerError) {
            contextValue.logger.error(
              { err: error.originalError ?? error, path: error.path },
              'unexpected error',
            );
          }
        }
        return Promise.resolve();
      },
      willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return Promise.resolve();
        const errors = response.body.singleResult.errors ?? [];
        // An outage noticed while executing: the whole answer is "retry later", not a bug.
        if (errors.some((error) => error.extensions?.['code'] === ErrorCode.ServiceUnavailable)) {
          const { http } = serviceUnavailable().extensions as {
            http: { status: number; headers: Map<string, string> };
          };
          response.http.status = http.status;
          for (const [name, value] of http.headers) response.http.headers.set(name, value);
        }
        for (const error of errors) {
          if (error.extensions?.['code'] === ErrorCode.InternalServerError) {
            (error.extensions as Record<string, unknown>)['requestId'] = contextValue.requestId;
          }
        }
        return Promise.resolve();
      },
    }),
};

/**
 * CORS for the configured origins: preflights are answered here, and responses name the headers
 * a page may read. Simple cross-origin requests still meet Apollo's CSRF prevention.
 */
function allowOrigins(origins: '*' | string[]): ReturnType<typeof cors> {
  return cors({
    origin: origins === '*' ? '*' : origins.length > 0 ? origins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-api-key',
      'x-request-id',
      'x-dateline-cost',
      'apollo-require-preflight',
    ],
    exposedHeaders: [
      'x-request-id',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-query-cost',
      'x-query-cost-actual',
      'x-query-cost-limit',
      'retry-after',
    ],
    maxAge: 600,
  });
}

export async function startServer(
  options: ServerOptions,
  listen: { host: string; port: number },
): Promise<RunningServer> {
  const { container, database, logger } = options;
  const app = express();
  // POST /graphql with a JSON body goes straight to Apollo Server (graphql/http-handler);
  // everything else, and everything when tracing or a trusted proxy is on, to Express.
  let fastGraphql:
    ((request: http.IncomingMessage, response: http.ServerResponse) => boolean) | null = null;
  const httpServer = http.createServer((request, response) => {
    if (fastGraphql?.(request, response)) return;
    void app(request, response);
  });
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  const observability = setUpObservability(options.observability ?? {}, database);

  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecution(container.schema),
    // The parser gives up past the token limit: a huge document costs milliseconds to refuse.
    parseOptions: { maxTokens: options.limits.maxTokens },
    formatError,
    includeStacktraceInErrorResponses: !options.production,
    introspection: true,
    plugins: [
      // Dateline sets no cache hints; the default cache-control plugin would wrap every field
      // resolver to compute them (about a tenth of the CPU of a feed request).
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its sandbox from a CDN; browsers get our bundled IDE instead.
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin,
      limitsPlugin(container.schema, options.limits, container.repositories.rateLimits),
      // After limitsPlugin: it reads the codes that plugin puts on the response.
      mediaTypeStatusPlugin,
      httpCachingPlugin,
      // Last: they count the errors as the client gets them.
      ...observability.plugins,
    ],
    // main.ts owns SIGTERM/SIGINT: drain HTTP, then Apollo, then the database, then exit.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const logRequests = pinoHttp({
    logger,
    genReqId: (request, response) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: {
      ignore: (request) => ['/health', '/ready', '/metrics'].includes(request.url ?? ''),
    },
    // A request's line says who asked for what and how it went. Headers stay out: they carry
    // credentials, and writing them out only to censor them cost more than the rest of the line.
    serializers: {
      req: (request: AccessLogRequest) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
  app.use(logRequests);

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/ready', async (request, response) => {
    try {
      await database.ping();
      response.json({ status: 'ready', database: database.driver });
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      response.status(503).json({ status: 'unavailable', database: database.driver });
    }
  });

  observability.mountRoutes(app);

  const cors = allowOrigins(options.corsOrigins ?? []);
  app.use('/graphql', cors);
  mountWeb(app, { ide: options.ide ?? false });

  /** The request's context: who is asking (from its key), its id and logger, its address. */
  const graphqlContext = async (
    request: http.IncomingMessage & { id: unknown; log: Logger },
    clientAddress: string,
  ): Promise<RequestContext> => {
    let viewer;
    try {
      viewer = await authenticate(request.headers, container.apiKeys, options.anonymousReads);
    } catch (error) {
      // Fails before any plugin runs, so the status must travel on the error itself.
      if (!isDatabaseUnavailable(error)) throw error;
      request.log.warn({ err: error }, 'database unavailable');
      throw serviceUnavailable();
    }
    return container.createContext({
      requestId: request.id as string,
      logger: request.log,
      viewer,
      clientAddress,
    });
  };

  /** The answer to a body that never reached GraphQL (too large, not JSON, a failure). */
  const bodyError = (status: number) => {
    const tooLarge = status === 413;
    return {
      errors: [
        {
          message: tooLarge
            ? `The request body is over the ${options.maxBodyBytes}-byte limit.`
            : status < 500
              ? 'The request body is not valid JSON.'
              : MASKED_MESSAGE,
          extensions: {
            code: tooLarge
              ? ErrorCode.QueryTooLarge
              : status < 500
                ? ErrorCode.BadRequest
                : ErrorCode.InternalServerError,
          },
        },
      ],
    };
  };

  if (!options.trustProxy && observability.graphqlMiddleware.length === 0) {
    fastGraphql = graphqlHandler({
      apollo,
      maxBodyBytes: options.maxBodyBytes,
      logRequest: logRequests,
      cors: (request, response, next) =>
        void cors(request as Request, response as Response, next as NextFunction),
      context: (request) => graphqlContext(request, request.socket.remoteAddress ?? 'unknown'),
      afterResponse: releaseAfterResponse,
      bodyError,
    });
  }

  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes }),
    ...observability.graphqlMiddleware,
    expressMiddleware(apollo, {
      context: ({ req }) => graphqlContext(req, req.ip ?? req.socket.remoteAddress ?? 'unknown'),
    }),
  );

  // Bodies that never reach GraphQL (too large, not JSON) still get a GraphQL-shaped error.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    response.status(status).json(bodyError(status));
  });

  const realtime = await startRealtime(httpServer, {
    ...options,
    ...options.realtime,
    formatError,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/graphql`,
    port: address.port,
    async stop() {
      // WebSockets first: closed with 1001 (going away), clients reconnect to another instance.
      await realtime.stop();
      // close() stops accepting connections and lets in-flight requests finish; idle keep-alive
      // sockets are closed at once, and anything still open after the grace period is cut.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => httpServer.closeAllConnections(), STOP_GRACE_MS);
        force.unref();
        httpServer.close(() => {
          clearTimeout(force);
          resolve();
        });
        httpServer.closeIdleConnections();
      });
      await apollo.stop();
      await observability.shutdown();
    },
  };
}
