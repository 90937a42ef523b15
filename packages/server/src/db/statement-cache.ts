// Hot reads are built once per SHAPE and then only bound and run: building a statement with the
// query builder costs more CPU than PostgreSQL spends answering a page (see bench/RESULTS.md).
// A statement's values (filter values, cursors, page sizes, row ids) are bind parameters read
// from its arguments by path through a Binder, so the cache key holds only what changes the SQL
// text: the statement's name, its discrete choices, and which arguments are present (booleans,
// array lengths and empty strings count as presence: code may branch on them). A list with
// variables therefore hits the cache. The statement is named after its text, so each pooled
// connection parses it once.
//
// A few values are better written into the text than bound (Binder.inline): PostgreSQL plans a
// statement with a bound LIMIT as if it returned a tenth of the table, so the plan it could keep
// (the generic plan) looks hundreds of times costlier than planning for the values, and it plans
// the statement again on every run; with the page size in the text the generic plan is costed
// as the page it reads and kept. Such a statement is prepared once per value of what it inlines.
import { createHash } from 'node:crypto';
import {
  Column,
  Param,
  Placeholder,
  SQL,
  Subquery,
  getTableName,
  is,
  sql,
  type AnyColumn,
} from 'drizzle-orm';
import { LRUCache } from 'lru-cache';

interface Preparable<T> {
  toSQL(): { sql: string; params: unknown[] };
  prepare(name: string): { execute(values: Record<string, unknown>): Promise<T> };
}

type Prepared<T> = ReturnType<Preparable<T>['prepare']>;

/** A statement argument, by path (dots) below the binder's root, as a bind parameter. */
export interface Binder {
  (path: string): SQL;
  /** The binder for the arguments below `path`. */
  at(path: string): Binder;
  /**
   * The argument at `path`, a whole number of at most MAX_INLINED, for the statement's text (a
   * page size): the cached statement is built and prepared once per value of it. Only for values
   * from a small range; a bind parameter otherwise.
   */
  inline(path: string): number;
}

/** The largest value Binder.inline takes (a page size is at most 100, one more row is fetched). */
export const MAX_INLINED = 1000;

function inlinable(path: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_INLINED) {
    throw new Error(`${path}: ${String(value)} is not a whole number from 0 to ${MAX_INLINED}`);
  }
  return value as number;
}

function binderAt(
  prefix: string,
  resolve: (path: string) => SQL,
  inline: (path: string) => number,
): Binder {
  const bind = ((path: string) => resolve(prefix + path)) as Binder;
  bind.at = (path) => binderAt(`${prefix}${path}.`, resolve, inline);
  bind.inline = (path) => inline(prefix + path);
  return bind;
}

/** A binder that writes the arguments' values into the statement: for statements not cached. */
export function literalBinder(args: object): Binder {
  const valueAt = (path: string): unknown => {
    let value: unknown = args;
    for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
    return value;
  };
  return binderAt(
    '',
    (path) => {
      const value = valueAt(path);
      // One parameter even for an array (drizzle would spread an array into a list).
      return sql`${sql.param(Array.isArray(value) ? arrayLiteral(value) : value)}`;
    },
    (path) => inlinable(path, valueAt(path)),
  );
}

