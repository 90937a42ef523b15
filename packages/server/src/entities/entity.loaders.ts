// Batched reads for entity fields; one statement per field and argument set per request.
import type DataLoader from 'dataloader';
import type { EntityRow } from '../db/schema';
import { countsByParent, rowsById, type LoaderCache } from '../shared/loaders';
import type { EntityRepository, RelationFilter } from './entity.repository';

export class EntityLoaders {
  constructor(
    private readonly repository: EntityRepository,
    private readonly cache: LoaderCache,
  ) {}

  get byId(): DataLoader<number, EntityRow | null> {
    return rowsById(this.cache, 'entities.byId', (ids) => this.repository.byIds(ids));
  }

  countRelations(filter: RelationFilter): DataLoader<number, number> {
    return countsByParent(this.cache, `entities.countRelations:${JSON.stringify(filter)}`, (ids) =>
      this.repository.countRelations(ids, filter),
    );
  }
}
