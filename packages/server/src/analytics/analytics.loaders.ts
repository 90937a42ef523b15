// Per-request batching of per-entity aggregates: a list of entities asking for their timelines
// with the same arguments gets them from one statement.
import type DataLoader from 'dataloader';
import type { LoaderCache } from '../shared/loaders';
import type { AnalyticsRepository, TimelinePointRow, TimelineQuery } from './analytics.repository';

export class AnalyticsLoaders {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly cache: LoaderCache,
  ) {}

  /** Each entity's timeline for one set of arguments (the query's own entity is ignored). */
  timeline(query: TimelineQuery): DataLoader<number, TimelinePointRow[]> {
    return this.cache.get(`analytics.timeline:${JSON.stringify(query)}`, (ids: readonly number[]) =>
      this.repository.timelinesByEntity(query, ids),
    );
  }
}
