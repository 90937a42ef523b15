// The committed migrations up to (not including) one of them, in a temporary folder: a database
// migrated with it is one written before that migration, for tests of upgrading it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrationsFolder } from '../db/migrate';

export function migrationsBefore(tagSuffix: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'dateline-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(tagSuffix));
  if (at < 0) throw new Error(`No migration ends with ${tagSuffix}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
