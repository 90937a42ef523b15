// Finds deadlines: a date something must happen by, who set it, who must act, what happens
// otherwise, and whether the article reports it met, missed, extended or dropped. Cues are
// "deadline", "by/until <date>", "within N days", "or face"; dates resolve against publication.
import { addDays, findDates, findEndOf, findPeriods, type FoundDate } from './dates';
import type { EntityDraft, EntityTable } from './entity-table';
import { round } from './entity-table';
import type { DeadlineStatus, ExtractedDeadline, ExtractedQuote } from './types';
import type { SpeakerResolver } from './speaker-resolver';
import type { TextLayout } from './text-layout';

const TRIGGER =
  /\bdeadline\b|\bby\s+the\s+end\s+of\b|\b(?:have|has|had|given|gets?)\s+\S+\s+(?:days?|weeks?|months?)\s+to\b|\buntil\b|\bby\s+(?:the\s+end\s+of\s+)?(?:next\s+)?(?:\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)|\bwithin\s+\S+\s+(?:days?|weeks?|months?)\b|\bor\s+face\b|\bultimatum\b|\bfinal date\b|\bdue\s+(?:to|on|by)\b/i;
const DUE_BEFORE =
  /\b(?:by|until|before|to|deadline of|no later than|due on|due by|end on|end by|expires? on)\s+(?:the\s+)?(?:end\s+of\s+)?$/i;
const SETTING_VERB =
  /\b(?:has given|had given|gave|give|gives|set|sets|imposed|ordered|orders|extended|extends|extend|pushed back|postponed|scrapped|cancell?ed|asked|demanded|granted|issued)\b/i;
const PAST_CONTEXT =
  /\b(?:missed|expired|passed|had been due|was due|had set|failed to meet|met|meeting)\b/i;
const PREVIOUS_DATE = /\b(?:had been due|was due|originally|original)\b/i;

interface Candidate {
  dueOn: string;
  sentence: number;
  previous: boolean;
  /** The setter was read from the sentence's own words ("X gave", "set by X"), not guessed. */
  setterStated: boolean;
  deadline: ExtractedDeadline;
}

/** "would provide the material by June 14": the speaker commits itself to the date. */
const SELF_COMMITMENT =
  /\b(?:would|will|plans? to|planned to|promised to|pledged to|expects? to|expected to|aims? to|intends? to|vowed to)\s+(?!have\s+to\b|be\s+(?:forced|required|ordered|given)\b)(?:\w+\s+){0,2}?(?:provide|deliver|submit|file|complete|finish|publish|pay|hand|present|release|repay|respond|return|resume|restore|reopen|restart|fix|repair)\b/i;

