// Links extracted entities to entities the caller already has, so ingesting a second article
// about ByteDance reuses the stored ByteDance instead of creating another. Exact names and
// aliases are matched while reading the text; this catches near-misses ("Microsoft Corp",
// "Mosseri" for "Adam Mosseri", "Bytedance").
import { normalizeName, type EntityTable } from './entity-table';
import type { KnownEntity } from './types';

const CORPORATE_SUFFIX = /\s+(?:inc|corp|corporation|ltd|plc|llc|co|company|group|holdings)$/;

export function linkKnownEntities(table: EntityTable, known: KnownEntity[]): void {
  if (known.length === 0) return;
  for (const entity of table.entities) {
    if (entity.knownId !== undefined) continue;
    const match = bestMatch(entity.name, [...entity.aliases], entity.kind, known);
    if (!match) continue;
    entity.knownId = match.id;
    if (match.kind === entity.kind || entity.confidence < 0.8) {
      table.rename(entity, match.name);
      entity.kind = match.kind;
    }
    for (const alias of match.aliases) table.addAlias(entity, alias);
  }
}

export function bestMatch(
  name: string,
  aliases: string[],
  kind: string,
  known: KnownEntity[],
): KnownEntity | undefined {
  const ours = [name, ...aliases].map(stripSuffix);
  let best: { entity: KnownEntity; score: number } | undefined;
  for (const candidate of known) {
    const theirs = [candidate.name, ...candidate.aliases].map(stripSuffix);
    let score = 0;
    for (const a of ours) {
      for (const b of theirs) {
        if (a === b) score = Math.max(score, 1);
        else score = Math.max(score, dice(a, b));
        if (kind === 'PERSON' && candidate.kind === 'PERSON')
          score = Math.max(score, personScore(a, b));
      }
    }
    if (candidate.kind !== kind) score -= 0.1;
    if (score >= 0.86 && (!best || score > best.score)) best = { entity: candidate, score };
  }
  return best?.entity;
}

function stripSuffix(name: string): string {
  return normalizeName(name).replace(CORPORATE_SUFFIX, '');
}

/** "mosseri" ~ "adam mosseri"; "a mosseri" ~ "adam mosseri". */
function personScore(a: string, b: string): number {
  const pa = a.split(' ');
  const pb = b.split(' ');
  if (pa[pa.length - 1] !== pb[pb.length - 1]) return 0;
  if (pa.length === 1 || pb.length === 1) return 0.9;
  return pa[0]?.[0] === pb[0]?.[0] ? 0.95 : 0;
}

/** Sørensen–Dice on character bigrams: tolerant of a letter or two, cheap on short names. */
export function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const gram = a.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  let overlap = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const gram = b.slice(i, i + 2);
    const count = grams.get(gram) ?? 0;
    if (count > 0) {
      grams.set(gram, count - 1);
      overlap++;
    }
  }
  return (2 * overlap) / (a.length - 1 + b.length - 1);
}
