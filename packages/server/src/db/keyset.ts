// Keyset pagination in SQL: a page is "rows after this key, in this order", never an OFFSET, so
// page 1,000 costs what page 1 costs. Every order ends with the row id, making keys unique.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { literalBinder, type Binder } from './statement-cache';

type SortKey = SQL | SQL.Aliased | AnyColumn;

export type CursorKey = readonly (string | number)[];

/** What a repository needs to fetch one page; built from GraphQL arguments by shared/pagination. */
export interface Keyset {
  /** Rows wanted; the repository fetches one more to learn whether another page exists. */
  take: number;
  /** True for `last`/`before`: fetch from the end of the list backwards. */
  backward: boolean;
  after: CursorKey | null;
  before: CursorKey | null;
  /**
   * False when the page's pageInfo.hasNextPage and hasPreviousPage are not asked for: the row
   * after the page, fetched only to answer them, is not fetched (absent: it is).
   */
  peek?: false;
}

export interface KeysetOrder {
  /** Sort expressions, the row id last. */
  keys: SortKey[];
  descending: boolean;
}

function tuple(parts: SortKey[]): SQL {
  return sql`(${sql.join(parts, sql`, `)})`;
}

/** A cursor's key parts as bind parameters (`after.0`, `after.1`, …). */
function values(key: CursorKey, bind: Binder): SQL {
  return sql`(${sql.join(
    key.map((_, index) => bind(String(index))),
    sql`, `,
  )})`;
}

/**
 * The WHERE condition that keeps the rows strictly between the page's cursors; `bind` binds the
 * keyset's values (by default they are written into the statement).
 */
export function keysetCondition(
  order: KeysetOrder,
  keyset: Keyset,
  bind: Binder = literalBinder(keyset),
): SQL | undefined {
  const conditions: SQL[] = [];
  const columns = tuple(order.keys);
  if (keyset.after) {
    const after = values(keyset.after, bind.at('after'));
    conditions.push(order.descending ? sql`${columns} < ${after}` : sql`${columns} > ${after}`);
  }
  if (keyset.before) {
    const before = values(keyset.before, bind.at('before'));
    conditions.push(order.descending ? sql`${columns} > ${before}` : sql`${columns} < ${before}`);
  }
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : undefined;
}

/**
 * The fetch's LIMIT: one more row than the page (unless `keyset.peek` is false), as a bind
 * parameter; with `inline`, written into the statement instead (Binder.inline), so that
 * PostgreSQL keeps one plan for it rather than planning every run. Inline it only where no bound
 * value changes which plan is best: a generic plan is one plan for every value (a filter by a rare
 * or a common word, entity or outlet wants different ones). Drizzle's `limit()` is typed for
 * numbers and placeholders; it renders any SQL chunk it is given.
 */
export function keysetLimit(keyset: Keyset, bind: Binder, inline = false): number {
  const extra = keyset.peek === false ? 0 : 1;
  if (inline) return sql.raw(String(bind.inline('take') + extra)) as unknown as number;
  return (extra === 0
    ? sql`${bind('take')}::int`
    : sql`(${bind('take')}::int + 1)`) as unknown as number;
}

/** ORDER BY for the fetch: the list's order, reversed when paging backwards. */
export function keysetOrderBy(order: KeysetOrder, keyset: Keyset): SQL[] {
  const descending = order.descending !== keyset.backward;
  return order.keys.map((key) => (descending ? sql`${key} desc` : sql`${key} asc`));
}

/** `row_number()` within each parent, for fetching one page per parent in a single statement. */
export function rowNumberPerParent(
  parent: SortKey,
  order: KeysetOrder,
  keyset: Keyset,
): SQL<number> {
  return sql<number>`row_number() over (partition by ${parent} order by ${sql.join(
    keysetOrderBy(order, keyset),
    sql`, `,
  )})`;
}
