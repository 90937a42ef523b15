// `dateline export` and `dateline import`: the news data (entities with their aliases and
// relations, articles with datelines and mentions, quotes, deadlines with what they concern and
// their history) as NDJSON, one row a line, keyed by the stored ids. The first line names the
// format. Both stream: an export reads a batch of rows at a time, an import stores a batch per
// transaction, so neither holds a database in memory. API keys are not exported: they are
// credentials for one deployment, not news data.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  storedColumns,
  transferTables,
  type TransferRepository,
  type TransferRow,
  type TransferTable,
} from './transfer.repository';

export const EXPORT_FORMAT = { dateline: 'export', version: 1 } as const;

/** Group values (ids, or parent ids for child tables) read per query. */
const EXPORT_BATCH = 500;
/** Rows stored per transaction on import. */
const IMPORT_BATCH = 500;

export class TransferError extends Error {}

export interface TransferProgress {
  (line: string): void;
}

function toJson(spec: TransferTable, row: TransferRow): string {
  // Columns in table order, so that the same data always gives the same bytes.
  const ordered: TransferRow = {};
  for (const [key] of storedColumns(spec.table)) {
    const value = row[key];
    ordered[key] = value instanceof Date ? value.toISOString() : value;
  }
  return JSON.stringify({ table: spec.name, row: ordered });
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
}

export async function exportData(
  repository: TransferRepository,
  out: Writable,
  progress: TransferProgress,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await write(out, `${JSON.stringify(EXPORT_FORMAT)}\n`);
  for (const spec of transferTables) {
    let after = 0;
    let rows = 0;
    const groupKey = keyOf(spec, spec.group);
    for (;;) {
      const batch = await repository.batch(spec, after, EXPORT_BATCH);
      if (batch.length === 0) break;
      await write(out, batch.map((row) => `${toJson(spec, row)}\n`).join(''));
      rows += batch.length;
      after = batch[batch.length - 1]![groupKey] as number;
      progress(`export: ${spec.name}: ${rows} rows`);
    }
    counts[spec.name] = rows;
  }
  return counts;
}

function keyOf(spec: TransferTable, column: PgColumn): string {
  const found = storedColumns(spec.table).find(([, candidate]) => candidate === column);
  if (!found) throw new Error(`${spec.name} has no column ${column.name}`);
  return found[0];
}

/** The row as the insert takes it: timestamps back to dates. */
function fromJson(spec: TransferTable, row: TransferRow, line: number): TransferRow {
  const result: TransferRow = {};
  for (const [key, column] of storedColumns(spec.table)) {
    if (!(key in row)) {
      if (column.notNull && !column.hasDefault) {
        throw new TransferError(`line ${line}: a ${spec.name} row without ${key}.`);
      }
      continue;
    }
    const value = row[key];
    result[key] =
      column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return result;
}

export async function importData(
  repository: TransferRepository,
  input: Readable,
  progress: TransferProgress,
): Promise<{ read: Record<string, number>; added: Record<string, number> }> {
  const byName = new Map(transferTables.map((spec) => [spec.name, spec]));
  const read: Record<string, number> = {};
  const added: Record<string, number> = {};
  // Rows of one table waiting to be stored (an export lists each table's rows together).
  const pending: { spec: TransferTable | null; rows: TransferRow[] } = { spec: null, rows: [] };
  const flush = async (): Promise<void> => {
    const { spec, rows } = pending;
    if (!spec || rows.length === 0) return;
    const inserted = await repository.transaction((db) => repository.insertNew(db, spec, rows));
    added[spec.name] = (added[spec.name] ?? 0) + inserted;
    progress(`import: ${spec.name}: ${read[spec.name]} rows read, ${added[spec.name]} new`);
    pending.rows = [];
  };

  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new TransferError(`line ${line}: not JSON; is this a dateline export?`);
    }
    if (line === 1) {
      const header = parsed as Partial<typeof EXPORT_FORMAT>;
      if (header.dateline !== 'export' || header.version !== EXPORT_FORMAT.version) {
        throw new TransferError(
          `line 1: not a dateline export (version ${EXPORT_FORMAT.version}): it should start with ${JSON.stringify(EXPORT_FORMAT)}.`,
        );
      }
      continue;
    }
    const { table, row } = parsed as { table?: unknown; row?: unknown };
    const spec = typeof table === 'string' ? byName.get(table) : undefined;
    if (!spec || typeof row !== 'object' || row === null) {
      throw new TransferError(
        `line ${line}: expected {"table": <one of ${[...byName.keys()].join(', ')}>, "row": {…}}.`,
      );
    }
    if (pending.spec !== spec) {
      await flush();
      pending.spec = spec;
    }
    pending.rows.push(fromJson(spec, row as TransferRow, line));
    read[spec.name] = (read[spec.name] ?? 0) + 1;
    if (pending.rows.length >= IMPORT_BATCH) await flush();
  }
  if (line === 0) throw new TransferError('The input is empty; is this a dateline export?');
  await flush();
  await repository.transaction((db) => repository.advanceIdentities(db));
  return { read, added };
}
