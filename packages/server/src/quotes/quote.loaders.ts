// Batched reads for quote fields; one statement per field and argument set per request.
import type DataLoader from 'dataloader';
import type { Keyset } from '../db/keyset';
import {
  childrenByParent,
  countsByParent,
  rowsById,
  type ChildPrefetch,
  type LoaderCache,
} from '../shared/loaders';
import type {
  ChildQuoteRow,
  QuoteFilter,
  QuoteIncludes,
  QuoteRepository,
  QuoteRow,
} from './quote.repository';

export class QuoteLoaders {
  constructor(
    private readonly repository: QuoteRepository,
    private readonly cache: LoaderCache,
  ) {}

  get byId(): DataLoader<number, QuoteRow | null> {
    return rowsById(this.cache, 'quotes.byId', (ids) => this.repository.byIds(ids));
  }

  byArticle(
    filter: QuoteFilter,
    keyset: Keyset,
    include: QuoteIncludes,
  ): DataLoader<number, ChildQuoteRow[]> {
    return childrenByParent(
      this.cache,
      `quotes.byArticle:${JSON.stringify([filter, keyset, include])}`,
      (ids) => this.repository.pageByArticleIds(ids, filter, keyset, include),
    );
  }

  /** byArticle's pages, fetched by an article list's own statement. */
  byArticlePrefetch(filter: QuoteFilter, keyset: Keyset, include: QuoteIncludes): ChildPrefetch {
    return this.cache.prefetch(
      this.byArticle(filter, keyset, include),
      () => this.repository.pageJsonPerArticle(filter, keyset, include),
      (json, articleId) => this.repository.fromPageJson(json, articleId),
    );
  }

  countByArticle(filter: QuoteFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `quotes.countByArticle:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countByArticleIds(ids, filter),
    );
  }

  bySpeaker(
    filter: QuoteFilter,
    keyset: Keyset,
    include: QuoteIncludes,
  ): DataLoader<number, ChildQuoteRow[]> {
    return childrenByParent(
      this.cache,
      `quotes.bySpeaker:${JSON.stringify([filter, keyset, include])}`,
      (ids) => this.repository.pageBySpeakerIds(ids, filter, keyset, include),
    );
  }

  /** bySpeaker's pages, fetched by an entity's own statement. */
  bySpeakerPrefetch(filter: QuoteFilter, keyset: Keyset, include: QuoteIncludes): ChildPrefetch {
    return this.cache.prefetch(
      this.bySpeaker(filter, keyset, include),
      () => this.repository.pageJsonPerSpeaker(filter, keyset, include),
      (json, speakerId) => this.repository.fromSpeakerPageJson(json, speakerId),
    );
  }

  countBySpeaker(filter: QuoteFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `quotes.countBySpeaker:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countBySpeakerIds(ids, filter),
    );
  }
}
