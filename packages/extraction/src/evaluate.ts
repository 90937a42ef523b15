// Scores extraction against the hand-annotated gold set, in the manner of BBC Citron's quote
// evaluation: span precision/recall/F1 (exact and overlapping) for direct quotes, for indirect and
// mixed ones and for every attribution together, then attribute accuracy (speaker, channel,
// outlet, date) on the quotes both sides agree exist. Entities are aligned by name,
// alias or annotated mention so that speakers can be compared across the two key spaces.
import { parseArticleText } from './article-text.parser';
import { normalizeName } from './entity-table';
import type { Extraction, ExtractedEntity } from './types';
import type { GoldArticle, GoldCase, GoldEntity, GoldQuote, Split } from './gold-set';

/** Raw counts for one article; metrics are computed from summed counts (micro-averaged). */
export interface CaseCounts {
  directGold: number;
  directPredicted: number;
  directExact: number;
  directOverlap: number;
  /** Matched direct quotes whose gold speaker is a named entity (not only a description). */
  speakerJudged: number;
  speakerCorrect: number;
  /** Matched direct quotes, for the channel, outlet and date accuracies. */
  directMatched: number;
  channelCorrect: number;
  viaCorrect: number;
  dateCorrect: number;
  indirectGold: number;
  indirectPredicted: number;
  indirectExact: number;
  indirectOverlap: number;
  indirectSpeakerJudged: number;
  indirectSpeakerCorrect: number;
  attributionGold: number;
  attributionPredicted: number;
  attributionOverlap: number;
  entityGold: number;
  entityPredicted: number;
  entityMatched: number;
  entityKindCorrect: number;
  relationGold: number;
  relationPredicted: number;
  relationMatched: number;
  deadlineGold: number;
  deadlinePredicted: number;
  deadlineDueMatched: number;
  deadlineSetByCorrect: number;
  deadlineSubjectCorrect: number;
  deadlineStatusCorrect: number;
}

export interface Metrics {
  articles: number;
  directExactP: number;
  directExactR: number;
  directExactF1: number;
  directOverlapP: number;
  directOverlapR: number;
  directOverlapF1: number;
  speakerAccuracy: number;
  channelAccuracy: number;
  viaAccuracy: number;
  dateAccuracy: number;
  indirectExactP: number;
  indirectExactR: number;
  indirectExactF1: number;
  indirectOverlapP: number;
  indirectOverlapR: number;
  indirectOverlapF1: number;
  indirectSpeakerAccuracy: number;
  attributionOverlapP: number;
  attributionOverlapR: number;
  attributionOverlapF1: number;
  entityP: number;
  entityR: number;
  entityF1: number;
  entityKindAccuracy: number;
  relationF1: number;
  deadlineDueAccuracy: number;
  deadlineP: number;
  deadlineSetByAccuracy: number;
  deadlineSubjectAccuracy: number;
  deadlineStatusAccuracy: number;
}

export interface Mismatch {
  caseId: string;
  what: string;
}

export interface CaseResult {
  id: string;
  split: Split;
  counts: CaseCounts;
  mismatches: Mismatch[];
}

/**
 * What the extractor should reach on text its rules were not written against (the test split),
 * from the issue that set them. They are targets, not today's scores: the CLI prints whether each
 * is met and fails only when asked to (`--strict`).
 */
export const TARGETS: Partial<Record<keyof Metrics, number>> = {
  directOverlapF1: 0.93,
  speakerAccuracy: 0.9,
  attributionOverlapF1: 0.8,
  entityF1: 0.85,
  entityKindAccuracy: 0.9,
  deadlineSetByAccuracy: 0.85,
  deadlineSubjectAccuracy: 0.85,
};

export type Extractor = (input: {
  body: string;
  publishedOn: string;
  datelines: string[];
}) => Extraction;

