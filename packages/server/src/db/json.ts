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
