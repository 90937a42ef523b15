// Batched reads for deadline fields; one statement per field and argument set per request.
import type DataLoader from 'dataloader';
import type { Keyset } from '../db/keyset';
import type { EntityRow } from '../db/schema';
import {
  childrenByParent,
  countsByParent,
  groupByKeys,
  rowsById,
  type LoaderCache,
} from '../shared/loaders';
import type {
  ChildDeadlineChangeRow,
  ChildDeadlineRow,
  DeadlineChangeRow,
  DeadlineFilter,
  DeadlineRepository,
  DeadlineRole,
  DeadlineRow,
} from './deadline.repository';

export class DeadlineLoaders {
  constructor(
    private readonly repository: DeadlineRepository,
    private readonly cache: LoaderCache,
  ) {}

  get byId(): DataLoader<number, DeadlineRow | null> {
    return rowsById(this.cache, 'deadlines.byId', (ids) => this.repository.byIds(ids));
  }

  get changeById(): DataLoader<number, DeadlineChangeRow | null> {
    return rowsById(this.cache, 'deadlines.changeById', (ids) => this.repository.changesByIds(ids));
  }

  get concerns(): DataLoader<number, EntityRow[]> {
    return this.cache.get('deadlines.concerns', async (ids: readonly number[]) =>
      groupByKeys(
        ids,
        await this.repository.concernsByDeadlineIds(ids),
        (row) => row.deadlineId,
        (row) => row.entity,
      ),
    );
  }

  byArticle(filter: DeadlineFilter, keyset: Keyset): DataLoader<number, ChildDeadlineRow[]> {
    return childrenByParent(
      this.cache,
      `deadlines.byArticle:${JSON.stringify([filter, keyset])}`,
      (ids) => this.repository.pageByArticleIds(ids, filter, keyset),
    );
  }

  countByArticle(filter: DeadlineFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `deadlines.countByArticle:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countByArticleIds(ids, filter),
    );
  }

  countByEntity(role: DeadlineRole, filter: DeadlineFilter): DataLoader<number, number> {
    return countsByParent(
      this.cache,
      `deadlines.countByEntity:${JSON.stringify([role, filter])}`,
      (ids) => this.repository.countByEntityIds(ids, role, filter),
    );
  }

  history(keyset: Keyset): DataLoader<number, ChildDeadlineChangeRow[]> {
    return childrenByParent(this.cache, `deadlines.history:${JSON.stringify(keyset)}`, (ids) =>
      this.repository.pageChanges(ids, keyset),
    );
  }

  get countHistory(): DataLoader<number, number> {
    return countsByParent(this.cache, 'deadlines.countHistory', (ids) =>
      this.repository.countChanges(ids),
    );
  }
}
