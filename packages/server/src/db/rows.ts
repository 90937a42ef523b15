/** The rows of a raw `db.execute` result; both drivers answer `{ rows }`. */
export function rowsOf<R>(result: unknown): R[] {
  return (result as { rows: R[] }).rows;
}
