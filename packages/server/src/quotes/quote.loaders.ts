// Batched reads for quote fields; one statement per field and argument set per request. Pages
// of quotes per parent are child pages (QuoteRepository.byArticle, .bySpeaker; shared/child-field).
import type DataLoader from 'dataloader';
import { countsByParent, rowsById, type LoaderCache } from '../shared/loaders';
import type { QuoteFilter, QuoteRepository, QuoteRow } from './quote.repository';

export class QuoteLoaders {
  constructor(
    private readonly repository: QuoteRepository,
    private readonly cache: LoaderCache,
  ) {}

  get byId(): DataLoader<number, QuoteRow | null> {
    return rowsById(this.cache, 'quotes.byId', (ids) => this.repository.byIds(ids));
  }

  countByArticle(filter: QuoteFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `quotes.countByArticle:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countByArticleIds(ids, filter),
    );
  }

  countBySpeaker(filter: QuoteFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `quotes.countBySpeaker:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countBySpeakerIds(ids, filter),
    );
  }
}
