// GraphQL over HTTP with the policies a script needs: API key, per-request timeout, caller's
// AbortSignal, and retries with backoff for queries only. Uses fetch, AbortController and
// setTimeout and nothing else, so it runs in browsers, workers, Deno, Bun and Node 20+.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { DatelineError, type DatelineErrorInit, type GraphQLErrorItem } from './errors.ts';

/** How queries are retried. Mutations are never retried, whatever this says. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  max?: number | undefined;
  /**
   * Backoff before the first retry, doubled for each further one; the wait is between half and
   * all of it, at random, so that many clients do not retry in step. Default 300 ms.
   */
  baseDelayMs?: number | undefined;
  /** Upper bound of one backoff. Default 10 s. */
  maxDelayMs?: number | undefined;
  /**
   * The longest wait the client accepts when the server asks for one (RATE_LIMITED or
   * SERVICE_UNAVAILABLE with `retryAfterSeconds`, or `Retry-After` on a 429 or 503); a longer one
   * fails at once, so the caller decides.
   * Default 60 s.
   */
  maxRetryAfterMs?: number | undefined;
}

/** Options of {@link createTransport}, and so of `createClient`. */
export interface TransportOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`; writes need one, reads may not. */
  apiKey?: string | undefined;
  /** Sent with every request; a per-call `headers` adds to these. */
  headers?: Record<string, string> | undefined;
  /** The fetch to use; defaults to the global one. Pass one to add tracing, proxies or mocks. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Time allowed for each HTTP request, body included; 0 for none. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Retry policy for queries, or just the number of retries. Default 2 retries. */
  retries?: number | RetryPolicy | undefined;
}

/** Per-call options, accepted as the last argument of every client method. */
export interface CallOptions {
  /** Cancels the call, retries and waits included; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `retries` for this call (queries only). */
  retries?: number | RetryPolicy | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** The core of the client: sends any operation, typed by its document. */
export interface Transport {
  /**
   * Sends a query or mutation and resolves with its `data`; rejects with {@link DatelineError}
   * when the response carries errors, or with the signal's reason when aborted.
   */
  request: <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | DocumentNode,
    variables?: TVariables,
    options?: CallOptions,
  ) => Promise<TData>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_POLICY: Required<RetryPolicy> = {
  max: 2,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};
const RATE_LIMITED = 'RATE_LIMITED';
const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

interface Operation {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
  query: string;
}

// Printing is the only cost of a call that does not depend on the network; do it once per
// document. Documents are module-level constants, so a WeakMap never grows past their number.
const operations = new WeakMap<DocumentNode, Operation>();

function operationOf(document: DocumentNode): Operation {
  let operation = operations.get(document);
  if (!operation) {
    const definition = document.definitions.find(
      (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
    );
    if (!definition) throw new TypeError('The document has no operation to send.');
    operation = {
      type: definition.operation,
      name: definition.name?.value,
      query: print(document),
    };
    operations.set(document, operation);
  }
  return operation;
}

function policyOf(retries: number | RetryPolicy | undefined): Required<RetryPolicy> {
  if (typeof retries === 'number') return { ...DEFAULT_POLICY, max: retries };
  // A field given as undefined (an unset environment variable, say) keeps its default.
  const given = Object.entries(retries ?? {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_POLICY, ...(Object.fromEntries(given) as RetryPolicy) };
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function toErrorItem(raw: unknown): GraphQLErrorItem {
  const error = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const extensions =
    typeof error['extensions'] === 'object' && error['extensions'] !== null
      ? (error['extensions'] as Record<string, unknown>)
      : {};
  const code = extensions['code'];
  return {
    message: typeof error['message'] === 'string' ? error['message'] : 'Unknown error',
    code: typeof code === 'string' ? code : undefined,
    path: Array.isArray(error['path']) ? (error['path'] as (string | number)[]) : undefined,
    extensions,
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The delay before retrying after `error`, or undefined when it must not be retried. */
function retryDelay(
  error: DatelineError,
  retry: number,
  policy: Required<RetryPolicy>,
): number | undefined {
  if (retry > policy.max) return undefined;
  // The server says when to come back: it is rate limiting, or its database is restarting.
  const told =
    error.status === 429 ||
    error.hasCode(RATE_LIMITED) ||
    error.status === 503 ||
    error.hasCode(SERVICE_UNAVAILABLE);
  const transient =
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    (error.status !== undefined && error.status >= 500);
  if (!told && !transient) return undefined;
  if (told && error.retryAfterSeconds !== undefined) {
    const wait = error.retryAfterSeconds * 1000;
    return wait <= policy.maxRetryAfterMs ? wait : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * Creates the transport under `createClient`: use it directly to send your own documents with
 * the same key, timeout, retries and errors, without the generated methods.
 */
export function createTransport(options: TransportOptions): Transport {
  const doFetch =
    options.fetch ??
    // A detached `window.fetch` throws "Illegal invocation" in browsers; call it through globalThis.
    ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  if (!options.fetch && typeof globalThis.fetch !== 'function') {
    throw new TypeError('No global fetch: pass createClient({ fetch }) on this runtime.');
  }
  const baseHeaders: Record<string, string> = {
    accept: 'application/graphql-response+json, application/json;q=0.9',
    'content-type': 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...options.headers,
  };

  async function attempt<TData>(
    operation: Operation,
    body: string,
    call: CallOptions,
    attempts: number,
  ): Promise<TData> {
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    const onAbort = (): void => controller.abort(call.signal!.reason);
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (init: Omit<DatelineErrorInit<TData>, 'operationName'>) =>
      new DatelineError<TData>({ ...init, operationName: operation.name, attempts });

    let response: Response;
    let text: string;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: { ...baseHeaders, ...call.headers },
        body,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (timedOut) {
        throw fail({
          kind: 'timeout',
          message: `${operation.name ?? 'request'}: no response within ${timeoutMs} ms`,
          cause,
        });
      }
      throw fail({
        kind: 'network',
        message: `${operation.name ?? 'request'}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }

    const status = response.status;
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let result: { data?: TData | null; errors?: unknown[] } | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) result = parsed;
    } catch {
      // Not JSON: a proxy's error page or a wrong URL. Reported below from the status.
    }
    const headerWait = parseRetryAfter(response.headers.get('retry-after'));

    if (result && Array.isArray(result.errors) && result.errors.length > 0) {
      const errors = result.errors.map(toErrorItem);
      const bodyWait = errors
        .map((error) => error.extensions['retryAfterSeconds'])
        .find((value): value is number => typeof value === 'number');
      const waits = [headerWait, bodyWait].filter((value) => value !== undefined);
      throw fail({
        kind: 'graphql',
        message: `${operation.name ?? 'request'}: ${errors.map((error) => `${error.message}${error.code ? ` (${error.code})` : ''}`).join('; ')}`,
        errors,
        data: result.data ?? null,
        status,
        ...(requestId !== undefined && { requestId }),
        ...(waits.length > 0 && { retryAfterSeconds: Math.max(...waits) }),
      });
    }
    if (!response.ok || !result || result.data == null) {
      throw fail({
        kind: 'http',
        message: `${operation.name ?? 'request'}: HTTP ${status} ${response.ok ? 'without GraphQL data' : response.statusText} from ${options.url}`,
        status,
        ...(requestId !== undefined && { requestId }),
        ...(headerWait !== undefined && { retryAfterSeconds: headerWait }),
      });
    }
    return result.data;
  }

  return {
    async request<TData, TVariables>(
      document: TypedDocumentNode<TData, TVariables> | DocumentNode,
      variables?: TVariables,
      call: CallOptions = {},
    ): Promise<TData> {
      const operation = operationOf(document);
      // A mutation may have taken effect even when its response was lost: never send it twice.
      const policy =
        operation.type === 'query'
          ? policyOf(call.retries ?? options.retries)
          : { ...DEFAULT_POLICY, max: 0 };
      const body = JSON.stringify({
        query: operation.query,
        ...(operation.name !== undefined && { operationName: operation.name }),
        ...(variables !== undefined && { variables }),
      });
      for (let attempts = 1; ; attempts += 1) {
        call.signal?.throwIfAborted();
        try {
          return await attempt<TData>(operation, body, call, attempts);
        } catch (error) {
          if (!(error instanceof DatelineError)) throw error;
          const delay = retryDelay(error, attempts, policy);
          if (delay === undefined) throw error;
          await sleep(delay, call.signal);
        }
      }
    },
  };
}
