// Entity writes that span tables or must be atomic: merging, and creating with aliases.
import { ErrorCode } from '@dateline/schema';
import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import type { EntityKindValue, EntityRow, RelationTypeValue } from '../db/schema';
import { createRepositories } from '../repositories';
import { DomainError } from '../shared/domain-error';
import { notFound } from '../shared/not-found';

export interface NewEntity {
  name: string;
  kind: EntityKindValue;
  title?: string | null | undefined;
  wikidataId?: string | null | undefined;
  aliases?: string[] | undefined;
}

export interface EntityPatch {
  name?: string | undefined;
  kind?: EntityKindValue | undefined;
  title?: string | null | undefined;
  wikidataId?: string | null | undefined;
  addAliases?: string[] | undefined;
  removeAliases?: string[] | undefined;
}

export class EntityService {
  constructor(private readonly db: Database) {}

  create(entity: NewEntity): Promise<EntityRow> {
    return inTransaction(this.db, async (tx) => {
      const { entities } = createRepositories(tx);
      const row = await entities.insert(entity);
      await entities.addAliases(row.id, entity.aliases ?? []);
      return row;
    });
  }

  update(id: number, patch: EntityPatch): Promise<EntityRow> {
    return inTransaction(this.db, async (tx) => {
      const { entities } = createRepositories(tx);
      const { addAliases, removeAliases, ...fields } = patch;
      const row = Object.values(fields).some((value) => value !== undefined)
        ? await entities.update(id, fields)
        : (await entities.byIds([id]))[0];
      if (!row) throw notFound('entity', 'input', 'id');
      await entities.removeAliases(id, removeAliases ?? []);
      await entities.addAliases(id, addAliases ?? []);
      return row;
    });
  }

  async delete(id: number): Promise<EntityRow> {
    const row = await inTransaction(this.db, (tx) =>
      createRepositories(tx).entities.delete(id),
    ).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.Conflict) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This entity is still mentioned, quoted or involved in a deadline; merge it into another entity instead of deleting it.',
          [{ path: ['input', 'id'], message: 'still referenced' }],
        );
      }
      throw error;
    });
    if (!row) throw notFound('entity', 'input', 'id');
    return row;
  }

  merge(keepId: number, mergeId: number): Promise<EntityRow> {
    if (keepId === mergeId) {
      throw new DomainError(ErrorCode.BadUserInput, 'An entity cannot be merged into itself.', [
        { path: ['input', 'merge'], message: 'must differ from keep' },
      ]);
    }
    return inTransaction(this.db, async (tx) => {
      const { entities } = createRepositories(tx);
      const found = await entities.existingIds([keepId, mergeId]);
      if (!found.has(keepId)) throw notFound('entity', 'input', 'keep');
      if (!found.has(mergeId)) throw notFound('entity', 'input', 'merge');
      await entities.mergeInto(keepId, mergeId);
      const [kept] = await entities.byIds([keepId]);
      return kept as EntityRow;
    });
  }

  relate(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    if (fromId === toId) {
      throw new DomainError(ErrorCode.BadUserInput, 'An entity cannot be related to itself.', [
        { path: ['input', 'to'], message: 'must differ from from' },
      ]);
    }
    return inTransaction(this.db, async (tx) => {
      const { entities } = createRepositories(tx);
      const found = await entities.existingIds([fromId, toId]);
      if (!found.has(fromId)) throw notFound('entity', 'input', 'from');
      if (!found.has(toId)) throw notFound('entity', 'input', 'to');
      return entities.insertRelation(fromId, type, toId);
    });
  }

  unrelate(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    return createRepositories(this.db).entities.deleteRelation(fromId, type, toId);
  }
}
