// How many rows a search matches, without counting a million of them per request: exactly up to
// EXACT_COUNT_BOUND (the count reads at most that many matches, through a LIMITed subquery), and
// beyond it the planner's estimate of the same statement, marked as one. A list that shows "about
// 200,000 results" needs no more; counting them all read every match, as ranking every match did.
import { count, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';

/** Up to this many matches a search's totalCount is exact; above, it is an estimate. */
export const EXACT_COUNT_BOUND = 10_000;

export interface SearchCount {
  count: number;
  /** True when the count is above EXACT_COUNT_BOUND and is the planner's estimate. */
  isEstimate: boolean;
}

/**
 * Counts the rows `matches()` selects, exactly up to `bound`, else estimated (never below it).
 * A factory, because drizzle's builders change in place and the estimate needs the unLIMITed one.
 */
export async function boundedCount(
  db: Database,
  matches: () => PgSelect,
  bound: number = EXACT_COUNT_BOUND,
): Promise<SearchCount> {
  const [row] = await db.select({ n: count() }).from(
    matches()
      .limit(bound + 1)
      .as('matches'),
  );
  const exact = row?.n ?? 0;
  if (exact <= bound) return { count: exact, isEstimate: false };
  const estimate = await plannedRows(db, matches().getSQL());
  // The estimate can fall short of what was just seen; the count is at least the bound plus one.
  return { count: Math.max(Math.round(estimate), bound + 1), isEstimate: true };
}

/** The planner's row estimate for a statement (statistics from ANALYZE/autovacuum). */
async function plannedRows(db: Database, statement: SQL): Promise<number> {
  const result: unknown = await db.execute(sql`explain (format json) ${statement}`);
  const [row] = (result as { rows: Record<string, unknown>[] }).rows;
  const raw = row ? Object.values(row)[0] : undefined;
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
    { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  return plan?.[0]?.Plan?.['Plan Rows'] ?? 0;
}
