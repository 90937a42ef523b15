// Article writes, the one way articles are stored whatever their source (createArticle,
// ingestion, the sample seed, test factories). create stores a whole article (mentions, quotes,
// deadlines) in one transaction, after checking every part, and is idempotent by URL or, without
// one, by body (article.rules.ts), also when the same article arrives several times at once.
import { ErrorCode } from '@dateline/schema';
import type { UnitOfWork } from '../db/transaction';
import {
  checkDueDates,
  deadlineRefs,
  storeDeadlinesOfArticles,
  type NewDeadline,
} from '../deadlines/deadline.service';
import { EntityRefResolver, type EntityRef } from '../entities/entity-ref';
import {
  checkQuoteSpans,
  quoteRefs,
  storeQuotesOfArticles,
  type NewQuote,
} from '../quotes/quote.service';
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

export interface CreatedArticle {
  article: ArticleRow;
  created: boolean;
}

/** Every entity reference of an article with its input path, in the order create resolves them. */
function refsOf(input: NewArticle): { ref: EntityRef; path: (string | number)[] }[] {
  return [
    ...(input.source ? [{ ref: input.source, path: ['input', 'source'] }] : []),
    ...(input.datelines ?? []).map((ref, index) => ({ ref, path: ['input', 'datelines', index] })),
    ...(input.mentions ?? []).map((mention, index) => ({
      ref: mention.entity,
      path: ['input', 'mentions', index, 'entity'],
    })),
    ...quoteRefs(input.quotes ?? [], (index) => ['input', 'quotes', index]),
    ...deadlineRefs(input.deadlines ?? [], (index) => ['input', 'deadlines', index]),
  ];
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

  create(input: NewArticle): Promise<CreatedArticle> {
    return this.work.transaction((repositories) => this.createIn(repositories, input));
  }

  /**
   * Runs `work` in one transaction with createManyIn bound to it, so that a batch of articles (a
   * folder being ingested) commits once; if `work` fails, none is stored.
   */
  batch<T>(
    work: (
      createMany: (inputs: readonly NewArticle[]) => Promise<(CreatedArticle | Error)[]>,
      repositories: Repositories,
    ) => Promise<T>,
  ): Promise<T> {
    return this.work.transaction((repositories) =>
      work((inputs) => this.createManyIn(repositories, inputs), repositories),
    );
  }

  /** create, inside the caller's transaction (the seed stores its entities in the same one). */
  async createIn(repositories: Repositories, input: NewArticle): Promise<CreatedArticle> {
    const [outcome] = await this.createManyIn(repositories, [input]);
    if (outcome instanceof Error) throw outcome;
    return outcome as CreatedArticle;
  }

  /**
   * Stores several articles in the caller's transaction with a few multi-row statements whatever
   * their number: what create does for one, article by article in the order given. An article
   * whose parts fail the checks gets its error in its place (the input paths are its own, as for
   * createArticle) and the others are stored; an article already stored (by URL or content, also
   * earlier in the same list) is answered with the stored one. A database failure fails the lot.
   */
  async createManyIn(
    repositories: Repositories,
    inputs: readonly NewArticle[],
  ): Promise<(CreatedArticle | Error)[]> {
    const outcomes: (CreatedArticle | Error | undefined)[] = inputs.map(() => undefined);
    const checks = inputs.map((input) => {
      const problems = new Problems();
      checkQuoteSpans(
        input.body,
        input.quotes ?? [],
        (index) => ['input', 'quotes', index],
        problems,
      );
      checkDueDates(
        input.publishedAt.toISOString().slice(0, 10),
        input.deadlines ?? [],
        (index) => ['input', 'deadlines', index],
        problems,
      );
      return { problems, refs: refsOf(input) };
    });
    await EntityRefResolver.checkIdsOfMany(repositories.entities, checks);
    checks.forEach(({ problems }, index) => {
      try {
        problems.throwIfAny();
      } catch (error) {
        outcomes[index] = error as Error;
      }
    });

    // The same article (URL, or content without one) is one: stored already, or earlier here.
    const identity = (url: string | null, hash: string): string => (url ? `u:${url}` : `h:${hash}`);
    const keys = inputs.map((input) => identity(input.url || null, contentHash(input.body)));
    const valid = inputs.flatMap((_, index) => (outcomes[index] ? [] : [index]));
    const stored = new Map(
      (
        await repositories.articles.byUrlsOrHashes(
          valid.map((index) => ({
            url: inputs[index]!.url || null,
            hash: contentHash(inputs[index]!.body),
          })),
        )
      ).map((row) => [identity(row.url, row.contentHash), row]),
    );
    const writers = new Map<string, number>();
    for (const index of valid) {
      const key = keys[index]!;
      const existing = stored.get(key);
      if (existing) outcomes[index] = { article: existing, created: false };
      else if (!writers.has(key)) writers.set(key, index);
    }
    if (writers.size > 0)
      await this.storeNew(repositories, inputs, [...writers.values()], outcomes);
    // A later copy in the same list is the article its first copy stored (or found).
    return outcomes.map((outcome, index) => {
      if (outcome) return outcome;
      const first = outcomes[writers.get(keys[index]!)!];
      if (!first || first instanceof Error) return first ?? new Error('article not stored');
      return { article: first.article, created: false };
    });
  }

  /** Stores the checked, new articles `indexes` of `inputs`, setting their outcomes. */
  private async storeNew(
    repositories: Repositories,
    inputs: readonly NewArticle[],
    indexes: readonly number[],
    outcomes: (CreatedArticle | Error | undefined)[],
  ): Promise<void> {
    const refs = new EntityRefResolver(repositories.entities);
    await refs.prepare(indexes.flatMap((index) => refsOf(inputs[index]!).map(({ ref }) => ref)));
    const values: {
      headline: string;
      body: string;
      publishedAt: Date;
      url: string | null;
      language: string;
      contentHash: string;
      sourceId: number | null;
    }[] = [];
    for (const index of indexes) {
      const input = inputs[index]!;
      values.push({
        headline: input.headline,
        body: input.body,
        publishedAt: input.publishedAt,
        url: input.url || null,
        language: input.language || 'en',
        contentHash: contentHash(input.body),
        sourceId: input.source ? await refs.resolve(input.source) : null,
      });
    }
    const inserted = await repositories.articles.insertManyIfNew(values);
    const byKey = new Map(inserted.map((row) => [row.url ?? `#${row.contentHash}`, row]));
    const keyOf = (value: (typeof values)[number]): string => value.url ?? `#${value.contentHash}`;
    // Stored by another writer meanwhile, which committed first: that article is the answer.
    const raced = values.filter((value) => !byKey.has(keyOf(value)));
    const winners = new Map(
      (
        await repositories.articles.byUrlsOrHashes(
          raced.map((value) => ({ url: value.url, hash: value.contentHash })),
        )
      ).map((row) => [row.url ?? `#${row.contentHash}`, row]),
    );
    const created: { article: ArticleRow; input: NewArticle }[] = [];
    indexes.forEach((index, position) => {
      const key = keyOf(values[position]!);
      const article = byKey.get(key);
      if (article) {
        created.push({ article, input: inputs[index]! });
        outcomes[index] = { article, created: true };
        return;
      }
      const winner = winners.get(key);
      outcomes[index] = winner
        ? { article: winner, created: false }
        : new DomainError(
            ErrorCode.Conflict,
            'The same article was being stored and deleted at the same time; send it again.',
          );
    });
    if (created.length === 0) return;

    const datelines = [];
    const mentions = [];
    for (const { article, input } of created) {
      for (const [position, place] of (input.datelines ?? []).entries()) {
        datelines.push({ articleId: article.id, position, placeId: await refs.resolve(place) });
      }
      for (const mention of input.mentions ?? []) {
        mentions.push({
          articleId: article.id,
          publishedAt: article.publishedAt,
          entityId: await refs.resolve(mention.entity),
          mentionCount: mention.mentionCount ?? 1,
          surfaceForms: mention.surfaceForms ?? [],
        });
      }
    }
    await repositories.articles.insertDatelinesMany(datelines);
    await repositories.articles.addMentionsMany(mentions);
    // Speakers, outlets and deadline parties are mentioned too; most already are, by the line
    // above, and writing those again would cost a conflicting insert each.
    const mentioned = new Set(
      mentions.map(({ articleId, entityId }) => `${articleId}:${entityId}`),
    );
    await storeQuotesOfArticles(
      repositories,
      refs,
      created.map(({ article, input }) => ({ article, quotes: input.quotes ?? [] })),
      mentioned,
    );
    await storeDeadlinesOfArticles(
      repositories,
      refs,
      created.map(({ article, input }) => ({ article, deadlines: input.deadlines ?? [] })),
      mentioned,
    );
    // Last, when every mention is in: the events name the entities involved.
    await repositories.events.articlesStored(created.map(({ article }) => article.id));
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