export function evaluateCase(goldCase: GoldCase, extract: Extractor): CaseResult {
  const parsed = parseArticleText(goldCase.raw);
  const extraction = extract(parsed);
  return scoreExtraction(goldCase.id, goldCase.split, parsed.body, goldCase.gold, extraction);
}

export function scoreExtraction(
  id: string,
  split: Split,
  body: string,
  gold: GoldArticle,
  extraction: Extraction,
): CaseResult {
  const mismatches: Mismatch[] = [];
  const note = (what: string): void => {
    mismatches.push({ caseId: id, what });
  };
  const alignment = alignEntities(gold.entities, extraction.entities);
  const mapKey = (key: string | null): string | null =>
    key === null ? null : (alignment.get(key) ?? `unaligned:${key}`);

  const goldDirect = locate(body, gold.quotes, id);
  const predictedDirect = extraction.quotes.filter((q) => q.direct);
  const exact = predictedDirect.filter((p) =>
    goldDirect.some((g) => g.start === p.start && g.end === p.end),
  ).length;
  const pairs = matchSpans(goldDirect, predictedDirect);
  let speakerJudged = 0;
  let speakerCorrect = 0;
  let channelCorrect = 0;
  let viaCorrect = 0;
  let dateCorrect = 0;
  for (const [g, p] of pairs) {
    const speakerOk = mapKey(p.speaker) === (g.quote.speaker ?? null);
    const channelOk = (p.channel ?? null) === (g.quote.channel ?? null);
    const viaOk = mapKey(p.via) === (g.quote.via ?? null);
    const dateOk = (p.spokenOn ?? null) === (g.quote.spokenOn ?? null);
    // A quote annotated with only a description of its speaker ("a senior official") has no
    // entity to get right: it counts for the spans, not for speaker accuracy.
    const named = (g.quote.speaker ?? null) !== null;
    speakerJudged += Number(named);
    speakerCorrect += Number(named && speakerOk);
    channelCorrect += Number(channelOk);
    viaCorrect += Number(viaOk);
    dateCorrect += Number(dateOk);
    const label = `"${g.quote.text.slice(0, 40)}"`;
    if (named && !speakerOk)
      note(`speaker of ${label}: expected ${g.quote.speaker}, got ${p.speaker}`);
    if (!channelOk)
      note(`channel of ${label}: expected ${g.quote.channel ?? null}, got ${p.channel}`);
    if (!viaOk) note(`outlet of ${label}: expected ${g.quote.via ?? null}, got ${p.via}`);
    if (!dateOk) note(`date of ${label}: expected ${g.quote.spokenOn ?? null}, got ${p.spokenOn}`);
  }
  for (const g of goldDirect)
    if (!pairs.some(([pg]) => pg === g)) note(`missed direct quote "${g.quote.text.slice(0, 50)}"`);
  for (const p of predictedDirect)
    if (!pairs.some(([, pp]) => pp === p)) note(`spurious direct quote "${p.text.slice(0, 50)}"`);

  const goldIndirect = locate(body, gold.indirectQuotes, id);
  const predictedIndirect = extraction.quotes.filter((q) => !q.direct);
  const indirectExact = predictedIndirect.filter((p) =>
    goldIndirect.some((g) => g.start === p.start && g.end === p.end),
  ).length;
  const indirectPairs = matchSpans(goldIndirect, predictedIndirect);
  let indirectSpeakerJudged = 0;
  let indirectSpeakerCorrect = 0;
  for (const [g, p] of indirectPairs) {
    if ((g.quote.speaker ?? null) === null) continue;
    indirectSpeakerJudged++;
    if (mapKey(p.speaker) === g.quote.speaker) indirectSpeakerCorrect++;
    else
      note(
        `speaker of indirect "${g.quote.text.slice(0, 40)}": expected ${g.quote.speaker}, got ${p.speaker}`,
      );
  }
  // Every attribution, however it is written: a predicted span of either kind may match a gold
  // one of either kind (a mixed quote is often found as its quoted fragment).
  const attributionPairs = matchSpans([...goldDirect, ...goldIndirect], extraction.quotes);
  for (const g of goldIndirect)
    if (!indirectPairs.some(([pg]) => pg === g))
      note(`missed indirect quote "${g.quote.text.slice(0, 50)}"`);
  for (const p of predictedIndirect)
    if (!indirectPairs.some(([, pp]) => pp === p))
      note(`spurious indirect quote "${p.text.slice(0, 50)}"`);

  const matchedEntities = new Set(alignment.values()).size;
  let entityKindCorrect = 0;
  for (const e of extraction.entities) {
    const goldKey = alignment.get(e.key);
    const goldEntity = gold.entities.find((g) => g.key === goldKey);
    if (!goldEntity) continue;
    if (goldEntity.kind === e.kind) entityKindCorrect++;
    else note(`kind of ${goldEntity.name}: expected ${goldEntity.kind}, got ${e.kind}`);
  }
  for (const e of extraction.entities)
    if (!alignment.has(e.key)) note(`spurious entity ${e.name} (${e.kind})`);
  const aligned = new Set(alignment.values());
  for (const e of gold.entities) if (!aligned.has(e.key)) note(`missed entity ${e.name}`);

  const goldRelations = new Set(gold.relations.map((r) => `${r.from} ${r.type} ${r.to}`));
  const predictedRelations = new Set(
    extraction.relations.map((r) => `${mapKey(r.from)} ${r.type} ${mapKey(r.to)}`),
  );
  const relationMatched = [...predictedRelations].filter((r) => goldRelations.has(r)).length;

  let dueMatched = 0;
  let setByCorrect = 0;
  let subjectCorrect = 0;
  let statusCorrect = 0;
  const usedDeadlines = new Set<number>();
  // A party is right when it is the gold entity, or an extracted entity that aligned to no gold
  // one but bears one of its names or mentions ("PZPN" left apart from "Polish Football
  // Association"): the duplicate costs entity precision, not the deadline's party.
  const partyOk = (predicted: string | null, expected: string | null): boolean => {
    const mapped = mapKey(predicted);
    if (mapped === expected) return true;
    if (predicted === null || expected === null || alignment.has(predicted)) return false;
    const entity = extraction.entities.find((e) => e.key === predicted);
    const goldEntity = gold.entities.find((e) => e.key === expected);
    if (!entity || !goldEntity) return false;
    const goldNames = new Set(
      [goldEntity.name, ...(goldEntity.aliases ?? []), ...(goldEntity.mentions ?? [])].map(
        normalizeName,
      ),
    );
    return [entity.name, ...entity.aliases].some((n) => goldNames.has(normalizeName(n)));
  };
  for (const g of gold.deadlines) {
    // Two deadlines on one day: the one read from the sentence the gold evidence is in.
    const at = body.indexOf(g.evidence);
    const sameDay = extraction.deadlines
      .map((d, i) => ({ d, i }))
      .filter(({ d, i }) => !usedDeadlines.has(i) && d.dueOn === g.dueOn);
    const index =
      (
        sameDay.find(({ d }) => at >= 0 && d.evidence.start <= at && at < d.evidence.end) ??
        sameDay[0]
      )?.i ?? -1;
    const d = extraction.deadlines[index];
    if (!d) {
      note(`missed deadline ${g.dueOn} (${g.description})`);
      continue;
    }
    usedDeadlines.add(index);
    dueMatched++;
    if (partyOk(d.setBy, g.setBy)) setByCorrect++;
    else note(`deadline ${g.dueOn} set by: expected ${g.setBy}, got ${d.setBy}`);
    if (partyOk(d.subject, g.subject)) subjectCorrect++;
    else note(`deadline ${g.dueOn} subject: expected ${g.subject}, got ${d.subject}`);
    if (d.status === g.statusAsOfArticle) statusCorrect++;
    else note(`deadline ${g.dueOn} status: expected ${g.statusAsOfArticle}, got ${d.status}`);
  }
  extraction.deadlines.forEach((d, i) => {
    if (!usedDeadlines.has(i)) note(`spurious deadline ${d.dueOn} (${d.description.slice(0, 50)})`);
  });

  return {
    id,
    split,
    mismatches,
    counts: {
      directGold: goldDirect.length,
      directPredicted: predictedDirect.length,
      directExact: exact,
      directOverlap: pairs.length,
      speakerJudged,
      speakerCorrect,
      directMatched: pairs.length,
      channelCorrect,
      viaCorrect,
      dateCorrect,
      indirectGold: goldIndirect.length,
      indirectPredicted: predictedIndirect.length,
      indirectExact,
      indirectOverlap: indirectPairs.length,
      indirectSpeakerJudged,
      indirectSpeakerCorrect,
      attributionGold: goldDirect.length + goldIndirect.length,
      attributionPredicted: extraction.quotes.length,
      attributionOverlap: attributionPairs.length,
      entityGold: gold.entities.length,
      entityPredicted: extraction.entities.length,
      entityMatched: matchedEntities,
      entityKindCorrect,
      relationGold: goldRelations.size,
      relationPredicted: predictedRelations.size,
      relationMatched,
      deadlineGold: gold.deadlines.length,
      deadlinePredicted: extraction.deadlines.length,
      deadlineDueMatched: dueMatched,
      deadlineSetByCorrect: setByCorrect,
      deadlineSubjectCorrect: subjectCorrect,
      deadlineStatusCorrect: statusCorrect,
    },
  };
}

