// The only place that knows how deadlines, what they concern and their history are stored.
import {
  type AnyColumn,
  and,
  count,
  eq,
  exists,
  getTableColumns,
  gte,
  inArray,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { ChildPage, type PageArgs } from '../db/child-page';
import {
  keysetCondition,
  keysetLimit,
  keysetOrderBy,
  type Keyset,
  type KeysetOrder,
} from '../db/keyset';
import { joinedWhen } from '../db/optional-join';
import { chunks } from '../db/chunks';
import { StatementCache, anyOf, literalBinder, type Binder } from '../db/statement-cache';
import {
  articles,
  deadlineChanges,
  deadlineConcerns,
  deadlines,
  entities,
  entityColumns,
  type DeadlineChangeRow,
  type DeadlineRow,
  type DeadlineStatusValue,
  type EntityRow,
} from '../db/schema';

export type { DeadlineChangeRow, DeadlineRow };

export type DeadlineRole = 'SETTER' | 'SUBJECT' | 'CONCERNED' | 'ANY';

export interface DeadlineFilter {
  statuses?: readonly DeadlineStatusValue[] | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** An entity involved in the deadline, in `role`. */
  entityId?: number | undefined;
  role?: DeadlineRole | undefined;
}

export type DeadlineOrder = 'DUE_ON_ASC' | 'DUE_ON_DESC';

export interface ChildDeadlineRow extends DeadlineRow {
  parentId: number;
}

/** The arguments of a page of deadlines per entity in a role (Entity.deadlines). */
export interface EntityDeadlinePageArgs extends PageArgs {
  role: DeadlineRole;
  filter: DeadlineFilter;
}

/** A deadline with the entities it names, when a list was asked to join them. */
export interface DeadlineListRow extends DeadlineRow {
  setBy: EntityRow | null;
  subject: EntityRow | null;
}

/** Related rows a list of deadlines can bring along in its one statement. */
export interface DeadlineIncludes {
  setBy?: boolean;
  subject?: boolean;
}

const setters = alias(entities, 'set_by');
const subjects = alias(entities, 'subject');
const {
  createdAt: _setterCreated,
  updatedAt: _setterUpdated,
  ...setterColumns
} = getTableColumns(setters);
const {
  createdAt: _subjectCreated,
  updatedAt: _subjectUpdated,
  ...subjectColumns
} = getTableColumns(subjects);

export interface ChildDeadlineChangeRow extends DeadlineChangeRow {
  parentId: number;
}

const byDueOn = (order: DeadlineOrder): KeysetOrder => ({
  keys: [deadlines.dueOn, deadlines.id],
  descending: order === 'DUE_ON_DESC',
});

const changeOrder: KeysetOrder = { keys: [deadlineChanges.id], descending: false };

export class DeadlineRepository {
  private readonly statements = new StatementCache();

  /** Each entity's page of deadlines in a role, soonest first (Entity.deadlines). */
  readonly byEntity: ChildPage<EntityDeadlinePageArgs, DeadlineRow>;

  constructor(private readonly db: Database) {
    this.byEntity = new ChildPage(db, this.statements, {
      name: 'deadlines.byEntity',
      key: ({ role, filter }) => `${role}:${filter.role ?? ''}`,
      parent: entities,
      parentId: entities.id,
      page: (args, bind) => this.entityPage(args, bind),
      row: (page) => ({
        fields: page._.selectedFields,
        order: { keys: [page.dueOn, page.id], descending: false },
      }),
    });
  }

  async byIds(ids: readonly number[]): Promise<DeadlineRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(deadlines)
      .where(inArray(deadlines.id, [...ids]));
  }

  async changesByIds(ids: readonly number[]): Promise<DeadlineChangeRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(deadlineChanges)
      .where(inArray(deadlineChanges.id, [...ids]));
  }

  private involves(entity: AnyColumn | SQL, role: DeadlineRole): SQL | undefined {
    const concerned = exists(
      this.db
        .select({ one: sql`1` })
        .from(deadlineConcerns)
        .where(
          and(eq(deadlineConcerns.deadlineId, deadlines.id), eq(deadlineConcerns.entityId, entity)),
        ),
    );
    switch (role) {
      case 'SETTER':
        return eq(deadlines.setById, entity);
      case 'SUBJECT':
        return eq(deadlines.subjectId, entity);
      case 'CONCERNED':
        return concerned;
      case 'ANY':
        return or(eq(deadlines.setById, entity), eq(deadlines.subjectId, entity), concerned);
    }
  }

  /** The deadlines a filter keeps; its values bound through `bind` (written in by default). */
  private condition(filter: DeadlineFilter, bind: Binder = literalBinder(filter)): SQL | undefined {
    return and(
      filter.statuses && filter.statuses.length > 0
        ? anyOf(deadlines.status, bind, 'statuses', filter.statuses)
        : undefined,
      filter.dueFrom ? gte(deadlines.dueOn, bind('dueFrom')) : undefined,
      filter.dueTo ? lte(deadlines.dueOn, bind('dueTo')) : undefined,
      filter.entityId !== undefined
        ? this.involves(bind('entityId'), filter.role ?? 'ANY')
        : undefined,
    );
  }

  async list(
    filter: DeadlineFilter,
    order: DeadlineOrder,
    keyset: Keyset,
    include: DeadlineIncludes = {},
  ): Promise<DeadlineListRow[]> {
    const keys = byDueOn(order);
    if (filter.entityId !== undefined) {
      // An entity's deadlines: its page read as Entity.deadlines reads it (involvedPage).
      return this.statements.run(
        `deadlines.list:${order}:${filter.role ?? ''}`,
        { filter, keyset, include },
        (bind) => {
          const page = this.involvedPage(
            bind.at('filter')('entityId'),
            filter.role ?? 'ANY',
            filter,
            order,
            keyset,
            bind,
          ).as('listed');
          return this.db
            .select({ ...page._.selectedFields, setBy: setterColumns, subject: subjectColumns })
            .from(page)
            .leftJoin(setters, joinedWhen(!!include.setBy, eq(setters.id, page.setById)))
            .leftJoin(subjects, joinedWhen(!!include.subject, eq(subjects.id, page.subjectId)))
            .orderBy(
              ...keysetOrderBy(
                { keys: [page.dueOn, page.id], descending: keys.descending },
                keyset,
              ),
            );
        },
      );
    }
    // Without an entity, the (due_on, id) index read in order is the best plan whatever the
    // window and statuses, so the page size is inlined (Binder.inline) and PostgreSQL keeps that
    // plan: with the page size bound it planned the statement again on every run once the table
    // outgrew a few thousand rows (0.4 ms a run at 100,000 deadlines, twice the run itself).
    return this.statements.run(
      `deadlines.list:${order}:${filter.role ?? ''}`,
      { filter, keyset, include },
      (bind) =>
        this.db
          .select({
            ...getTableColumns(deadlines),
            setBy: setterColumns,
            subject: subjectColumns,
          })
          .from(deadlines)
          .leftJoin(setters, joinedWhen(!!include.setBy, eq(setters.id, deadlines.setById)))
          .leftJoin(subjects, joinedWhen(!!include.subject, eq(subjects.id, deadlines.subjectId)))
          .where(
            and(
              this.condition(filter, bind.at('filter')),
              keysetCondition(keys, keyset, bind.at('keyset')),
            ),
          )
          .orderBy(...keysetOrderBy(keys, keyset))
          .limit(keysetLimit(keyset, bind.at('keyset'), true)),
    );
  }

  async count(filter: DeadlineFilter): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(deadlines)
      .where(this.condition(filter));
    return row?.n ?? 0;
  }

  /** One page of deadlines per article that first reported them, soonest first. */
  async pageByArticleIds(
    articleIds: readonly number[],
    filter: DeadlineFilter,
    keyset: Keyset,
  ): Promise<ChildDeadlineRow[]> {
    const keys = byDueOn('DUE_ON_ASC');
    const page = this.db
      .select()
      .from(deadlines)
      .where(
        and(
          eq(deadlines.articleId, articles.id),
          this.condition(filter),
          keysetCondition(keys, keyset),
        ),
      )
      .orderBy(...keysetOrderBy(keys, keyset))
      .limit(keyset.take + 1)
      .as('page');
    return this.db
      .select({ ...page._.selectedFields, parentId: articles.id })
      .from(articles)
      .crossJoinLateral(page)
      .where(inArray(articles.id, [...articleIds]));
  }

  async countByArticleIds(
    articleIds: readonly number[],
    filter: DeadlineFilter,
  ): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: deadlines.articleId, n: count() })
      .from(deadlines)
      .where(and(inArray(deadlines.articleId, [...articleIds]), this.condition(filter)))
      .groupBy(deadlines.articleId);
  }

  /**
   * A page of the deadlines `entity` has `role` in, in `order`, as a query to name and read from.
   *
   * In every role (ANY) the page is three pages merged: the deadlines it set, those it is the
   * subject of (and did not set), those that concern it (and it neither set nor is the subject
   * of), each read in due order from its own index and cut at the page size. One condition with
   * OR instead has no index to read in that order, so PostgreSQL read every deadline of the
   * status in due order and tested each one: all 13,000 pending deadlines of a million-article
   * archive for an entity with none (15 ms), 3,000 for the busiest entity (5 ms).
   */
  private involvedPage(
    entity: AnyColumn | SQL,
    role: DeadlineRole,
    filter: DeadlineFilter,
    order: DeadlineOrder,
    keyset: Keyset,
    bind: Binder,
  ) {
    const keys = byDueOn(order);
    // The entity is the pages' own condition: the filter's other conditions apply to each.
    const { entityId: _entity, role: _role, ...others } = filter;
    const page = (involved: SQL | undefined) =>
      this.db
        .select()
        .from(deadlines)
        .where(
          and(
            involved,
            this.condition(others, bind.at('filter')),
            keysetCondition(keys, keyset, bind.at('keyset')),
          ),
        )
        .orderBy(...keysetOrderBy(keys, keyset))
        .limit(keysetLimit(keyset, bind.at('keyset')));
    // Driven from the entity's rows in deadline_concerns (their index), not EXISTS per deadline
    // (which would read every deadline).
    const concerned = inArray(
      deadlines.id,
      this.db
        .select({ id: deadlineConcerns.deadlineId })
        .from(deadlineConcerns)
        .where(eq(deadlineConcerns.entityId, entity)),
    );
    switch (role) {
      case 'SETTER':
        return page(eq(deadlines.setById, entity));
      case 'SUBJECT':
        return page(eq(deadlines.subjectId, entity));
      case 'CONCERNED':
        return page(concerned);
      case 'ANY': {
        const notSetter = sql`${deadlines.setById} is distinct from ${entity}`;
        const notSubject = sql`${deadlines.subjectId} is distinct from ${entity}`;
        return page(eq(deadlines.setById, entity))
          .unionAll(page(and(eq(deadlines.subjectId, entity), notSetter)))
          .unionAll(page(and(concerned, notSetter, notSubject)))
          .orderBy(...keysetOrderBy(keys, keyset))
          .limit(keysetLimit(keyset, bind.at('keyset')));
      }
    }
  }

  /** Each entity's page of deadlines in `role`, as a subquery on the enclosing `entities`. */
  private entityPage({ role, filter, keyset }: EntityDeadlinePageArgs, bind: Binder) {
    return this.involvedPage(entities.id, role, filter, 'DUE_ON_ASC', keyset, bind).as('page');
  }

  async countByEntityIds(
    entityIds: readonly number[],
    role: DeadlineRole,
    filter: DeadlineFilter,
  ): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: entities.id, n: count() })
      .from(entities)
      .innerJoin(deadlines, and(this.involves(entities.id, role), this.condition(filter)))
      .where(inArray(entities.id, [...entityIds]))
      .groupBy(entities.id);
  }

  async concernsByDeadlineIds(
    deadlineIds: readonly number[],
  ): Promise<{ deadlineId: number; entity: EntityRow }[]> {
    return this.db
      .select({ deadlineId: deadlineConcerns.deadlineId, entity: entityColumns })
      .from(deadlineConcerns)
      .innerJoin(entities, eq(entities.id, deadlineConcerns.entityId))
      .where(inArray(deadlineConcerns.deadlineId, [...deadlineIds]))
      .orderBy(deadlineConcerns.deadlineId, entities.name);
  }

  /** One page of each deadline's history, oldest change first. */
  async pageChanges(
    deadlineIds: readonly number[],
    keyset: Keyset,
  ): Promise<ChildDeadlineChangeRow[]> {
    const page = this.db
      .select()
      .from(deadlineChanges)
      .where(
        and(eq(deadlineChanges.deadlineId, deadlines.id), keysetCondition(changeOrder, keyset)),
      )
      .orderBy(...keysetOrderBy(changeOrder, keyset))
      .limit(keyset.take + 1)
      .as('page');
    return this.db
      .select({ ...page._.selectedFields, parentId: deadlines.id })
      .from(deadlines)
      .crossJoinLateral(page)
      .where(inArray(deadlines.id, [...deadlineIds]));
  }

  async countChanges(deadlineIds: readonly number[]): Promise<{ parentId: number; n: number }[]> {
    return this.db
      .select({ parentId: deadlineChanges.deadlineId, n: count() })
      .from(deadlineChanges)
      .where(inArray(deadlineChanges.deadlineId, [...deadlineIds]))
      .groupBy(deadlineChanges.deadlineId);
  }

  // ---- writes ----

  async insert(values: typeof deadlines.$inferInsert): Promise<DeadlineRow> {
    const [row] = await this.insertMany([values]);
    return row as DeadlineRow;
  }

  /** Inserts several deadlines; the rows come back in the order of `values`. */
  async insertMany(values: readonly (typeof deadlines.$inferInsert)[]): Promise<DeadlineRow[]> {
    const rows: DeadlineRow[] = [];
    for (const chunk of chunks(values)) {
      rows.push(...(await this.db.insert(deadlines).values(chunk).returning()));
    }
    return rows;
  }

  async addConcerns(deadlineId: number, entityIds: readonly number[]): Promise<void> {
    await this.addConcernsMany(entityIds.map((entityId) => ({ deadlineId, entityId })));
  }

  async addConcernsMany(rows: readonly { deadlineId: number; entityId: number }[]): Promise<void> {
    const unique = new Map(rows.map((row) => [`${row.deadlineId}:${row.entityId}`, row]));
    for (const chunk of chunks([...unique.values()])) {
      await this.db.insert(deadlineConcerns).values(chunk).onConflictDoNothing();
    }
  }

  async appendChange(values: typeof deadlineChanges.$inferInsert): Promise<DeadlineChangeRow> {
    const [row] = await this.db.insert(deadlineChanges).values(values).returning();
    return row as DeadlineChangeRow;
  }

  /** Appends several history entries in one statement. */
  async appendChanges(values: readonly (typeof deadlineChanges.$inferInsert)[]): Promise<void> {
    for (const chunk of chunks(values)) await this.db.insert(deadlineChanges).values(chunk);
  }

  /** The row, locked until the transaction ends, so concurrent changes apply one after another. */
  async byIdForUpdate(id: number): Promise<DeadlineRow | null> {
    const [row] = await this.db.select().from(deadlines).where(eq(deadlines.id, id)).for('update');
    return row ?? null;
  }

  async update(
    id: number,
    patch: Partial<typeof deadlines.$inferInsert>,
  ): Promise<DeadlineRow | null> {
    const [row] = await this.db
      .update(deadlines)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(deadlines.id, id))
      .returning();
    return row ?? null;
  }

  /** Moves every deadline role of entity `fromId` to `toId`. Part of a merge, in its transaction. */
  async moveEntity(fromId: number, toId: number): Promise<void> {
    await this.db.update(deadlines).set({ setById: toId }).where(eq(deadlines.setById, fromId));
    await this.db.update(deadlines).set({ subjectId: toId }).where(eq(deadlines.subjectId, fromId));
    await this.db.execute(sql`
      insert into ${deadlineConcerns} (deadline_id, entity_id)
      select deadline_id, ${toId} from ${deadlineConcerns} where entity_id = ${fromId}
      on conflict do nothing`);
    await this.db.delete(deadlineConcerns).where(eq(deadlineConcerns.entityId, fromId));
  }

  async delete(id: number): Promise<DeadlineRow | null> {
    const [row] = await this.db.delete(deadlines).where(eq(deadlines.id, id)).returning();
    return row ?? null;
  }
}
