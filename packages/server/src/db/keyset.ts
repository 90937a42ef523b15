// Keyset pagination in SQL: a page is "rows after this key, in this order", never an OFFSET, so
// page 1,000 costs what page 1 costs. Every order ends with the row id, making keys unique.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

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
}

export interface KeysetOrder {
  /** Sort expressions, the row id last. */
  keys: SortKey[];
  descending: boolean;
}

function tuple(parts: SortKey[]): SQL {
  return sql`(${sql.join(parts, sql`, `)})`;
}

function values(key: CursorKey): SQL {
  return sql`(${sql.join(
    key.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/** The WHERE condition that keeps the rows strictly between the page's cursors. */
export function keysetCondition(order: KeysetOrder, keyset: Keyset): SQL | undefined {
  const conditions: SQL[] = [];
  const columns = tuple(order.keys);
  if (keyset.after) {
    conditions.push(
      order.descending
        ? sql`${columns} < ${values(keyset.after)}`
        : sql`${columns} > ${values(keyset.after)}`,
    );
  }
  if (keyset.before) {
    conditions.push(
      order.descending
        ? sql`${columns} > ${values(keyset.before)}`
        : sql`${columns} < ${values(keyset.before)}`,
    );
  }
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : undefined;
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
