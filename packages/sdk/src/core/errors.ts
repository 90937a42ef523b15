// The one error type the client throws for anything the server or the network did wrong, so that
// callers branch on `kind` and `code` instead of parsing messages.
import type { ErrorCode } from '../generated/error-codes.ts';

/**
 * An error code as received: one of {@link ErrorCode}, or a code this version of the SDK does not
 * know yet (a newer server may add some). Comparing with `ErrorCode.X` type-checks either way.
 */
export type ReceivedErrorCode = ErrorCode | (string & {});

/** One entry of the `errors` array of a GraphQL response. */
export interface GraphQLErrorItem {
  /** What went wrong, for people; branch on `code`, not on this. */
  readonly message: string;
  /** `extensions.code`: stable, one of {@link ErrorCode} on a Dateline server. */
  readonly code: ReceivedErrorCode | undefined;
  /** Where in the result the error happened, when it happened in a field. */
  readonly path: readonly (string | number)[] | undefined;
  /** Everything in `extensions`: `fields` for BAD_USER_INPUT, `requestId`, `retryAfterSeconds` … */
  readonly extensions: Readonly<Record<string, unknown>>;
}

/**
 * What failed:
 * - `graphql`: the server answered with GraphQL errors (`errors`, `code`, maybe partial `data`);
 * - `http`: the server answered with a status and no GraphQL result (a proxy's 502, a 404 …);
 * - `network`: no answer (connection refused, reset, DNS);
 * - `timeout`: no answer within `timeoutMs`.
 */
export type DatelineErrorKind = 'graphql' | 'http' | 'network' | 'timeout';

/** Everything {@link DatelineError} is built from. */
export interface DatelineErrorInit<TData> {
  kind: DatelineErrorKind;
  message: string;
  operationName: string | undefined;
  errors?: readonly GraphQLErrorItem[];
  data?: TData | null;
  status?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  attempts?: number;
  cause?: unknown;
}

/**
 * Thrown by every client call that does not return data in full. Keeps whatever the server sent:
 * partial `data`, every error with its `code`, the HTTP status and the request id to quote when
 * reporting a problem.
 *
 * @example
 * ```ts
 * try {
 *   await client.article({ id });
 * } catch (error) {
 *   if (error instanceof DatelineError && error.code === ErrorCode.InvalidId) { … }
 *   throw error;
 * }
 * ```
 */
export class DatelineError<TData = unknown> extends Error {
  override readonly name = 'DatelineError';
  /** What failed; see {@link DatelineErrorKind}. */
  readonly kind: DatelineErrorKind;
  /** The code of the first GraphQL error; `undefined` for network, timeout and plain HTTP errors. */
  readonly code: ReceivedErrorCode | undefined;
  /** Every GraphQL error of the response, in order; empty unless `kind` is `graphql`. */
  readonly errors: readonly GraphQLErrorItem[];
  /** The data the server did return next to the errors (`null` when none). */
  readonly data: TData | null | undefined;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The `x-request-id` of the response; the server logs its errors under it. */
  readonly requestId: string | undefined;
  /** How long the server asked the caller to wait, from `retryAfterSeconds` or `Retry-After`. */
  readonly retryAfterSeconds: number | undefined;
  /** The name of the operation that failed. */
  readonly operationName: string | undefined;
  /** How many HTTP requests were made, retries included. */
  readonly attempts: number;

  constructor(init: DatelineErrorInit<TData>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.errors = init.errors ?? [];
    this.code = this.errors[0]?.code;
    this.data = init.data;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.operationName = init.operationName;
    this.attempts = init.attempts ?? 1;
  }

  /** Whether any of the GraphQL errors carries this code. */
  hasCode(code: ReceivedErrorCode): boolean {
    return this.errors.some((error) => error.code === code);
  }
}

/** Type guard that also works across copies of the SDK (two versions in one bundle). */
export function isDatelineError(value: unknown): value is DatelineError {
  return (
    value instanceof DatelineError ||
    (value instanceof Error && value.name === 'DatelineError' && 'kind' in value)
  );
}
