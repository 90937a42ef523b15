// Finds deadlines: a date something must happen by, who set it, who must act, what happens
// otherwise, and whether the article reports it met, missed, extended or dropped. Cues are
// "deadline", "by/until <date>", "within N days", "or face"; dates resolve against publication.
import { addDays, findDates, findPeriods, type FoundDate } from './dates';
import type { EntityDraft, EntityTable } from './entity-table';
import { round } from './entity-table';
import type { DeadlineStatus, ExtractedDeadline, ExtractedQuote } from './types';
import type { SpeakerResolver } from './speaker-resolver';
import type { TextLayout } from './text-layout';

const TRIGGER =
  /\bdeadline\b|\buntil\b|\bby\s+(?:the\s+end\s+of\s+)?(?:next\s+)?(?:\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)|\bwithin\s+\S+\s+(?:days?|weeks?|months?)\b|\bor\s+face\b|\bultimatum\b|\bfinal date\b|\bdue\s+(?:to|on|by)\b/i;
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
  deadline: ExtractedDeadline;
}

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

    const status = statusOf(text);
    const subject = subjectOf(text, sentence.start, resolver);
    const setter = setterOf(text, sentence.start, resolver, table, quotes, subject);
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
    /^\s*deadline\b/i.test(after) ||
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

function subjectOf(text: string, base: number, resolver: SpeakerResolver): EntityDraft | null {
  const patterns = [
    /\bfor\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+to\s+[a-z]+/,
    /\b(?:gave|given|give|gives|ordered|asked|told|forced?|required|allowed)\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:until|to\s+[a-z]+|\d+\s+days|a deadline|more time|an extra)/,
    /(?:^|\bthat\s+|,\s+)((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:has|have|had)\s+until\b/,
    /(?:^|\bthat\s+|,\s+)((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:had\s+)?(?:missed|met|failed to meet)\b/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    const group = match?.[1];
    if (!match || !group) continue;
    const start = base + match.index + match[0].indexOf(group);
    const actor = resolver.resolve(start, start + group.length, start);
    if (actor) return actor.entity;
  }
  return null;
}

function setterOf(
  text: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
  quotes: ExtractedQuote[],
  subject: EntityDraft | null,
): EntityDraft | null {
  const verb = SETTING_VERB.exec(text);
  if (verb) {
    const before = text.slice(0, verb.index);
    const boundary = Math.max(
      before.lastIndexOf(', '),
      before.search(/\bthat\s+(?!.*\bthat\b)/),
      0,
    );
    const start = base + (boundary > 0 ? boundary + 1 : 0);
    const actor = resolver.resolve(start, base + verb.index, base + verb.index);
    if (actor && actor.entity !== subject) return actor.entity;
  }
  const end = base + text.length;
  const government = table
    .mentionsIn(base, end)
    .find((ref) => ref.entity.kind === 'GOVERNMENT' && ref.entity !== subject);
  if (government) return government.entity;
  const inSentence = quotes.filter((q) => q.start >= base && q.start < end && q.speaker !== null);
  const quote = inSentence.find((q) => !q.direct) ?? inSentence[0];
  return quote?.speaker ? (table.byKey(quote.speaker) ?? null) : null;
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
