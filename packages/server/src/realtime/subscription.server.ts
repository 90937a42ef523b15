// GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the HTTP server's own port and
// /graphql path: the API key comes in connection_init, and each operation passes the same parse,
// validation, depth, alias and cost checks as a request over HTTP, with the same error codes.
// Accepted operations are executed once per shape (document, variables, role) on this instance
// and their results written to every subscriber's socket (shared-subscriptions.ts).
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ErrorCode } from '@dateline/schema';
import {
  GraphQLError,
  getOperationAST,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate } from '../access/authentication';
import type { Viewer } from '../access/api-key.service';
import type { Limits } from '../access/limits.plugin';
import { requestedCost } from '../access/query-cost';
import type { Container } from '../container';
import type { EventHub } from './event-hub';
import { SharedSubscriptions, shapeKey, type Recipient } from './shared-subscriptions';
import type { SubscriptionContext } from './subscription.resolver';

export interface SubscriptionLimits {
  /** Subscriptions one connection may hold at once. */
  perConnection: number;
  /** Subscriptions one API key (or, anonymous, one address) may hold at once on this instance. */
  perKey: number;
  /** A connection with no subscription for this long is closed (0: never). */
  idleTimeoutMs: number;
  /** The largest message a client may send. */
  maxMessageBytes: number;
}

export interface SubscriptionServerOptions {
  container: Container;
  hub: EventHub;
  logger: Logger;
  production: boolean;
  anonymousReads: boolean;
  limits: Limits;
  subscriptions: SubscriptionLimits;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
}

/** What a connection learnt at connection_init. */
interface Connection {
  viewer: Viewer | null;
  clientAddress: string;
  subject: string;
  idle?: NodeJS.Timeout;
}

// A type, not an interface: graphql-ws wants a Record, and only a type literal is one.
type Extra = { socket: WebSocket; request: http.IncomingMessage };

/** Close codes: graphql-ws's own, plus the 1001 "going away" of a server shutting down. */
export const GOING_AWAY = 1001;
/** 1013 "try again later": the connection fell too far behind; clients reconnect. */
export const TRY_AGAIN_LATER = 1013;
/** Distinct subscription documents whose checks are remembered. */
const CHECKED_DOCUMENTS = 500;
/** Bytes a connection may have waiting to be written before it is dropped as too slow. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function codeError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The close reason names the code first, within the protocol's 123 bytes. */
function closeReason(code: ErrorCode, message: string): string {
  const reason = `${code}: ${message}`;
  return Buffer.byteLength(reason) <= 123 ? reason : `${reason.slice(0, 119)}…`;
}

/**
 * The API key of connection_init, read like HTTP headers (any case): `authorization`
 * ("Bearer …") or `x-api-key`, so that a client can send the headers it sends over HTTP (GraphiQL
 * sends its Headers pane), or `apiKey`.
 */