/**
 * An array argument as PostgreSQL's array text ({"a","b"}): PostgreSQL reads it as whatever array
 * type the parameter's place needs (an enum array too, which PGlite cannot serialise itself).
 */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => `"${String(value).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** Flattens arguments into bind values by path and the shape those values give the SQL text. */
function flatten(
  value: unknown,
  path: string,
  values: Record<string, unknown>,
  shape: string[],
): void {
  if (value === undefined) return;
  if (value === null) {
    shape.push(`${path}=null`);
    return;
  }
  if (Array.isArray(value)) {
    shape.push(`${path}[${value.length}]`);
    values[path] = arrayLiteral(value);
    value.forEach((item, index) => flatten(item, `${path}.${index}`, values, shape));
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const key of Object.keys(value)) {
      flatten(
        (value as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        values,
        shape,
      );
    }
    return;
  }
  values[path] = value;
  shape.push(typeof value === 'boolean' ? `${path}=${value}` : value === '' ? `${path}=''` : path);
}

/** The arguments as bind values, and the cache key of the statement they give. */
export function bindings(
  key: string,
  args: object,
): { shape: string; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  const shape: string[] = [key];
  flatten(args, '', values, shape);
  return { shape: shape.join('|'), values };
}

/** `column = any($ids)`: one statement text whatever the number of ids. */
export function inIds(column: AnyColumn): SQL {
  return sql`${column} = any(${sql.placeholder('ids')})`;
}

/**
 * `column = any($path)`: an array argument as one parameter, whatever its length. One value is
 * `column = $path.0` instead (the shape holds the length, so the text follows it): PostgreSQL 15
 * reads an index on (column, order…) in order only for an equality, and a page cut by LIMIT then
 * stops early instead of sorting every match.
 */
export function anyOf(
  column: AnyColumn | SQL,
  bind: Binder,
  path: string,
  values: readonly unknown[],
): SQL {
  return values.length === 1
    ? sql`${column} = ${bind(`${path}.0`)}`
    : sql`${column} = any(${bind(path)})`;
}

/** Reads a driver value into what the column's type gives (a Date for a timestamp, …). */
interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * What drizzle's prepared select keeps to map its rows (drizzle-orm 0.45, both drivers): the
 * selected fields by path, the tables a left join may leave null, and a mapper that replaces the
 * generic one when set.
 */
interface MappedStatement {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

function decoderOf(field: unknown): Decoder {
  // An SQL's decoder is internal to drizzle's types.
  const decoder = (sqlOf: unknown) => (sqlOf as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder((field._ as unknown as { sql: SQL }).sql);
  return decoder((field as SQL.Aliased).sql);
}

/** A selected column as the row mapper reads it. */
interface MappedColumn {
  index: number;
  path: string[];
  decoder: Decoder;
  /** A column of a joined table's object: decides whether the object is null. */
  table: { object: string; name: string } | undefined;
}

/** An object of the mapped row: its properties in the order their first column comes. */
interface RowShape {
  [key: string]: RowShape | MappedColumn;
}

function isColumn(value: RowShape | MappedColumn): value is MappedColumn {
  return typeof (value as { index?: unknown }).index === 'number';
}

/**
 * The columns as nested objects. drizzle flattens a selection object into the paths, so no path
 * is both a value and an object, nor taken twice.
 */
function rowShape(columns: readonly MappedColumn[]): RowShape {
  const root: RowShape = {};
  for (const column of columns) {
    let node = root;
    for (const parent of column.path.slice(0, -1)) {
      const next = (node[parent] ??= {});
      if (isColumn(next)) throw new Error(`selection path ${column.path.join('.')} is a value`);
      node = next;
    }
    const name = column.path[column.path.length - 1]!;
    if (Object.hasOwn(node, name)) throw new Error(`selection path ${column.path.join('.')} twice`);
    node[name] = column;
  }
  return root;
}

/**
 * drizzle's row mapping (`mapResultRow`: each value decoded into its path, a left-joined object
 * null when all its columns are), compiled once per statement into a function that builds each
 * row as one nested object literal: every value read at a call site of its own column's decoder,
 * no path walked and no property added one by one. A page of deadlines with its setters and
 * subjects spent ~5 % of a request's CPU in the generic mapping.
 */
function rowMapper(
  fields: NonNullable<MappedStatement['fields']>,
  joinsNotNullable: Record<string, boolean> | undefined,
): (rows: unknown[][]) => Record<string, unknown>[] {
  const columns: MappedColumn[] = fields.map(({ path, field }, index) => ({
    index,
    path,
    decoder: decoderOf(field),
    table:
      joinsNotNullable && is(field, Column) && path.length === 2
        ? { object: path[0] as string, name: getTableName(field.table) }
        : undefined,
  }));
  const mapRow = compiledRow(rowShape(columns), columns, joinsNotNullable);
  return (rows) => rows.map(mapRow);
}

/**
 * As drizzle decides it: a joined object is null when the first of its table's columns read null
 * and all its columns come from that one table, unless the join cannot leave it null.
 */
function nullableObjects(
  columns: readonly MappedColumn[],
): { object: string; first: number; table: string }[] {
  const decided = new Map<string, { first: number; table: string | false }>();
  for (const column of columns) {
    const table = column.table;
    if (!table) continue;
    const known = decided.get(table.object);
    if (!known) decided.set(table.object, { first: column.index, table: table.name });
    else if (known.table !== table.name) known.table = false;
  }
  return [...decided]
    .filter(([, { table }]) => table !== false)
    .map(([object, { first, table }]) => ({ object, first, table: table as string }));
}

function compiledRow(
  shape: RowShape,
  columns: readonly MappedColumn[],
  joinsNotNullable: Record<string, boolean> | undefined,
): (row: unknown[]) => Record<string, unknown> {
  const lines = columns.map(
    ({ index }) =>
      `const v${index} = row[${index}] === null ? null : d${index}.mapFromDriverValue(row[${index}]);`,
  );
  const literal = (node: RowShape): string =>
    `{ ${Object.entries(node)
      .map(
        ([key, value]) =>
          `${JSON.stringify(key)}: ${isColumn(value) ? `v${value.index}` : literal(value)}`,
      )
      .join(', ')} }`;
  lines.push(`const result = ${literal(shape)};`);
  if (joinsNotNullable) {
    for (const { object, first, table } of nullableObjects(columns)) {
      lines.push(
        `if (v${first} === null && !joins[${JSON.stringify(table)}]) result[${JSON.stringify(object)}] = null;`,
      );
    }
  }
  lines.push('return result;');
  const decoders = columns.map((column) => column.decoder);
  // Each decoder a variable of its own, so that each call site sees one decoder's class. The
  // text holds only column indexes and JSON-quoted names, as graphql-jit compiles queries.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a mapper compiled per statement
  const make = new Function(
    'decoders',
    'joins',
    `${columns.map(({ index }) => `const d${index} = decoders[${index}];`).join('\n')}