export function extractDeadlines(
  layout: TextLayout,
  table: EntityTable,
  resolver: SpeakerResolver,
  quotes: ExtractedQuote[],
  publishedOn: string,
): ExtractedDeadline[] {
  const { masked, body } = layout;
  const candidates: Candidate[] = [];

  layout.sentences.forEach((sentence, index) => {
    const text = masked.slice(sentence.start, sentence.end);
    if (!TRIGGER.test(text)) return;
    const past = PAST_CONTEXT.test(text);
    const dates = findDates(text, sentence.start, publishedOn, past ? 'past' : 'future');
    const due = dates.filter((date) => isDue(masked, date));
    const endOf = findEndOf(text, sentence.start, publishedOn, past ? 'past' : 'future');
    let dueOn: string;
    let previousDueOn: string | null = null;
    if (due.length > 0) {
      const chosen = due[due.length - 1];
      if (!chosen) return;
      dueOn = chosen.iso;
      const from = due.find((date) =>
        /\bfrom\s+(?:the\s+)?$/i.test(masked.slice(Math.max(0, date.start - 10), date.start)),
      );
      if (from && from !== chosen) previousDueOn = from.iso;
    } else if (endOf) {
      dueOn = endOf.iso;
    } else {
      const period = findPeriods(text, sentence.start)[0];
      if (!period) return;
      // "within 14 days of the order, which was granted on September 18": count from that day.
      const event = dates.find((date) => !isDue(masked, date));
      const base = event
        ? (findDates(body.slice(event.start, event.end), event.start, publishedOn, 'past')[0]
            ?.iso ?? publishedOn)
        : publishedOn;
      dueOn = addDays(base, period.days);
    }

    let status = statusOf(text);
    // A date already behind the article that nobody reports met has been missed.
    if (status === 'PENDING' && dueOn < publishedOn && !PREVIOUS_DATE.test(text)) status = 'MISSED';
    let subject = subjectOf(text, sentence.start, resolver, table);
    const found = setterOf(text, sentence.start, resolver, table, quotes, subject);
    const setter = found?.entity ?? null;
    // "extended the deadline for its review": the setter's own deadline.
    if (!subject && setter && /\bdeadline\s+for\s+its\b/i.test(text)) subject = setter;
    // "Aerion said it would provide the remaining material by June 14".
    if (!subject && setter && !found?.stated && SELF_COMMITMENT.test(text)) subject = setter;
    const consequence = consequenceOf(text);
    const action = actionOf(text);
    const concerns = action
      ? table
          .mentionsIn(
            sentence.start + action.offset,
            sentence.start + action.offset + action.text.length,
          )
          .map((ref) => ref.entity)
          .filter((e) => e.kind === 'ORGANIZATION' && e !== subject && e !== setter)
      : [];
    const description = action
      ? `${subject?.name ?? 'Someone'} must ${action.text}`
      : body.slice(sentence.start, sentence.end).trim();
    candidates.push({
      dueOn,
      sentence: index,
      previous: PREVIOUS_DATE.test(text) && status !== 'EXTENDED',
      setterStated: found?.stated ?? false,
      deadline: {
        description,
        dueOn,
        previousDueOn,
        setBy: setter?.key ?? null,
        subject: subject?.key ?? null,
        concerns: [...new Set(concerns.map((e) => e.key))],
        consequence,
        status,
        confidence: round(
          (subject ? 0.3 : 0.15) + (setter ? 0.25 : 0.1) + (due.length > 0 ? 0.35 : 0.25),
        ),
        evidence: { start: sentence.start, end: sentence.end },
      },
    });
  });

  // "an earlier deadline of May 31 had been missed", said the union's leader: a deadline whose
  // setter the sentence does not state was set by whoever the article says sets its deadlines,
  // for the same party, unless the speaker commits itself.
  const stated = candidates.filter((c) => c.setterStated && c.deadline.setBy !== null);
  const setters = new Set(stated.map((c) => c.deadline.setBy));
  const [onlySetter] = stated;
  if (setters.size === 1 && onlySetter) {
    for (const candidate of candidates) {
      if (candidate.setterStated) continue;
      const text = masked.slice(candidate.deadline.evidence.start, candidate.deadline.evidence.end);
      if (SELF_COMMITMENT.test(text)) continue;
      const guessed = candidate.deadline.setBy ? table.byKey(candidate.deadline.setBy) : undefined;
      if (guessed && guessed.kind !== 'PERSON' && candidate.deadline.setBy !== null) continue;
      candidate.deadline.setBy = onlySetter.deadline.setBy;
      candidate.deadline.subject ??= onlySetter.deadline.subject;
    }
  }

  // An earlier due date stated on its own ("The review had been due to end on March 12") is the
  // history of an extended deadline, not a deadline of its own.
  const extended = candidates.find((c) => c.deadline.status === 'EXTENDED');
  const kept: ExtractedDeadline[] = [];
  for (const candidate of candidates) {
    if (candidate.previous && extended) {
      if (extended.deadline.previousDueOn === null && candidate.dueOn !== extended.dueOn)
        extended.deadline.previousDueOn = candidate.dueOn;
      continue;
    }
    const same = kept.find((d) => d.dueOn === candidate.dueOn);
    if (same) {
      if (same.status === 'PENDING') same.status = candidate.deadline.status;
      same.consequence ??= candidate.deadline.consequence;
      same.setBy ??= candidate.deadline.setBy;
      same.subject ??= candidate.deadline.subject;
      continue;
    }
    kept.push(candidate.deadline);
  }
  return kept;
}

