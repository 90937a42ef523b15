// Maps the Entity type and the entity queries onto repositories and loaders, nothing else.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { MentionedArticleConnection } from '../articles/article.type';
import type { EntityRow } from '../db/schema';
import { DeadlineConnection, DeadlineRole } from '../deadlines/deadline.type';
import { QuoteConnection } from '../quotes/quote.type';
import { ErrorCode } from '@dateline/schema';
import type { RequestContext } from '../shared/context';
import { DomainError } from '../shared/domain-error';
import { decodeGlobalId, toGlobalId } from '../shared/ids';
import { globalIdOfRow } from '../graphql/executor-schema';
import { ChildField, prefetches } from '../shared/child-field';
import { connectionReads, nodesSelect, objectField, type RowReads } from '../shared/lookahead';
import { quoteReads } from '../quotes/quote.resolver';
import { deadlineReads } from '../deadlines/deadline.resolver';
import { ConnectionArgs, cursorList, toConnection, toKeyset } from '../shared/pagination';
import { searchArgument, validateInput } from '../shared/validation';
import {
  CreateEntityInput,
  DeleteEntityInput,
  EntitiesArgs,
  EntityDeadlinesArgs,
  EntityQuotesArgs,
  EntityRelationInput,
  EntityRelationsArgs,
  MergeEntitiesInput,
  UpdateEntityInput,
  createEntitySchema,
  updateEntitySchema,
} from './entity.inputs';
import type { EntityRepository } from './entity.repository';
import type { EntityService } from './entity.service';
import {
  DeleteEntityPayload,
  Entity,
  EntityConnection,
  EntityPayload,
  EntityRelationConnection,
  EntityRelationPayload,
} from './entity.type';

// Cursor lists: each ordering pages by its own key (ids are the last, tie-breaking part).
const entitiesByScore = cursorList('entities:SCORE', 'float', 'integer');
const entitiesByName = cursorList('entities:NAME', 'text', 'integer');
const entityArticlesList = cursorList('Entity.articles', 'timestamp', 'integer');
const entityQuotesList = cursorList('Entity.quotes', 'timestamp', 'integer');
const entityDeadlinesList = cursorList('Entity.deadlines', 'date', 'integer');
const entityRelationsList = cursorList('Entity.relations', 'integer');

/** What the Entity resolvers below read of an entity row, besides the fields of the same name. */
export const entityReads: RowReads = {
  aliases: [],
  articles: [],
  quotes: [],
  deadlines: [],
  relations: [],
};

/** Entity.aliases: the other names of each entity. */
const aliasesField = new ChildField(
  'aliases',
  (repositories) => repositories.entities.aliases,
  () => ({}),
);

/** Entity.relations: each entity's page of relations. */
const relationsField = new ChildField(
  'relations',
  (repositories) => repositories.entities.relations,
  (args: EntityRelationsArgs, selection) => ({
    filter: { types: args.types ?? undefined, direction: args.direction ?? undefined },
    keyset: toKeyset(args, entityRelationsList, selection),
    reads: connectionReads(selection, entityReads, ['relationId', 'id']),
  }),
);

/** Entity.quotes: each entity's page of quotes, with their articles when asked for. */
const quotesField = new ChildField(
  'quotes',
  (repositories) => repositories.quotes.bySpeaker,
  (args: EntityQuotesArgs, selection) => ({
    filter: { direct: args.direct ?? undefined, channels: args.channels ?? undefined },
    keyset: toKeyset(args, entityQuotesList, selection),
    include: { article: nodesSelect(selection, 'article') },
    reads: connectionReads(selection, quoteReads, ['reportedAt', 'id']),
  }),
);

/** Entity.deadlines: each entity's page of deadlines in a role. */
const deadlinesField = new ChildField(
  'deadlines',
  (repositories) => repositories.deadlines.byEntity,
  (args: EntityDeadlinesArgs, selection) => ({
    role: args.role ?? DeadlineRole.ANY,
    filter: { statuses: args.statuses ?? undefined },
    keyset: toKeyset(args, entityDeadlinesList, selection),
    reads: connectionReads(selection, deadlineReads, ['dueOn', 'id']),
  }),
);

/** The child values an entity fetches in its own statement when each is asked for once. */
const prefetchedFields = [aliasesField, relationsField, quotesField, deadlinesField] as const;

@Resolver(() => Entity)
export class EntityResolver {
  constructor(
    private readonly repository: EntityRepository,
    private readonly service: EntityService,
  ) {}

