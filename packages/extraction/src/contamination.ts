// Keeps the held-out test split honest: a name that occurs in test gold and in no dev gold must not
// enter a word list after the lists were frozen (gold/test/list-entries-at-freeze.json), or the
// lists were fitted to the test articles and their figures mean nothing. The fix for a hit is to
// take the entry out, or to write a dev article that needs it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './data';
import type { GoldArticle } from './gold-set';

const NOT_A_NAME = /^(?:the|a|an|he|she|they|it|we|his|her|its|their|this|that)\b/i;

/** Names, aliases and the annotated mentions that are proper names (capitalised, no article). */
export function goldNames(article: GoldArticle): Set<string> {
  const names = new Set<string>();
  for (const entity of article.entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) names.add(name.trim());
    for (const mention of entity.mentions ?? []) {
      const text = mention.trim();
      if (/^\p{Lu}/u.test(text) && !NOT_A_NAME.test(text)) names.add(text);
    }
  }
  return names;
}

/** Names of the test articles that no dev article has. */
export function testOnlyNames(dev: GoldArticle[], test: GoldArticle[]): Set<string> {
  const seen = new Set<string>();
  for (const article of dev) for (const name of goldNames(article)) seen.add(name.toLowerCase());
  const only = new Set<string>();
  for (const article of test)
    for (const name of goldNames(article)) if (!seen.has(name.toLowerCase())) only.add(name);
  return only;
}

/** Every data file's text, by file name. */
export function readDataFiles(dir = DATA_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of readdirSync(dir).sort())
    files.set(file, readFileSync(join(dir, file), 'utf8'));
  return files;
}

/** "Kyodo News in outlets.txt" for every test-only name a list contains as a whole phrase. */
export function contaminatedEntries(names: Iterable<string>, files: Map<string, string>): string[] {
  const hits: string[] = [];
  for (const name of names) {
    const pattern = new RegExp(
      `(?:^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[^\\p{L}\\p{N}]|$)`,
      'iu',
    );
    for (const [file, text] of files) if (pattern.test(text)) hits.push(`${name} in ${file}`);
  }
  return hits;
}
