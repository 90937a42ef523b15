// node(id) and nodes(ids): fetch any object by its global ID, through the per-type loaders.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';
import { badUserInput, invalidId } from './errors';
import { parseGlobalId, type DecodedId } from './ids';
import { Node, tagged } from './node.type';
import { MAX_PAGE_SIZE } from './pagination';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null when there is none.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global ID.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<object | null> {
    const decoded = parseGlobalId(id);
    if (!decoded) {
      throw invalidId(`"${id.slice(0, 40)}" is not a valid ID.`, 'id');
    }
    return load(decoded, context);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by global ID, in the order asked (at most ${MAX_PAGE_SIZE}); null for each one that does not exist.`,
  })
  async nodes(
    @Arg('ids', () => [ID], { description: 'Global IDs.' }) ids: string[],
    @Ctx() context: RequestContext,
  ): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) {
      throw badUserInput(`At most ${MAX_PAGE_SIZE} IDs per call; got ${ids.length}.`, [
        { path: ['ids'], message: `at most ${MAX_PAGE_SIZE} items` },
      ]);
    }
    const decoded = ids.map((id, index) => {
      const value = parseGlobalId(id);
      if (!value) {
        throw invalidId(`ids[${index}] "${id.slice(0, 40)}" is not a valid ID.`, `ids[${index}]`);
      }
      return value;
    });
    return Promise.all(decoded.map((value) => load(value, context)));
  }
}

async function load({ type, id }: DecodedId, { loaders }: RequestContext): Promise<object | null> {
  const row = await {
    Article: () => loaders.articles.byId.load(id),
    Entity: () => loaders.entities.byId.load(id),
    Quote: () => loaders.quotes.byId.load(id),
    Deadline: () => loaders.deadlines.byId.load(id),
    DeadlineChange: () => loaders.deadlines.changeById.load(id),
  }[type]();
  return row ? tagged(row, type) : null;
}
