// Per-request DataLoader cache. Loaders for paged children are keyed by field and arguments, so
// every parent on a page shares one batched statement per distinct argument set.
import DataLoader from 'dataloader';

export class LoaderCache {
  // Each entry's key and value types are fixed by the name it is stored under.
  private readonly loaders = new Map<string, unknown>();

  /** Drops every loader and what it has read (the request is answered). */
  clear(): void {
    this.loaders.clear();
  }

  /** The loader named `key` in this request, created on first use. */
  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader);
    }
    return loader;
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