  @Authorized('editor')
  @Mutation(() => EntityPayload, {
    description:
      'Adds an entity. Needs the editor role. CONFLICT, with `extensions.existingId`, when its name or an alias already names an entity of the kind (by name or alias; case, accents and spacing ignored).',
  })
  async createEntity(
    @Arg('input', () => CreateEntityInput, { description: 'The new entity.' })
    input: CreateEntityInput,
  ): Promise<{ entity: EntityRow }> {
    const valid = validateInput(createEntitySchema, input);
    const entity = await this.service.create({
      name: valid.name,
      kind: input.kind,
      title: valid.title || null,
      wikidataId: valid.wikidataId || null,
      aliases: valid.aliases ?? [],
    });
    return { entity };
  }

  @Authorized('editor')
  @Mutation(() => EntityPayload, {
    description:
      'Changes an entity. Needs the editor role. CONFLICT, with `extensions.existingId`, when a new name or an added alias already names another entity of the kind.',
  })
  async updateEntity(
    @Arg('input', () => UpdateEntityInput, { description: 'The changes.' })
    input: UpdateEntityInput,
  ): Promise<{ entity: EntityRow }> {
    const id = decodeGlobalId(input.id, 'Entity', 'input.id');
    const valid = validateInput(updateEntitySchema, input);
    const entity = await this.service.update(id, {
      name: valid.name ?? undefined,
      kind: input.kind ?? undefined,
      title: valid.title === undefined || valid.title === null ? undefined : valid.title || null,
      wikidataId:
        valid.wikidataId === undefined || valid.wikidataId === null
          ? undefined
          : valid.wikidataId || null,
      addAliases: valid.addAliases ?? undefined,
      removeAliases: valid.removeAliases ?? undefined,
    });
    return { entity };
  }

  @Authorized('admin')
  @Mutation(() => DeleteEntityPayload, {
    description:
      'Deletes an entity nothing refers to any more (merge it otherwise). Needs the admin role.',
  })
  async deleteEntity(
    @Arg('input', () => DeleteEntityInput, { description: 'The entity.' }) input: DeleteEntityInput,
  ): Promise<DeleteEntityPayload> {
    const row = await this.service.delete(decodeGlobalId(input.id, 'Entity', 'input.id'));
    return { deletedId: toGlobalId('Entity', row.id) };
  }

  @Authorized('admin')
  @Mutation(() => EntityPayload, {
    description: 'Merges one entity into another without losing anything. Needs the admin role.',
  })
  async mergeEntities(
    @Arg('input', () => MergeEntitiesInput, { description: 'Which entity stays and which goes.' })
    input: MergeEntitiesInput,
  ): Promise<{ entity: EntityRow }> {
    const keep = decodeGlobalId(input.keep, 'Entity', 'input.keep');
    const merge = decodeGlobalId(input.merge, 'Entity', 'input.merge');
    return { entity: await this.service.merge(keep, merge) };
  }

  @Authorized('editor')
  @Mutation(() => EntityRelationPayload, {
    description: 'Relates two entities. Needs the editor role.',
  })
  async createEntityRelation(
    @Arg('input', () => EntityRelationInput, { description: 'The relation.' })
    input: EntityRelationInput,
    @Ctx() { loaders }: RequestContext,
  ): Promise<{ from: EntityRow; changed: boolean }> {
    const from = decodeGlobalId(input.from, 'Entity', 'input.from');
    const to = decodeGlobalId(input.to, 'Entity', 'input.to');
    const changed = await this.service.relate(from, input.type, to);
    return { from: (await loaders.entities.byId.load(from)) as EntityRow, changed };
  }

  @Authorized('editor')
  @Mutation(() => EntityRelationPayload, {
    description: 'Removes a relation. Needs the editor role.',
  })
  async deleteEntityRelation(
    @Arg('input', () => EntityRelationInput, { description: 'The relation.' })
    input: EntityRelationInput,
    @Ctx() { loaders }: RequestContext,
  ): Promise<{ from: EntityRow; changed: boolean }> {
    const from = decodeGlobalId(input.from, 'Entity', 'input.from');
    const to = decodeGlobalId(input.to, 'Entity', 'input.to');
    const changed = await this.service.unrelate(from, input.type, to);
    const row = await loaders.entities.byId.load(from);
    if (!row) {
      throw new DomainError(ErrorCode.NotFound, 'No entity has this ID.', [
        { path: ['input', 'from'], message: 'no entity with this ID' },
      ]);
    }
    return { from: row, changed };
  }

