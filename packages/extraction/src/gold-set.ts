// Reads the extraction gold set: the manifest, each article's raw text and its hand annotation.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DeadlineStatus, EntityKind, QuoteChannel, RelationType } from './types';

export type Split = 'dev' | 'test';

export interface GoldEntity {
  key: string;
  name: string;
  kind: EntityKind;
  aliases?: string[];
  mentions?: string[];
  title?: string;
}

export interface GoldQuote {
  text: string;
  /** Gold entity key; null when the text names nobody (see speakerDescription). */
  speaker: string | null;
  /** "a senior official": who spoke, when it is no entity of the article. */
  speakerDescription?: string;
  /** Reported speech with a quoted fragment inside ("called the plan \"a disgrace\""). */
  mixed?: boolean;
  direct?: boolean;
  cue?: string;
  channel?: QuoteChannel | null;
  via?: string | null;
  spokenOn?: string | null;
  speakerTitle?: string;
  speakerMention?: string;
}

export interface GoldDeadline {
  description: string;
  evidence: string;
  dueOn: string;
  previousDueOn?: string;
  setBy: string | null;
  subject: string | null;
  concerns: string[];
  consequence: string | null;
  statusAsOfArticle: DeadlineStatus;
}

export interface GoldArticle {
  about: string;
  article: {
    file: string;
    publishedOn: string;
    datelines: string[];
    headline: string;
    language: string;
  };
  entities: GoldEntity[];
  relations: { from: string; type: RelationType; to: string }[];
  quotes: GoldQuote[];
  indirectQuotes: GoldQuote[];
  deadlines: GoldDeadline[];
}

export interface GoldCase {
  id: string;
  split: Split;
  raw: string;
  gold: GoldArticle;
}

interface Manifest {
  cases: { id: string; text: string; gold: string; split: Split }[];
}

/** gold/dev (read when writing rules, listed in its manifest) and gold/test (held out). */
export const GOLD_ROOT = resolve(__dirname, '..', 'gold');
export const GOLD_DIR = join(GOLD_ROOT, 'dev');
export const TEST_DIR = join(GOLD_ROOT, 'test');

/** The dev cases of the manifest and every held-out pair in the test folder. */
export function loadGoldSet(
  manifestPath = join(GOLD_DIR, 'manifest.json'),
  testDir = TEST_DIR,
): GoldCase[] {
  return [...loadManifest(manifestPath), ...loadFolder(testDir, 'test')];
}

export function loadManifest(manifestPath: string): GoldCase[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const base = dirname(manifestPath);
  return manifest.cases.map((entry) => ({
    id: entry.id,
    split: entry.split,
    raw: readFileSync(resolve(base, entry.text), 'utf8'),
    gold: JSON.parse(readFileSync(resolve(base, entry.gold), 'utf8')) as GoldArticle,
  }));
}

/**
 * Every `articles-*.txt` with its `articles-*.gold.json` beside it, so held-out articles are
 * added by dropping files in, without editing a manifest. A missing folder is an empty split.
 */
export function loadFolder(dir: string, split: Split): GoldCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /^articles-.+\.txt$/.test(file))
    .sort()
    .map((file) => {
      const goldFile = join(dir, file.replace(/\.txt$/, '.gold.json'));
      if (!existsSync(goldFile)) throw new Error(`${file} in ${dir} has no ${goldFile}`);
      return {
        id: file.replace(/^articles-/, '').replace(/\.txt$/, ''),
        split,
        raw: readFileSync(join(dir, file), 'utf8'),
        gold: JSON.parse(readFileSync(goldFile, 'utf8')) as GoldArticle,
      };
    });
}
