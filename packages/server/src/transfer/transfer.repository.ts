// The SQL behind `dateline export` and `dateline import`: every table of the news data, read in
// key order a batch at a time and written back with the same keys. Rows keep their ids, creation
// times and history, which the services would assign afresh, so this is the one write path that
// bypasses them: an import restores what an export saw, and importing it again adds nothing.
import { asc, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import {
  articleDatelines,
  articleMentions,
  articles,
  deadlineChanges,
  deadlineConcerns,
  deadlines,
  entities,
  entityAliases,
  entityRelations,
  quotes,
} from '../db/schema';

export interface TransferTable {
  /** The name in the export: the SQL table name. */
  name: string;
  table: PgTable;
  /** An integer column that starts the primary key: batches are ranges of it. */
  group: PgColumn;
  /** The full primary key, the order rows are written in. */
  order: PgColumn[];
  /** Whether `id` is an identity column whose sequence must follow imported ids. */
  identity: boolean;
}

/** Every table an export holds, parents before children so an import can stream it. */
export const transferTables: TransferTable[] = [
  { name: 'entities', table: entities, group: entities.id, order: [entities.id], identity: true },
  {
    name: 'entity_aliases',
    table: entityAliases,
    group: entityAliases.entityId,
    order: [entityAliases.entityId, entityAliases.alias],
    identity: false,
  },
  {
    name: 'entity_relations',
    table: entityRelations,
    group: entityRelations.id,
    order: [entityRelations.id],
    identity: true,
  },
  { name: 'articles', table: articles, group: articles.id, order: [articles.id], identity: true },
  {
    name: 'article_datelines',
    table: articleDatelines,
    group: articleDatelines.articleId,
    order: [articleDatelines.articleId, articleDatelines.position],
    identity: false,
  },
  {
    name: 'article_mentions',
    table: articleMentions,
    group: articleMentions.articleId,
    order: [articleMentions.articleId, articleMentions.entityId],
    identity: false,
  },
  { name: 'quotes', table: quotes, group: quotes.id, order: [quotes.id], identity: true },
  {
    name: 'deadlines',
    table: deadlines,
    group: deadlines.id,
    order: [deadlines.id],
    identity: true,
  },
  {
    name: 'deadline_concerns',
    table: deadlineConcerns,
    group: deadlineConcerns.deadlineId,
    order: [deadlineConcerns.deadlineId, deadlineConcerns.entityId],
    identity: false,
  },
  {
    name: 'deadline_changes',
    table: deadlineChanges,
    group: deadlineChanges.id,
    order: [deadlineChanges.id],
    identity: true,
  },
];

export type TransferRow = Record<string, unknown>;

/** The stored columns of a table (generated ones, such as search vectors, are derived). */
export function storedColumns(table: PgTable): [string, PgColumn][] {
  return Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(
    ([, column]) => !(column as PgColumn & { generated?: unknown }).generated,
  );
}

export class TransferRepository {
  constructor(private readonly db: Database) {}

  /**
   * The rows of up to `groups` values of the table's group column after `after`, in key order:
   * a batch of a keyset scan, so no export holds a whole table in memory.
   */
  async batch(spec: TransferTable, after: number, groups: number): Promise<TransferRow[]> {
    const keys = await this.db
      .selectDistinct({ key: spec.group })
      .from(spec.table)
      .where(gt(spec.group, after))
      .orderBy(asc(spec.group))
      .limit(groups);
    if (keys.length === 0) return [];
    const selection = Object.fromEntries(storedColumns(spec.table));
    return await this.db
      .select(selection)
      .from(spec.table)
      .where(
        inArray(
          spec.group,
          keys.map((row) => row.key as number),
        ),
      )
      .orderBy(...spec.order.map((column) => asc(column)));
  }

  /** Inserts the rows that are not there yet (by key); returns how many were new. */
  async insertNew(db: Database, spec: TransferTable, rows: TransferRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const insert = db.insert(spec.table);
    const values = spec.identity ? insert.overridingSystemValue() : insert;
    const inserted = await values
      .values(rows as never)
      .onConflictDoNothing()
      .returning({ key: spec.group });
    return inserted.length;
  }

  /** Moves each identity sequence past the imported ids, so new rows get fresh ones. */
  async advanceIdentities(db: Database): Promise<void> {
    for (const spec of transferTables.filter((table) => table.identity)) {
      await db.execute(
        sql`select setval(pg_get_serial_sequence(${spec.name}, 'id'), coalesce((select max(id) from ${spec.table}), 0) + 1, false)`,
      );
    }
  }

  transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx));
  }
}
