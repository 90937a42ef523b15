// Multi-row statements in slices: PostgreSQL takes at most 65,535 parameters per statement.

/** Rows per multi-row statement: with up to ~15 columns a row, well under the parameter limit. */
export const ROWS_PER_STATEMENT = 2_000;

/** `rows` in consecutive slices of at most `size` (none for no rows). */
export function* chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
