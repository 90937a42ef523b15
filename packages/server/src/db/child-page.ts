// A page of children per parent (an article's quotes, an entity's deadlines), described ONCE. The
// description yields both ways of reading it: a lateral statement over a batch of parent ids (the
// field's loader) and a json column a parent's own statement can carry (the prefetch), with a
// typed decoder that revives what json cannot carry (timestamps) from the description's columns.
// Adding a column to a page changes its description, and both ways follow.
import { Column, is, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { keysetOrderBy, type Keyset, type KeysetOrder } from './keyset';
import { inIds, type Binder, type StatementCache } from './statement-cache';

/** What a page's row is built from: columns and expressions, nested rows, or null (not asked). */
export interface Fields {
  [key: string]: PgColumn | SQL | SQL.Aliased | Fields | null;
}

/** A table joined to each page row; left joins unless `inner`. */
export interface PageJoin {
  table: PgTable;
  on: SQL;
  inner?: boolean;
}

/** The arguments every page takes: the keyset, and whatever its filter and includes are. */
export interface PageArgs {
  keyset: Keyset;
  /**
   * The row's fields its reader uses, as comma-separated paths (`id,text,speaker,speaker.name`):
   * the page reads only those (and every `id`). A nested row named alone is read whole. Absent,
   * or naming a field the row does not have, the page reads every field.
   */
  reads?: string | undefined;
}

/** One page's rows as read, each tagged with its parent. */
export type WithParent<R> = R & { parentId: number };

/** A value a parent's statement can carry as a json column, and how to read it back. */
export interface ChildJson<A extends object, V> {
  readonly name: string;
  /** Names the statement shape it contributes for these arguments (with their bound values' shape). */
  key(args: A): string;
  /** The value for the enclosing parent row, its arguments bound through `bind`. */
  json(args: A, bind: Binder): SQL;
  decode(json: unknown, parentId: number, args: A): V;
}

/** A child value readable both ways: in a batch over parent ids, or carried as json. */
export interface ChildSource<A extends object, V> extends ChildJson<A, V> {
  /** The values of these parents, in their order. */
  load(parentIds: readonly number[], args: A): Promise<V[]>;
}

/**
 * A child value that is json in both ways (a parent's aliases): the batch reads the same json
 * column for each parent id.
 */
export class ChildColumn<A extends object, V> implements ChildSource<A, V> {
  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
    private readonly spec: {
      name: string;
      parent: PgTable;
      parentId: PgColumn;
      json(args: A, bind: Binder): SQL;
      decode(json: unknown, parentId: number, args: A): V;
    },
  ) {}

  get name(): string {
    return this.spec.name;
  }

  key(): string {
    return this.spec.name;
  }

  json(args: A, bind: Binder): SQL {
    return this.spec.json(args, bind);
  }

  decode(json: unknown, parentId: number, args: A): V {
    return this.spec.decode(json, parentId, args);
  }

  async load(parentIds: readonly number[], args: A): Promise<V[]> {
    const rows = await this.statements.run(
      this.name,
      args,
      (bind) =>
        this.db
          .select({ parentId: this.spec.parentId, json: this.json(args, bind) })
          .from(this.spec.parent)
          .where(inIds(this.spec.parentId)) as never,
      parentIds,
    );
    const byParent = new Map(
      (rows as { parentId: number; json: unknown }[]).map((row) => [row.parentId, row.json]),
    );
    return parentIds.map((id) => this.decode(byParent.get(id) ?? [], id, args));
  }
}

export interface ChildPageSpec<A extends PageArgs, P> {
  name: string;
  /** The choices among the arguments that change the statement's text beyond presence (a role). */
  key?(args: A): string;
  /** The parent table and its id: the page subquery refers to them, the statements select them. */
  parent: PgTable;
  parentId: PgColumn;
  /** Each parent's page as a subquery named `page` on the enclosing parent: filtered, cut, limited. */
  page(args: A, bind: Binder): P;
  /** A page row's fields, the tables they join, and the page's order, in the page's columns. */
  row(page: P, args: A): { fields: Fields; joins?: PageJoin[]; order: KeysetOrder };
}

function isFields(value: Fields[string]): value is Fields {
  return value !== null && typeof value === 'object' && !is(value, Column) && !isSqlLike(value);
}

