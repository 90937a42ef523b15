// @dateline/sdk: the typed client for the Dateline GraphQL API, the TypedDocumentNode of every
// operation (for Apollo Client, urql and friends) and the error codes.
export {
  createClient,
  type Client,
  type ClientOptions,
  type OperationMethods,
  type Paginators,
  type Subscriptions,
} from './client.ts';
export { createSubscriber, type Subscriber, type SubscriberOptions } from './core/subscribe.ts';
export type { SubscriptionTypes } from './generated/subscriptions.ts';
// One function per operation, `quotes(transport, variables)`: import only what you use.
export * from './generated/operations.ts';
export {
  createTransport,
  type CallOptions,
  type RetryPolicy,
  type Transport,
  type TransportOptions,
} from './core/transport.ts';
export {
  DatelineError,
  isDatelineError,
  type DatelineErrorKind,
  type GraphQLErrorItem,
  type ReceivedErrorCode,
} from './core/errors.ts';
export { DEFAULT_PAGE_SIZE } from './core/paginate.ts';
export { ErrorCode, errorCodes, isErrorCode } from './generated/error-codes.ts';
export type { ConnectionTypes } from './generated/connections.ts';
export * from './generated/graphql.ts';