  @Query(() => Entity, { nullable: true, description: 'An entity by ID; null when there is none.' })
  async entity(
    @Arg('id', () => ID, { description: 'The entity ID.' }) id: string,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EntityRow | null> {
    const entityId = decodeGlobalId(id, 'Entity', 'id');
    const children = prefetches(info, loaders.children, prefetchedFields, objectField);
    if (children.length === 0) return loaders.entities.byId.load(entityId);
    // An entity page: the entity and the pages its fields ask for, in one statement.
    const row = await this.repository.byIdWith(entityId, children);
    if (row) loaders.entities.byId.prime(entityId, row);
    return row;
  }

  @Query(() => EntityConnection, {
    description: 'Entities by name, or the best matches for a fuzzy, alias-aware search.',
  })
  async entities(@Args(() => EntitiesArgs) args: EntitiesArgs) {
    const search = searchArgument(args.search, 'search');
    const filter = { search, kinds: args.kinds ?? undefined };
    const list = search ? entitiesByScore : entitiesByName;
    const keyset = toKeyset(args, list);
    const rows = await this.repository.list(filter, keyset);
    return toConnection(rows, keyset, {
      list,
      keyOf: (row) => (search ? [row.score, row.id] : [row.name, row.id]),
      count: () => this.repository.count(filter),
    });
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  @Extensions(globalIdOfRow('Entity'))
  id(@Root() entity: EntityRow): string {
    return toGlobalId('Entity', entity.id);
  }

  @FieldResolver(() => [String], { description: 'Other names the entity goes by (AFP, USA).' })
  aliases(
    @Root() entity: EntityRow,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): string[] | Promise<string[]> {
    return aliasesField.resolve(loaders.children, {}, info, entity.id, (_page, aliases) => aliases);
  }

  @FieldResolver(() => MentionedArticleConnection, {
    description: 'Articles that mention the entity, newest first.',
  })
  async articles(
    @Root() entity: EntityRow,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: RequestContext,
  ) {
    const keyset = toKeyset(args, entityArticlesList);
    const rows = await loaders.articles.byEntity(keyset).load(entity.id);
    return toConnection(rows, keyset, {
      list: entityArticlesList,
      keyOf: (row) => [row.publishedAt.toISOString(), row.id],
      edge: (row) => ({ mentionCount: row.mentionCount, surfaceForms: row.surfaceForms }),
      count: () => loaders.articles.countByEntity.load(entity.id),
    });
  }

  @FieldResolver(() => QuoteConnection, { description: 'What the entity said, newest first.' })
  quotes(
    @Root() entity: EntityRow,
    @Args(() => EntityQuotesArgs) args: EntityQuotesArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return quotesField.resolve(
      loaders.children,
      args,
      info,
      entity.id,
      ({ filter, keyset }, rows) =>
        toConnection(rows, keyset, {
          list: entityQuotesList,
          keyOf: (row) => [row.reportedAt.toISOString(), row.id],
          count: () => loaders.quotes.countBySpeaker(filter).load(entity.id),
        }),
    );
  }

  @FieldResolver(() => DeadlineConnection, {
    description: 'Deadlines the entity set, faces or is concerned by, soonest due first.',
  })
  deadlines(
    @Root() entity: EntityRow,
    @Args(() => EntityDeadlinesArgs) args: EntityDeadlinesArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return deadlinesField.resolve(
      loaders.children,
      args,
      info,
      entity.id,
      ({ role, filter, keyset }, rows) =>
        toConnection(rows, keyset, {
          list: entityDeadlinesList,
          keyOf: (row) => [row.dueOn, row.id],
          count: () => loaders.deadlines.countByEntity(role, filter).load(entity.id),
        }),
    );
  }

  @FieldResolver(() => EntityRelationConnection, {
    description: 'Entities this one is related to (owns, leads, is part of …), in both directions.',
  })
  relations(
    @Root() entity: EntityRow,
    @Args(() => EntityRelationsArgs) args: EntityRelationsArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return relationsField.resolve(
      loaders.children,
      args,
      info,
      entity.id,
      ({ filter, keyset }, rows) =>
        toConnection(rows, keyset, {
          list: entityRelationsList,
          keyOf: (row) => [row.relationId],
          edge: (row) => ({ type: row.type, direction: row.direction }),
          count: () => loaders.entities.countRelations(filter).load(entity.id),
        }),
    );
  }
}
