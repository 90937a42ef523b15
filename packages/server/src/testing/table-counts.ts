// Row counts of every table, to assert that a refused write left no trace.
import { count } from 'drizzle-orm';
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
  entityCoMentions,
  entityRelations,
  quotes,
} from '../db/schema';

const tables = {
  articles,
  articleDatelines,
  articleMentions,
  entities,
  entityAliases,
  entityRelations,
  entityCoMentions,
  quotes,
  deadlines,
  deadlineConcerns,
  deadlineChanges,
};

export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries);
}
