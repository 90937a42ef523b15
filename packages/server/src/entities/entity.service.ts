// Entity writes that span tables or must be atomic: merging (which moves rows of every feature
// that refers to entities), and creating with aliases.
import { ErrorCode } from '@dateline/schema';
import type { UnitOfWork } from '../db/transaction';
import type { EntityKindValue, EntityRow, RelationTypeValue } from '../db/schema';
import type { Repositories } from '../repositories';
import type { EntityRepository } from './entity.repository';
import { DomainError } from '../shared/domain-error';
import { toGlobalId } from '../shared/ids';
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

type NamedBy = NonNullable<Awaited<ReturnType<EntityRepository['namedBy']>>>;

/** CONFLICT for a name or alias that already names another entity, naming that entity. */
function nameTaken(given: string, taken: NamedBy, path: (string | number)[]): DomainError {
  const id = toGlobalId('Entity', taken.entity.id);
  const message =
    taken.by === 'name' && path.at(-1) === 'name'
      ? `${taken.entity.name} is already an entity of this kind (id ${id}); use it, or add the new name to its aliases.`
      : `"${given}" already names ${taken.entity.name}, an entity of this kind (id ${id}), by its ${taken.by}; use that entity, or merge the two.`;
  return new DomainError(ErrorCode.Conflict, message, [{ path, message: 'already taken' }], {
    existingId: id,
  });
}

/**
 * Refuses names (a new name, new aliases) that already name an entity of this kind other than
 * `exceptId`, by its name or an alias. Run under `lockNames(kind)`.
 */
async function refuseTaken(
  entities: EntityRepository,
  kind: EntityKindValue,
  names: { name: string; path: (string | number)[] }[],
  exceptId?: number,
): Promise<void> {
  for (const { name, path } of names) {
    const taken = await entities.namedBy(name, kind, exceptId);
    if (taken) throw nameTaken(name, taken, path);
  }
}

export class EntityService {
  constructor(private readonly work: UnitOfWork<Repositories>) {}

  async create(entity: NewEntity): Promise<EntityRow> {
    try {
      return await this.work.transaction(async ({ entities }) => {
        await entities.lockNames(entity.kind);
        await refuseTaken(entities, entity.kind, [
          { name: entity.name, path: ['input', 'name'] },
          ...(entity.aliases ?? []).map((name, index) => ({
            name,
            path: ['input', 'aliases', index],
          })),
        ]);
        const row = await entities.insert(entity);
        await entities.addAliases(row.id, entity.aliases ?? []);
        return row;
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.Conflict) throw error;
      // The unique name key refused the name (a write that found or created an entity by name
      // got there first): name the entity the name is taken by, so the client can use it instead.
      const existing = await this.work.transaction(({ entities }) =>
        entities.findByName(entity.name, entity.kind),
      );
      if (!existing) throw error;
      throw nameTaken(entity.name, { entity: existing, by: 'name' }, ['input', 'name']);
    }
  }

  update(id: number, patch: EntityPatch): Promise<EntityRow> {
    return this.work.transaction(async ({ entities }) => {
      const { addAliases, removeAliases, ...fields } = patch;
      const [current] = await entities.byIds([id]);
      if (!current) throw notFound('entity', 'input', 'id');
      const names = [
        ...(fields.name === undefined ? [] : [{ name: fields.name, path: ['input', 'name'] }]),
        ...(addAliases ?? []).map((name, index) => ({
          name,
          path: ['input', 'addAliases', index],
        })),
      ];
      const kind = fields.kind ?? current.kind;
      if (names.length > 0) {
        await entities.lockNames(kind);
        await refuseTaken(entities, kind, names, id);
      }
      const row = Object.values(fields).some((value) => value !== undefined)
        ? await entities.update(id, fields)
        : current;
      if (!row) throw notFound('entity', 'input', 'id');
      await entities.removeAliases(id, removeAliases ?? []);
      await entities.addAliases(id, addAliases ?? []);
      return row;
    });
  }

  async delete(id: number): Promise<EntityRow> {
    const row = await this.work
      .transaction(({ entities }) => entities.delete(id))
      .catch((error: unknown) => {
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
    return this.work.transaction(async ({ entities, articles, quotes, deadlines, events }) => {
      // First, both rows locked in id order: a second merge of either entity waits here, then
      // finds the merged one gone, instead of moving its rows twice or deadlocking.
      const found = await entities.lockIds([keepId, mergeId]);
      if (!found.has(keepId)) throw notFound('entity', 'input', 'keep');
      if (!found.has(mergeId)) throw notFound('entity', 'input', 'merge');
      const [merged] = (await entities.byIds([mergeId])) as [EntityRow];
      const mergedAliases = await entities.aliasesOf(mergeId);

      await articles.moveEntityReferences(mergeId, keepId);
      await quotes.moveEntity(mergeId, keepId);
      await deadlines.moveEntity(mergeId, keepId);
      await entities.moveRelations(mergeId, keepId);
      await entities.delete(mergeId);

      let [kept] = (await entities.byIds([keepId])) as [EntityRow];
      await entities.addAliases(
        keepId,
        [merged.name, ...mergedAliases].filter(
          (name) => name.toLowerCase() !== kept.name.toLowerCase(),
        ),
      );
      const inherited = {
        ...(!kept.wikidataId && merged.wikidataId && { wikidataId: merged.wikidataId }),
        ...(!kept.title && merged.title && { title: merged.title }),
      };
      if (Object.keys(inherited).length > 0) {
        kept = (await entities.update(keepId, inherited)) as EntityRow;
      }
      await events.entityMerged(keepId, mergeId, merged.name);
      return kept;
    });
  }

  relate(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    if (fromId === toId) {
      throw new DomainError(ErrorCode.BadUserInput, 'An entity cannot be related to itself.', [
        { path: ['input', 'to'], message: 'must differ from from' },
      ]);
    }
    return this.work.transaction(async ({ entities }) => {
      const found = await entities.existingIds([fromId, toId]);
      if (!found.has(fromId)) throw notFound('entity', 'input', 'from');
      if (!found.has(toId)) throw notFound('entity', 'input', 'to');
      return entities.insertRelation(fromId, type, toId);
    });
  }

  unrelate(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    return this.work.repositories.entities.deleteRelation(fromId, type, toId);
  }
}
