// Follows a Relay connection page by page, so callers iterate items and never see cursors.
import type { DocumentNode } from 'graphql';
import type { CallOptions, Transport } from './transport.ts';

/** Where a paginated query keeps its connection, and which list of it to yield. */
export interface ConnectionDescriptor {
  document: DocumentNode;
  /** The response key of the connection in the query's data. */
  field: string;
  /** `nodes` to yield the items, `edges` to yield them with cursor and edge fields. */
  items: 'nodes' | 'edges';
}

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  [items: string]: unknown;
}

/**
 * Page size when the caller gives no `first`: large enough to keep round trips few, small enough
 * to stay under a server's cost limit with nested fields selected.
 */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Yields every item of a connection, requesting the next page only when the consumer gets to it;
 * `break` stops fetching. Each page is one call, with that call's retries and timeout.
 */
export async function* paginate<TItem>(
  transport: Transport,
  connection: ConnectionDescriptor,
  variables: Record<string, unknown> = {},
  options?: CallOptions,
): AsyncGenerator<TItem, void, undefined> {
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const data = await transport.request<Record<string, Connection>, Record<string, unknown>>(
      connection.document,
      { first: DEFAULT_PAGE_SIZE, ...variables, after },
      options,
    );
    const page = data[connection.field];
    if (!page) return;
    yield* page[connection.items] as TItem[];
    const { hasNextPage, endCursor } = page.pageInfo;
    if (!hasNextPage || !endCursor) return;
    // A server that hands back a cursor twice would otherwise loop forever.
    if (seen.has(endCursor)) throw new Error(`The server repeated the cursor ${endCursor}.`);
    seen.add(endCursor);
    after = endCursor;
  }
}
