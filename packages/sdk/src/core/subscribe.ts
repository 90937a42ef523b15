// Subscriptions over WebSocket (graphql-ws protocol), as async iterators. Kept apart from the
// HTTP transport so an app that only queries never bundles a WebSocket client.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { DatelineError } from './errors.ts';
import { toErrorItem } from './transport.ts';

/** Options of {@link createSubscriber}. */
export interface SubscriberOptions {
  /** The GraphQL endpoint, `http(s)://…/graphql` or `ws(s)://…/graphql`: the same URL. */
  url: string;
  /** Sent in `connection_init` as `{ apiKey }`. */
  apiKey?: string | undefined;
  /**
   * The WebSocket class; defaults to the global one (browsers, Node 22+). On Node 20 pass the
   * `ws` package's: `createClient({ url, webSocketImpl: WebSocket })`.
   */
  webSocketImpl?: unknown;
  /** Reconnection attempts after a connection drops before iterators fail. Default: no limit. */
  retryAttempts?: number | undefined;
  /** The longest wait between reconnection attempts. Default 30 000 ms. */
  maxRetryWaitMs?: number | undefined;
}

/** Opens subscriptions over one shared WebSocket connection. */
export interface Subscriber {
  /**
   * Subscribes to `document` and yields each event's `data`. Throws {@link DatelineError} when
   * the server refuses the subscription or the connection (its `code` says why). Leaving the
   * `for await` loop unsubscribes.
   */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | DocumentNode,
    variables?: TVariables,
  ): AsyncIterableIterator<TData>;
  /** Closes the connection; open iterators end. */
  dispose(): Promise<void>;
}

/**
 * Close codes that trying again cannot fix: a refused key (4403), a protocol error the client
 * made (4400, 4406, 4409), a server error (4500). Everything else — the server restarting (1001),
 * a dropped connection, a refused TCP connection — is retried.
 */
const FATAL_CLOSE_CODES = new Set([4400, 4403, 4406, 4409, 4500]);

function isFatal(errorOrClose: unknown): boolean {
  const code = (errorOrClose as { code?: unknown } | null)?.code;
  return typeof code === 'number' && FATAL_CLOSE_CODES.has(code);
}

/** A close reason of a Dateline server starts with the error code, e.g. `UNAUTHENTICATED: …`. */
function closeError(event: unknown, operationName: string | undefined): DatelineError {
  const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
  const match = /^([A-Z_]+): (.*)$/s.exec(reason ?? '');
  return new DatelineError({
    kind: match ? 'graphql' : 'network',
    message: match
      ? `${operationName ?? 'subscription'}: ${match[2]} (${match[1]})`
      : event instanceof Error
        ? `${operationName ?? 'subscription'}: ${event.message}`
        : `${operationName ?? 'subscription'}: the connection closed (${code ?? 'no code'}${reason ? `: ${reason}` : ''})`,
    operationName,
    errors: match ? [toErrorItem({ message: match[2], extensions: { code: match[1] } })] : [],
    cause: event,
  });
}

/**
 * Creates a WebSocket subscriber. It connects on the first subscription, reconnects with
 * jittered exponential backoff when the connection drops, and resubscribes what was open.
 */
export function createSubscriber(options: SubscriberOptions): Subscriber {
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  let client: WsClient | undefined;
  const connect = (): WsClient =>
    (client ??= createWsClient({
      url: options.url.replace(/^http/, 'ws'),
      ...(options.webSocketImpl !== undefined && { webSocketImpl: options.webSocketImpl }),
      connectionParams: options.apiKey ? { apiKey: options.apiKey } : {},
      retryAttempts: options.retryAttempts ?? Number.POSITIVE_INFINITY,
      shouldRetry: (errorOrClose) => !isFatal(errorOrClose),
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(resolve, Math.min(maxWait, 500 * 2 ** retries) * (0.5 + Math.random() / 2)),
        ),
    }));
  return {
    subscribe<TData, TVariables>(
      document: TypedDocumentNode<TData, TVariables> | DocumentNode,
      variables?: TVariables,
    ): AsyncIterableIterator<TData> {
      const operationName = getOperationAST(document)?.name?.value;
      const source = connect().iterate<TData>({
        query: print(document),
        ...(variables !== undefined && { variables: variables as Record<string, unknown> }),
        ...(operationName !== undefined && { operationName }),
      });
      const iterator: AsyncIterableIterator<TData> = {
        async next() {
          let result;
          try {
            result = await source.next();
          } catch (error) {
            if (Array.isArray(error)) {
              const errors = error.map(toErrorItem);
              throw new DatelineError({
                kind: 'graphql',
                message: `${operationName ?? 'subscription'}: ${errors.map((item) => `${item.message}${item.code ? ` (${item.code})` : ''}`).join('; ')}`,
                operationName,
                errors,
              });
            }
            throw closeError(error, operationName);
          }
          if (result.done) return { value: undefined, done: true };
          if (result.value.errors?.length) {
            const errors = result.value.errors.map(toErrorItem);
            throw new DatelineError({
              kind: 'graphql',
              message: `${operationName ?? 'subscription'}: ${errors.map((item) => `${item.message}${item.code ? ` (${item.code})` : ''}`).join('; ')}`,
              operationName,
              errors,
              data: result.value.data ?? null,
            });
          }
          return { value: result.value.data as TData, done: false };
        },
        async return() {
          await source.return?.();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    async dispose() {
      await client?.dispose();
      client = undefined;
    },
  };
}
