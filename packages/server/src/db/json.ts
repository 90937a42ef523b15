// Rows as JSON inside another statement: a parent's statement can carry each parent's page of
// children as one json column, in the page's order, instead of leaving it to a statement more.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

type Fields = Record<string, AnyColumn | SQL | SQL.Aliased>;

/** `json_build_object('key', value, …)` with the fields' names as keys. */
export function jsonObject(fields: Fields): SQL {
  return sql`json_build_object(${sql.join(
    Object.entries(fields).map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${value}`),
    sql`, `,
  )})`;
}

/** The rows of `from` as a json array of `row` objects in `orderBy` order; `[]` when none. */
export function jsonRows(row: SQL, from: SQL, orderBy: SQL[]): SQL {
  return sql`(select coalesce(json_agg(${row} order by ${sql.join(orderBy, sql`, `)}), '[]'::json) ${from})`;
}

/** A json column another repository's statement can carry, named by what it holds. */
export interface JsonColumn {
  /** Names the column's contents and arguments; part of the carrying statement's cache key. */
  key: string;
  column(): SQL;
}

/** The columns' values as one json array, in their order: a parent row's prefetched children. */
export function jsonColumns(columns: readonly JsonColumn[]): SQL<unknown[]> {
  return sql<unknown[]>`json_build_array(${sql.join(
    columns.map((column) => column.column()),
    sql`, `,
  )})`;
}

/**
 * A json page's rows as its loader returns them: tagged with their parent, and with the named
 * timestamps as Dates (json carries them as text). Changes the parsed rows in place.
 */
export function pageRowsFromJson<R extends { parentId: number }>(
  json: unknown,
  parentId: number,
  times: readonly (keyof R & string)[] = [],
): R[] {
  const rows = json as Record<string, unknown>[];
  for (const row of rows) {
    row['parentId'] = parentId;
    reviveTimes(row, times);
  }
  return rows as R[];
}

/** Turns the named json timestamps of `row` into Dates, in place. */
export function reviveTimes(row: Record<string, unknown>, times: readonly string[]): void {
  for (const key of times) row[key] = new Date(row[key] as string);
}