function presentedHeaders(params: Record<string, unknown> | undefined) {
  const given = new Map(
    Object.entries(params ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const authorization = given.get('authorization');
  const header = given.get('x-api-key');
  const apiKey = given.get('apikey');
  if (typeof authorization === 'string') return { authorization };
  if (typeof header === 'string') return { 'x-api-key': header };
  if (typeof apiKey === 'string') return { authorization: `Bearer ${apiKey}` };
  return {};
}

export function attachSubscriptionServer(
  httpServer: http.Server,
  options: SubscriptionServerOptions,
): { close(): Promise<void> } {
  const { container, hub, limits, subscriptions } = options;
  const schema = container.schema;
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: subscriptions.maxMessageBytes,
  });
  const connections = new WeakMap<object, Connection>();
  const perSubject = new Map<string, number>();
  /** The operations each connection holds, counted when they are accepted. */
  const counted = new WeakMap<object, Set<string>>();
  /** What each accepted operation's context joins: its shape, operation id and socket. */
  const joins = new WeakMap<
    object,
    { key: string; id: string; recipient: Recipient; createContext(): SubscriptionContext }
  >();
  const formatResult = (result: ExecutionResult): FormattedExecutionResult => {
    if (!result.errors) return result;
    return {
      ...result,
      errors: result.errors.map((error) => {
        const formatted = error instanceof GraphQLError ? error.toJSON() : error;
        const code = formatted.extensions?.['code'];
        if (code === undefined || code === ErrorCode.InternalServerError) {
          options.logger.error({ err: error }, 'unexpected error in a subscription');
        }
        return options.formatError(formatted);
      }),
    };
  };
  const shared = new SharedSubscriptions({
    format: formatResult,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
  });
  const shapeRules = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (_context: unknown, error: GraphQLError) => {
          throw codeError(ErrorCode.QueryTooDeep, error.message.replace(/^Syntax Error: /, ''));
        },
      ],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      allowList: [],
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (_context: unknown, error: GraphQLError) => {
          throw codeError(ErrorCode.QueryTooLarge, error.message.replace(/^Syntax Error: /, ''));
        },
      ],
    }),
  ];

  /**
   * Parse, validation, depth and alias checks depend on the text alone: each distinct document
   * is checked (and parsed) once, and its subscribers share the parsed document.
   */
  const checkedDocuments = new Map<string, DocumentNode | GraphQLError[]>();
  const checkDocument = (query: string): DocumentNode | GraphQLError[] => {
    let checked = checkedDocuments.get(query);
    if (checked) return checked;
    checked = parseAndValidate(query);
    checkedDocuments.set(query, checked);
    if (checkedDocuments.size > CHECKED_DOCUMENTS) {
      checkedDocuments.delete(checkedDocuments.keys().next().value as string);
    }
    return checked;
  };
  const parseAndValidate = (query: string): DocumentNode | GraphQLError[] => {
    let document;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const tooLarge = /maxTokens/i.test((error as Error).message);
      return [
        codeError(
          tooLarge ? ErrorCode.QueryTooLarge : ErrorCode.GraphqlParseFailed,
          tooLarge
            ? `The document has more than ${limits.maxTokens} tokens, the limit.`
            : (error as Error).message,
        ),
      ];
    }
    const invalid = validate(schema, document, specifiedRules);
    if (invalid.length > 0) {
      return invalid.map((error) =>
        codeError(ErrorCode.GraphqlValidationFailed, error.message, {}),
      );
    }
    try {
      validate(schema, document, shapeRules);
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    return document;
  };

  const idleCheck = (ctx: Context<Record<string, unknown> | undefined, Extra>): void => {
    const connection = connections.get(ctx);
    if (!connection || subscriptions.idleTimeoutMs <= 0) return;
    clearTimeout(connection.idle);
    if ((counted.get(ctx)?.size ?? 0) > 0) return;
    connection.idle = setTimeout(() => {
      if ((counted.get(ctx)?.size ?? 0) === 0) {
        ctx.extra.socket.close(4408, 'Idle: no subscription for too long.');
      }
    }, subscriptions.idleTimeoutMs);
    connection.idle.unref();
  };

  const release = (subject: string): void => {
    const left = (perSubject.get(subject) ?? 1) - 1;
    if (left <= 0) perSubject.delete(subject);
    else perSubject.set(subject, left);
  };

  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      subscribe: (args) => {
        const join = joins.get(args.contextValue as object);
        if (!join) throw new Error('A subscription reached execution without being accepted.');
        return shared.subscribe(
          join.key,
          () => ({ ...args, contextValue: join.createContext() }),
          join.id,
          join.recipient,
        );
      },
      async onConnect(ctx) {
        const request = ctx.extra.request;
        const clientAddress = request.socket.remoteAddress ?? 'unknown';
        try {
          const viewer = await authenticate(
            presentedHeaders(ctx.connectionParams),
            container.apiKeys,
            options.anonymousReads,
          );
          connections.set(ctx, {
            viewer,
            clientAddress,
            subject: viewer ? `key:${viewer.keyId}` : `ip:${clientAddress}`,
          });
          idleCheck(ctx);
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // Closed here with the code in the reason; graphql-ws's own 4403 "Forbidden" that
          // follows is ignored by a socket already closing.
          ctx.extra.socket.close(
            CloseCode.Forbidden,
            closeReason(error.extensions['code'] as ErrorCode, error.message),
          );
          return false;
        }
      },
      onSubscribe(ctx, id, payload): ExecutionArgs | readonly GraphQLError[] {
        const connection = connections.get(ctx) as Connection;
        // Counted here, not from graphql-ws's own list: that fills only once an operation has
        // started, so several subscribe messages at once would all pass.
        if ((counted.get(ctx)?.size ?? 0) >= subscriptions.perConnection) {
          return [
            codeError(
              ErrorCode.TooManySubscriptions,
              `A connection may hold ${subscriptions.perConnection} subscriptions; complete one first.`,
            ),
          ];
        }
        if ((perSubject.get(connection.subject) ?? 0) >= subscriptions.perKey) {
          return [
            codeError(
              ErrorCode.TooManySubscriptions,
              `An API key (or anonymous address) may hold ${subscriptions.perKey} subscriptions on one server; complete some first.`,
            ),
          ];
        }
        const checked = checkDocument(payload.query);
        if (Array.isArray(checked)) return checked;
        const document = checked;
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) {
          return [
            codeError(
              ErrorCode.OperationResolutionFailure,
              'Name the operation to run (operationName): the document has several or none of that name.',
            ),
          ];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            codeError(
              ErrorCode.BadRequest,
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
            ),
          ];
        }
        try {
          const cost = requestedCost(
            schema,
            document,
            payload.variables ?? undefined,
            payload.operationName ?? undefined,
          );
          if (cost > limits.maxCost) {
            return [
              codeError(
                ErrorCode.QueryTooCostly,
                `This subscription could return up to ${cost} nodes per event; the limit is ${limits.maxCost}.`,
                { cost: { requested: cost, limit: limits.maxCost } },
              ),
            ];
          }
        } catch (error) {
          // Variables that do not fit the operation: execution reports them as BAD_USER_INPUT.
          if (!(error instanceof GraphQLError)) throw error;
        }
        perSubject.set(connection.subject, (perSubject.get(connection.subject) ?? 0) + 1);
        const ids = counted.get(ctx) ?? new Set<string>();
        ids.add(id);
        counted.set(ctx, ids);
        clearTimeout(connection.idle);
        // The context is made only if this operation starts a shape; otherwise the shape's is used.
        const contextValue = {};
        const createContext = (): SubscriptionContext => {
          const requestId = randomUUID();
          return {
            ...container.createContext({
              requestId,
              logger: options.logger.child({ requestId, subscription: id }),
              viewer: connection.viewer,
              clientAddress: connection.clientAddress,
            }),
            realtime: { hub, repositories: container.repositories },
          };
        };
        const socket = ctx.extra.socket;
        joins.set(contextValue, {
          createContext,
          key: shapeKey({
            query: payload.query,
            operationName: payload.operationName,
            variables: payload.variables,
            role: connection.viewer?.role ?? null,
          }),
          id,
          recipient: {
            send: (text) => {
              if (socket.readyState === socket.OPEN) socket.send(text);
            },
            // The upgraded request's socket is the connection the WebSocket writes to.
            connection: ctx.extra.request.socket,
            buffered: () => socket.bufferedAmount,
            drop: () => {
              if (socket.readyState === socket.OPEN) {
                socket.close(
                  TRY_AGAIN_LATER,
                  'Try again later: the connection fell too far behind.',
                );
              }
            },
          },
        });
        return {
          schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue,
        };
      },
      // Events are written by the shared execution; what graphql-ws sends itself is an operation
      // refused when it started (arguments it cannot take).
      onNext(_ctx, _id, _payload, _args, result) {
        return formatResult(result);
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map(
          (error) => options.formatError(error.toJSON()) as unknown as GraphQLError,
        );
      },
      onComplete(ctx, id) {
        const connection = connections.get(ctx);
        const ids = counted.get(ctx);
        if (connection && ids?.delete(id)) release(connection.subject);
        // graphql-ws removes the subscription after this hook.
        setImmediate(() => idleCheck(ctx));
      },
      onClose(ctx) {
        const connection = connections.get(ctx);
        if (!connection) return;
        clearTimeout(connection.idle);
        for (const _ of counted.get(ctx) ?? []) release(connection.subject);
        counted.delete(ctx);
      },
    },
    wss,
  );
  return {
    /** Closes every socket with 1001 (going away) so clients reconnect to another instance. */
    close: async () => {
      await server.dispose();
    },
  };
}
