// Article writes. createArticle stores a whole article (mentions, quotes, deadlines) in one
// transaction, after checking every part, and is idempotent by URL or content hash.
import type { Database } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { contentHash } from '../db/seed';
import { inTransaction } from '../db/transaction';
import {
  checkDueDates,
  deadlineRefs,
  storeDeadlines,
  type NewDeadline,
} from '../deadlines/deadline.service';
import { EntityRefResolver, type EntityRef } from '../entities/entity-ref';
import { checkQuoteSpans, quoteRefs, storeQuotes, type NewQuote } from '../quotes/quote.service';
import { createRepositories } from '../repositories';
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
  constructor(private readonly db: Database) {}

  async create(input: NewArticle): Promise<{ article: ArticleRow; created: boolean }> {
    const url = input.url || null;
    const hash = contentHash(input.headline, input.body);
    try {
      return await inTransaction(this.db, (tx) => this.store(tx, input, url, hash));
    } catch (error) {
      // Two identical articles sent at once: the loser returns the winner's row.
      const constraint = uniqueViolation(error);
      if (constraint === 'articles_url_key' || constraint === 'articles_content_hash_key') {
        const existing = await createRepositories(this.db).articles.byUrlOrHash(url, hash);
        if (existing) return { article: existing, created: false };
      }
      throw error;
    }
  }

  private async store(
    tx: Database,
    input: NewArticle,
    url: string | null,
    hash: string,
  ): Promise<{ article: ArticleRow; created: boolean }> {
    const repositories = createRepositories(tx);
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

    const article = await repositories.articles.insert({
      headline: input.headline,
      body: input.body,
      publishedAt: input.publishedAt,
      url,
      language: input.language || 'en',
      contentHash: hash,
      sourceId: input.source ? await refs.resolve(input.source) : null,
    });
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
    await storeQuotes(repositories, refs, article, quotes);
    await storeDeadlines(repositories, refs, article, deadlines);
    return { article, created: true };
  }

  update(id: number, patch: ArticlePatch): Promise<ArticleRow> {
    return inTransaction(this.db, async (tx) => {
      const repositories = createRepositories(tx);
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
    const row = await inTransaction(this.db, (tx) => createRepositories(tx).articles.delete(id));
    if (!row) throw notFound('article', 'input', 'id');
    return row;
  }
}
