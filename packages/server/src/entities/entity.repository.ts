// The only place that knows how entities, their aliases and their relations are stored.
import { and, count, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { keysetCondition, keysetOrderBy, type Keyset, type KeysetOrder } from '../db/keyset';
import {
  entities,
  entityAliases,
  entityRelations,
  type EntityKindValue,
  type EntityRow,
  type RelationTypeValue,
} from '../db/schema';

export interface EntityFilter {
  /** Fuzzy and alias-aware: typos and partial names match, best match first. */
  search?: string | undefined;
  kinds?: readonly EntityKindValue[] | undefined;
}

export interface EntityListRow extends EntityRow {
  /** How well the entity matches the search (0–1); 0 without a search. */
  score: number;
}

/** The entity at the other end of a relation, with the relation. */
export interface RelatedEntityRow extends EntityRow {
  parentId: number;
  relationId: number;
  type: RelationTypeValue;
  direction: 'OUTGOING' | 'INCOMING';
}

export interface RelationFilter {
  types?: readonly RelationTypeValue[] | undefined;
  direction?: 'OUTGOING' | 'INCOMING' | undefined;
}

/** Below this trigram word similarity a name is not a match ("Mosery" vs "Adam Mosseri": 0.44). */
const MIN_SCORE = 0.35;

export class EntityRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly number[]): Promise<EntityRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(entities)
      .where(inArray(entities.id, [...ids]));
  }

  async aliasesByEntityIds(ids: readonly number[]): Promise<{ entityId: number; alias: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(entityAliases)
      .where(inArray(entityAliases.entityId, [...ids]))
      .orderBy(entityAliases.entityId, entityAliases.alias);
  }

  private score(search: string): SQL<number> {
    const aliasScore = sql`(select max(word_similarity(${search}, ${entityAliases.alias})) from ${entityAliases} where ${entityAliases.entityId} = ${entities.id})`;
    return sql<number>`greatest(word_similarity(${search}, ${entities.name}), coalesce(${aliasScore}, 0))::float8`;
  }

  private kindCondition(filter: EntityFilter): SQL | undefined {
    return filter.kinds && filter.kinds.length > 0
      ? inArray(entities.kind, [...filter.kinds])
      : undefined;
  }

  async list(filter: EntityFilter, keyset: Keyset): Promise<EntityListRow[]> {
    if (filter.search) {
      const scored = this.db
        .select({ ...getTableColumns(entities), score: this.score(filter.search).as('score') })
        .from(entities)
        .where(this.kindCondition(filter))
        .as('scored');
      const order: KeysetOrder = { keys: [scored.score, scored.id], descending: true };
      return this.db
        .select()
        .from(scored)
        .where(and(sql`${scored.score} >= ${MIN_SCORE}`, keysetCondition(order, keyset)))
        .orderBy(...keysetOrderBy(order, keyset))
        .limit(keyset.take + 1);
    }
    const order: KeysetOrder = { keys: [entities.name, entities.id], descending: false };
    return this.db
      .select({ ...getTableColumns(entities), score: sql<number>`0::float8` })
      .from(entities)
      .where(and(this.kindCondition(filter), keysetCondition(order, keyset)))
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keyset.take + 1);
  }

  async count(filter: EntityFilter): Promise<number> {
    const where = filter.search
      ? and(this.kindCondition(filter), sql`${this.score(filter.search)} >= ${MIN_SCORE}`)
      : this.kindCondition(filter);
    const [row] = await this.db.select({ n: count() }).from(entities).where(where);
    return row?.n ?? 0;
  }

  private relationCondition(filter: RelationFilter): SQL | undefined {
    const touches =
      filter.direction === 'OUTGOING'
        ? eq(entityRelations.fromId, entities.id)
        : filter.direction === 'INCOMING'
          ? eq(entityRelations.toId, entities.id)
          : or(eq(entityRelations.fromId, entities.id), eq(entityRelations.toId, entities.id));
    return and(
      touches,
      filter.types && filter.types.length > 0
        ? inArray(entityRelations.type, [...filter.types])
        : undefined,
    );
  }

  /** One page of relations per entity, oldest first, in both directions unless filtered. */
  async pageRelations(
    entityIds: readonly number[],
    filter: RelationFilter,
    keyset: Keyset,
  ): Promise<RelatedEntityRow[]> {
    const order: KeysetOrder = { keys: [entityRelations.id], descending: false };
    const other = alias(entities, 'other');
    const page = this.db
      .select({
        ...getTableColumns(other),
        relationId: sql<number>`${entityRelations.id}`.as('relation_id'),
        type: entityRelations.type,
        direction: sql<
          'OUTGOING' | 'INCOMING'
        >`case when ${entityRelations.fromId} = ${entities.id} then 'OUTGOING' else 'INCOMING' end`.as(
          'direction',
        ),
      })
      .from(entityRelations)
      .innerJoin(
        other,
        sql`${other.id} = case when ${entityRelations.fromId} = ${entities.id} then ${entityRelations.toId} else ${entityRelations.fromId} end`,
      )
      .where(and(this.relationCondition(filter), keysetCondition(order, keyset)))
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keyset.take + 1)
      .as('page');
    const rows = await this.db
      .select({ parentId: entities.id, row: page._.selectedFields })
      .from(entities)
      .crossJoinLateral(page)
      .where(inArray(entities.id, [...entityIds]));
    return rows.map(({ parentId, row }) => ({ ...row, parentId }));
  }

  async countRelations(
    entityIds: readonly number[],
    filter: RelationFilter,
  ): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: entities.id, n: count() })
      .from(entities)
      .innerJoin(entityRelations, this.relationCondition(filter))
      .where(inArray(entities.id, [...entityIds]))
      .groupBy(entities.id);
  }
}
