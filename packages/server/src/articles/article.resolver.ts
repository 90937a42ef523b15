// Maps the Article type and the article queries onto repositories and loaders, nothing else.
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
import type { EntityRow } from '../db/schema';
import { DeadlineConnection } from '../deadlines/deadline.type';
import { Entity } from '../entities/entity.type';
import { QuoteConnection } from '../quotes/quote.type';
import type { RequestContext } from '../shared/context';
import { badUserInput } from '../shared/errors';
import { decodeGlobalId, toGlobalId } from '../shared/ids';
import { globalIdOfRow } from '../graphql/executor-schema';
import { ChildField, prefetches } from '../shared/child-field';
import { connectionReads, nodeField, nodesSelect, type RowReads } from '../shared/lookahead';
import { entityReads } from '../entities/entity.resolver';
import { quoteReads } from '../quotes/quote.resolver';
import { cursorList, toConnection, toKeyset, type CursorList } from '../shared/pagination';
import { orderedRange, searchArgument, validateInput } from '../shared/validation';
import type { ArticleService } from './article.service';
import {
  ArticleDeadlinesArgs,
  ArticleEntitiesArgs,
  ArticleQuotesArgs,
  ArticlesArgs,
  CreateArticleInput,
  DeleteArticleInput,
  UpdateArticleInput,
  createArticleSchema,
  updateArticleSchema,
} from './article.inputs';
import type {
  ArticleOrder as ArticleOrderValue,
  ArticleRepository,
  ArticleRow,
  ArticleSummaryRow,
} from './article.repository';
import {
  Article,
  ArticleConnection,
  ArticleEntityConnection,
  ArticlePayload,
  CreateArticlePayload,
  DeleteArticlePayload,
} from './article.type';

// Cursor lists: each ordering pages by its own key (ids are the last, tie-breaking part).
const articleLists: Record<ArticleOrderValue, CursorList> = {
  PUBLISHED_AT_DESC: cursorList('articles:PUBLISHED_AT_DESC', 'timestamp', 'integer'),
  PUBLISHED_AT_ASC: cursorList('articles:PUBLISHED_AT_ASC', 'timestamp', 'integer'),
  RELEVANCE: cursorList('articles:RELEVANCE', 'float', 'integer'),
};
const articleEntitiesList = cursorList('Article.entities', 'integer', 'integer');
const articleQuotesList = cursorList('Article.quotes', 'integer', 'integer');
const articleDeadlinesList = cursorList('Article.deadlines', 'date', 'integer');

/** What the Article resolvers below read of an article row, besides the fields of the same name. */
export const articleReads: RowReads = {
  body: [],
  source: ['sourceId'],
  datelines: [],
  entities: [],
  quotes: [],
  deadlines: [],
};

/** Article.entities: each article's page of mentioned entities. */
const entitiesField = new ChildField(
  'entities',
  (repositories) => repositories.articles.mentionedEntities,
  (args: ArticleEntitiesArgs, selection) => ({
    kinds: args.kinds ?? undefined,
    keyset: toKeyset(args, articleEntitiesList, selection),
    reads: connectionReads(selection, entityReads, ['mentionCount', 'id']),
  }),
);

/** Article.quotes: each article's page of quotes, with their speakers when asked for. */
const quotesField = new ChildField(
  'quotes',
  (repositories) => repositories.quotes.byArticle,
  (args: ArticleQuotesArgs, selection) => ({
    filter: { direct: args.direct ?? undefined, channels: args.channels ?? undefined },
    keyset: toKeyset(args, articleQuotesList, selection),
    include: { speaker: nodesSelect(selection, 'speaker') },
    reads: connectionReads(selection, quoteReads, ['spanStart', 'id']),
  }),
);

/** The child pages an article list fetches in its own statement when each is asked for once. */
const prefetchedFields = [entitiesField, quotesField] as const;

@Resolver(() => Article)
export class ArticleResolver {
  constructor(
    private readonly repository: ArticleRepository,
    private readonly service: ArticleService,
  ) {}

  @Authorized('editor')
  @Mutation(() => CreateArticlePayload, {
    description:
      'Stores a whole article with its mentions, quotes and deadlines, all or nothing. Idempotent by URL (or content). Needs the editor role.',
  })
  async createArticle(
    @Arg('input', () => CreateArticleInput, { description: 'The article.' })
    input: CreateArticleInput,
  ): Promise<{ article: ArticleRow; created: boolean }> {
    validateInput(createArticleSchema, input);
    return this.service.create(input);
  }

  @Authorized('editor')
  @Mutation(() => ArticlePayload, {
    description: "Changes an article's details. Needs the editor role.",
  })
  async updateArticle(
    @Arg('input', () => UpdateArticleInput, { description: 'The changes.' })
    input: UpdateArticleInput,
  ): Promise<{ article: ArticleRow }> {
    const id = decodeGlobalId(input.id, 'Article', 'input.id');
    validateInput(updateArticleSchema, input);
    return { article: await this.service.update(id, input) };
  }

  @Authorized('admin')
  @Mutation(() => DeleteArticlePayload, {
    description:
      'Deletes an article with its quotes, mentions and the deadlines it reported. Needs the admin role.',
  })
  async deleteArticle(
    @Arg('input', () => DeleteArticleInput, { description: 'The article.' })
    input: DeleteArticleInput,
  ): Promise<DeleteArticlePayload> {
    const row = await this.service.delete(decodeGlobalId(input.id, 'Article', 'input.id'));
    return { deletedId: toGlobalId('Article', row.id) };
  }