function isSqlLike(value: object): boolean {
  return typeof (value as { getSQL?: unknown }).getSQL === 'function';
}

/**
 * The fields `reads` names (db/child-page PageArgs), with the `id` of each row; all of them when
 * `reads` is absent or names a field there is not (the reader asks for more than the page knows).
 */
export function fieldsRead(fields: Fields, reads: string | undefined): Fields {
  if (reads === undefined) return fields;
  const wanted = new Set(reads.split(','));
  return picked(fields, wanted, '') ?? fields;
}

function picked(fields: Fields, wanted: ReadonlySet<string>, prefix: string): Fields | undefined {
  // Every name at this level must be one of the row's fields.
  for (const name of wanted) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (!rest.includes('.') && !Object.hasOwn(fields, rest)) return undefined;
  }
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    const path = prefix + key;
    if (key !== 'id' && !wanted.has(path)) continue;
    if (value !== null && isFields(value)) {
      const inner = `${path}.`;
      const nested = [...wanted].some((name) => name.startsWith(inner))
        ? picked(value, wanted, inner)
        : value;
      if (!nested) return undefined;
      out[key] = nested;
    } else out[key] = value;
  }
  return out;
}

/** Fields for a drizzle select: null (not asked for) as a null column. */
function selection(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value === null ? sql`null` : isFields(value) ? selection(value) : value;
  }
  return out;
}

/** `json_build_object` of the fields; a nested row is null when its first column is. */
export function jsonOf(fields: Fields): SQL {
  return sql`json_build_object(${sql.join(
    Object.entries(fields).map(([key, value]) => {
      let item: SQL | PgColumn | SQL.Aliased;
      if (value === null) item = sql`null`;
      else if (isFields(value)) {
        const first = Object.values(value)[0];
        item = sql`case when ${first} is null then null else ${jsonOf(value)} end`;
      } else item = value;
      return sql`${sql.raw(`'${key}'`)}, ${item}`;
    }),
    sql`, `,
  )})`;
}

type Reviver = (row: Record<string, unknown>) => void;

/** Turns what json carries as text back into what the column reads as: timestamps into Dates. */
function reviverOf(fields: Fields): Reviver {
  const steps: Reviver[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) continue;
    if (isFields(value)) {
      const nested = reviverOf(value);
      steps.push((row) => {
        const child = row[key] as Record<string, unknown> | null;
        if (child) nested(child);
      });
    } else if (is(value, Column) && value.dataType === 'date') {
      steps.push((row) => {
        const text = row[key];
        if (typeof text === 'string') row[key] = new Date(text);
      });
    }
  }
  return (row) => {
    for (const step of steps) step(row);
  };
}

export class ChildPage<A extends PageArgs, R, P = unknown> implements ChildSource<
  A,
  WithParent<R>[]
