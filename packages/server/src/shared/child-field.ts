// A field whose value is a child page (or other child value) of its parent, defined once: how the
// field's GraphQL arguments become the page's arguments, and which child source reads it. The
// same definition serves the field's resolver (through a loader batched over the parents) and a
// parent's statement that fetches the value for it (a prefetch priming that loader).
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { ChildSource, Prefetch } from '../db/child-page';
import type { Repositories } from '../repositories';
import type { LoaderCache } from './loaders';
import type { Selection } from './lookahead';

/** Per request: one loader per child source and argument set, shared by field and prefetch. */
export class ChildLoaders {
  constructor(
    private readonly repositories: Repositories,
    private readonly cache: LoaderCache,
  ) {}

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
      prime: (parentId, json) => void loader.prime(parentId, child.decode(json, parentId, args)),
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

  /** The field's value for one parent, and the page arguments it was read with. */
  async load(
    children: ChildLoaders,
    args: Args,
    selection: Selection,
    parentId: number,
  ): Promise<{ args: A; value: V }> {
    const page = this.argsOf(args, selection);
    return { args: page, value: await children.loader(this.source, page).load(parentId) };
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
