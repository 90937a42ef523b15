// Per-request DataLoader cache. Loaders for paged children are keyed by field and arguments, so
// every parent on a page shares one batched statement per distinct argument set.
import DataLoader from 'dataloader';
import type { SQL } from 'drizzle-orm';
import type { JsonColumn } from '../db/json';

export class LoaderCache {
  // Each entry's key and value types are fixed by the name it is stored under.
  private readonly loaders = new Map<string, unknown>();
  private readonly names = new WeakMap<object, string>();

  /** The loader named `key` in this request, created on first use. */
  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader);
      this.names.set(loader, key);
    }
    return loader;
  }

  /**
   * Lets a parent's statement fill `loader` (one of this cache's, named by its field and
   * arguments): `column` is each parent's value as json, `decode` turns it into the loader's.
   */
  prefetch<V>(
    loader: DataLoader<number, V>,
    column: () => SQL,
    decode: (json: unknown, parentId: number) => V,
  ): ChildPrefetch {
    const key = this.names.get(loader);
    if (key === undefined) throw new Error('prefetch: not a loader of this request');
    return {
      key,
      column,
      prime: (parentId, json) => void loader.prime(parentId, decode(json, parentId)),
    };
  }
}

/** Orders batch results to match the keys DataLoader asked for; missing keys become null. */
export function byKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const found = new Map<K, R>(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** Collects rows into one array per key, in key order. */
export function groupByKeys<K, R, V = R>(
  keys: readonly K[],
  rows: R[],
  keyOf: (row: R) => K,
  valueOf: (row: R) => V = (row) => row as unknown as V,
): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(valueOf(row));
  return keys.map((key) => groups.get(key) ?? []);
}

/** Loaders for the common shapes: rows by id, one page of children per parent, counts. */
export function rowsById<R extends { id: number }>(
  cache: LoaderCache,
  key: string,
  fetch: (ids: readonly number[]) => Promise<R[]>,
): DataLoader<number, R | null> {
  return cache.get<number, R | null>(key, async (ids) =>
    byKeys(ids, await fetch(ids), (row) => row.id),
  );
}

export function childrenByParent<R extends { parentId: number }>(
  cache: LoaderCache,
  key: string,
  fetch: (parentIds: readonly number[]) => Promise<R[]>,
): DataLoader<number, R[]> {
  return cache.get<number, R[]>(key, async (ids) =>
    groupByKeys(ids, await fetch(ids), (row) => row.parentId),
  );
}

export function countsByParent(
  cache: LoaderCache,
  key: string,
  fetch: (parentIds: readonly number[]) => Promise<{ parentId: number; n: number }[]>,
): DataLoader<number, number> {
  return cache.get<number, number>(key, async (ids) => {
    const counts = new Map((await fetch(ids)).map((row) => [row.parentId, row.n]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * A page of children a parent list can fetch in its own statement: `column` is the page as json
 * per parent row, `prime` hands a parent's page to the loader its field would have used, so the
 * field finds it there instead of issuing a statement.
 */
export interface ChildPrefetch extends JsonColumn {
  prime(parentId: number, json: unknown): void;
}

/**
 * The prefetches that can be planned: a plan returns nothing when its field is not asked for,
 * and throws on arguments the field will reject, which the field then reports when it runs.
 */
export function plannedPrefetches(
  plans: readonly (() => ChildPrefetch | undefined)[],
): ChildPrefetch[] {
  return plans.flatMap((plan) => {
    try {
      return plan() ?? [];
    } catch {
      return [];
    }
  });
}
