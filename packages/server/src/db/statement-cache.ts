// Hot reads are built once per SHAPE and then only bound and run: building a statement with the
// query builder costs more CPU than PostgreSQL spends answering a page (see bench/RESULTS.md).
// A statement's values (filter values, cursors, page sizes, row ids) are bind parameters read
// from its arguments by path through a Binder, so the cache key holds only what changes the SQL
// text: the statement's name, its discrete choices, and which arguments are present (booleans,
// array lengths and empty strings count as presence: code may branch on them). A list with
// variables therefore hits the cache. The statement is named after its text, so each pooled
// connection parses and plans it once.
import { createHash } from 'node:crypto';
import { Param, Placeholder, is, sql, type AnyColumn, type SQL } from 'drizzle-orm';
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
}

function binderAt(prefix: string, resolve: (path: string) => SQL): Binder {
  const bind = ((path: string) => resolve(prefix + path)) as Binder;
  bind.at = (path) => binderAt(`${prefix}${path}.`, resolve);
  return bind;
}

/** A binder that writes the arguments' values into the statement: for statements not cached. */
export function literalBinder(args: object): Binder {
  return binderAt('', (path) => {
    let value: unknown = args;
    for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
    // One parameter even for an array (drizzle would spread an array into a list).
    return sql`${sql.param(Array.isArray(value) ? arrayLiteral(value) : value)}`;
  });
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

export class StatementCache {
  private readonly statements = new LRUCache<string, Prepared<unknown>>({ max: 500 });

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
    let statement = this.statements.get(shape) as Prepared<T> | undefined;
    if (!statement) {
      const query = build(binderAt('', (path) => sql`${sql.placeholder(path)}`));
      const { sql: text, params } = query.toSQL();
      const literal = params.find(
        (param) => !is(param, Placeholder) && !(is(param, Param) && is(param.value, Placeholder)),
      );
      if (literal !== undefined) {
        throw new Error(`${key}: the statement holds the literal ${JSON.stringify(literal)}`);
      }
      const name = `d_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      statement = query.prepare(name);
      this.statements.set(shape, statement);
    }
    if (ids) values['ids'] = [...ids];
    return statement.execute(values);
  }
}