interface LocatedQuote {
  start: number;
  end: number;
  quote: GoldQuote;
}

/** Gold quotes are strings; find each in the body, in order, so repeated phrases land right. */
export function locate(body: string, quotes: GoldQuote[], caseId: string): LocatedQuote[] {
  const located: LocatedQuote[] = [];
  const sorted = quotes
    .map((quote) => ({ quote, first: body.indexOf(quote.text) }))
    .sort((a, b) => a.first - b.first);
  let from = 0;
  for (const { quote, first } of sorted) {
    if (first < 0)
      throw new Error(`${caseId}: gold quote is not in the article body: "${quote.text}"`);
    let start = body.indexOf(quote.text, from);
    if (start < 0) start = first;
    located.push({ start, end: start + quote.text.length, quote });
    from = start + 1;
  }
  return located;
}

/** One-to-one pairs of overlapping spans, largest overlap first. */
export function matchSpans<P extends { start: number; end: number }>(
  gold: LocatedQuote[],
  predicted: P[],
): [LocatedQuote, P][] {
  const candidates: { g: LocatedQuote; p: P; overlap: number }[] = [];
  for (const g of gold) {
    for (const p of predicted) {
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap > 0) candidates.push({ g, p, overlap });
    }
  }
  candidates.sort((a, b) => b.overlap - a.overlap);
  const usedGold = new Set<LocatedQuote>();
  const usedPredicted = new Set<P>();
  const pairs: [LocatedQuote, P][] = [];
  for (const { g, p } of candidates) {
    if (usedGold.has(g) || usedPredicted.has(p)) continue;
    usedGold.add(g);
    usedPredicted.add(p);
    pairs.push([g, p]);
  }
  return pairs;
}