return function mapRow(row) {
${lines.join('\n')}
};`,
  ) as (
    decoders: readonly Decoder[],
    joins: Record<string, boolean> | undefined,
  ) => (row: unknown[]) => Record<string, unknown>;
  return make(decoders, joinsNotNullable);
}

/** The statements of one shape: one, or one per value of the arguments it inlines. */
interface ShapeStatements {
  /** The paths the shape's statement inlines (Binder.inline), in the order it reads them. */
  inlined: readonly string[];
  /** By the inlined values, joined with commas ('' when it inlines none). */
  byValues: Map<string, Prepared<unknown>>;
}

function inlinedKey(paths: readonly string[], values: Record<string, unknown>): string {
  return paths.length === 0 ? '' : paths.map((path) => String(values[path])).join(',');
}

export class StatementCache {
  private readonly shapes = new LRUCache<string, ShapeStatements>({ max: 500 });

  /**
   * Runs the statement `build` makes, built on first use of its shape: `key` names it and every
   * choice that changes its text; `args` are bound by path through the binder `build` gets, and
   * `ids` (when given) through `inIds`. `build` must bind every value: a literal would be kept
   * for every later run of the shape, so building throws on one.
   */
  run<T>(
    key: string,
    args: object,
    build: (bind: Binder) => Preparable<T>,
    ids?: readonly number[],
  ): Promise<T> {
    const { shape, values } = bindings(key, args);
    const known = this.shapes.get(shape);
    let statement = known?.byValues.get(inlinedKey(known.inlined, values)) as
      Prepared<T> | undefined;
    if (!statement) {
      // The same shape inlines the same paths: which ones is known once it has been built.
      const inlined: string[] = [];
      const query = build(
        binderAt(
          '',
          (path) => sql`${sql.placeholder(path)}`,
          (path) => {
            inlined.push(path);
            return inlinable(path, values[path]);
          },
        ),
      );
      const { sql: text, params } = query.toSQL();
      const literal = params.find(
        (param) => !is(param, Placeholder) && !(is(param, Param) && is(param.value, Placeholder)),
      );
      if (literal !== undefined) {
        throw new Error(`${key}: the statement holds the literal ${JSON.stringify(literal)}`);
      }
      const name = `d_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      statement = query.prepare(name);
      const mapped = statement as MappedStatement;
      if (mapped.fields && !mapped.customResultMapper) {
        mapped.customResultMapper = rowMapper(mapped.fields, mapped.joinsNotNullableMap);
      }
      const entry = known ?? { inlined, byValues: new Map<string, Prepared<unknown>>() };
      entry.byValues.set(inlinedKey(inlined, values), statement);
      if (!known) this.shapes.set(shape, entry);
    }
    if (ids) values['ids'] = [...ids];
    return statement.execute(values);
  }
}