  @Query(() => Article, {
    nullable: true,
    description: 'An article by ID; null when there is none.',
  })
  article(
    @Arg('id', () => ID, { description: 'The article ID.' }) id: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ArticleSummaryRow | null> {
    return loaders.articles.byId.load(decodeGlobalId(id, 'Article', 'id'));
  }

  @Query(() => ArticleConnection, {
    description: 'Articles, newest first, filtered by date, entity, outlet or full-text search.',
  })
  async articles(
    @Args(() => ArticlesArgs) args: ArticlesArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const search = searchArgument(args.search, 'search');
    orderedRange(args.publishedFrom, args.publishedBefore, 'publishedFrom', 'publishedBefore');
    const order: ArticleOrderValue = args.orderBy ?? (search ? 'RELEVANCE' : 'PUBLISHED_AT_DESC');
    if (order === 'RELEVANCE' && !search) {
      throw badUserInput('orderBy RELEVANCE needs a search.', [
        { path: ['orderBy'], message: 'RELEVANCE needs search' },
      ]);
    }
    const filter = {
      publishedFrom: args.publishedFrom ?? undefined,
      publishedBefore: args.publishedBefore ?? undefined,
      mentioningEntityId: args.mentioning
        ? decodeGlobalId(args.mentioning, 'Entity', 'mentioning')
        : undefined,
      sourceId: args.source ? decodeGlobalId(args.source, 'Entity', 'source') : undefined,
      search,
    };
    const list = articleLists[order];
    const keyset = toKeyset(args, list, info);
    const children = prefetches(info, loaders.children, prefetchedFields, nodeField);
    const rows = await this.repository.list(
      filter,
      order,
      keyset,
      { source: nodesSelect(info, 'source') },
      children,
    );
    return toConnection(rows, keyset, {
      list,
      keyOf: (row) =>
        order === 'RELEVANCE'
          ? [row.relevanceKey, row.id]
          : [row.publishedAt.toISOString(), row.id],
      edge: (row) => ({ rank: search ? row.rank : null, snippet: row.snippet }),
      count: () => this.repository.count(filter, rows),
    });
  }

  @FieldResolver(() => String, { description: 'The full text; quote spans are offsets into it.' })
  async body(
    @Root() article: ArticleSummaryRow & { body?: string },
    @Ctx() { loaders }: RequestContext,
  ): Promise<string> {
    if (article.body !== undefined) return article.body;
    const body = await loaders.articles.body.load(article.id);
    if (body === null) throw new Error(`Article ${article.id} has no row`);
    return body;
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  @Extensions(globalIdOfRow('Article'))
  id(@Root() article: ArticleSummaryRow): string {
    return toGlobalId('Article', article.id);
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'The outlet that published it.' })
  source(
    @Root() article: ArticleSummaryRow & { source?: EntityRow | null },
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow | null> | EntityRow | null {
    if (article.sourceId === null) return null;
    // Lists join the outlet when the query asks for it.
    return article.source ?? loaders.entities.byId.load(article.sourceId);
  }

  @FieldResolver(() => [Entity], {
    description: 'The places in the dateline, in order (New York, Beijing).',
  })
  datelines(
    @Root() article: ArticleSummaryRow,
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow[]> {
    return loaders.articles.datelines.load(article.id);
  }

  @FieldResolver(() => ArticleEntityConnection, {
    description: 'The entities the article mentions, most mentioned first, with mention counts.',
  })
  entities(
    @Root() article: ArticleSummaryRow,
    @Args(() => ArticleEntitiesArgs) args: ArticleEntitiesArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return entitiesField.resolve(
      loaders.children,
      args,
      info,
      article.id,
      ({ kinds, keyset }, rows) =>
        toConnection(rows, keyset, {
          list: articleEntitiesList,
          keyOf: (row) => [row.mentionCount, row.id],
          edge: (row) => ({ mentionCount: row.mentionCount, surfaceForms: row.surfaceForms }),
          count: () => loaders.articles.countMentionedEntities(kinds).load(article.id),
        }),
    );
  }

  @FieldResolver(() => QuoteConnection, {
    description: 'The quotes in the article, in text order.',
  })
  quotes(
    @Root() article: ArticleSummaryRow,
    @Args(() => ArticleQuotesArgs) args: ArticleQuotesArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return quotesField.resolve(
      loaders.children,
      args,
      info,
      article.id,
      ({ filter, keyset }, rows) =>
        toConnection(rows, keyset, {
          list: articleQuotesList,
          keyOf: (row) => [row.spanStart, row.id],
          count: () => loaders.quotes.countByArticle(filter).load(article.id),
        }),
    );
  }

  @FieldResolver(() => DeadlineConnection, {
    description: 'The deadlines the article first reported, soonest due first.',
  })
  async deadlines(
    @Root() article: ArticleSummaryRow,
    @Args(() => ArticleDeadlinesArgs) args: ArticleDeadlinesArgs,
    @Ctx() { loaders }: RequestContext,
  ) {
    const filter = { statuses: args.statuses ?? undefined };
    const keyset = toKeyset(args, articleDeadlinesList);
    const rows = await loaders.deadlines.byArticle(filter, keyset).load(article.id);
    return toConnection(rows, keyset, {
      list: articleDeadlinesList,
      keyOf: (row) => [row.dueOn, row.id],
      count: () => loaders.deadlines.countByArticle(filter).load(article.id),
    });
  }
}
