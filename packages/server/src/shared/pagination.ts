// Relay cursor connections on top of db/keyset: argument checks, opaque cursors bound to one
// list and ordering, and the connection object the generic GraphQL types resolve.
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { CursorKey, Keyset } from '../db/keyset';
import { badUserInput, invalidCursor } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Returns the first n items (1–${MAX_PAGE_SIZE}); ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Returns the last n items (1–${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items before this cursor.' })
  before?: string | null;
}

export type PageArgs = Pick<ConnectionArgs, 'first' | 'after' | 'last' | 'before'>;

interface CursorPayload {
  /** The list and ordering the cursor belongs to. */
  l: string;
  k: CursorKey;
}

export function encodeCursor(list: string, key: CursorKey): string {
  const payload: CursorPayload = { l: list, k: key };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, list: string, argument: 'after' | 'before'): CursorKey {
  let payload: unknown;
  try {
    if (cursor.length === 0 || cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new Error('not base64url');
    }
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(`The "${argument}" cursor is not a cursor this API issued.`, argument);
  }
  const candidate = payload as Partial<CursorPayload> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.l !== 'string' ||
    !Array.isArray(candidate.k) ||
    !candidate.k.every((part) => typeof part === 'string' || typeof part === 'number')
  ) {
    throw invalidCursor(`The "${argument}" cursor is not a cursor this API issued.`, argument);
  }
  if (candidate.l !== list) {
    throw invalidCursor(
      `The "${argument}" cursor belongs to another list or ordering; use a cursor from this list's pageInfo or edges.`,
      argument,
    );
  }
  return candidate.k;
}

function checkSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`, [
      { path: [argument], message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return value;
}

/** Checks connection arguments and turns them into a Keyset for `list` (a list+ordering name). */
export function toKeyset(args: PageArgs, list: string): Keyset {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) {
    throw badUserInput('Pass "first" or "last", not both.', [
      { path: ['first'], message: 'cannot be combined with last' },
      { path: ['last'], message: 'cannot be combined with first' },
    ]);
  }
  return {
    take: hasLast
      ? checkSize(args.last as number, 'last')
      : hasFirst
        ? checkSize(args.first as number, 'first')
        : DEFAULT_PAGE_SIZE,
    backward: hasLast,
    after: args.after ? decodeCursor(args.after, list, 'after') : null,
    before: args.before ? decodeCursor(args.before, list, 'before') : null,
  };
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface EdgeShape<N> {
  cursor: string;
  node: N;
}

export interface ConnectionShape<N, E extends EdgeShape<N> = EdgeShape<N>> {
  edges: E[];
  nodes: N[];
  pageInfo: PageInfoShape;
  /** Counted only when a client asks for it. */
  readonly totalCount: Promise<number>;
}

export interface ConnectionOptions<R, N, X> {
  list: string;
  keyOf: (row: R) => CursorKey;
  count: () => Promise<number>;
  node: (row: R) => N;
  /** Extra edge fields (a mention count, a search snippet). */
  edge?: (row: R) => X;
}

/**
 * Builds a connection from rows fetched in keyset order (at most `take + 1`, reversed when
 * paging backwards). Edges and cursors are built only when a client asks for them: most pages
 * are read through `nodes`.
 */
export function toConnection<R, N, X extends object = object>(
  fetched: readonly R[],
  keyset: Keyset,
  options: ConnectionOptions<R, N, X>,
): ConnectionShape<N, EdgeShape<N> & X> {
  const hasMore = fetched.length > keyset.take;
  const rows = fetched.slice(0, keyset.take);
  if (keyset.backward) rows.reverse();
  const nodes = rows.map(options.node);
  const cursorOf = (row: R): string => encodeCursor(options.list, options.keyOf(row));
  let edges: (EdgeShape<N> & X)[] | undefined;
  let total: Promise<number> | undefined;
  return {
    nodes,
    get edges() {
      edges ??= rows.map((row, index) => ({
        ...(options.edge?.(row) as X),
        cursor: cursorOf(row),
        node: nodes[index] as N,
      }));
      return edges;
    },
    pageInfo: {
      hasNextPage: keyset.backward ? keyset.before !== null : hasMore,
      hasPreviousPage: keyset.backward ? hasMore : keyset.after !== null,
      get startCursor() {
        const first = rows[0];
        return first === undefined ? null : cursorOf(first);
      },
      get endCursor() {
        const last = rows.at(-1);
        return last === undefined ? null : cursorOf(last);
      },
    },
    get totalCount() {
      total ??= options.count();
      return total;
    },
  };
}

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page.' })
  endCursor!: string | null;
}

/**
 * The GraphQL shape of a connection of `nodeType`, with an edge type that may add fields.
 * Concrete connections extend the returned class and give it a name and description.
 */
export function ConnectionType<N extends object>(
  nodeType: ClassType<N>,
  edgeType: ClassType<EdgeShape<N>>,
  nodesDescription: string,
) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [edgeType], { description: 'The items on this page, each with its cursor.' })
    edges!: EdgeShape<N>[];

    @Field(() => [nodeType], { description: nodesDescription })
    nodes!: N[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, ignoring pagination.' })
    totalCount!: number;
  }
  return Connection;
}

/** The GraphQL shape of an edge to `nodeType`; edges with extra fields extend it. */
export function EdgeType<N extends object>(nodeType: ClassType<N>) {
  @ObjectType()
  abstract class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item, for after/before.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item.' })
    node!: N;
  }
  return Edge;
}
