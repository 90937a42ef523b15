// Maps the Quote type and the quote queries onto repositories and loaders, nothing else.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { articleReads } from '../articles/article.resolver';
import { Article } from '../articles/article.type';
import type { ArticleSummaryRow } from '../articles/article.repository';
import type { EntityRow } from '../db/schema';
import { entityReads } from '../entities/entity.resolver';
import { Entity } from '../entities/entity.type';
import type { RequestContext } from '../shared/context';
import { decodeGlobalId, toGlobalId } from '../shared/ids';
import { globalIdOfRow } from '../graphql/executor-schema';
import type { RowReads } from '../shared/lookahead';
import { cursorList, toConnection, toKeyset } from '../shared/pagination';
import { orderedRange, searchArgument, validateInput } from '../shared/validation';
import {
  CreateQuoteInput,
  DeleteQuoteInput,
  QuotesArgs,
  UpdateQuoteInput,
  createQuoteSchema,
  updateQuoteSchema,
} from './quote.inputs';
import type { QuoteService } from './quote.service';
import type { QuoteRepository, QuoteRow } from './quote.repository';
import { DeleteQuotePayload, Quote, QuoteConnection, QuotePayload, TextSpan } from './quote.type';

/** What the Quote resolvers below read of a quote row, besides the fields of the same name. */
export const quoteReads: RowReads = {
  speaker: { fields: ['speakerId'], row: 'speaker', reads: () => entityReads },
  via: ['viaId'],
  article: { fields: ['articleId'], row: 'article', reads: () => articleReads },
  span: ['spanStart', 'spanEnd'],
};

/** Quotes page by report time, then id. */
const quotesList = cursorList('quotes', 'timestamp', 'integer');

@Resolver(() => Quote)
export class QuoteResolver {
  constructor(
    private readonly repository: QuoteRepository,
    private readonly service: QuoteService,
  ) {}

  @Authorized('editor')
  @Mutation(() => QuotePayload, {
    description:
      'Adds a quote to a stored article; its text must be an exact passage of the body. Needs the editor role.',
  })
  async createQuote(
    @Arg('input', () => CreateQuoteInput, { description: 'The quote.' }) input: CreateQuoteInput,
  ): Promise<{ quote: QuoteRow }> {
    validateInput(createQuoteSchema, input);
    return { quote: await this.service.create(input.article, input) };
  }

  @Authorized('editor')
  @Mutation(() => QuotePayload, { description: 'Changes a quote. Needs the editor role.' })
  async updateQuote(
    @Arg('input', () => UpdateQuoteInput, { description: 'The changes.' }) input: UpdateQuoteInput,
  ): Promise<{ quote: QuoteRow }> {
    const id = decodeGlobalId(input.id, 'Quote', 'input.id');
    validateInput(updateQuoteSchema, input);
    return { quote: await this.service.update(id, input) };
  }

  @Authorized('admin')
  @Mutation(() => DeleteQuotePayload, { description: 'Deletes a quote. Needs the admin role.' })
  async deleteQuote(
    @Arg('input', () => DeleteQuoteInput, { description: 'The quote.' }) input: DeleteQuoteInput,
  ): Promise<DeleteQuotePayload> {
    const row = await this.service.delete(decodeGlobalId(input.id, 'Quote', 'input.id'));
    return { deletedId: toGlobalId('Quote', row.id) };
  }

  @Query(() => Quote, { nullable: true, description: 'A quote by ID; null when there is none.' })
  quote(
    @Arg('id', () => ID, { description: 'The quote ID.' }) id: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<QuoteRow | null> {
    return loaders.quotes.byId.load(decodeGlobalId(id, 'Quote', 'id'));
  }

  @Query(() => QuoteConnection, {
    description:
      'Quotes, newest report first, by speaker, article, channel, outlet, date or words.',
  })
  async quotes(@Args(() => QuotesArgs) args: QuotesArgs) {
    orderedRange(args.saidFrom, args.saidBefore, 'saidFrom', 'saidBefore');
    const filter = {
      speakerId: args.speaker ? decodeGlobalId(args.speaker, 'Entity', 'speaker') : undefined,
      articleId: args.article ? decodeGlobalId(args.article, 'Article', 'article') : undefined,
      viaId: args.via ? decodeGlobalId(args.via, 'Entity', 'via') : undefined,
      channels: args.channels ?? undefined,
      direct: args.direct ?? undefined,
      attributed: args.attributed ?? undefined,
      saidFrom: args.saidFrom ?? undefined,
      saidBefore: args.saidBefore ?? undefined,
      search: searchArgument(args.search, 'search'),
    };
    const keyset = toKeyset(args, quotesList);
    const rows = await this.repository.list(filter, keyset);
    return toConnection(rows, keyset, {
      list: quotesList,
      keyOf: (row) => [row.reportedAt.toISOString(), row.id],
      count: () => this.repository.count(filter),
    });
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  @Extensions(globalIdOfRow('Quote'))
  id(@Root() quote: QuoteRow): string {
    return toGlobalId('Quote', quote.id);
  }

  @FieldResolver(() => Entity, {
    nullable: true,
    description:
      'Who said it; null for an unattributed quote (the article does not name the speaker).',
  })
  speaker(
    @Root() quote: QuoteRow & { speaker?: EntityRow | null },
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow | null> | EntityRow | null {
    if (quote.speakerId === null) return null;
    // Pages of quotes join the speaker when the query asks for it: given at once, no promise.
    return (
      quote.speaker ??
      loaders.entities.byId.load(quote.speakerId).then((row) => required(row, 'speaker', quote.id))
    );
  }

  @FieldResolver(() => Entity, {
    nullable: true,
    description:
      'The outlet the words came through (AFP, CNBC, Xinhua), when the article names one.',
  })
  via(
    @Root() quote: QuoteRow,
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow | null> | null {
    return quote.viaId === null ? null : loaders.entities.byId.load(quote.viaId);
  }

  @FieldResolver(() => Article, { description: 'The article the quote appears in.' })
  article(
    @Root() quote: QuoteRow & { article?: ArticleSummaryRow | null },
    @Ctx() { loaders }: RequestContext,
  ): Promise<ArticleSummaryRow> | ArticleSummaryRow {
    // Pages of quotes join the article when the query asks for it: given at once, no promise.
    return (
      quote.article ??
      loaders.articles.byId.load(quote.articleId).then((row) => required(row, 'article', quote.id))
    );
  }

  @FieldResolver(() => TextSpan, { description: 'Where the quoted words sit in the article body.' })
  span(@Root() quote: QuoteRow): TextSpan {
    return { start: quote.spanStart, end: quote.spanEnd };
  }
}

/** Foreign keys guarantee these rows; a miss is a bug worth a loud, logged error. */
function required<R>(row: R | null, field: string, quoteId: number): R {
  if (row === null) throw new Error(`Quote ${quoteId} has no ${field} row`);
  return row;
}
