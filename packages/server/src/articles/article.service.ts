// Article writes, the one way articles are stored whatever their source (createArticle,
// ingestion, the sample seed, test factories). create stores a whole article (mentions, quotes,
// deadlines) in one transaction, after checking every part, and is idempotent by URL or, without
// one, by body (article.rules.ts), also when the same article arrives several times at once.
import { ErrorCode } from '@dateline/schema';
import type { UnitOfWork } from '../db/transaction';
import {
  checkDueDates,
  deadlineRefs,
  storeDeadlines,
  type NewDeadline,
} from '../deadlines/deadline.service';
import { EntityRefResolver, type EntityRef } from '../entities/entity-ref';
import { checkQuoteSpans, quoteRefs, storeQuotes, type NewQuote } from '../quotes/quote.service';
import type { Repositories } from '../repositories';
import { contentHash } from './article.rules';
import { DomainError } from '../shared/domain-error';
import { notFound } from '../shared/not-found';
import type { ArticleRow } from './article.repository';
import { Problems } from '../shared/validation';

export interface NewArticle {
  headline: string;
  body: string;
  publishedAt: Date;
  url?: string | null | undefined;
  language?: string | null | undefined;
  source?: EntityRef | null | undefined;
  datelines?: EntityRef[] | null | undefined;
  mentions?:
    | {
        entity: EntityRef;
        surfaceForms?: string[] | null | undefined;
        mentionCount?: number | null | undefined;
      }[]
    | null
    | undefined;
  quotes?: NewQuote[] | null | undefined;
  deadlines?: NewDeadline[] | null | undefined;
}

export interface ArticlePatch {
  headline?: string | null | undefined;
  publishedAt?: Date | null | undefined;
  url?: string | null | undefined;
  language?: string | null | undefined;
  source?: EntityRef | null | undefined;
}

export class ArticleService {
  constructor(private readonly work: UnitOfWork<Repositories>) {}

  create(input: NewArticle): Promise<{ article: ArticleRow; created: boolean }> {
    return this.work.transaction((repositories) => this.createIn(repositories, input));
  }

  /**
   * Runs `work` in one transaction with a create bound to it, so that a batch of articles (a
   * folder being ingested) commits once; if any of them fails, none is stored.
   */
  batch<T>(
    work: (
      create: (input: NewArticle) => Promise<{ article: ArticleRow; created: boolean }>,
      repositories: Repositories,
    ) => Promise<T>,
  ): Promise<T> {
    return this.work.transaction((repositories) =>
      work((input) => this.createIn(repositories, input), repositories),
    );
  }

  /** create, inside the caller's transaction (the seed stores its entities in the same one). */
  async createIn(
    repositories: Repositories,
    input: NewArticle,
  ): Promise<{ article: ArticleRow; created: boolean }> {
    const url = input.url || null;
    const hash = contentHash(input.body);
    const existing = await repositories.articles.byUrlOrHash(url, hash);
    if (existing) return { article: existing, created: false };

    const quotes = input.quotes ?? [];
    const deadlines = input.deadlines ?? [];
    const mentions = input.mentions ?? [];
    const problems = new Problems();
    checkQuoteSpans(input.body, quotes, (index) => ['input', 'quotes', index], problems);
    checkDueDates(
      input.publishedAt.toISOString().slice(0, 10),
      deadlines,
      (index) => ['input', 'deadlines', index],
      problems,
    );
    const refs = new EntityRefResolver(repositories.entities);
    await refs.checkIds(
      [
        ...(input.source ? [{ ref: input.source, path: ['input', 'source'] }] : []),
        ...(input.datelines ?? []).map((ref, index) => ({
          ref,
          path: ['input', 'datelines', index],
        })),
        ...mentions.map((mention, index) => ({
          ref: mention.entity,
          path: ['input', 'mentions', index, 'entity'],
        })),
        ...quoteRefs(quotes, (index) => ['input', 'quotes', index]),
        ...deadlineRefs(deadlines, (index) => ['input', 'deadlines', index]),
      ],
      problems,
    );
    problems.throwIfAny();

    // The source is resolved before the article exists; if another writer stores the same article
    // meanwhile, it found or created the same source entity (the name key makes it one row).
    const article = await repositories.articles.insertIfNew({
      headline: input.headline,
      body: input.body,
      publishedAt: input.publishedAt,
      url,
      language: input.language || 'en',
      contentHash: hash,
      sourceId: input.source ? await refs.resolve(input.source) : null,
    });
    if (!article) {
      // The same article was stored at the same time and committed first: it is the answer.
      const winner = await repositories.articles.byUrlOrHash(url, hash);
      if (winner) return { article: winner, created: false };
      throw new DomainError(
        ErrorCode.Conflict,
        'The same article was being stored and deleted at the same time; send it again.',
      );
    }
    const places: number[] = [];
    for (const place of input.datelines ?? []) places.push(await refs.resolve(place));
    await repositories.articles.insertDatelines(article.id, places);
    const mentioned = [];
    for (const mention of mentions) {
      mentioned.push({
        entityId: await refs.resolve(mention.entity),
        mentionCount: mention.mentionCount ?? 1,
        surfaceForms: mention.surfaceForms ?? [],
      });
    }
    await repositories.articles.addMentions(article.id, article.publishedAt, mentioned);
    const storedQuotes = await storeQuotes(repositories, refs, article, quotes);
    const storedDeadlines = await storeDeadlines(repositories, refs, article, deadlines);
    // Last, when every mention is in: the events name the entities involved.
    await repositories.events.articleCreated(article.id);
    for (const quote of storedQuotes) await repositories.events.quoteCreated(quote.id);
    for (const deadline of storedDeadlines) {
      await repositories.events.deadlineChanged(deadline.id, true);
    }
    return { article, created: true };
  }

  update(id: number, patch: ArticlePatch): Promise<ArticleRow> {
    return this.work.transaction(async (repositories) => {
      const refs = new EntityRefResolver(repositories.entities);
      if (patch.source) {
        const problems = new Problems();
        await refs.checkIds([{ ref: patch.source, path: ['input', 'source'] }], problems);
        problems.throwIfAny();
      }
      const sourceId = patch.source ? await refs.resolve(patch.source) : undefined;
      const fields = {
        ...(patch.headline != null && { headline: patch.headline }),
        ...(patch.publishedAt != null && { publishedAt: patch.publishedAt }),
        ...(patch.url != null && { url: patch.url || null }),
        ...(patch.language != null && { language: patch.language }),
        ...(sourceId !== undefined && { sourceId }),
      };
      const row =
        Object.keys(fields).length > 0
          ? await repositories.articles.update(id, fields)
          : (await repositories.articles.byIds([id]))[0];
      if (!row) throw notFound('article', 'input', 'id');
      return row;
    });
  }

  async delete(id: number): Promise<ArticleRow> {
    const row = await this.work.transaction(({ articles }) => articles.delete(id));
    if (!row) throw notFound('article', 'input', 'id');
    return row;
  }
}
