import type { Database } from './client';
import { translateDatabaseError } from './errors';

/**
 * Runs `work` in one transaction: if any part fails, nothing is written. Constraint violations
 * come out as client errors.
 */
export async function inTransaction<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction((tx) => work(tx));
  } catch (error) {
    throw translateDatabaseError(error) ?? error;
  }
}
