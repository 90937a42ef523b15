// Reads the extraction gold set: the manifest, each article's raw text and its hand annotation.
import { readFileSync } from 'node:fs';
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
  speaker: string | null;
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

export const GOLD_DIR = resolve(__dirname, '../gold/dev');

export function loadGoldSet(manifestPath = join(GOLD_DIR, 'manifest.json')): GoldCase[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const base = dirname(manifestPath);
  return manifest.cases.map((entry) => ({
    id: entry.id,
    split: entry.split,
    raw: readFileSync(resolve(base, entry.text), 'utf8'),
    gold: JSON.parse(readFileSync(resolve(base, entry.gold), 'utf8')) as GoldArticle,
  }));
}
