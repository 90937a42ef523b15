// Relay cursor connections on top of db/keyset: argument checks, opaque cursors bound to one
// list and ordering, and the connection object the generic GraphQL types resolve.
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { CursorKey, Keyset } from '../db/keyset';
import { badUserInput, invalidCursor } from './errors';
import { selects, type Selection } from './lookahead';
import { EARLIEST_DATE } from './scalars';

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

/** The type of one part of a list's sort key, as its cursors carry it. */
export type CursorKeyPart = 'timestamp' | 'date' | 'integer' | 'float' | 'text';

/** A list in one ordering: the name its cursors are bound to and the parts of its sort key. */
export interface CursorList {
  name: string;
  key: readonly CursorKeyPart[];
}

export function cursorList(name: string, ...key: CursorKeyPart[]): CursorList {
  return { name, key };
}

interface CursorPayload {
  /** The list and ordering the cursor belongs to. */
  l: string;
  k: CursorKey;
}

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

// A cursor's key goes into SQL as parameters compared with the list's sort columns, so every
// part must be a value of its column's type that PostgreSQL accepts; anything else would fail in
// the database instead of being refused here.
const keyPartChecks: Record<CursorKeyPart, (part: unknown) => boolean> = {
  integer: (part) =>
    Number.isInteger(part) && (part as number) >= INT4_MIN && (part as number) <= INT4_MAX,
  float: (part) => typeof part === 'number' && Number.isFinite(part),
  text: (part) => typeof part === 'string' && !part.includes('\u0000'),
  date: (part) =>
    typeof part === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(part) &&
    part >= EARLIEST_DATE &&
    isCalendarInstant(`${part}T00:00:00.000Z`),
  timestamp: (part) =>
    typeof part === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(part) &&
    part >= EARLIEST_DATE &&
    isCalendarInstant(part),
};

/** Whether an ISO instant names a real moment (no 30 February, no hour 25). */
function isCalendarInstant(iso: string): boolean {
  const time = Date.parse(iso);
  return !Number.isNaN(time) && new Date(time).toISOString() === iso;
}

export function encodeCursor(list: CursorList, key: CursorKey): string {
  const payload: CursorPayload = { l: list.name, k: key };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, list: CursorList, argument: 'after' | 'before'): CursorKey {
  const notOurs = () =>
    invalidCursor(`The "${argument}" cursor is not a cursor this API issued.`, argument);
  let payload: unknown;
  try {
    if (cursor.length === 0 || cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new Error('not base64url');
    }
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  const candidate = payload as Partial<CursorPayload> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.l !== 'string' ||
    !Array.isArray(candidate.k)
  ) {
    throw notOurs();
  }
  if (candidate.l !== list.name) {
    throw invalidCursor(
      `The "${argument}" cursor belongs to another list or ordering; use a cursor from this list's pageInfo or edges.`,
      argument,
    );
  }
  const key: unknown[] = candidate.k;
  if (
    key.length !== list.key.length ||
    !list.key.every((part, index) => keyPartChecks[part](key[index]))
  ) {
    throw notOurs();
  }
  return key as CursorKey;
}

function checkSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`, [
      { path: [argument], message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return value;
}

/**
 * Whether a connection's selection asks whether another page follows or precedes (pageInfo's
 * hasNextPage or hasPreviousPage, through fragments; directives are not looked at).
 */
function asksForMore(selection: Selection): boolean {
  return (
    selects(selection, 'pageInfo', 'hasNextPage') ||
    selects(selection, 'pageInfo', 'hasPreviousPage')
  );
}

/**
 * Checks connection arguments and turns them into a Keyset for `list`. With the connection's
 * `selection`, a page whose pageInfo is not asked whether more rows follow or precede is fetched
 * without the row after it (Keyset.peek).
 */
export function toKeyset(args: PageArgs, list: CursorList, selection?: Selection): Keyset {
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
    ...(selection && !asksForMore(selection) && { peek: false as const }),
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
  /** Whether totalCount is an estimate (searches count exactly only up to a bound). */
  readonly totalCountIsEstimate: Promise<boolean>;
}

export interface ConnectionOptions<R, N, X> {
  list: CursorList;
  keyOf: (row: R) => CursorKey;
  /** A number, or a search's bounded count that says whether it is an estimate. */
  count: () => Promise<number | { count: number; isEstimate: boolean }>;
  /** The node of a row; the row itself when left out. */
  node?: (row: R) => N;
  /** Extra edge fields (a mention count, a search snippet). */
  edge?: (row: R) => X;
}

/** Where a page sits: its cursors are encoded only when asked for. */
class PageCursors<R> implements PageInfoShape {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly rows: readonly R[],
    private readonly cursorOf: (row: R) => string,
  ) {}

  get startCursor(): string | null {
    const first = this.rows[0];
    return first === undefined ? null : this.cursorOf(first);
  }

  get endCursor(): string | null {
    const last = this.rows.at(-1);
    return last === undefined ? null : this.cursorOf(last);
  }
}

/**
 * A page as the connection types read it. A class, so a page costs its rows and a few fields:
 * a feed page builds some forty of these, and closures per page were a measurable share of what
 * a request allocates.
 */
class Page<R, N, X extends object> implements ConnectionShape<N, EdgeShape<N> & X> {
  readonly nodes: N[];
  readonly pageInfo: PageCursors<R>;
  private edgeList: (EdgeShape<N> & X)[] | undefined;
  private total: Promise<{ count: number; isEstimate: boolean }> | undefined;

  constructor(
    private readonly rows: readonly R[],
    hasNextPage: boolean,
    hasPreviousPage: boolean,
    private readonly options: ConnectionOptions<R, N, X>,
  ) {
    this.nodes = options.node ? rows.map(options.node) : (rows as unknown as N[]);
    this.pageInfo = new PageCursors(hasNextPage, hasPreviousPage, rows, (row) =>
      this.cursorOf(row),
    );
  }

  private cursorOf(row: R): string {
    return encodeCursor(this.options.list, this.options.keyOf(row));
  }

  get edges(): (EdgeShape<N> & X)[] {
    this.edgeList ??= this.rows.map((row, index) => ({
      ...(this.options.edge?.(row) as X),
      cursor: this.cursorOf(row),
      node: this.nodes[index] as N,
    }));
    return this.edgeList;
  }

  private counted(): Promise<{ count: number; isEstimate: boolean }> {
    this.total ??= this.options
      .count()
      .then((n) => (typeof n === 'number' ? { count: n, isEstimate: false } : n));
    return this.total;
  }

  get totalCount(): Promise<number> {
    return this.counted().then((total) => total.count);
  }

  get totalCountIsEstimate(): Promise<boolean> {
    return this.counted().then((total) => total.isEstimate);
  }
}

/**
 * Builds a connection from rows fetched in keyset order (at most `take + 1`, reversed when
 * paging backwards; without the row after the page when `keyset.peek` is false, and then the
 * pageInfo's hasNextPage and hasPreviousPage, not asked for, may be false where rows follow).
 * Edges and cursors are built only when a client asks for them: most pages are read through
 * `nodes`.
 */
export function toConnection<R, N = R, X extends object = object>(
  fetched: readonly R[],
  keyset: Keyset,
  options: ConnectionOptions<R, N, X>,
): ConnectionShape<N, EdgeShape<N> & X> {
  const hasMore = fetched.length > keyset.take;
  // The fetched array may be a loader's, shared with another place asking for the same page:
  // copied before it is cut or reversed, never changed.
  let rows = fetched;
  if (hasMore || keyset.backward) {
    const cut = fetched.slice(0, keyset.take);
    if (keyset.backward) cut.reverse();
    rows = cut;
  }
  return new Page(
    rows,
    keyset.backward ? keyset.before !== null : hasMore,
    keyset.backward ? hasMore : keyset.after !== null,
    options,
  );
}

@ObjectType({
  simpleResolvers: true,
  description: 'Where a page sits in its list (Relay cursor connections).',
})
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
 * Fields marked `simple` are plain reads with no type-graphql wrapper, which the compiled executor
 * inlines instead of calling a resolver per object; totalCount is not one: its value is a promise.
 */
export function ConnectionType<N extends object>(
  nodeType: ClassType<N>,
  edgeType: ClassType<EdgeShape<N>>,
  nodesDescription: string,
) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [edgeType], {
      simple: true,
      description: 'The items on this page, each with its cursor.',
    })
    edges!: EdgeShape<N>[];

    @Field(() => [nodeType], { simple: true, description: nodesDescription })
    nodes!: N[];

    @Field(() => PageInfo, { simple: true, description: 'Cursors and whether more pages exist.' })
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
    @Field(() => String, {
      simple: true,
      description: 'Opaque cursor of this item, for after/before.',
    })
    cursor!: string;

    @Field(() => nodeType, { simple: true, description: 'The item.' })
    node!: N;
  }
  return Edge;
}
