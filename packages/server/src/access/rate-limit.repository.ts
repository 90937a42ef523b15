// The only place that knows how rate-limit windows are stored.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rateLimitWindows } from '../db/schema';

export interface WindowState {
  spent: number;
  windowStart: Date;
}

export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds `cost` to the subject's spending in the current window, starting a new window when the
   * last one is over; one atomic statement, so concurrent instances never lose an update.
   */
  async spend(subject: string, cost: number, windowSeconds: number): Promise<WindowState> {
    const stale = sql`${rateLimitWindows.windowStart} <= now() - make_interval(secs => ${windowSeconds})`;
    const [row] = await this.db
      .insert(rateLimitWindows)
      .values({ subject, windowStart: sql`now()`, spent: cost })
      .onConflictDoUpdate({
        target: rateLimitWindows.subject,
        set: {
          spent: sql`case when ${stale} then ${cost} else ${rateLimitWindows.spent} + ${cost} end`,
          windowStart: sql`case when ${stale} then now() else ${rateLimitWindows.windowStart} end`,
        },
      })
      .returning({ spent: rateLimitWindows.spent, windowStart: rateLimitWindows.windowStart });
    return row as WindowState;
  }
}
