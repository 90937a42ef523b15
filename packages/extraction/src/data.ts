// The word lists the rules consult live in ../data as plain files (one entry a line, `#` starts a
// comment; JSON where an entry has parts), so a list can be read, diffed and checked without
// reading code: a test keeps names that occur only in held-out articles out of them. The folder is
// the same relative to src (jest, tsx) and dist (the published package). Each file is read once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR = join(__dirname, '..', 'data');

const cache = new Map<string, string[]>();

/** The entries of a list file, in order, without comments and blank lines. */
export function readList(file: string): string[] {
  let entries = cache.get(file);
  if (!entries) {
    entries = readFileSync(join(DATA_DIR, file), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    cache.set(file, entries);
  }
  return entries;
}

export function readSet(file: string): Set<string> {
  return new Set(readList(file));
}

/** Entries written `name | alias | alias`. */
export function readAliasList(file: string): { name: string; aliases: string[] }[] {
  return readList(file).map((line) => {
    const [name = '', ...aliases] = line.split('|').map((part) => part.trim());
    return { name, aliases };
  });
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
}
