// Links extracted entities to entities the caller already has, so ingesting a second article
// about ByteDance reuses the stored ByteDance instead of creating another. Exact names and
// aliases are matched while reading the text; this catches near-misses ("Microsoft Corp",
// "Mosseri" for "Adam Mosseri", "Bytedance").
//
// Ingestion links an article against up to 500 stored candidates, many of them alike (every
// stored name sharing a third of its trigrams with one of the article's names), so the known
// names are read once per article (normalised, their bigrams listed and sorted) and a pair whose
// lengths alone keep its Dice score under what a match needs is not compared.
import { normalizeName, type EntityTable } from './entity-table';
import type { KnownEntity } from './types';

const CORPORATE_SUFFIX = /\s+(?:inc|corp|corporation|ltd|plc|llc|co|company|group|holdings)$/;

/** A score a candidate must reach (after its kind's penalty) to be linked. */
const MATCH = 0.86;
/** What a candidate of another kind loses. */
const OTHER_KIND = 0.1;
/**
 * Margin on the pruning bound: a pair is skipped only when its best possible score is this far
 * under what it needs, so floating-point rounding in the comparisons cannot change an outcome.
 */
const MARGIN = 1e-9;

/** A name normalised and without a corporate suffix, with its sorted character bigrams. */
interface Name {
  text: string;
  bigrams: Float64Array;
  words: string[];
}

interface Candidate {
  entity: KnownEntity;
  names: Name[];
}

export function linkKnownEntities(table: EntityTable, known: KnownEntity[]): void {
  if (known.length === 0) return;
  const candidates = known.map(readCandidate);
  for (const entity of table.entities) {
    if (entity.knownId !== undefined) continue;
    const match = bestOf([entity.name, ...entity.aliases], entity.kind, candidates);
    if (!match) continue;
    entity.knownId = match.id;
    if (match.kind === entity.kind || entity.confidence < 0.8) {
      table.rename(entity, match.name);
      entity.kind = match.kind;
    }
    for (const alias of match.aliases) table.addAlias(entity, alias);
  }
}

/** The known entity `name` (or one of its aliases) names, if one is close enough. */
export function bestMatch(
  name: string,
  aliases: string[],
  kind: string,
  known: KnownEntity[],
): KnownEntity | undefined {
  return bestOf([name, ...aliases], kind, known.map(readCandidate));
}

function readCandidate(entity: KnownEntity): Candidate {
  return { entity, names: [entity.name, ...entity.aliases].map(readName) };
}

function readName(name: string): Name {
  const text = normalizeName(name).replace(CORPORATE_SUFFIX, '');
  return { text, bigrams: bigramsOf(text), words: text.split(' ') };
}

/**
 * The best-scoring candidate for `names` of `kind`: the highest score over every pair of names
 * (1 for the same name, else their Dice score, or between two people the score of a surname or
 * an initial), less OTHER_KIND for another kind, of at least MATCH; the first of equals.
 */
function bestOf(
  names: readonly string[],
  kind: string,
  candidates: readonly Candidate[],
): KnownEntity | undefined {
  const ours = names.map(readName);
  let best: { entity: KnownEntity; score: number } | undefined;
  for (const candidate of candidates) {
    const people = kind === 'PERSON' && candidate.entity.kind === 'PERSON';
    const penalty = candidate.entity.kind !== kind ? OTHER_KIND : 0;
    // What the pair score must reach for this candidate to matter.
    const needed = (best ? best.score : MATCH) + penalty - MARGIN;
    let score = 0;
    for (const a of ours) {
      for (const b of candidate.names) {
        if (a.text === b.text) score = Math.max(score, 1);
        else if (diceBound(a, b) >= needed) score = Math.max(score, diceOf(a, b));
        if (people) score = Math.max(score, personScore(a.words, b.words));
      }
    }
    score -= penalty;
    if (score >= MATCH && (!best || score > best.score)) best = { entity: candidate.entity, score };
  }
  return best?.entity;
}

/** "mosseri" ~ "adam mosseri"; "a mosseri" ~ "adam mosseri". */
function personScore(pa: readonly string[], pb: readonly string[]): number {
  if (pa[pa.length - 1] !== pb[pb.length - 1]) return 0;
  if (pa.length === 1 || pb.length === 1) return 0.9;
  return pa[0]?.[0] === pb[0]?.[0] ? 0.95 : 0;
}

/** The character bigrams of `text` (UTF-16 code unit pairs) as sorted numbers. */
function bigramsOf(text: string): Float64Array {
  if (text.length < 2) return new Float64Array(0);
  const grams = new Float64Array(text.length - 1);
  for (let i = 0; i < grams.length; i++) {
    grams[i] = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
  }
  return grams.sort();
}

/** The highest Dice score two names of these lengths can have: all the shorter one's bigrams shared. */
function diceBound(a: Name, b: Name): number {
  const x = a.bigrams.length;
  const y = b.bigrams.length;
  if (x === 0 || y === 0) return 0;
  return (2 * Math.min(x, y)) / (x + y);
}

/** Sørensen–Dice on the sorted bigrams of two names: the bigrams both have, counted with repeats. */
function diceOf(a: Name, b: Name): number {
  const x = a.bigrams;
  const y = b.bigrams;
  if (x.length === 0 || y.length === 0) return 0;
  let overlap = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      overlap++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return (2 * overlap) / (x.length + y.length);
}

/** Sørensen–Dice on character bigrams: tolerant of a letter or two, cheap on short names. */
export function dice(a: string, b: string): number {
  return diceOf(
    { text: a, bigrams: bigramsOf(a), words: [] },
    { text: b, bigrams: bigramsOf(b), words: [] },
  );
}
