// Turns EntityRefInputs into entity ids inside a write's transaction: existing entities by id,
// others found by name (ignoring case and spacing) and kind or created, each only once per write.
import type { EntityKindValue, EntityRow } from '../db/schema';
import type { EntityRepository } from './entity.repository';
import { parseGlobalId } from '../shared/ids';
import type { Problems } from '../shared/validation';

export interface EntityRef {
  id?: string | null | undefined;
  name?: string | null | undefined;
  kind?: EntityKindValue | null | undefined;
  aliases?: readonly string[] | null | undefined;
}

/** The key a name reference is told apart by within a write (the name key, kind first). */
function nameKeyOf(ref: EntityRef): string {
  const name = (ref.name as string).trim();
  return `${ref.kind as EntityKindValue}:${name.replace(/\s+/g, ' ').toLowerCase()}`;
}

export class EntityRefResolver {
  private readonly byName = new Map<string, number>();
  private readonly rows = new Map<number, EntityRow>();

  constructor(private readonly entities: EntityRepository) {}

  /** Checks that the ids refer to entities; records a problem at `path` for each that does not. */
  async checkIds(
    refs: { ref: EntityRef; path: (string | number)[] }[],
    problems: Problems,
  ): Promise<void> {
    await EntityRefResolver.checkIdsOfMany(this.entities, [{ refs, problems }]);
  }

  /** checkIds for several writes at once (a batch of articles), in one statement. */
  static async checkIdsOfMany(
    entities: EntityRepository,
    writes: { refs: { ref: EntityRef; path: (string | number)[] }[]; problems: Problems }[],
  ): Promise<void> {
    const decoded = writes.flatMap(({ refs, problems }) =>
      refs.flatMap(({ ref, path }) => {
        if (!ref.id) return [];
        const id = parseGlobalId(ref.id);
        if (!id || id.type !== 'Entity') {
          problems.add([...path, 'id'], 'is not an Entity ID');
          return [];
        }
        return [{ id: id.id, path, problems }];
      }),
    );
    const found = await entities.existingIds([...new Set(decoded.map((entry) => entry.id))]);
    for (const entry of decoded) {
      if (!found.has(entry.id)) entry.problems.add([...entry.path, 'id'], 'no entity has this ID');
    }
  }

  /**
   * Finds or creates every entity the name references name, in a few statements whatever their
   * number, so that resolve then answers them without a round trip. The same as resolving them one
   * after another: the first reference to a new name creates it with that reference's aliases.
   * Atomic like findOrCreate: a name another writer creates meanwhile is found, not duplicated.
   */
  async prepare(refs: readonly EntityRef[]): Promise<void> {
    const wanted = new Map<string, EntityRef>();
    for (const ref of refs) {
      if (ref.id) continue;
      const key = nameKeyOf(ref);
      if (!this.byName.has(key) && !wanted.has(key)) wanted.set(key, ref);
    }
    if (wanted.size === 0) return;
    const keys = [...wanted.keys()];
    const lookups = [...wanted.values()].map((ref) => ({
      name: (ref.name as string).trim(),
      kind: ref.kind as EntityKindValue,
    }));
    const remember = (index: number, entity: EntityRow): void => {
      this.byName.set(keys[index] as string, entity.id);
      this.rows.set(entity.id, entity);
    };
    for (const { index, entity } of await this.entities.byNames(lookups)) remember(index, entity);
    const missing = keys.flatMap((key, index) => (this.byName.has(key) ? [] : [index]));
    if (missing.length === 0) return;
    const created = await this.entities.insertNew(missing.map((index) => lookups[index]!));
    const createdIds = new Set(created.map((row) => row.id));
    // A row the insert returned is the entity of the name it was given (the name key is unique
    // within a kind); only names another writer or an earlier row of the insert took are read.
    const inserted = new Map(created.map((row) => [`${row.kind}\u0000${row.name}`, row]));
    const taken: number[] = [];
    for (const index of missing) {
      const { name, kind } = lookups[index]!;
      const row = inserted.get(`${kind}\u0000${name}`);
      if (row) remember(index, row);
      else taken.push(index);
    }
    if (taken.length > 0) {
      for (const { index, entity } of await this.entities.byNames(
        taken.map((index) => lookups[index]!),
      )) {
        remember(taken[index]!, entity);
      }
    }
    const aliases: { entityId: number; alias: string }[] = [];
    const aliased = new Set<number>();
    for (const index of missing) {
      const id = this.byName.get(keys[index] as string);
      if (id === undefined) {
        const { name, kind } = lookups[index]!;
        throw new Error(`Entity "${name}" (${kind}) conflicted but cannot be found`);
      }
      if (!createdIds.has(id) || aliased.has(id)) continue;
      aliased.add(id);
      for (const alias of wanted.get(keys[index] as string)?.aliases ?? []) {
        aliases.push({ entityId: id, alias });
      }
    }
    await this.entities.addAliasesMany(aliases);
  }

  /** The entity id for a reference already checked with checkIds. */
  async resolve(ref: EntityRef): Promise<number> {
    if (ref.id) return (parseGlobalId(ref.id) as { id: number }).id;
    const key = nameKeyOf(ref);
    const known = this.byName.get(key);
    if (known !== undefined) return known;
    await this.prepare([ref]);
    return this.byName.get(key) as number;
  }

  /** The stored entity a name reference resolved to (after prepare or resolve). */
  rowOf(ref: EntityRef): EntityRow | null {
    if (ref.id) return null;
    const id = this.byName.get(nameKeyOf(ref));
    return id === undefined ? null : (this.rows.get(id) ?? null);
  }
}
