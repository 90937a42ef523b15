// A field whose value is a child page (or other child value) of its parent, defined once: how the
// field's GraphQL arguments become the page's arguments, and which child source reads it. The
// same definition serves the field's resolver (through a loader batched over the parents) and a
// parent's statement that fetches the value for it (a prefetch priming that loader).
import type DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { ChildSource, Prefetch } from '../db/child-page';
import type { Repositories } from '../repositories';
import type { LoaderCache } from './loaders';
import type { Selection } from './lookahead';

interface AskedPage {
  args: object;
  loader: DataLoader<number, unknown>;
}

/** Per request: one loader per child source and argument set, shared by field and prefetch. */
export class ChildLoaders {
  /**
   * Each field's page arguments and loader by the place it is asked at (its field nodes): one
   * place in one request has one set of arguments, so a field on every parent of a page works
   * them out once instead of once per parent.
   */
  private readonly asked = new Map<object, Map<readonly FieldNode[], AskedPage>>();

  /**
   * Values a parent's statement fetched, by the loader they stand in for and parent id: a field
   * reads them at once, without a promise (a feed page has some forty such fields).
   */
  private readonly primed = new Map<DataLoader<number, unknown>, Map<number, unknown>>();

  constructor(
    private readonly repositories: Repositories,
    private readonly cache: LoaderCache,
  ) {}

  /** Drops the pages asked for and the values fetched (the request is answered). */
  clear(): void {
    this.asked.clear();
    this.primed.clear();
  }

  /** The value a parent's statement fetched for `loader` and `parentId`, if it did. */
  primedValue<V>(loader: DataLoader<number, V>, parentId: number): { value: V } | undefined {
    const values = this.primed.get(loader);
    return values?.has(parentId) ? { value: values.get(parentId) as V } : undefined;
  }

  /** The page arguments and loader of `field` asked at `place`, made by `make` once. */
  askedAt<A extends object, V>(
    field: object,
    place: readonly FieldNode[],
    make: () => { args: A; loader: DataLoader<number, V> },
  ): { args: A; loader: DataLoader<number, V> } {
    let places = this.asked.get(field);
    if (!places) this.asked.set(field, (places = new Map<readonly FieldNode[], AskedPage>()));
    let found = places.get(place);
    if (!found) {
      found = make();
      places.set(place, found);
    }
    return found as { args: A; loader: DataLoader<number, V> };
  }

  loader<A extends object, V>(
    source: (repositories: Repositories) => ChildSource<A, V>,
    args: A,
  ): DataLoader<number, V> {
    const child = source(this.repositories);
    return this.cache.get<number, V>(`${child.name}:${JSON.stringify(args)}`, (ids) =>
      child.load(ids, args),
    );
  }

  prefetch<A extends object, V>(
    field: string,
    source: (repositories: Repositories) => ChildSource<A, V>,
    args: A,
  ): Prefetch {
    const child = source(this.repositories);
    const loader = this.loader(source, args);
    return {
      field,
      name: child.key(args),
      args,
      json: (bind) => child.json(args, bind),
      prime: (parentId, json) => {
        let values = this.primed.get(loader);
        if (!values) {
          values = new Map<number, unknown>();
          this.primed.set(loader, values);
        }
        // As DataLoader's prime: a value already there stays.
        if (!values.has(parentId)) values.set(parentId, child.decode(json, parentId, args));
      },
    };
  }
}

/** The arguments a field was asked with and its own selection (shared/lookahead). */
export interface AskedField {
  args: Record<string, unknown>;
  selection: Selection;
}

export class ChildField<Args, A extends object, V> {
  constructor(
    /** The GraphQL field's name on its parent type. */
    readonly field: string,
    private readonly source: (repositories: Repositories) => ChildSource<A, V>,
    /** The field's argument handling: its GraphQL arguments and selection as the page's. */
    readonly argsOf: (args: Args, selection: Selection) => A,
  ) {}

  /**
   * The field's value for one parent made into the field's result by `then`, with the page
   * arguments it was read with: at once when the parent's statement fetched it, else when the
   * loader has read it with the other parents'.
   */
  resolve<R>(
    children: ChildLoaders,
    args: Args,
    selection: Selection,
    parentId: number,
    then: (page: A, value: V) => R,
  ): R | Promise<R> {
    let asked: { args: A; loader: DataLoader<number, V> };
    let primed: { value: V } | undefined;
    try {
      asked = children.askedAt(this, selection.fieldNodes, () => {
        const page = this.argsOf(args, selection);
        return { args: page, loader: children.loader(this.source, page) };
      });
      primed = children.primedValue(asked.loader, parentId);
      if (primed) return then(asked.args, primed.value);
    } catch (error) {
      // Refused arguments reach the executor as a rejection, as from any other async field.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return asked.loader.load(parentId).then((value) => then(asked.args, value));
  }

  /**
   * The prefetch of this field as asked, when it is asked once; undefined when it is not, or when
   * its arguments are ones the field will reject (the field reports them when it runs).
   */
  prefetch(children: ChildLoaders, asked: AskedField | undefined): Prefetch | undefined {
    if (!asked) return undefined;
    let page: A;
    try {
      page = this.argsOf(asked.args as Args, asked.selection);
    } catch {
      return undefined;
    }
    return children.prefetch(this.field, this.source, page);
  }
}

/** The prefetches of `fields` a parent's statement can carry, found by `find` in `info`. */
export function prefetches(
  info: GraphQLResolveInfo,
  children: ChildLoaders,
  fields: readonly ChildField<never, object, unknown>[],
  find: (info: GraphQLResolveInfo, field: string) => AskedField | undefined,
): Prefetch[] {
  return fields.flatMap((field) => field.prefetch(children, find(info, field.field)) ?? []);
}
