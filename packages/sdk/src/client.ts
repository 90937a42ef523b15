// createClient: the generated method per operation and a paginator per connection query, on top
// of the transport. Everything operation-specific comes from codegen; nothing here names one.
import { connections, type ConnectionTypes } from './generated/connections.ts';
import * as operations from './generated/operations.ts';
import { subscriptionDocuments, type SubscriptionTypes } from './generated/subscriptions.ts';
import { paginate } from './core/paginate.ts';
import { createSubscriber, type SubscriberOptions } from './core/subscribe.ts';
import {
  createTransport,
  type CallOptions,
  type Transport,
  type TransportOptions,
} from './core/transport.ts';

/** Options of {@link createClient}: the transport's, and the WebSocket's for subscriptions. */
export type ClientOptions = TransportOptions & Omit<SubscriberOptions, 'url' | 'apiKey'>;

/** Arguments of a subscription: variables are optional unless it has a required one. */
type SubscribeArgs<V> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "has no required key"
  {} extends V ? [variables?: V] : [variables: V];

/**
 * One async iterator per subscription, over WebSocket: `for await (const { articleCreated } of
 * client.subscribe.articleCreated({ search: 'port strike' }))` yields each event as it commits.
 * The connection opens on the first subscription, reconnects with backoff and resubscribes;
 * leaving the loop unsubscribes.
 */
export type Subscriptions = {
  [K in keyof SubscriptionTypes]: (
    ...args: SubscribeArgs<SubscriptionTypes[K]['variables']>
  ) => AsyncIterableIterator<SubscriptionTypes[K]['data']>;
};

type PageVariables<V> = Omit<V, 'after' | 'before' | 'last'>;

/** Arguments of a paginator: variables are optional unless the query has a required one. */
type PaginatorArgs<V> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "has no required key"
  {} extends PageVariables<V>
    ? [variables?: PageVariables<V>, options?: CallOptions]
    : [variables: PageVariables<V>, options?: CallOptions];

/**
 * One async iterator factory per connection query: `for await (const quote of
 * client.paginate.quotes({ speaker }))` yields every item, fetching pages as it goes.
 */
export type Paginators = {
  [K in keyof ConnectionTypes]: (
    ...args: PaginatorArgs<ConnectionTypes[K]['variables']>
  ) => AsyncGenerator<ConnectionTypes[K]['item'], void, undefined>;
};

type Operations = typeof operations;

/** Each operation's function with the transport already given, keeping its documentation. */
export type OperationMethods = {
  [K in keyof Operations]: Operations[K] extends (
    transport: Transport,
    ...rest: infer Args
  ) => infer Result
    ? (...args: Args) => Result
    : never;
};

/** One typed method per operation, `request` for any other document, and `paginate`. */
export type Client = OperationMethods &
  Transport & {
    /** Async iterators over every connection query; see {@link Paginators}. */
    readonly paginate: Paginators;
    /** Async iterators over every subscription; see {@link Subscriptions}. */
    readonly subscribe: Subscriptions;
    /** Closes the WebSocket of subscriptions, if one is open; their iterators end. */
    close(): Promise<void>;
  };

/**
 * Creates a Dateline client.
 *
 * @example
 * ```ts
 * const client = createClient({ url: 'http://127.0.0.1:4000/graphql' });
 * const { quotes } = await client.quotes({ speaker: mosseriId, first: 10 });
 * for await (const deadline of client.paginate.deadlines({ statuses: ['PENDING'] })) {
 *   console.log(deadline.dueOn, deadline.description);
 * }
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const transport = createTransport(options);
  // Every operation on one transport: a client is for apps that use many of them; one that uses a
  // few imports those functions instead and bundles only their documents.
  const methods = Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name,
      (variables?: never, callOptions?: CallOptions) =>
        (operation as (t: Transport, v?: never, o?: CallOptions) => Promise<unknown>)(
          transport,
          variables,
          callOptions,
        ),
    ]),
  ) as unknown as OperationMethods;
  const paginators = Object.fromEntries(
    Object.entries(connections).map(([name, connection]) => [
      name,
      (variables?: Record<string, unknown>, callOptions?: CallOptions) =>
        paginate(transport, connection, variables, callOptions),
    ]),
  ) as unknown as Paginators;
  const subscriber = createSubscriber({ ...options, url: options.url, apiKey: options.apiKey });
  const subscriptions = Object.fromEntries(
    Object.entries(subscriptionDocuments).map(([name, document]) => [
      name,
      (variables?: Record<string, unknown>) => subscriber.subscribe(document, variables),
    ]),
  ) as unknown as Subscriptions;
  return {
    ...methods,
    request: transport.request,
    paginate: paginators,
    subscribe: subscriptions,
    close: () => subscriber.dispose(),
  };
}
