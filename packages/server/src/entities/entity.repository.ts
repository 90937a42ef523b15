// The only place that knows how entities, their aliases and their relations are stored.
import { and, count, eq, getTableColumns, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import {
  ChildColumn,
  ChildPage,
  prefetchColumn,
  prefetchShape,
  primePrefetches,
  type PageArgs,
  type Prefetch,
  type PrefetchedJson,
} from '../db/child-page';
import { insertJsonRows } from '../db/json-rows';
import { StatementCache, anyOf, inIds, type Binder } from '../db/statement-cache';
import { boundedCount, EXACT_COUNT_BOUND, type SearchCount } from '../search/search-count';
import {
  keysetCondition,
  keysetLimit,
  keysetOrderBy,
  type Keyset,
  type KeysetOrder,
} from '../db/keyset';
import {
  entities,
  entityColumns,
  entityAliases,
  entityMatchKey,
  entityNameKey,
  entityKinds,
  entityRelations,
  type EntityKindValue,
  type EntityRow,
  type RelationTypeValue,
} from '../db/schema';

/** Taken per entity kind by writes that check names and aliases against those stored. */
const ENTITY_NAMES_LOCK = 7_461_010;

export interface EntityFilter {
  /** Fuzzy and alias-aware: typos and partial names match, best match first. */
  search?: string | undefined;
  kinds?: readonly EntityKindValue[] | undefined;
}

export interface EntityListRow extends EntityRow {
  /** How well the entity matches the search (0–1, higher first); 0 without a search. */
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

/** The arguments of a page of relations per entity (Entity.relations). */
export interface RelationPageArgs extends PageArgs {
  filter: RelationFilter;
}

/** Below this trigram word similarity a name is not a match ("Mosery" vs "Adam Mosseri": 0.44). */
const MIN_MATCH = 0.35;

export class EntityRepository {
  private readonly statements = new StatementCache();

  /** Each entity's aliases, alphabetically (Entity.aliases). */
  readonly aliases: ChildColumn<object, string[]>;
  /** Each entity's page of relations, oldest first, in both directions unless filtered. */
  readonly relations: ChildPage<RelationPageArgs, RelatedEntityRow>;

  constructor(private readonly db: Database) {
    this.aliases = new ChildColumn(db, this.statements, {
      name: 'entities.aliases',
      parent: entities,
      parentId: entities.id,
      json: () =>
        sql`(select coalesce(json_agg(${entityAliases.alias} order by ${entityAliases.alias}), '[]'::json) from ${entityAliases} where ${entityAliases.entityId} = ${entities.id})`,
      decode: (json) => json as string[],
    });
    this.relations = new ChildPage(db, this.statements, {
      name: 'entities.relations',
      key: ({ filter }) => filter.direction ?? 'BOTH',
      parent: entities,
      parentId: entities.id,
      page: (args, bind) => this.relationPage(args, bind),
      row: (page) => ({
        fields: page._.selectedFields,
        order: { keys: [page.relationId], descending: false },
      }),
    });
  }

  async byIds(ids: readonly number[]): Promise<EntityRow[]> {
    if (ids.length === 0) return [];
    return this.statements.run(
      'byIds',
      {},
      () => this.db.select(entityColumns).from(entities).where(inIds(entities.id)),
      ids,
    );
  }

  async aliasesByEntityIds(ids: readonly number[]): Promise<{ entityId: number; alias: string }[]> {
    if (ids.length === 0) return [];
    return this.statements.run(
      'aliasesByEntityIds',
      {},
      () =>
        this.db
          .select()
          .from(entityAliases)
          .where(inIds(entityAliases.entityId))
          .orderBy(entityAliases.entityId, entityAliases.alias),
      ids,
    );
  }

  /** How much of the search the best-matching name or alias contains (0–1): the filter. */
  private match(search: string): SQL<number> {
    const alias = sql`(select max(word_similarity(${search}, ${entityAliases.alias})) from ${entityAliases} where ${entityAliases.entityId} = ${entities.id})`;
    return sql<number>`greatest(word_similarity(${search}, ${entities.name}), coalesce(${alias}, 0))::float8`;
  }

  /** The rank: the match, with whole-name likeness breaking ties ("ByteDance" before "ByteDance Ltd"). */
  private score(search: string): SQL<number> {
    const alias = sql`(select max(similarity(${search}, ${entityAliases.alias})) from ${entityAliases} where ${entityAliases.entityId} = ${entities.id})`;
    return sql<number>`(0.8 * ${this.match(search)} + 0.2 * greatest(similarity(${search}, ${entities.name}), coalesce(${alias}, 0)))::float8`;
  }

  private kindCondition(filter: EntityFilter): SQL | undefined {
    return filter.kinds && filter.kinds.length > 0
      ? inArray(entities.kind, [...filter.kinds])
      : undefined;
  }

  /**
   * The entities whose name or an alias has a word like the search: `<%` is word_similarity at
   * least pg_trgm.word_similarity_threshold, and unlike the function it can use the trigram GIN
   * indexes, so only candidates are scored instead of every entity.
   */
  private matchCondition(db: Database, search: string): SQL {
    const byName = db
      .select({ id: entities.id })
      .from(entities)
      .where(sql`${search} <% ${entities.name}`);
    const byAlias = db
      .select({ id: entityAliases.entityId })
      .from(entityAliases)
      .where(sql`${search} <% ${entityAliases.alias}`);
    return inArray(entities.id, union(byName, byAlias));
  }

  /** Runs `fn` in a transaction whose `<%` threshold is MIN_MATCH (set locally, not per session). */
  private withMatchThreshold<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(MIN_MATCH)}, true)`,
      );
      return fn(tx);
    });
  }

  async list(filter: EntityFilter, keyset: Keyset): Promise<EntityListRow[]> {
    const search = filter.search;
    if (search) {
      return this.withMatchThreshold((db) => {
        const scored = db
          .select({ ...entityColumns, score: this.score(search).as('score') })
          .from(entities)
          .where(and(this.kindCondition(filter), this.matchCondition(db, search)))
          .as('scored');
        const order: KeysetOrder = { keys: [scored.score, scored.id], descending: true };
        return db
          .select()
          .from(scored)
          .where(keysetCondition(order, keyset))
          .orderBy(...keysetOrderBy(order, keyset))
          .limit(keyset.take + 1);
      });
    }
    const order: KeysetOrder = { keys: [entities.name, entities.id], descending: false };
    return this.db
      .select({ ...entityColumns, score: sql<number>`0::float8` })
      .from(entities)
      .where(and(this.kindCondition(filter), keysetCondition(order, keyset)))
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keyset.take + 1);
  }

  /**
   * Exact without a search; with one, exact up to a bound and estimated beyond (search-count).
   * The planner's estimate is not trusted: it knows nothing of trigram similarity (a fixed share
   * of the rows): at 200,000 entities it put a typo's 670 matches at 2,023, the same figure as
   * for an alias's. Matches are counted up to the bound instead, no more than the page ranks.
   */
  async count(filter: EntityFilter): Promise<SearchCount> {
    const search = filter.search;
    if (search) {
      return this.withMatchThreshold((db) =>
        boundedCount(
          db,
          () =>
            db
              .select({ one: sql`1` })
              .from(entities)
              .where(and(this.kindCondition(filter), this.matchCondition(db, search)))
              .$dynamic(),
          EXACT_COUNT_BOUND,
          { trustEstimate: false },
        ),
      );
    }
    const [row] = await this.db
      .select({ n: count() })
      .from(entities)
      .where(this.kindCondition(filter));
    return { count: row?.n ?? 0, isEstimate: false };
  }

  private relationCondition(filter: RelationFilter, bind?: Binder): SQL | undefined {
    const touches =
      filter.direction === 'OUTGOING'
        ? eq(entityRelations.fromId, entities.id)
        : filter.direction === 'INCOMING'
          ? eq(entityRelations.toId, entities.id)
          : or(eq(entityRelations.fromId, entities.id), eq(entityRelations.toId, entities.id));
    return and(
      touches,
      filter.types && filter.types.length > 0
        ? bind
          ? anyOf(entityRelations.type, bind, 'types', filter.types)
          : inArray(entityRelations.type, [...filter.types])
        : undefined,
    );
  }

  /** Each entity's page of relations, as a subquery on the enclosing `entities`. */
  private relationPage({ filter, keyset }: RelationPageArgs, bind: Binder) {
    const order: KeysetOrder = { keys: [entityRelations.id], descending: false };
    const other = alias(entities, 'other');
    const {
      createdAt: _created,
      updatedAt: _updated,
      nameKey: _nameKey,
      ...otherColumns
    } = getTableColumns(other);
    return this.db
      .select({
        ...otherColumns,
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
      .where(
        and(
          this.relationCondition(filter, bind.at('filter')),
          keysetCondition(order, keyset, bind.at('keyset')),
        ),
      )
      .orderBy(...keysetOrderBy(order, keyset))
      .limit(keysetLimit(keyset, bind.at('keyset')))
      .as('page');
  }

  /** An entity with child values fetched in the same statement and handed to their loaders. */
  async byIdWith(id: number, children: readonly Prefetch[]): Promise<EntityRow | null> {
    const shape = prefetchShape(children);
    const [row] = (await this.statements.run(
      `entities.byIdWith:${shape.key}`,
      { id, children: shape.args },
      // `id = $id`, not `id = any($ids)`: PostgreSQL's generic plan then expects one row, as a
      // custom plan does, so it keeps the generic plan instead of planning every execution.
      (bind) =>
        this.db
          .select({ ...entityColumns, prefetched: prefetchColumn(children, bind.at('children')) })
          .from(entities)
          .where(eq(entities.id, bind('id'))),
    )) as (EntityRow & { prefetched: PrefetchedJson })[];
    if (!row) return null;
    primePrefetches(children, id, row.prefetched);
    const { prefetched: _prefetched, ...entity } = row;
    return entity;
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

  // ---- writes ----

  async insert(values: {
    name: string;
    kind: EntityKindValue;
    title?: string | null | undefined;
    wikidataId?: string | null | undefined;
  }): Promise<EntityRow> {
    const [row] = await this.db.insert(entities).values(values).returning(entityColumns);
    return row as EntityRow;
  }

  async byWikidataId(wikidataId: string): Promise<EntityRow | null> {
    const [row] = await this.db
      .select(entityColumns)
      .from(entities)
      .where(eq(entities.wikidataId, wikidataId));
    return row ?? null;
  }

  /** The entity of this kind with this name, ignoring case and spacing (the unique name key). */
  async findByName(name: string, kind: EntityKindValue): Promise<EntityRow | null> {
    const [row] = await this.db
      .select(entityColumns)
      .from(entities)
      .where(and(eq(entities.nameKey, entityNameKey(name)), eq(entities.kind, kind)))
      .limit(1);
    return row ?? null;
  }

  /**
   * Until the transaction ends, holds the lock that writes checking names of this kind against
   * those stored take first: one that waited sees the names and aliases the other committed, so
   * two creates racing with the same alias cannot both find it free.
   */
  async lockNames(kind: EntityKindValue): Promise<void> {
    await this.db.execute(
      sql`select pg_advisory_xact_lock(${ENTITY_NAMES_LOCK}, ${entityKinds.indexOf(kind)})`,
    );
  }

  /**
   * An entity of this kind (other than `exceptId`) that `name` already names, as its name or one
   * of its aliases, ignoring case, accents and spacing (entityMatchKey); `by` says which.
   */
  async namedBy(
    name: string,
    kind: EntityKindValue,
    exceptId?: number,
  ): Promise<{ entity: EntityRow; by: 'name' | 'alias' } | null> {
    const key = entityMatchKey(sql`${name}::text`);
    const other = exceptId === undefined ? undefined : ne(entities.id, exceptId);
    const [byName] = await this.db
      .select(entityColumns)
      .from(entities)
      .where(and(eq(entities.kind, kind), eq(entityMatchKey(entities.name), key), other))
      .orderBy(entities.id)
      .limit(1);
    if (byName) return { entity: byName, by: 'name' };
    const [byAlias] = await this.db
      .select(entityColumns)
      .from(entityAliases)
      .innerJoin(entities, eq(entities.id, entityAliases.entityId))
      .where(and(eq(entityMatchKey(entityAliases.alias), key), eq(entities.kind, kind), other))
      .orderBy(entities.id)
      .limit(1);
    return byAlias ? { entity: byAlias, by: 'alias' } : null;
  }

  /**
   * The entity of this kind with this name, created if there is none; `created` says which.
   * Atomic: writers that race to create the same name all get the one row the unique name key
   * lets in (a loser's insert waits for the winner to commit, then finds its row).
   */
  async findOrCreate(
    name: string,
    kind: EntityKindValue,
  ): Promise<{ entity: EntityRow; created: boolean }> {
    const existing = await this.findByName(name, kind);
    if (existing) return { entity: existing, created: false };
    const [inserted] = await this.db
      .insert(entities)
      .values({ name, kind })
      .onConflictDoNothing({ target: [entities.nameKey, entities.kind] })
      .returning(entityColumns);
    if (inserted) return { entity: inserted, created: true };
    const winner = await this.findByName(name, kind);
    if (!winner) throw new Error(`Entity "${name}" (${kind}) conflicted but cannot be found`);
    return { entity: winner, created: false };
  }

  /**
   * The candidates ingestion links extracted entities to, for a whole batch of names in one
   * statement: for each name, the entities it names exactly (name or alias, by the match key:
   * case, accents and spacing ignored; B-tree indexes), and only for a name that names none, the
   * entities whose name or an alias is like it (pg_trgm's `%`, through the GIN indexes). At most
   * `perName` entities per name. Answers (index into `names`, exact or not, entity with its
   * aliases) pairs.
   */
  async candidatesForNames(
    names: readonly string[],
    perName: number,
  ): Promise<{ index: number; exact: boolean; entity: EntityRow & { aliases: string[] } }[]> {
    if (names.length === 0) return [];
    const key = (value: SQL) => entityMatchKey(value);
    // Through the indexes whatever the tables' size: on a few hundred entities the planner would
    // scan them for every name (`%` computes the trigrams of each row it compares: 2.4 s for
    // 1,000 names against 321 entities, against ~0.1 s through the trigram indexes), and the
    // estimate of that plan crossed the JIT threshold, whose compiling (~0.3 s) outlasts the
    // statement.
    const result = await this.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local jit = off`);
      return tx.execute(sql`
      with w as materialized (
        select n.name, n.i, ${key(sql`n.name`)} as key
          from unnest(${sql.param([...names])}::text[]) with ordinality as n(name, i)
      ),
      keys as (select array_agg(w.key) as keys from w),
      exact as materialized (
        select w.i, m.id
          from (
            select e.id, ${key(sql`e.name`)} as key
              from unnest(${sql.param([...entityKinds])}::text[]::entity_kind[]) as k(kind)
              join ${entities} e
                on e.kind = k.kind
               and ${key(sql`e.name`)} = any((select keys from keys)::text[])
            union
            select a.entity_id, ${key(sql`a.alias`)}
              from ${entityAliases} a
             where ${key(sql`a.alias`)} = any((select keys from keys)::text[])
          ) m
          join w on w.key = m.key
      ),
      fuzzy as (
        select w.i, f.id
          from w cross join lateral (
            select e.id from ${entities} e where e.name % w.name
            union
            select a.entity_id from ${entityAliases} a where a.alias % w.name
            order by 1 limit ${perName}
          ) f
         where not exists (select 1 from exact x where x.i = w.i)
      ),
      hits as (
        select i, id, true as exact from exact
        union all
        select i, id, false from fuzzy
      )
      select h.i::int as index, h.exact, e.id, e.name, e.kind, e.title, e.wikidata_id,
             array(select al.alias from ${entityAliases} al
                    where al.entity_id = e.id order by al.alias) as aliases
        from hits h cross join lateral (select * from ${entities} e where e.id = h.id) e`);
    });
    return (
      result as {
        rows: (RawEntityRow & { index: number; exact: boolean; aliases: string[] })[];
      }
    ).rows.map((row) => ({
      index: Number(row.index) - 1,
      exact: row.exact,
      entity: { ...entityOfRawRow(row), aliases: row.aliases },
    }));
  }

  /**
   * The entities named like each of `wanted` (by the name key, ignoring case and spacing, within
   * the kind), as `index` into `wanted` and row: one statement for any number of names.
   */
  async byNames(
    wanted: readonly { name: string; kind: EntityKindValue }[],
  ): Promise<{ index: number; entity: EntityRow }[]> {
    if (wanted.length === 0) return [];
    const result = await this.db.execute(sql`
      select w.i::int as index, e.id, e.name, e.kind, e.title, e.wikidata_id
        from unnest(${sql.param(wanted.map((entry) => entry.name))}::text[],
                    ${sql.param(wanted.map((entry) => entry.kind))}::text[])
             with ordinality as w(name, kind, i)
        join ${entities} e
          on e.name_key = ${entityNameKey(sql`w.name`)} and e.kind::text = w.kind`);
    return (
      result as {
        rows: (RawEntityRow & { index: number })[];
      }
    ).rows.map((row) => ({ index: Number(row.index) - 1, entity: entityOfRawRow(row) }));
  }

  /** Inserts the entities no entity of the same kind and name key holds yet; returns those. */
  async insertNew(
    values: readonly { name: string; kind: EntityKindValue }[],
  ): Promise<EntityRow[]> {
    if (values.length === 0) return [];
    // The names as one JSON parameter (insertJsonRows): a folder's batch creates hundreds.
    const result = await this.db.execute(sql`${insertJsonRows(
      entities,
      values.map(({ name, kind }) => ({ name, kind })),
    )}
      on conflict (name_key, kind) do nothing
      returning id, name, kind, title, wikidata_id`);
    return (result as { rows: RawEntityRow[] }).rows.map(entityOfRawRow);
  }

  /** Adds aliases to several entities in one statement; ones already there are left alone. */
  async addAliasesMany(rows: readonly { entityId: number; alias: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(entityAliases)
      .values([...rows])
      .onConflictDoNothing();
  }

  async existingIds(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: entities.id })
      .from(entities)
      .where(inArray(entities.id, [...ids]));
    return new Set(rows.map((row) => row.id));
  }

  async update(
    id: number,
    patch: Partial<Pick<EntityRow, 'name' | 'kind' | 'title' | 'wikidataId'>>,
  ): Promise<EntityRow | null> {
    const [row] = await this.db
      .update(entities)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(entities.id, id))
      .returning(entityColumns);
    return row ?? null;
  }

  async addAliases(entityId: number, aliases: readonly string[]): Promise<void> {
    await this.addAliasesMany(aliases.map((alias) => ({ entityId, alias })));
  }

  async removeAliases(entityId: number, aliases: readonly string[]): Promise<void> {
    if (aliases.length === 0) return;
    await this.db
      .delete(entityAliases)
      .where(and(eq(entityAliases.entityId, entityId), inArray(entityAliases.alias, [...aliases])));
  }

  async delete(id: number): Promise<EntityRow | null> {
    const [row] = await this.db
      .delete(entities)
      .where(eq(entities.id, id))
      .returning(entityColumns);
    return row ?? null;
  }

  async insertRelation(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    const rows = await this.db
      .insert(entityRelations)
      .values({ fromId, type, toId })
      .onConflictDoNothing()
      .returning({ id: entityRelations.id });
    return rows.length > 0;
  }

  async deleteRelation(fromId: number, type: RelationTypeValue, toId: number): Promise<boolean> {
    const rows = await this.db
      .delete(entityRelations)
      .where(
        and(
          eq(entityRelations.fromId, fromId),
          eq(entityRelations.type, type),
          eq(entityRelations.toId, toId),
        ),
      )
      .returning({ id: entityRelations.id });
    return rows.length > 0;
  }

  /**
   * Locks these entities' rows until the transaction ends and returns the ids that exist. Locking
   * in id order, as every caller does through here, means two transactions that lock the same
   * entities queue instead of deadlocking; one that waited sees rows deleted meanwhile as gone.
   */
  async lockIds(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: entities.id })
      .from(entities)
      .where(inArray(entities.id, [...ids]))
      .orderBy(entities.id)
      .for('update');
    return new Set(rows.map((row) => row.id));
  }

  async aliasesOf(entityId: number): Promise<string[]> {
    const rows = await this.db
      .select({ alias: entityAliases.alias })
      .from(entityAliases)
      .where(eq(entityAliases.entityId, entityId));
    return rows.map((row) => row.alias);
  }

  /** Re-points `fromId`'s relations at `toId`, dropping ones that become duplicates or self-relations. */
  async moveRelations(fromId: number, toId: number): Promise<void> {
    await this.db.execute(sql`
      insert into ${entityRelations} (from_id, type, to_id)
      select case when from_id = ${fromId} then ${toId} else from_id end,
             type,
             case when to_id = ${fromId} then ${toId} else to_id end
        from ${entityRelations}
       where (from_id = ${fromId} or to_id = ${fromId})
         and (case when from_id = ${fromId} then ${toId} else from_id end)
             <> (case when to_id = ${fromId} then ${toId} else to_id end)
      on conflict do nothing`);
    await this.db
      .delete(entityRelations)
      .where(or(eq(entityRelations.fromId, fromId), eq(entityRelations.toId, fromId)));
  }
}

/** An entity row as a raw statement (`db.execute`) returns it, in column names. */
interface RawEntityRow {
  id: number;
  name: string;
  kind: EntityKindValue;
  title: string | null;
  wikidata_id: string | null;
}

function entityOfRawRow(row: RawEntityRow): EntityRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    title: row.title,
    wikidataId: row.wikidata_id,
  };
}