> {
  readonly name: string;
  private readonly revivers = new Map<string, Reviver>();
  /**
   * The reviver of each arguments object: a request decodes the pages of every parent with the
   * same arguments object, so the key above is worked out once per request, not once per parent.
   */
  private readonly reviverOfArgs = new WeakMap<A, Reviver>();

  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
    private readonly spec: ChildPageSpec<A, P>,
  ) {
    this.name = spec.name;
  }

  key(args: A): string {
    const key = this.spec.key ? `${this.name}:${this.spec.key(args)}` : this.name;
    // What the page reads changes its text; the names are not bound values.
    return args.reads === undefined ? key : `${key}:${args.reads}`;
  }

  /** A page row's fields, the joins and the order, less the fields the reader does not use. */
  private row(page: P, args: A): { fields: Fields; joins?: PageJoin[]; order: KeysetOrder } {
    const row = this.spec.row(page, args);
    return { ...row, fields: fieldsRead(row.fields, args.reads) };
  }

  /** Each parent's page, for a batch of parents, in one statement built once per shape. */
  fetch(parentIds: readonly number[], args: A): Promise<WithParent<R>[]> {
    return this.statements.run(
      this.key(args),
      args,
      (bind) => {
        const page = this.spec.page(args, bind);
        const { fields, joins = [], order } = this.row(page, args);
        // The page's subquery is a drizzle subquery: cross-joined laterally onto its parent.
        let query = this.db
          .select({ ...selection(fields), parentId: this.spec.parentId })
          .from(this.spec.parent)
          .crossJoinLateral(page as never)
          .$dynamic();
        for (const join of joins) {
          query = join.inner
            ? query.innerJoin(join.table, join.on)
            : query.leftJoin(join.table, join.on);
        }
        // A join after the lateral may reorder rows: restate the page order.
        return query
          .where(inIds(this.spec.parentId))
          .orderBy(this.spec.parentId, ...keysetOrderBy(order, args.keyset));
      },
      parentIds,
    );
  }

  /** Each parent's page, in the parents' order. */
  async load(parentIds: readonly number[], args: A): Promise<WithParent<R>[][]> {
    const pages = new Map<number, WithParent<R>[]>(parentIds.map((id) => [id, []]));
    for (const row of await this.fetch(parentIds, args)) pages.get(row.parentId)?.push(row);
    return parentIds.map((id) => pages.get(id) ?? []);
  }

  /** The same page as a json array for the enclosing parent row, in the page's order. */
  json(args: A, bind: Binder): SQL {
    const page = this.spec.page(args, bind);
    const { fields, joins = [], order } = this.row(page, args);
    const joined = joins.map(
      (join) => sql` ${sql.raw(join.inner ? 'join' : 'left join')} ${join.table} on ${join.on}`,
    );
    return sql`(select coalesce(json_agg(${jsonOf(fields)} order by ${sql.join(
      keysetOrderBy(order, args.keyset),
      sql`, `,
    )}), '[]'::json) from ${page}${sql.join(joined, sql``)})`;
  }

  /** The json column's value as the loader's rows: tagged with the parent, timestamps revived. */
  decode(json: unknown, parentId: number, args: A): WithParent<R>[] {
    const rows = json as Record<string, unknown>[];
    const revive = this.reviver(args);
    for (const row of rows) {
      row['parentId'] = parentId;
      revive(row);
    }
    return rows as WithParent<R>[];
  }

  private reviver(args: A): Reviver {
    let known = this.reviverOfArgs.get(args);
    if (!known) this.reviverOfArgs.set(args, (known = this.reviverByKey(args)));
    return known;
  }

  private reviverByKey(args: A): Reviver {
    // The fields depend on what the page includes, not on its values.
    const key = `${this.key(args)}:${JSON.stringify((args as { include?: unknown }).include ?? null)}`;
    let revive = this.revivers.get(key);
    if (!revive) {
      const { fields } = this.row(this.spec.page(args, literalFree()), args);
      revive = reviverOf(fields);
      this.revivers.set(key, revive);
    }
    return revive;
  }
}

/** A binder for building a page only to read its fields: no value is ever rendered. */
function literalFree(): Binder {
  const bind = (() => sql`null`) as unknown as Binder;
  bind.at = () => bind;
  return bind;
}

/**
 * A child value a parent's statement fetches for its field (`field`), and hands to the loader the
 * field reads from: `json` is its column, `prime` decodes a parent's value and primes the loader.
 */
export interface Prefetch {
  field: string;
  name: string;
  args: object;
  json(bind: Binder): SQL;
  prime(parentId: number, json: unknown): void;
}

/** The prefetches' json columns as one `json_build_object` keyed by field. */
export function prefetchColumn(children: readonly Prefetch[], bind: Binder): SQL<PrefetchedJson> {
  return sql<PrefetchedJson>`json_build_object(${sql.join(
    children.map(
      (child) => sql`${sql.raw(`'${child.field}'`)}, ${child.json(bind.at(child.field))}`,
    ),
    sql`, `,
  )})`;
}

/** What a parent statement's `prefetched` column holds: each prefetched field's json. */
export type PrefetchedJson = Record<string, unknown>;

/** The statement-shape key and bound arguments of a parent statement's prefetches. */
export function prefetchShape(children: readonly Prefetch[]): { key: string; args: object } {
  return {
    key: children.map((child) => `${child.field}=${child.name}`).join(','),
    args: Object.fromEntries(children.map((child) => [child.field, child.args])),
  };
}

/** Hands each prefetched field's value to its loader. */
export function primePrefetches(
  children: readonly Prefetch[],
  parentId: number,
  prefetched: PrefetchedJson | null,
): void {
  if (!prefetched) return;
  for (const child of children) child.prime(parentId, prefetched[child.field]);
}
