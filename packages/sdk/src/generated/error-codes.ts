// Copied by `pnpm codegen` from packages/schema/src/error-codes.ts. Do not edit.

/**
 * Every `extensions.code` a Dateline server can put on a GraphQL error. The values are stable:
 * clients may branch on them.
 */
export const ErrorCode = {
  /** The request is not valid GraphQL. */
  GraphqlParseFailed: 'GRAPHQL_PARSE_FAILED',
  /** The operation does not match the schema (unknown field, unknown enum value, …). */
  GraphqlValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  /** An argument or input value is invalid; `extensions.fields` lists the offending paths. */
  BadUserInput: 'BAD_USER_INPUT',
  /** A global ID is malformed or names another type than the one expected. */
  InvalidId: 'INVALID_ID',
  /** A pagination cursor is malformed or belongs to another list or ordering. */
  InvalidCursor: 'INVALID_CURSOR',
  /** The object a mutation refers to does not exist. */
  NotFound: 'NOT_FOUND',
  /** The write conflicts with data already stored. */
  Conflict: 'CONFLICT',
  /** No valid API key was given where one is required. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** The API key is valid but its role does not allow this. */
  Forbidden: 'FORBIDDEN',
  /** The query is nested deeper than the server allows. */
  QueryTooDeep: 'QUERY_TOO_DEEP',
  /** The request is too large: too many tokens or aliases, or a body over the size limit. */
  QueryTooLarge: 'QUERY_TOO_LARGE',
  /** The query's computed cost is over the server's limit. */
  QueryTooCostly: 'QUERY_TOO_COSTLY',
  /** The caller spent its cost budget; `extensions.retryAfterSeconds` says when to retry. */
  RateLimited: 'RATE_LIMITED',
  /** A WebSocket connection or API key already has as many subscriptions as the server allows. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  /** The operation name given does not exist in the document. */
  OperationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  /** The request is not a well-formed GraphQL-over-HTTP request. */
  BadRequest: 'BAD_REQUEST',
  /** An automatic persisted query hash is unknown to the server. */
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  /** Automatic persisted queries are not supported by this server. */
  PersistedQueryNotSupported: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /**
   * The database is restarting or unreachable: HTTP 503 with a `Retry-After` header. Retry a
   * query after that many seconds; a mutation may or may not have been applied if the
   * connection broke while it committed, so check before sending it again.
   */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /**
   * The external search engine (DATELINE_SEARCH=groonga) did not answer a relevance-ranked
   * search; `extensions.retryAfterSeconds` says when to retry. The rest of the request, and
   * searches ordered by date, are answered as usual.
   */
  SearchUnavailable: 'SEARCH_UNAVAILABLE',
  /** Something unexpected failed; the server logged it with `extensions.requestId`. */
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** All error codes, for exhaustive checks and documentation. */
export const errorCodes: readonly ErrorCode[] = Object.values(ErrorCode);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
