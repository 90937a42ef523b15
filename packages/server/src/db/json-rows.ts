// Many rows in one insert with one parameter: the rows as a JSON array that PostgreSQL turns into
// the table's row type (jsonb_populate_recordset). A multi-row VALUES list binds one parameter per
// value: 20,000 for a folder batch's quotes, each built, checked and sent by the driver and parsed
// by the server, and sliced below the 65,535-parameter limit. This costs one JSON.stringify.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (<columns>) select <columns> from <rows>` for `rows` given as the table's
 * insert objects (property names as in the schema). Every row must carry the same properties:
 * a property one row leaves out is null in it, not the column's default. Values must be what
 * JSON can carry for the column: numbers, strings, booleans, null, Dates (timestamps) and arrays
 * of those (array columns). The caller appends `on conflict …` or `returning …` as needed.
 */
export function insertJsonRows<T extends PgTable>(
  table: T,
  rows: readonly T['$inferInsert'][],
): SQL {
  const first = rows[0];
  if (!first) throw new Error('insertJsonRows needs at least one row');
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter(
    (key) => (first as Record<string, unknown>)[key] !== undefined,
  );
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column.name;
  });
  const json = JSON.stringify(
    rows.map((row) => {
      const values: Record<string, unknown> = {};
      keys.forEach((key, index) => {
        values[names[index]!] = (row as Record<string, unknown>)[key] ?? null;
      });
      return values;
    }),
  );
  const list = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  return sql`insert into ${table} (${list})
    select ${list} from jsonb_populate_recordset(null::${table}, ${json}::jsonb)`;
}