/** Predicted key → gold key. Names first, then annotated mentions; one-to-one. */
export function alignEntities(
  gold: GoldEntity[],
  predicted: ExtractedEntity[],
): Map<string, string> {
  const alignment = new Map<string, string>();
  const taken = new Set<string>();
  const namesOf = (e: GoldEntity): Set<string> =>
    new Set([e.name, ...(e.aliases ?? [])].map(normalizeName));
  const mentionsOf = (e: GoldEntity): Set<string> => new Set((e.mentions ?? []).map(normalizeName));
  const predictedNames = (e: ExtractedEntity): string[] =>
    [e.name, ...e.aliases].map(normalizeName);
  for (const pass of [namesOf, mentionsOf]) {
    for (const p of predicted) {
      if (alignment.has(p.key)) continue;
      const names = predictedNames(p);
      const match = gold.find((g) => !taken.has(g.key) && names.some((n) => pass(g).has(n)));
      if (match) {
        alignment.set(p.key, match.key);
        taken.add(match.key);
      }
    }
  }
  return alignment;
}

export function summarize(results: CaseResult[]): Metrics {
  const sum = (key: keyof CaseCounts): number =>
    results.reduce((total, r) => total + r.counts[key], 0);
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const prf = (
    matched: keyof CaseCounts,
    predicted: keyof CaseCounts,
    gold: keyof CaseCounts,
  ): [number, number, number] => {
    const p = ratio(sum(matched), sum(predicted));
    const r = ratio(sum(matched), sum(gold));
    return [p, r, f1(p, r)];
  };
  const [directExactP, directExactR, directExactF1] = prf(
    'directExact',
    'directPredicted',
    'directGold',
  );
  const [directOverlapP, directOverlapR, directOverlapF1] = prf(
    'directOverlap',
    'directPredicted',
    'directGold',
  );
  const [indirectExactP, indirectExactR, indirectExactF1] = prf(
    'indirectExact',
    'indirectPredicted',
    'indirectGold',
  );
  const [indirectOverlapP, indirectOverlapR, indirectOverlapF1] = prf(
    'indirectOverlap',
    'indirectPredicted',
    'indirectGold',
  );
  const [attributionOverlapP, attributionOverlapR, attributionOverlapF1] = prf(
    'attributionOverlap',
    'attributionPredicted',
    'attributionGold',
  );
  const [entityP, entityR, entityF1] = prf('entityMatched', 'entityPredicted', 'entityGold');
  const matched = sum('directMatched');
  return {
    articles: results.length,
    directExactP,
    directExactR,
    directExactF1,
    directOverlapP,
    directOverlapR,
    directOverlapF1,
    speakerAccuracy: ratio(sum('speakerCorrect'), sum('speakerJudged')),
    channelAccuracy: ratio(sum('channelCorrect'), matched),
    viaAccuracy: ratio(sum('viaCorrect'), matched),
    dateAccuracy: ratio(sum('dateCorrect'), matched),
    indirectExactP,
    indirectExactR,
    indirectExactF1,
    indirectOverlapP,
    indirectOverlapR,
    indirectOverlapF1,
    indirectSpeakerAccuracy: ratio(sum('indirectSpeakerCorrect'), sum('indirectSpeakerJudged')),
    attributionOverlapP,
    attributionOverlapR,
    attributionOverlapF1,
    entityP,
    entityR,
    entityF1,
    entityKindAccuracy: ratio(sum('entityKindCorrect'), sum('entityMatched')),
    relationF1: prf('relationMatched', 'relationPredicted', 'relationGold')[2],
    deadlineDueAccuracy: ratio(sum('deadlineDueMatched'), sum('deadlineGold')),
    deadlineP: ratio(sum('deadlineDueMatched'), sum('deadlinePredicted')),
    deadlineSetByAccuracy: ratio(sum('deadlineSetByCorrect'), sum('deadlineDueMatched')),
    deadlineSubjectAccuracy: ratio(sum('deadlineSubjectCorrect'), sum('deadlineDueMatched')),
    deadlineStatusAccuracy: ratio(sum('deadlineStatusCorrect'), sum('deadlineDueMatched')),
  };
}

/** Each target with the score reached and whether it is met. */
export function checkTargets(
  metrics: Metrics,
  targets = TARGETS,
): { name: keyof Metrics; target: number; score: number; met: boolean }[] {
  return (Object.entries(targets) as [keyof Metrics, number | undefined][])
    .filter((entry): entry is [keyof Metrics, number] => entry[1] !== undefined)
    .map(([name, target]) => ({
      name,
      target,
      score: metrics[name],
      met: metrics[name] >= target,
    }));
}
