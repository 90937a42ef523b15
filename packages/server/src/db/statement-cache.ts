// Hot reads are built once per shape and then only bound and run: building a statement with the
// query builder costs more CPU than PostgreSQL spends answering a page (see bench/RESULTS.md).
// The cache key holds every argument except the row ids, which are bound through the `ids`
// placeholder; the statement is named after its text, so each pooled connection parses and plans
// it once.
import { createHash } from 'node:crypto';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';

interface Preparable<T> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(values: Record<string, unknown>): Promise<T> };
}

type Prepared<T> = ReturnType<Preparable<T>['prepare']>;

/** `column = any($ids)`: one statement text whatever the number of ids. */
export function inIds(column: AnyColumn): SQL {
  return sql`${column} = any(${sql.placeholder('ids')})`;
}

export class StatementCache {
  private readonly statements = new LRUCache<string, Prepared<unknown>>({ max: 500 });

  /**
   * Runs the statement `build` makes for `shape` (a name and every argument but the ids), built
   * on first use, with `ids` bound.
   */
  run<T>(shape: string, build: () => Preparable<T>, ids: readonly number[]): Promise<T> {
    let statement = this.statements.get(shape) as Prepared<T> | undefined;
    if (!statement) {
      const query = build();
      const name = `d_${createHash('sha1').update(query.toSQL().sql).digest('hex').slice(0, 20)}`;
      statement = query.prepare(name);
      this.statements.set(shape, statement);
    }
    return statement.execute({ ids: [...ids] });
  }
}
