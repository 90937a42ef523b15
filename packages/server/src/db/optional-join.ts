// A join that is in the statement only when a client asked for the joined row. With `false` as
// its condition PostgreSQL drops a left join at planning time, so one statement serves both cases
// and its result has the same shape either way (the joined row is null when not asked for).
import { sql, type SQL } from 'drizzle-orm';

export function joinedWhen(wanted: boolean, on: SQL): SQL {
  return wanted ? on : sql`false`;
}
