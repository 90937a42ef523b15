// Turns EntityRefInputs into entity ids inside a write's transaction: existing entities by id,
// others found by name (ignoring case and spacing) and kind or created, each only once per write.
import type { EntityKindValue } from '../db/schema';
import type { EntityRepository } from './entity.repository';
import { parseGlobalId } from '../shared/ids';
import type { Problems } from '../shared/validation';

export interface EntityRef {
  id?: string | null | undefined;
  name?: string | null | undefined;
  kind?: EntityKindValue | null | undefined;
  aliases?: readonly string[] | null | undefined;
}

export class EntityRefResolver {
  private readonly byName = new Map<string, number>();

  constructor(private readonly entities: EntityRepository) {}

  /** Checks that the ids refer to entities; records a problem at `path` for each that does not. */
  async checkIds(
    refs: { ref: EntityRef; path: (string | number)[] }[],
    problems: Problems,
  ): Promise<void> {
    const decoded = refs.flatMap(({ ref, path }) => {
      if (!ref.id) return [];
      const id = parseGlobalId(ref.id);
      if (!id || id.type !== 'Entity') {
        problems.add([...path, 'id'], 'is not an Entity ID');
        return [];
      }
      return [{ id: id.id, path }];
    });
    const found = await this.entities.existingIds(decoded.map((entry) => entry.id));
    for (const entry of decoded) {
      if (!found.has(entry.id)) problems.add([...entry.path, 'id'], 'no entity has this ID');
    }
  }

  /** The entity id for a reference already checked with checkIds. */
  async resolve(ref: EntityRef): Promise<number> {
    if (ref.id) return (parseGlobalId(ref.id) as { id: number }).id;
    const name = (ref.name as string).trim();
    const kind = ref.kind as EntityKindValue;
    const key = `${kind}:${name.replace(/\s+/g, ' ').toLowerCase()}`;
    const known = this.byName.get(key);
    if (known !== undefined) return known;
    const { entity, created } = await this.entities.findOrCreate(name, kind);
    if (created) await this.entities.addAliases(entity.id, ref.aliases ?? []);
    this.byName.set(key, entity.id);
    return entity.id;
  }
}