function isDue(masked: string, date: FoundDate): boolean {
  const before = masked.slice(Math.max(0, date.start - 24), date.start);
  const after = masked.slice(date.end, date.end + 24);
  if (/\bon\s+$/i.test(before) && !/\b(?:due|end|expires?)\s+(?:to\s+end\s+)?on\s+$/i.test(before))
    return false;
  return (
    DUE_BEFORE.test(before) ||
    /^(?:['’]s)?\s*deadline\b/i.test(after) ||
    /^\s+as\s+the\s+(?:final|last)\s+(?:date|day)\b/i.test(after) ||
    (/\b(?:a|the)\s+$/i.test(before) && /^\s*deadline/i.test(after))
  );
}

function statusOf(text: string): DeadlineStatus {
  const negatedExtension =
    /\b(?:not|n't|never|refused to|refuses to)\s+(?:\w+\s+)?(?:extend|grant another extension)/i.test(
      text,
    );
  if (
    /\b(?:extended|extends|pushed back|postponed|delayed|moved back)\b/i.test(text) &&
    !negatedExtension
  )
    return 'EXTENDED';
  if (/\b(?:missed|failed to meet|expired without|passed without|did not meet)\b/i.test(text))
    return 'MISSED';
  if (
    /\b(?:scrapped|cancell?ed|dropped|withdrew|withdrawn|lifted|rescinded|abandoned)\b/i.test(text)
  )
    return 'CANCELLED';
  if (/\b(?:met|meeting|complied|complies)\b/i.test(text)) return 'MET';
  return 'PENDING';
}

function subjectOf(
  text: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
): EntityDraft | null {
  const patterns = [
    /\bfor\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+to\s+[a-z]+/,
    /\b(?:gave|given|give|gives|ordered|asked|told|forced?|required|allowed)\s+((?:[\w'’-]+\s+){0,7}?[\w'’-]+)\s+(?:until|to\s+[a-z]+|\d+\s+days|a deadline|more time|an extra)/,
    /(?:^|\bthat\s+|,\s+)((?:[\w'’-]+\s+){0,5}?[\w'’-]+)(?:\s+\([A-Z]+\))?\s+(?:would\s+|will\s+)?(?:has|have|had)\s+(?:until\b|\S+\s+(?:days?|weeks?|months?)\s+to\b)/,
    /(?:^|\bthat\s+|,\s+|\b(?:said|says|told\s+\w+)\s+)((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:had\s+|has\s+|have\s+)?(?:already\s+|again\s+|also\s+)?(?:missed|met|failed to meet)\b/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    const found = match?.[1];
    if (!match || !found) continue;
    // ", said the university had missed": the reporting verb is not part of who must act.
    const group = found.replace(/^(?:said|says|told)\s+/i, '');
    const start = base + match.index + match[0].indexOf(found) + (found.length - group.length);
    const actor =
      byNameHead(table, group, start) ?? resolver.resolve(start, start + group.length, start);
    if (actor && 'entity' in actor) return actor.entity;
    if (actor) return actor;
  }
  return null;
}

/**
 * "the union", "The league", "the ministry": a description whose noun is a word of exactly one
 * organisation's or government's name named before it ("… Dentists Union", "Major League Soccer").
 */
function byNameHead(table: EntityTable, phrase: string, position: number): EntityDraft | null {
  const match = /^(?:the|its|their)\s+([a-z]+)$/i.exec(phrase.trim());
  const noun = match?.[1]?.toLowerCase();
  if (!noun) return null;
  const owners = table.entities.filter(
    (entity) =>
      (entity.kind === 'ORGANIZATION' || entity.kind === 'GOVERNMENT') &&
      entity.mentions.some((m) => m.start < position && m.form === 'NAME') &&
      entity.name
        .toLowerCase()
        .split(/[\s,]+/)
        .includes(noun),
  );
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

function setterOf(
  text: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
  quotes: ExtractedQuote[],
  subject: EntityDraft | null,
): { entity: EntityDraft; stated: boolean } | null {
  // "a September 30 deadline set by the National Universities Commission"
  const setBy =
    /\b(?:set|imposed|issued)\s+by\s+((?:the\s+)?(?:[\w'’-]+\s+){0,6}?[\w'’-]+?)(?=\s+(?:to|for|on|in|after|that|which)\b|[,.;]|$)/.exec(
      text,
    );
  if (setBy?.[1]) {
    const start = base + setBy.index + setBy[0].indexOf(setBy[1]);
    const actor =
      byNameHead(table, setBy[1], start) ??
      resolver.resolve(start, start + setBy[1].length, start)?.entity;
    if (actor && actor !== subject) return { entity: actor, stated: true };
  }
  function resolveSetter(
    phrase: string,
    start: number,
    end: number,
  ): { entity: EntityDraft; stated: boolean } | null {
    const actor = byNameHead(table, phrase, start) ?? resolver.resolve(start, end, end)?.entity;
    return actor && actor !== subject ? { entity: actor, stated: true } : null;
  }
  const verb = SETTING_VERB.exec(text);
  if (verb) {
    const before = text.slice(0, verb.index);
    const boundary = Math.max(
      before.lastIndexOf(', '),
      before.search(/\bthat\s+(?!.*\bthat\b)/),
      0,
    );
    let start = base + (boundary > 0 ? boundary + 1 : 0);
    // A comma inside a name ("… Practitioners, Pharmacists and Dentists Union") is no boundary.
    const inside = boundary > 0 ? table.mentionAt(base + boundary) : undefined;
    if (inside) start = inside.mention.start;
    // "The federation, led by Shahida Akter, has given …": the subject is before the apposition.
    const apposition = /^(?:.*[.;:]\s+)?([^,]+),([^,]+),\s*$/.exec(before);
    if (text.slice(start - base, verb.index).trim() === '' && apposition?.[1] && apposition[2]) {
      // "Peru's energy regulator, Osinergmin, ordered": the institution named in the apposition.
      const middleStart = base + before.lastIndexOf(apposition[2]);
      const named = table
        .mentionsIn(middleStart, middleStart + apposition[2].length)
        .find((ref) => ref.entity.kind !== 'PERSON' && ref.mention.form === 'NAME');
      if (named && named.entity !== subject) return { entity: named.entity, stated: true };
      start = base + apposition[0].indexOf(apposition[1]);
      return resolveSetter(apposition[1], start, start + apposition[1].length);
    }
    const phrase = text.slice(start - base, verb.index);
    const stated = resolveSetter(phrase, start, base + verb.index);
    if (stated) return stated;
  }
  const end = base + text.length;
  const government = table
    .mentionsIn(base, end)
    .find((ref) => ref.entity.kind === 'GOVERNMENT' && ref.entity !== subject);
  if (government) return { entity: government.entity, stated: false };
  const inSentence = quotes.filter((q) => q.start >= base && q.start < end && q.speaker !== null);
  const quote = inSentence.find((q) => !q.direct) ?? inSentence[0];
  const speaker = quote?.speaker ? table.byKey(quote.speaker) : undefined;
  return speaker ? { entity: speaker, stated: false } : null;
}

function consequenceOf(text: string): string | null {
  const face = /\bor\s+(?:else\s+)?face\s+([^,.;]+)/i.exec(text);
  if (face?.[1]) return face[1].trim();
  const otherwise = /\bor\s+((?:the|a|an)\s+[^,.;]+?\s+(?:will|would)\s+[^,.;]+)/i.exec(text);
  return otherwise?.[1]?.trim() ?? null;
}

function actionOf(text: string): { text: string; offset: number } | null {
  const match =
    /\bto\s+((?:sell|submit|file|agree|approve|restart|reopen|return|pay|provide|change|complete|hand|produce|divest|reach|present|deliver|comply|respond|publish|remove|close|end|meet)\b[^,.;]*?)(?=\s+(?:or\s+face|or\s+(?:the|a)\b|by\s|within\s|until\s|before\s)|[,.;]|$)/i.exec(
      text,
    );
  if (!match || !match[1]) return null;
  return { text: match[1].trim(), offset: match.index + match[0].indexOf(match[1]) };
}
