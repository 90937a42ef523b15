// createClient: the generated method per operation and a paginator per connection query, on top
// of the transport. Everything operation-specific comes from codegen; nothing here names one.
import { connections, type ConnectionTypes } from './generated/connections.ts';
import * as operations from './generated/operations.ts';
import { paginate } from './core/paginate.ts';
import {
  createTransport,
  type CallOptions,
  type Transport,
  type TransportOptions,
} from './core/transport.ts';

/** Options of {@link createClient}. */
export type ClientOptions = TransportOptions;

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
  return { ...methods, request: transport.request, paginate: paginators };
}
