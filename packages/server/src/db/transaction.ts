// How services write: a unit of work opens one transaction and hands it repositories bound to
// that transaction. Concurrency failures PostgreSQL resolves by aborting one transaction
// (serialization failure, deadlock) are retried here, once for every service, by re-running the
// whole transaction; whatever still fails comes out as a client error where it is one.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from './client';
import { retryableConflict, translateDatabaseError } from './errors';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first retry waits up to this long (jittered); each further retry up to twice as long. */
  baseDelayMs: number;
}

const defaultRetry: RetryOptions = { attempts: 5, baseDelayMs: 20 };

/**
 * Runs `work` in one transaction: if any part fails, nothing is written. A transaction aborted
 * by a deadlock or a serialization failure is run again from the start (so `work` must keep no
 * state outside the transaction between attempts), up to `retry.attempts` times with jittered,
 * growing waits so the contenders do not collide again. Constraint violations come out as client
 * errors.
 */
export async function inTransaction<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
  retry: RetryOptions = defaultRetry,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction((tx) => work(tx));
    } catch (error) {
      if (attempt < retry.attempts && retryableConflict(error)) {
        await sleep(Math.random() * retry.baseDelayMs * 2 ** (attempt - 1));
        continue;
      }
      throw translateDatabaseError(error) ?? error;
    }
  }
}

/** What services get from the container instead of a database handle. */
export interface UnitOfWork<R> {
  /** Repositories on the shared handle, for reads and single statements. */
  readonly repositories: R;
  /** Runs `work` in one transaction (see inTransaction) with repositories bound to it. */
  transaction<T>(work: (repositories: R) => Promise<T>): Promise<T>;
}

/** A unit of work on `db` that builds its transaction-bound repositories with `build`. */
export function unitOfWork<R>(
  db: Database,
  build: (db: Database) => R,
  retry: RetryOptions = defaultRetry,
): UnitOfWork<R> {
  return {
    repositories: build(db),
    transaction: (work) => inTransaction(db, (tx) => work(build(tx)), retry),
  };
}
