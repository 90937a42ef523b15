import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { entityKind, relationType } from './enums';

export const entities = pgTable(
  'entities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: entityKind('kind').notNull(),
    title: text('title'),
    wikidataId: text('wikidata_id'),
    /**
     * The name as entities are told apart by name: case-folded, runs of whitespace made one
     * space, trimmed. Unique per kind, so find-or-create by name can rely on the index.
     */
    nameKey: text('name_key')
      .notNull()
      .generatedAlwaysAs(sql`lower(btrim(regexp_replace(name, '[[:space:]]+', ' ', 'g')))`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('entities_wikidata_id_key').on(t.wikidataId),
    uniqueIndex('entities_name_key_kind_key').on(t.nameKey, t.kind),
    index('entities_kind_match_key_idx').on(t.kind, entityMatchKey(t.name)),
    index('entities_name_id_idx').on(t.name, t.id),
    index('entities_kind_name_id_idx').on(t.kind, t.name, t.id),
    // fastupdate off: with it, every name inserted since the last vacuum waits in the index's
    // pending list, which each fuzzy lookup reads through in full (4 ms instead of 0.1 ms per
    // name after a 1,000-entity batch); entities are written far less often than looked up.
    index('entities_name_trgm_idx')
      .using('gin', sql`${t.name} gin_trgm_ops`)
      .with({ fastupdate: 'off' }),
    check('entities_name_length', sql`char_length(btrim(${t.name})) between 1 and 300`),
    check(
      'entities_title_length',
      sql`${t.title} is null or char_length(${t.title}) between 1 and 300`,
    ),
    check(
      'entities_wikidata_id_format',
      sql`${t.wikidataId} is null or ${t.wikidataId} ~ '^Q[1-9][0-9]*$'`,
    ),
  ],
);

export const entityAliases = pgTable(
  'entity_aliases',
  {
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.alias] }),
    index('entity_aliases_alias_trgm_idx')
      .using('gin', sql`${t.alias} gin_trgm_ops`)
      .with({ fastupdate: 'off' }),
    index('entity_aliases_match_key_idx').on(entityMatchKey(t.alias)),
    check('entity_aliases_alias_length', sql`char_length(btrim(${t.alias})) between 1 and 300`),
  ],
);

export const entityRelations = pgTable(
  'entity_relations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fromId: integer('from_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    type: relationType('type').notNull(),
    toId: integer('to_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('entity_relations_from_type_to_key').on(t.fromId, t.type, t.toId),
    index('entity_relations_to_id_idx').on(t.toId, t.id),
    index('entity_relations_from_id_idx').on(t.fromId, t.id),
    check('entity_relations_not_self', sql`${t.fromId} <> ${t.toId}`),
  ],
);

/** What reads select of an entity: what the API serves, not the row's bookkeeping times. */
const {
  createdAt: _created,
  updatedAt: _updated,
  nameKey: _nameKey,
  ...entityReadColumns
} = getTableColumns(entities);
export const entityColumns = entityReadColumns;
export type EntityRow = Omit<typeof entities.$inferSelect, 'createdAt' | 'updatedAt' | 'nameKey'>;

/** The key entities are told apart by within a kind: the same expression as `name_key`. */
export function entityNameKey(name: SQL | string): SQL<string> {
  return sql<string>`lower(btrim(regexp_replace(${name}, '[[:space:]]+', ' ', 'g')))`;
}
/**
 * The key a name or an alias is matched by when telling whether it already names an entity of a
 * kind (createEntity, updateEntity): case, accents and spacing ignored, so "Société  Générale"
 * meets "societe generale". Indexed on names (with the kind) and on aliases.
 */
export function entityMatchKey(name: SQL | AnyPgColumn): SQL<string> {
  return sql<string>`lower(btrim(regexp_replace(regexp_replace(normalize(${name}, NFD), '[\\u0300-\\u036f]', '', 'g'), '[[:space:]]+', ' ', 'g')))`;
}
export type EntityAliasRow = typeof entityAliases.$inferSelect;
export type EntityRelationRow = typeof entityRelations.$inferSelect;
