// Batched reads for entity fields; one statement per field and argument set per request.
import type DataLoader from 'dataloader';
import type { Keyset } from '../db/keyset';
import type { EntityRow } from '../db/schema';
import {
  childrenByParent,
  countsByParent,
  groupByKeys,
  rowsById,
  type ChildPrefetch,
  type LoaderCache,
} from '../shared/loaders';
import type { EntityRepository, RelatedEntityRow, RelationFilter } from './entity.repository';

export class EntityLoaders {
  constructor(
    private readonly repository: EntityRepository,
    private readonly cache: LoaderCache,
  ) {}

  get byId(): DataLoader<number, EntityRow | null> {
    return rowsById(this.cache, 'entities.byId', (ids) => this.repository.byIds(ids));
  }

  get aliases(): DataLoader<number, string[]> {
    return this.cache.get('entities.aliases', async (ids: readonly number[]) =>
      groupByKeys(
        ids,
        await this.repository.aliasesByEntityIds(ids),
        (row) => row.entityId,
        (row) => row.alias,
      ),
    );
  }

  /** The aliases, fetched by an entity's own statement. */
  aliasesPrefetch(): ChildPrefetch {
    return this.cache.prefetch(
      this.aliases,
      () => this.repository.aliasesJsonPerEntity(),
      (json) => json as string[],
    );
  }

  /** relations's pages, fetched by an entity's own statement. */
  relationsPrefetch(filter: RelationFilter, keyset: Keyset): ChildPrefetch {
    return this.cache.prefetch(
      this.relations(filter, keyset),
      () => this.repository.relationsJsonPerEntity(filter, keyset),
      (json, entityId) => this.repository.fromRelationsJson(json, entityId),
    );
  }

  relations(filter: RelationFilter, keyset: Keyset): DataLoader<number, RelatedEntityRow[]> {
    return childrenByParent(
      this.cache,
      `entities.relations:${JSON.stringify([filter, keyset])}`,
      (ids) => this.repository.pageRelations(ids, filter, keyset),
    );
  }

  countRelations(filter: RelationFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `entities.countRelations:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countRelations(ids, filter),
    );
  }
}
