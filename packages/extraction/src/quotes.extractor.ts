// Finds direct quotes (text between quotation marks) and indirect ones ("X said that …"), and
// attributes each to a speaker through its cue verb, with the channel, the outlet it came through
// and the day it was said. Attributions carry over to the next quote of the same speaker, the
// way a reporter writes "… the statement added" without repeating where the statement was made.
import { ArticleDates } from './dates';
import type { EntityDraft, EntityTable } from './entity-table';
import { normalizeName, round } from './entity-table';
import { CHANNEL_PATTERNS } from './gazetteer';
import { reportingVerbs } from './reporting-verbs';
import type { ExtractedQuote, QuoteChannel } from './types';
import type { ResolvedActor, SpeakerResolver, Utterance } from './speaker-resolver';
import type { QuotedSpan, TextLayout, Token } from './text-layout';
import { readSet } from './data';

export interface Clause {
  start: number;
  end: number;
  sentence: number;
  paragraph: number;
}

export interface Cue {
  token: Token;
  word: string;
  start: number;
  end: number;
  clause: Clause;
  participle: boolean;
  according: boolean;
  /** "Councillor Bethan Aldous, on Twitter: \"…\"": a colon with no verb introduces the quote. */
  colon: boolean;
  actor: ResolvedActor | null;
  /**
   * A verb no list holds, read as a cue from where it stands ('"Yes," she nodded'): it attributes
   * the quotation before it and reports no clause.
   */
  manner?: boolean;
  /** The cue only names the outlet that relayed someone else's words ("Xinhua reported"). */
  relaysOnly: boolean;
  utterance: Utterance | null;
  complement: { start: number; end: number } | null;
}

const HARD_BOUNDARY =
  /\b(?:that|as|while|when|after|because|since|if|but|even|and)\b|[:;—()]|\s-\s|[“”"]/g;
const PREPOSITIONAL =
  /^(?:in|on|at|during|after|before|for|speaking|according|by|with|from|later|earlier)\b/i;
const RELATIVE = /^(?:which|who|whose|where)\b/i;
/** The rest of a name, or other names joined to it, then "to" and a verb: an order's addressee. */
const DIRECTED =
  /^\s*(?:(?:and|of|&)\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:and|of|&)\s+)?){0,5}to\s+\p{Ll}+/u;
const TOLD_AUDIENCE =
  /^\s+(?:reporters|journalists|lawmakers|legislators|senators|MPs|delegates|supporters|investors|analysts|staff|workers|students|parliament|members|councillors|colleagues|employees|shareholders|residents|parents|voters|listeners|viewers|fans|customers|officials|diplomats|ministers|police|him|them|us|me|(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+|\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})(?:\s+(?:on|in|at)\s+(?:\w+day|[\w-]+))?\s+(?=(?:the|a|an|he|she|it|they|we|his|her|its|their|this|there|some|no|all)\s|\p{Lu})/u;
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'its',
  'his',
  'her',
  'their',
  'our',
  'my',
]);
/** "Asked whether …", "Pressed on why …": a question put to the speaker opening the sentence. */
const QUESTION_PUT =
  /^(?:asked|pressed|questioned)\s+(?:(?:on|about)\s+)?(?:whether|if|why|how|what|when|where|who)\b/i;
/** A word that makes a clause finite: an auxiliary, a modal or a past form. */
const FINITE =
  /\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|must|may|might|shall|did|does|do|won['’]t|\p{Ll}{2,}ed)\b/u;
/** "gushed about her team", "laughed off the jab": a preposition after the verb is no report. */
const NOT_REPORTED =
  /^(?:within|about|at|over|off|up|out|back|on|in|into|for|with|to|of|from|by|against|down|along|around)\b/i;
/** Cues followed by a person before what was said ("asked Cobalt to …"): reported only with "that". */
const OBJECT_CUES = readSet('object-cues.txt');
const CLAUSE_ONLY_CUES =
  /^(?:say|says|said|saying|told|tells|telling|warn|warns|warned|insist|insists|insisted|argue|argues|argued|claim|claims|claimed|believe|believes|believed)$/;
const ABBREVIATIONS = readSet('abbreviations.txt');

export function splitClauses(layout: TextLayout): Clause[] {
  const clauses: Clause[] = [];
  layout.sentences.forEach((sentence, index) => {
    const text = layout.masked.slice(sentence.start, sentence.end);
    const separator = /,\s+(?:while|whereas|but)\s+|;\s+/g;
    let start = sentence.start;
    for (let match = separator.exec(text); match; match = separator.exec(text)) {
      clauses.push({
        start,
        end: sentence.start + match.index,
        sentence: index,
        paragraph: sentence.paragraph,
      });
      start = sentence.start + match.index + match[0].length;
    }
    clauses.push({ start, end: sentence.end, sentence: index, paragraph: sentence.paragraph });
  });
  return clauses;
}

/** What the attribution-cue pass finds: the clauses of the text and the cues in them. */
export interface AttributionCues {
  clauses: Clause[];
  clauseAt: (offset: number) => Clause | undefined;
  cues: Cue[];
}

/** Pass "attribution cues": clauses, and every reporting verb or "according to" in them. */
export function findAttributionCues(layout: TextLayout): AttributionCues {
  const clauses = splitClauses(layout);
  const clauseAt = (offset: number): Clause | undefined =>
    clauses.find((c) => c.start <= offset && offset < c.end) ??
    clauses.find((c) => c.start <= offset && offset <= c.end);
  return { clauses, clauseAt, cues: findCues(layout, clauseAt) };
}

export function extractQuotes(
  layout: TextLayout,
  table: EntityTable,
  resolver: SpeakerResolver,
  publishedOn: string,
): ExtractedQuote[] {
  return resolveSpeakers(
    layout,
    findAttributionCues(layout),
    table,
    resolver,
    new ArticleDates(publishedOn),
  );
}

/**
 * Pass "speaker resolution": each cue's speaker (names, descriptions and pronouns, in text order
 * so later ones see earlier speakers), then each quoted span's cue, then the quotes.
 */
export function resolveSpeakers(
  layout: TextLayout,
  { clauseAt, cues }: AttributionCues,
  table: EntityTable,
  resolver: SpeakerResolver,
  dates: ArticleDates,
): ExtractedQuote[] {
  const { body, masked } = layout;

  // Resolve sentence by sentence, in order, so descriptions and pronouns see earlier speakers.
  const bySentence = new Map<number, Cue[]>();
  for (const cue of cues) {
    const list = bySentence.get(cue.clause.sentence) ?? [];
    list.push(cue);
    bySentence.set(cue.clause.sentence, list);
  }
  for (const [, sentenceCues] of [...bySentence].sort((a, b) => a[0] - b[0])) {
    for (const cue of sentenceCues) {
      cue.actor = resolveCueActor(cue, sentenceCues, layout, resolver);
      cue.complement = findComplement(cue, layout);
    }
    const speakerCues = sentenceCues.filter(
      (cue) => cue.actor !== null && cue.actor.entity.kind !== 'MEDIA_OUTLET',
    );
    for (const cue of sentenceCues) {
      if (cue.actor?.entity.kind === 'MEDIA_OUTLET' && speakerCues.length > 0)
        cue.relaysOnly = true;
    }
    const relayed = sentenceCues.find((cue) => cue.relaysOnly)?.actor?.entity ?? null;
    for (const cue of sentenceCues) {
      if (!cue.actor || cue.relaysOnly) continue;
      const frame = frameOf(cue, masked);
      const channel = detectChannel(frame, table);
      const via = relayed ?? outletIn(table, cue, frame);
      const spoken = dates
        .findIn(frame.text, frame.start, 'past')
        .filter((date) => !isDueDate(masked, date.start, date.end));
      const utterance: Utterance = {
        speaker: cue.actor.entity,
        position: cue.start,
        paragraph: cue.clause.paragraph,
        channel,
        via: via && via !== cue.actor.entity ? via : null,
        spokenOn: spoken[0]?.iso ?? null,
        speakerTitle: cue.actor.title,
      };
      inherit(utterance, resolver.lastUtteranceBefore(cue.start));
      resolver.utterances.push(utterance);
      cue.utterance = utterance;
      if (cue.actor.mention && !/statement/i.test(cue.actor.mention.text))
        table.addMention(cue.actor.entity, cue.actor.mention);
    }
  }

  const quotes: ExtractedQuote[] = [];
  const assigned = new Map<
    QuotedSpan,
    {
      cue: Cue | null;
      utterance: Utterance | null;
      confidence: number;
      subject?: boolean;
      /** Signed after a dash: no quote nearby speaks for it. */
      signed?: boolean;
    }
  >();
  const speakerCues = cues.filter((cue) => cue.utterance !== null);

  for (const span of layout.quoted) {
    const open = span.start - 1;
    const clause = clauseAt(open);
    if (!clause) continue;
    const signed = namedAfterDash(span, layout, table);
    if (signed) {
      assigned.set(span, { cue: null, utterance: signed, confidence: 0.6, signed: true });
      continue;
    }
    const inClause = speakerCues.filter((cue) => cue.clause === clause);
    const atClauseStart = masked.slice(clause.start, open).trim() === '';
    let cue: Cue | undefined;
    if (atClauseStart) cue = inClause.find((c) => c.start >= span.end);
    else
      cue =
        [...inClause].reverse().find((c) => c.end <= open) ??
        inClause.find((c) => c.start >= span.end);
    if (!cue) {
      const sameSentence = speakerCues.filter((c) => c.clause.sentence === clause.sentence);
      cue = sameSentence.find((c) => c.start >= span.end) ?? sameSentence[sameSentence.length - 1];
    }
    if (!cue) {
      const previousSentence = layout.sentences[clause.sentence - 1];
      if (
        previousSentence &&
        /:\s*$/.test(body.slice(previousSentence.start, previousSentence.end))
      ) {
        cue = speakerCues.filter((c) => c.clause.sentence === clause.sentence - 1).pop();
      }
    }
    // 'The trust said the emails had been "misread."': a cue of the quote's own clause whose
    // speaker is unknown keeps the quote from the next sentence's speaker.
    const ownCue = cues.some(
      (c) => c.clause === clause && c.end <= open && c.utterance === null && !c.relaysOnly,
    );
    if (!cue && !ownCue) cue = attributionAfterClosingMark(span, layout, speakerCues);
    if (!cue && atClauseStart) {
      // 'Szabo gushed about her team. "They are …"': a cue that reported nothing of its own in
      // the sentence before, same paragraph, introduces the quote.
      const previous = layout.sentences[clause.sentence - 1];
      const candidate = speakerCues
        .filter((c) => c.clause.sentence === clause.sentence - 1 && !c.complement)
        .pop();
      if (
        previous &&
        candidate &&
        previous.paragraph === clause.paragraph &&
        !masked.slice(previous.start, previous.end).includes('_')
      )
        cue = candidate;
    }
    if (!cue && atClauseStart) {
      // 'Klein was unmoved. "Then we will find the money elsewhere."': the person the sentence
      // before opens with, in the same paragraph, says a quote that has no cue of its own.
      const subject = subjectOfSentenceBefore(span, clause, layout, table, resolver);
      if (subject) {
        assigned.set(span, { cue: null, utterance: subject, confidence: 0.55, subject: true });
        continue;
      }
    }
    if (!cue) {
      const introduced = introducedInParagraphBefore(span, layout, table, speakerCues);
      if (introduced) {
        assigned.set(span, { cue: null, utterance: introduced, confidence: 0.6 });
        continue;
      }
    }
    // A cue whose speaker could not be resolved still marks the span as said by someone: it is
    // kept, unattributed, rather than dropped.
    const unresolved = cue
      ? undefined
      : cues.find((c) => c.clause === clause && c.utterance === null && !c.relaysOnly);
    assigned.set(
      span,
      cue
        ? { cue, utterance: cue.utterance, confidence: confidenceOf(cue.actor) }
        : { cue: unresolved ?? null, utterance: null, confidence: unresolved ? 0.35 : 0.3 },
    );
  }

  // A quotation running over paragraphs is attributed once, wherever its cue is.
  for (let i = 0; i < layout.quoted.length; i++) {
    const span = layout.quoted[i];
    const next = layout.quoted[i + 1];
    if (!span || !next || !span.runsOn || !next.continuesPrevious) continue;
    const a = assigned.get(span);
    const b = assigned.get(next);
    if (a && b && !a.cue && b.cue) assigned.set(span, { ...b, confidence: b.confidence * 0.9 });
    if (a && b && a.cue && !b.cue) assigned.set(next, { ...a, confidence: a.confidence * 0.9 });
    // "X said the board had accepted the findings. ¶ ‘The accounts … ¶ ‘But …’": a quotation
    // introduced by the paragraph before runs on with its speaker.
    else if (a && b && !a.cue && a.utterance && !b.cue && !b.utterance)
      assigned.set(next, { ...a, confidence: a.confidence * 0.9 });
  }
  // A quote standing alone after another speaker's quote continues that speaker.
  for (let i = 1; i < layout.quoted.length; i++) {
    const span = layout.quoted[i];
    const previous = layout.quoted[i - 1];
    if (!span || !previous) continue;
    const current = assigned.get(span);
    const before = assigned.get(previous);
    if (!current || current.cue || current.subject || current.signed || !before || !before.cue)
      continue;
    // A phrase of one or two words with no cue of its own is a scare quote ("parking tax").
    const spanText = body.slice(span.start, span.end).trim();
    if (wordCount(spanText) < 3 && !/[.!?,]$/.test(spanText)) continue;
    if (span.paragraph - previous.paragraph > 1) continue;
    // "…," he said, laughing. "…": a cue of the same speaker in between changes nothing.
    const cueBetween = speakerCues.some(
      (c) =>
        c.start > previous.end &&
        c.start < span.start &&
        c !== before.cue &&
        c.utterance?.speaker !== before.utterance?.speaker,
    );
    if (!cueBetween) assigned.set(span, { ...before, confidence: before.confidence * 0.85 });
  }

  for (const span of layout.quoted) {
    const attribution = assigned.get(span);
    const text = body.slice(span.start, span.end).trimEnd();
    const words = wordCount(text);
    if (!attribution || (!attribution.utterance && !attribution.cue && words < 3)) continue;
    if (isTitleOfWork(text)) continue;
    // 'The novel, "The Salt Year," follows …': capitalised words after the noun of a work are its
    // title, whatever comma the quotation marks take in.
    if (
      isTitleOfWork(text.replace(/,$/, '')) &&
      WORK_BEFORE.test(body.slice(Math.max(0, span.start - 30), span.start))
    )
      continue;
    const sentence = layout.sentences[clauseAt(span.start - 1)?.sentence ?? 0];
    const cue = attribution.cue;
    const utterance = attribution.utterance;
    const evidenceStart = Math.min(sentence?.start ?? span.start, cue?.start ?? span.start);
    const evidenceEnd = Math.max(sentence?.end ?? span.end, cue?.end ?? span.end);
    quotes.push({
      start: span.start,
      end: span.start + text.length,
      text,
      direct: true,
      mixed: false,
      speaker: utterance?.speaker.key ?? null,
      speakerTitle: utterance?.speakerTitle ?? null,
      speakerMention: cue?.actor?.mention?.text ?? null,
      cue: cue?.word ?? null,
      channel: utterance?.channel ?? null,
      via: utterance?.via?.key ?? null,
      spokenOn: utterance?.spokenOn ?? null,
      confidence: round(attribution.confidence),
      evidence: { start: evidenceStart, end: evidenceEnd },
    });
  }

  for (const cue of speakerCues) {
    if (!cue.complement || !cue.utterance) continue;
    const { start, end } = cue.complement;
    const utterance = cue.utterance;
    quotes.push({
      start,
      end,
      text: body.slice(start, end),
      direct: false,
      mixed: /[_“”"]/.test(masked.slice(start, end)),
      speaker: utterance.speaker.key,
      speakerTitle: utterance.speakerTitle,
      speakerMention: cue.actor?.mention?.text ?? null,
      cue: cue.word,
      channel: utterance.channel,
      via: utterance.via?.key ?? null,
      spokenOn: utterance.spokenOn,
      confidence: round(confidenceOf(cue.actor) * 0.85),
      evidence: { start: cue.clause.start, end: cue.clause.end },
    });
  }
  // Reported speech whose speaker could not be resolved ("A lawsuit filed on Monday alleges that
  // …") is kept unattributed, like a direct quote would be, instead of vanishing.
  for (const cue of cues) {
    if (cue.utterance || cue.relaysOnly || !cue.complement || cue.according || cue.participle)
      continue;
    const subject = masked.slice(cue.clause.start, cue.start).trim();
    // "A lawsuit filed on Monday alleges", "Political analysts predicted": a description, or a
    // plural noun of a few words with no name in it.
    const plural = /^(?:(?:\p{Lu}\p{Ll}+\s+)?(?:\p{Ll}+\s+)?\p{Ll}{3,}|\p{Lu}\p{Ll}{2,})s$/u.test(
      subject,
    );
    if (!(/^(?:an?|the)\s/i.test(subject) || plural) || /[_“”"]/.test(subject)) continue;
    const { start, end } = cue.complement;
    quotes.push({
      start,
      end,
      text: body.slice(start, end),
      direct: false,
      mixed: /[_“”"]/.test(masked.slice(start, end)),
      speaker: null,
      speakerTitle: null,
      speakerMention: subject,
      cue: cue.word,
      channel: null,
      via: null,
      spokenOn: null,
      confidence: 0.25,
      evidence: { start: cue.clause.start, end: cue.clause.end },
    });
  }

  quotes.push(...transcriptAnswers(layout, table));
  return quotes.sort((a, b) => a.start - b.start);
}

const QUESTION_LABEL = /^(?:Q|Question)\s*[:.]\s+/;
const ANSWER_LABEL = /^(?:A|Answer)\s*[:.]\s+/;
const NAME_LABEL = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*:\s+/u;

/**
 * An interview printed as a transcript ("Q: …" / "A: …", or "Okonkwo-Reyes: …"): each answer is
 * the interviewee's own words, quoted directly though it has no quotation marks and no cue. With
 * "A:" labels the interviewee is the first person the introduction names, and the outlet it names
 * is the one the interview was given to.
 */
function transcriptAnswers(layout: TextLayout, table: EntityTable): ExtractedQuote[] {
  const { body, paragraphs, quoted } = layout;
  const texts = paragraphs.map((p) => body.slice(p.start, p.end));
  const questions = texts.filter((t) => QUESTION_LABEL.test(t)).length;
  const firstLabelled = texts.findIndex(
    (t) => QUESTION_LABEL.test(t) || ANSWER_LABEL.test(t) || NAME_LABEL.test(t),
  );
  if (firstLabelled < 0) return [];
  const intro = paragraphs.slice(0, firstLabelled);
  const introEnd = intro[intro.length - 1]?.end ?? 0;
  const introRefs = table.mentionsIn(0, introEnd).filter((ref) => ref.mention.form === 'NAME');
  const interviewee = introRefs.find((ref) => ref.entity.kind === 'PERSON')?.entity ?? null;
  const outlet = introRefs.find((ref) => ref.entity.kind === 'MEDIA_OUTLET')?.entity ?? null;

  const answers: { start: number; end: number; speaker: EntityDraft }[] = [];
  paragraphs.forEach((paragraph, i) => {
    const text = texts[i] ?? '';
    if (quoted.some((q) => q.start >= paragraph.start && q.end <= paragraph.end)) return;
    const answer = questions >= 2 ? ANSWER_LABEL.exec(text) : null;
    const named = answer || QUESTION_LABEL.test(text) ? null : NAME_LABEL.exec(text);
    const label = answer ?? named;
    let speaker: EntityDraft | null = answer ? interviewee : null;
    if (named) {
      const entity = labelledSpeaker(table, named[1] ?? '');
      if (entity && entity.kind !== 'MEDIA_OUTLET' && entity.kind !== 'PLACE') speaker = entity;
    }
    if (!label || !speaker) return;
    const start = paragraph.start + label[0].length;
    const end = paragraph.start + text.trimEnd().length;
    if (end > start) answers.push({ start, end, speaker });
  });
  // A name followed by a colon once is an introduction ("Councillor X: …"), not a transcript.
  if (answers.length < 2) return [];
  return answers.map(({ start, end, speaker }) => ({
    start,
    end,
    text: body.slice(start, end),
    direct: true,
    mixed: false,
    speaker: speaker.key,
    speakerTitle: speaker.title ?? null,
    speakerMention: null,
    cue: null,
    channel: 'INTERVIEW',
    via: outlet?.key ?? null,
    spokenOn: null,
    confidence: 0.8,
    evidence: { start, end },
  }));
}

/** The entity a transcript label names: the whole name, or the surname of one person. */
function labelledSpeaker(table: EntityTable, label: string): EntityDraft | null {
  const exact = table.find(label);
  if (exact) return exact;
  const words = normalizeName(label).split(' ');
  const owners = table.entities.filter((entity) => {
    if (entity.kind !== 'PERSON' && entity.kind !== 'ORGANIZATION') return false;
    const name = normalizeName(entity.name).split(' ');
    return name.length > words.length && name.slice(-words.length).join(' ') === words.join(' ');
  });
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

const CUES_OF = new WeakMap<TextLayout, Cue[]>();

/** The cues found in a layout (empty before the attribution-cue pass has run). */
function allCues(layout: TextLayout): Cue[] {
  return CUES_OF.get(layout) ?? [];
}

function findCues(layout: TextLayout, clauseAt: (offset: number) => Clause | undefined): Cue[] {
  const cues: Cue[] = [];
  const { tokens } = layout;
  const { cues: cueVerbs, participles } = reportingVerbs();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.quoted) continue;
    const according = token.lower === 'according' && tokens[i + 1]?.lower === 'to';
    if (!according && !cueVerbs.has(token.lower)) continue;
    // "the United States", "a reported offer": a name or a modifier, not a verb.
    if (!according && token.capitalised && !token.initial) continue;
    const previous = tokens[i - 1];
    if (
      !according &&
      previous &&
      DETERMINERS.has(previous.lower) &&
      !/[,;:]/.test(layout.masked.slice(previous.end, token.start))
    )
      continue;
    // "was more pointed", "a very guarded reply": after a word of degree the form is an
    // adjective, not a verb of speech.
    if (!according && previous && DEGREE_WORDS.has(previous.lower)) continue;
    const clause = clauseAt(token.start);
    if (!clause) continue;
    // "Asked whether fines were possible, X was blunt: …": a passive participle opening the
    // clause says what X was asked; X's own cue comes later.
    if (
      token.lower === 'asked' &&
      layout.masked.slice(clause.start, token.start).trim() === '' &&
      /^\s+(?:whether|about|if|why|how|what|when|who|to)\b/.test(
        layout.masked.slice(token.end, token.end + 12),
      )
    )
      continue;
    const end = according ? (tokens[i + 1]?.end ?? token.end) : token.end;
    cues.push({
      token,
      word: according ? 'according to' : token.lower,
      start: token.start,
      end,
      clause,
      participle: participles.has(token.lower),
      according,
      colon: false,
      actor: null,
      relaysOnly: false,
      utterance: null,
      complement: null,
    });
  }
  for (const span of layout.quoted) {
    const before = layout.body.slice(Math.max(0, span.start - 4), span.start - 1);
    // "X was blunt — \"…\"": a dash introduces the quote as a colon does.
    const mark = /(?::|\s[—–])\s*$/.exec(before);
    if (!mark) continue;
    // After a dash, only a quote that ends its sentence is introduced ("— \"We will back it,\"
    // its leader said" is attributed after it).
    if (!mark[0].startsWith(':') && !/[.!?]\s*$/.test(layout.body.slice(span.start, span.end)))
      continue;
    const markAt = mark.index + (mark[0].startsWith(':') ? 0 : 1);
    const colon = span.start - 1 - (before.length - markAt);
    const clause = clauseAt(colon);
    if (!clause) continue;
    const intro = layout.masked.slice(clause.start, colon);
    const words = intro.trim().split(/\s+/).length;
    if (words > 14 || cues.some((c) => c.clause === clause && c.start < colon)) continue;
    const token = tokens.find((t) => t.start >= clause.start) ?? tokens[0];
    if (!token) continue;
    cues.push({
      token,
      word: ':',
      start: colon,
      end: colon + 1,
      clause,
      participle: false,
      according: false,
      colon: true,
      actor: null,
      relaysOnly: false,
      utterance: null,
      complement: null,
    });
  }
  // '"It is a farce!" Graeme Lockhart fumed', '"Fine," she shrugged': a past-tense verb right
  // after a closing quotation mark and its subject attributes the quotation, listed or not.
  const { body } = layout;
  for (const span of layout.quoted) {
    if (!/[,?!]$/.test(body.slice(span.start, span.end).trimEnd())) continue;
    const following = body.slice(span.end, span.end + 80);
    // '"Kestrel hid the losses," the lawsuit claims': after a closing mark and a subject with a
    // determiner, the -s form of a listed verb is the verb, even where the list leaves it out
    // as mostly a noun.
    const present = PRESENT_AFTER_QUOTE.exec(following);
    const presentVerb = present?.[2];
    const listed =
      presentVerb !== undefined &&
      !cueVerbs.has(presentVerb) &&
      [presentVerb.slice(0, -1), presentVerb.slice(0, -2)].some(
        (stem) => cueVerbs.has(`${stem}d`) || cueVerbs.has(`${stem}ed`),
      );
    const after = listed ? present : VERB_AFTER_QUOTE.exec(following);
    const verb = after?.[2];
    if (!after || !verb || cueVerbs.has(verb) || NOT_MANNER.test(verb)) continue;
    const at = span.end + after[0].length - verb.length;
    const token = tokens.find((t) => t.start === at);
    const clause = token ? clauseAt(at) : undefined;
    if (!token || !clause) continue;
    cues.push({
      token,
      word: verb,
      start: at,
      end: at + verb.length,
      clause,
      participle: false,
      according: false,
      colon: false,
      manner: true,
      actor: null,
      relaysOnly: false,
      utterance: null,
      complement: null,
    });
  }
  const sorted = cues.sort((a, b) => a.start - b.start);
  CUES_OF.set(layout, sorted);
  return sorted;
}

/** "Her answer", "His reply was blunt", "Her reason was simple": a person's words named by what
 * they were. */
const SAID_NOUNS =
  'answer|reply|response|verdict|message|advice|view|explanation|assessment|conclusion|retort|words|reason|point|argument|plea|warning|complaint|request|position|prediction|promise|question|summary|diagnosis|instruction|instructions';
const POSSESSIVE_WORDS = new RegExp(
  String.raw`^(his|her)\s+(?:[a-z-]+\s+)?(?:${SAID_NOUNS})\b`,
  'i',
);

/** "Mr. Mwansa (Kitwe Central)": a name, then a bracket and nothing after it. */
const LABEL_WITH_BRACKETS =
  /^((?:\p{Lu}[\p{L}'’.-]*\s+){0,4}\p{Lu}[\p{L}'’-]*)\s*\([^()]{1,60}\)$/u;

/** A closing quotation mark, a subject opening with a determiner, and a verb in -s. */
const PRESENT_AFTER_QUOTE =
  /^["”’']\s+((?:the|a|an|its|his|her|their)\s+(?:[\p{L}'’-]+\s+){0,3}?)(\p{Ll}{3,}s)(?=[\s.,;:!?])/u;

/** Words of degree before an adjective ("more pointed", "very guarded"). */
const DEGREE_WORDS = new Set([
  'more',
  'less',
  'most',
  'least',
  'very',
  'rather',
  'quite',
  'somewhat',
  'increasingly',
  'particularly',
  'equally',
]);

/** A closing quotation mark, a name or a personal pronoun, and a verb in the past ("shot back"). */
const VERB_AFTER_QUOTE =
  /^["”’']\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*|he|she|they|we)\s+(\p{Ll}{2,}ed|(?:shot|hit|struck|threw|spat|bit)(?=\s+back\b))(?=[\s.,;:!?])/u;
/** Past forms after a name that describe no way of speaking. */
const NOT_MANNER =
  /^(?:based|used|need|needed|wanted|seemed|appeared|remained|continued|started|managed|added)$/;

function resolveCueActor(
  cue: Cue,
  sentenceCues: Cue[],
  layout: TextLayout,
  resolver: SpeakerResolver,
): ResolvedActor | null {
  const actor = resolveCueSubject(cue, sentenceCues, layout, resolver);
  const coordinated = /\b(?:but|and)\s+(?:also\s+)?$/.test(
    layout.masked.slice(cue.clause.start, cue.start),
  );
  if (actor || !(cue.participle || coordinated)) return actor;
  // "Brightwater echoed that, telling reporters …", "X conceded … but insisted …": a participle
  // or a coordinated verb with no subject of its own shares the one of the verb before it.
  const previous = [...sentenceCues]
    .reverse()
    .find((c) => c.end <= cue.start && c.clause.sentence === cue.clause.sentence && c.actor);
  return previous?.actor ?? null;
}

function resolveCueSubject(
  cue: Cue,
  sentenceCues: Cue[],
  layout: TextLayout,
  resolver: SpeakerResolver,
): ResolvedActor | null {
  const { masked } = layout;
  if (cue.according) {
    const after = masked.slice(cue.end, cue.clause.end);
    // "according to documents seen by the Ledger": the outlet saw the source, it is not the source.
    const stop = after.search(
      /[,.;:_“”"]|\s(?:seen|obtained|reviewed|cited|published|quoted)\s+by\s/,
    );
    const length = stop < 0 ? after.length : stop;
    return resolver.resolve(cue.end, cue.end + length, cue.start);
  }
  // The speaker phrase sits between the last hard boundary (quote mark, "that", "as", the
  // previous cue) and the cue; appositions and relative clauses are skipped.
  const previousCue = [...sentenceCues]
    .reverse()
    .find((c) => c.end <= cue.start && c.clause === cue.clause);
  // "Medivance has denied the claim, calling it …": a participle after a verb of the same
  // clause shares its subject.
  if (cue.participle && previousCue?.actor && !previousCue.participle) return previousCue.actor;
  const regionStart = Math.max(cue.clause.start, previousCue?.end ?? 0);
  const region = masked.slice(regionStart, cue.start);
  let boundary = 0;
  let sharedSubject = false;
  // "X, who was in charge that afternoon, told …": words inside a relative clause set off by
  // commas ("that", "when") do not end the subject before it.
  // ("… for 900,000 subscribers on YouTube, said": a comma between digits ends nothing.)
  const relative = /,\s+(?:who|whose|which)\b(?:[^,_“”"]|(?<=\d),(?=\d))*,\s*$/.exec(region);
  HARD_BOUNDARY.lastIndex = 0;
  for (let match = HARD_BOUNDARY.exec(region); match; match = HARD_BOUNDARY.exec(region)) {
    if (relative && match.index > relative.index) break;
    // Lower-case "and" splits clauses, but not inside a capitalised name ("Energy and Mines").
    if (
      match[0] === 'and' &&
      /\p{Lu}\S*\s+$/u.test(region.slice(0, match.index)) &&
      /^and\s+\p{Lu}/u.test(region.slice(match.index))
    )
      continue;
    // "Fischer paused and added": a verb joined by "and" shares the subject before it.
    if (match[0] === 'and' && region.slice(match.index + 3).trim() === '') {
      sharedSubject = true;
      continue;
    }
    boundary = match.index + match[0].length;
  }
  if (sharedSubject) {
    const before = regionStart + boundary;
    const andAt = regionStart + region.lastIndexOf('and');
    const first = { start: before, end: andAt };
    // "He paused and added:", "The minister smiled and said": a pronoun or a description too.
    const pronoun = /^\s*(?:he|she|they|it|we)(?=\s+\p{Ll})/iu.exec(masked.slice(before, andAt));
    const subjectEnd = pronoun
      ? before + pronoun[0].length
      : (verbAfterName(first, layout, resolver) ?? verbAfterDescription(first, masked));
    if (subjectEnd !== null) {
      const actor = resolver.resolve(before, subjectEnd, cue.start);
      if (actor) return actor;
    }
  }
  const segments: { start: number; end: number }[] = [];
  let segmentStart = regionStart + boundary;
  for (let i = regionStart + boundary; i <= cue.start; i++) {
    if (i === cue.start || (masked[i] === ',' && !/\d,\d/.test(masked.slice(i - 1, i + 2)))) {
      segments.push({ start: segmentStart, end: i });
      segmentStart = i + 1;
    }
  }
  // "The report, tabled in the National Assembly on Tuesday, says": a participle set off by
  // commas describes the subject before it; its names (and a name apposed to them) do not speak.
  const participial = segments.findIndex(
    (segment, s) =>
      s > 0 &&
      /^\p{Ll}+(?:ed|en|wn)\s+(?:by|in|on|at|to|from|last|this|earlier)\b/u.test(
        masked.slice(segment.start, segment.end).trim(),
      ),
  );
  if (participial > 0) segments.splice(participial);
  const last = segments[segments.length - 1];
  const lastText = last ? masked.slice(last.start, last.end).trim() : '';
  if (cue.colon && last) {
    // "Speaking afterwards, he was blunt: \"…\"": the subject before the predicate speaks.
    const pronoun = /^(he|she|they|it|we)\s+[\p{Ll}]/iu.exec(lastText);
    if (pronoun?.[1]) {
      const at = last.start + masked.slice(last.start, last.end).indexOf(pronoun[1]);
      const actor = resolver.resolve(at, at + pronoun[1].length, cue.start);
      if (actor) return actor;
    }
    const subjectEnd = verbAfterName(last, layout, resolver);
    if (subjectEnd !== null) {
      const actor = resolver.resolve(last.start, subjectEnd, cue.start);
      if (actor) return actor;
    }
    // "Mr. Mwansa (Kitwe Central): \"…\"", "Sen. X (D-Ohio): \"…\"": a speaker's label with
    // a constituency or a party in brackets.
    const label = masked.slice(cue.clause.start, cue.start);
    const bracketed = LABEL_WITH_BRACKETS.exec(label.trim());
    if (bracketed?.[1]) {
      const at = cue.clause.start + label.indexOf(bracketed[1]);
      const actor = resolver.resolve(at, at + bracketed[1].length, cue.start);
      if (actor?.entity.kind === 'PERSON') return actor;
    }
    // "Her answer: \"…\"", "His reply was blunt: \"…\"": the one whose words they are.
    const owner = POSSESSIVE_WORDS.exec(lastText)?.[1]?.toLowerCase();
    const ownerPronoun = owner === 'his' ? 'he' : owner === 'her' ? 'she' : undefined;
    if (ownerPronoun) {
      const at = last.start + masked.slice(last.start, last.end).search(/\S/);
      const entity = resolver.byPronoun(ownerPronoun, cue.start);
      if (entity)
        return {
          entity,
          mention: { start: at, end: at + 3, text: masked.slice(at, at + 3), form: 'PRONOUN' },
          title: null,
        };
    }
  }
  if (cue.participle && !PREPOSITIONAL.test(lastText)) {
    // "X aimed his criticism at Y, saying …": the one saying is the subject of the clause, not
    // the object, so the clause is read from its start and cut at the verb after the subject.
    for (const segment of segments) {
      const text = masked.slice(segment.start, segment.end).trim();
      if (text === '' || RELATIVE.test(text) || PREPOSITIONAL.test(text)) continue;
      // "He shrugged off the charge, saying she had …": a pronoun opening the clause is its
      // subject; the pronoun after the participle belongs to what is said.
      const pronoun = /^(he|she|they|we)\s+\p{Ll}/iu.exec(text);
      if (pronoun?.[1]) {
        const at = segment.start + masked.slice(segment.start, segment.end).indexOf(pronoun[1]);
        const actor = resolver.resolve(at, at + pronoun[1].length, cue.start);
        if (actor) return actor;
      }
      const subjectEnd =
        verbAfterName(segment, layout, resolver) ?? verbAfterDescription(segment, masked);
      const actor = resolver.resolve(segment.start, subjectEnd ?? segment.end, cue.start);
      if (actor) return actor;
    }
  }
  // "Hakan Yıldırım, now a television pundit, said": an indefinite apposition describes the name
  // before it, which is the speaker.
  // ("The board has fined Halvorsen, a spokeswoman for the board said": after a clause, the
  // indefinite description is the subject of the cue, not an apposition to the clause's object.)
  const beforeLast = segments[segments.length - 2];
  const appositive =
    segments.length > 1 &&
    /^(?:now\s+|also\s+)?an?\s/i.test(lastText) &&
    segments
      .slice(0, -1)
      .some((segment) => resolver.namesIn(segment.start, segment.end).length > 0) &&
    !(
      beforeLast &&
      segments.length === 2 &&
      /\s(?:has|have|had|is|are|was|were|will|would|must|can|could|should|may|might)\s/.test(
        masked.slice(beforeLast.start, beforeLast.end),
      )
    );
  // "In a brief statement she apologised": a pronoun after an opening adverbial is the subject.
  const trailingPronoun =
    /^(?:in|on|at|after|before|later|earlier|then|speaking)\b.*\s(he|she|they|it|we)$/i.exec(
      lastText,
    );
  if (last && trailingPronoun?.[1] && !cue.participle) {
    const pronoun = trailingPronoun[1];
    const at = last.start + masked.slice(last.start, last.end).lastIndexOf(pronoun);
    const actor = resolver.resolve(at, at + pronoun.length, cue.start);
    if (actor) return actor;
  }
  if (
    last &&
    lastText !== '' &&
    !appositive &&
    !RELATIVE.test(lastText) &&
    !((cue.participle || cue.colon) && PREPOSITIONAL.test(lastText))
  ) {
    const actor = resolver.resolve(last.start, last.end, cue.start);
    if (actor) return actor;
  }
  for (let s = segments.length - 2; s >= 0; s--) {
    const segment = segments[s];
    if (!segment) continue;
    const text = masked.slice(segment.start, segment.end).trim();
    if (text === '' || RELATIVE.test(text) || PREPOSITIONAL.test(text)) continue;
    // ", a partner at Eastlake Capital," describes the name before it.
    // (", a soft-spoken man from Hvar named Ivo Barisic," names the speaker itself.)
    if (
      s > 0 &&
      /^(?:now\s+|also\s+)?an?\s/i.test(text) &&
      !/\s(?:named|called)\s+\p{Lu}/u.test(text)
    )
      continue;
    const actor = resolver.resolve(segment.start, segment.end, cue.start);
    // ", the Iowa Republican who chairs the committee," too, unless it names the person itself
    // ("Her closest rival, the former health secretary Dominic Afolabi, said").
    // "Lumora's largest customer, the German carmaker Hessler Motorenwerke, said": a description
    // that ends in a name of a body names the speaker too.
    const segmentEnd = segment.start + masked.slice(segment.start, segment.end).trimEnd().length;
    const endsInName =
      actor !== null &&
      !actor.mention &&
      actor.entity.kind !== 'PLACE' &&
      actor.entity.kind !== 'COUNTRY' &&
      /^the\s+(?:[\p{L}-]+\s+)*?\p{Ll}[\p{L}-]*\s+\p{Lu}/u.test(text) &&
      !/\s(?:who|whose|which|that|of|at|for|with)\s/.test(text) &&
      resolver.namesIn(segment.start, segmentEnd).some((name) => name.end === segmentEnd);
    if (
      actor &&
      s > 0 &&
      /^the\s/i.test(text) &&
      !(actor.entity.kind === 'PERSON' && !actor.mention) &&
      !endsInName &&
      segments.slice(0, s).some((before) => resolver.namesIn(before.start, before.end).length > 0)
    )
      continue;
    if (actor) return actor;
  }
  if (!cue.colon && (lastText === '' || cue.participle)) {
    // "…," said a Chinese Foreign Ministry spokesperson, …
    // The stop of "Dr." or "Sen." is part of the name, not the end of the speaker phrase.
    const after = masked
      .slice(cue.end, cue.clause.end)
      .replace(/\b(\p{L}+)\./gu, (match, word: string) =>
        ABBREVIATIONS.has(word.toLowerCase()) ? `${word} ` : match,
      );
    const stop = after.search(/[,.;:_“”"]|\s(?:that|in|on|at|to|after)\s/);
    const length = stop < 0 ? after.length : stop;
    // "said Halvorsen's communications director, Priya Castellano": the name in apposition to a
    // possessive description is the speaker, not the possessor.
    const apposition = /^,\s+((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Lu}[^,.;:_“”"]*)/u.exec(
      after.slice(length),
    );
    // Also "wondered his colleague, ward sister Efua Mensah", and "said the chair of the
    // residents' group Binbrook Clean Water, Denise Carter": a title of a body, then its holder.
    const possessor =
      /(?:\p{L}['’]s|s['’]|^\s*(?:his|her|their|its|our))\s+[\p{Ll}\s-]+$/u.test(
        after.slice(0, length),
      ) || /^\s*the\s+(?:[\p{Ll}-]+\s+){1,3}?of\s+(?:the\s+)?\S/u.test(after.slice(0, length));
    if (apposition?.[1] && possessor) {
      const nameStart = cue.end + length + apposition[0].length - apposition[1].length;
      const named = resolver.resolve(nameStart, nameStart + apposition[1].length, cue.start);
      if (named?.entity.kind === 'PERSON') return named;
      // A name with a person's title before it in the apposition ("ward sister X") is a person's.
      if (named && !named.mention && /^\p{Ll}/u.test(apposition[1])) return named;
    }
    // "said a resident, Maria Costa", "said one trader, Yusuf Amir", "said another, Petra Novak":
    // the person an indefinite description introduces is named in apposition to it.
    if (apposition?.[1] && INDEFINITE_SPEAKER.test(after.slice(0, length))) {
      const nameStart = cue.end + length + apposition[0].length - apposition[1].length;
      const named = resolver.resolve(nameStart, nameStart + apposition[1].length, cue.start);
      if (named?.entity.kind === 'PERSON' && !named.mention) return named;
    }
    if (length > 0) return resolver.resolve(cue.end, cue.end + length, cue.start);
  }
  return null;
}

/** "a resident", "one trader", "another": a description that introduces someone not yet named. */
const INDEFINITE_SPEAKER =
  /^\s*(?:(?:a|an|one)(?:\s+\p{Ll}[\p{Ll}-]*){1,3}|another(?:\s+\p{Ll}[\p{Ll}-]*){0,3})\s*$/u;

const ADVERBIAL_AFTER_CUE =
  /^(?:\s+(?:on\s+)?(?:(?:last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)(?:\s+(?:morning|afternoon|evening|night))?|\s+in\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|filing|speech|post|letter)(?:\s+(?:to|with|on)\s+[^,]+?)?(?=\s+that\b|\s+(?:it|he|she|they|the)\b)|\s+also|\s+earlier|\s+later)*/;

function findComplement(cue: Cue, layout: TextLayout): { start: number; end: number } | null {
  if (cue.colon || cue.manner === true || reportingVerbs().quoteOnly.has(cue.word)) return null;
  if (cue.according) return accordingComplement(cue, layout);
  // "…, saying the governor had walked away": a participle reports a clause that follows it
  // ("…, telling reporters the money had been returned": after its audience).
  const afterCue = layout.masked.slice(cue.end, cue.clause.end);
  const audience = /^(?:told|tells|telling)$/.test(cue.word) ? TOLD_AUDIENCE.exec(afterCue) : null;
  if (
    cue.participle &&
    (!/,\s*$/.test(layout.masked.slice(Math.max(0, cue.start - 3), cue.start)) ||
      ![afterCue, audience ? afterCue.slice(audience[0].length - 1) : ''].some((text) =>
        /^\s+(?:that\s+)?(?:the|a|an|he|she|it|they|we|his|her|its|their|this|there)\s/.test(text),
      ))
  )
    return null;
  // "echoed that, telling …", "said so.": a demonstrative object reports nothing itself.
  if (/^\s+(?:that|this|so|it)\s*(?:[,.;:]|$)/.test(afterCue)) return null;
  const { masked } = layout;
  const clauseEnd = cue.clause.end;
  // A clause that quotes before its cue is attributed through its quote, not reported again; a
  // quoted fragment inside the reported clause makes it mixed speech, which is kept whole.
  // ('"…," said X, and added that …': a cue after the one that attributes the quote reports its
  // own clause.)
  const lastQuoted = masked.slice(cue.clause.start, cue.start).lastIndexOf('_');
  if (
    lastQuoted >= 0 &&
    !/\b(?:but|and)\s+(?:also\s+)?$/.test(masked.slice(cue.clause.start, cue.start)) &&
    !allCues(layout).some(
      (c) => c.start > cue.clause.start + lastQuoted && c.end < cue.start && !c.participle,
    )
  )
    return null;
  const inverted = invertedComplement(cue, layout);
  if (inverted) return inverted;
  let rest = masked.slice(cue.end, clauseEnd);
  let start = cue.end;
  const parenthetical = parentheticalComplement(cue, layout);
  if (parenthetical) return parenthetical;
  const thatMatch = /^,?((?:\s+\S+){0,7}?)\s+that\s+/.exec(rest);
  const thatLead = (thatMatch?.[1] ?? '').replace(
    /,?\s*\b(?:though|however|too|also|again)\b,?/g,
    '',
  );
  // "told reporters the levy would …": the audience, then the reported clause without "that".
  if (thatMatch && !/[,_“”"]/.test(thatLead)) {
    start += thatMatch[0].length;
  } else if (audience && /^(?:told|tells|telling)$/.test(cue.word)) {
    // "told MTN Nigeria and Airtel Africa to link …": names and then an infinitive are who was
    // told to act, not a clause reported.
    if (DIRECTED.test(rest.slice(audience[0].length - 1))) return null;
    start += audience[0].length;
  } else if (OBJECT_CUES.has(cue.word)) {
    return reverseComplement(cue, layout);
  } else {
    const adverbial = ADVERBIAL_AFTER_CUE.exec(rest);
    start += adverbial ? adverbial[0].length : 0;
    start += /^\s*/.exec(masked.slice(start))?.[0].length ?? 0;
  }
  rest = masked.slice(start, clauseEnd);
  // "said 140 tanker trucks would …": after a verb that only reports ("added 23 items" has an
  // object), a clause may open with a number.
  const opensWithNumber = /^\d[\d,.]*\s+\p{L}/u.test(rest) && CLAUSE_ONLY_CUES.test(cue.word);
  if (!/^\p{L}/u.test(rest) && !opensWithNumber) return reverseComplement(cue, layout);
  if (NOT_REPORTED.test(rest)) return null;
  // "asked whether further cuts were planned": a question, which reports nothing as said.
  if (/^whether\b/i.test(rest)) return null;
  // "announced the deadline at a news conference", "suggested a six-month grace period": after
  // a verb that also takes an object, words with no verb of their own report no clause.
  if (
    start === cue.end + (/^\s*/.exec(masked.slice(cue.end, clauseEnd))?.[0].length ?? 0) &&
    !CLAUSE_ONLY_CUES.test(cue.word) &&
    !FINITE.test(rest.split(/[.;:]\s/)[0] ?? '')
  )
    return null;
  let length = rest.length;
  const cut =
    /,\s+(?:according to\b|(?:the\s+)?\p{Lu}[\p{L} ]*\s+(?:reported|said)\b)|\s+[-—]\s+|[.;]\s*$|[.;:]\s/u.exec(
      rest,
    );
  if (cut) length = cut.index;
  // "… was "clumsy" but insisted she had …": a second reporting verb starts its own report.
  const coordinated = /\s+(?:but|and)\s+(?:also\s+)?(\p{Ll}+)\b/gu;
  for (let m = coordinated.exec(rest); m && m.index < length; m = coordinated.exec(rest)) {
    if (reportingVerbs().cues.has(m[1] ?? '')) {
      length = m.index;
      break;
    }
  }
  let text = rest.slice(0, length).replace(/[\s,.;:]+$/, '');
  const unquoted = text.replace(/[“"][_\s]*[”"]?/g, ' ').trim();
  const unquotedWords = unquoted === '' ? 0 : unquoted.split(/\s+/).length;
  // 'the Senate "always waits until the last week."': a short frame around a quoted fragment is
  // still mixed speech; the fragment's words count.
  const quotedWords = wordCount(layout.body.slice(start, start + text.length)) - unquotedWords;
  const enough =
    unquotedWords >= 3 ||
    (unquotedWords >= 1 && quotedWords >= 2 && unquotedWords + quotedWords >= 4);
  if (!enough || /^[_“”"]/.test(text)) return null;
  text = text.trimEnd();
  return { start, end: start + text.length };
}

/** "Her next goal, she said, is a sensor cheap enough for smallholders." */
function parentheticalComplement(
  cue: Cue,
  layout: TextLayout,
): { start: number; end: number } | null {
  const { masked } = layout;
  const before = masked.slice(cue.clause.start, cue.start);
  const after = masked.slice(cue.end, cue.clause.end);
  const speaker = /,\s*(?:he|she|they|it|we|\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\s*$/u.exec(
    before,
  );
  if (!speaker || !/^\s*,\s+\p{Ll}/u.test(after)) return null;
  const lead = before.slice(0, speaker.index);
  if (/[_“”"]/.test(lead) || lead.trim().split(/\s+/).length < 2) return null;
  const tail = /^[^.;:_“”"]*/.exec(after)?.[0] ?? '';
  if (tail.trim().split(/\s+/).length < 3) return null;
  const start = cue.clause.start + (before.length - before.trimStart().length);
  const end = cue.end + tail.replace(/[\s,]+$/, '').length;
  return { start, end };
}

/** "According to X, <clause>." and "<clause>, according to X." */
function accordingComplement(cue: Cue, layout: TextLayout): { start: number; end: number } | null {
  const { masked } = layout;
  const before = masked.slice(cue.clause.start, cue.start);
  const after = masked.slice(cue.end, cue.clause.end);
  const stop = after.search(/[,.;:_“”"]/);
  if (stop < 0) return null;
  // "according to Reuters", "according to documents filed in court": a source of facts, not
  // someone whose words are reported.
  if (cue.actor?.entity.kind === 'MEDIA_OUTLET') return null;
  if (
    /^\s*(?:(?:a|an|the)\s+)?(?:[\p{Ll}-]+\s+)?(?:documents?|letters?|data|figures|records|sources|estimates|filings?|reports?|people|statistics|polls?)\b/u.test(
      after.slice(0, stop),
    )
  )
    return null;
  let start: number;
  let end: number;
  if (before.trim() === '' && after[stop] === ',') {
    start = cue.end + stop + 1;
    start += /^\s*/.exec(masked.slice(start))?.[0].length ?? 0;
    const rest = masked.slice(start, cue.clause.end);
    const cut = /[.;]\s*$|[.;:]\s|\s+[-—]\s+/.exec(rest);
    end = start + (cut ? cut.index : rest.length);
  } else if (/,\s*$/.test(before) && /^[.;]?\s*$/.test(after.slice(stop))) {
    start = cue.clause.start + (before.length - before.trimStart().length);
    end = cue.clause.start + before.replace(/,\s*$/, '').length;
  } else return null;
  const text = masked.slice(start, end).replace(/[\s,.;:]+$/, '');
  const unquoted = text.replace(/[“"][_\s]*[”"]?/g, ' ').trim();
  if (unquoted.split(/\s+/).length < 4 || /^[_“”"]/.test(text)) return null;
  return { start, end: start + text.length };
}

/**
 * "<clause>, said Zelenka's chief financial officer, Tanja Mlakar.": a verb right after a comma
 * and followed only by its subject (a name or a description with no verb of its own, before any
 * relative clause) reports the clause before the comma.
 */
function invertedComplement(cue: Cue, layout: TextLayout): { start: number; end: number } | null {
  const { masked } = layout;
  const before = masked.slice(cue.clause.start, cue.start);
  if (!/,\s*$/.test(before) || cue.participle) return null;
  const after = masked.slice(cue.end, cue.clause.end);
  if (!INVERTED_SUBJECT.test(after)) return null;
  const subject = after.split(/,\s+(?:who|whose|which)\b/)[0] ?? '';
  if (FINITE.test(subject) || /\bthat\b/.test(subject) || wordCount(subject) > 12) return null;
  const text = before.replace(/,\s*$/, '').trimEnd();
  // "Fjordlinje's lawyer, Ragnhild Aasheim, said …": a comma closing an apposition.
  if (APPOSITION_BEFORE_CUE.test(text)) return null;
  const unquoted = text.replace(/[“"][_\s]*[”"]?/g, ' ').trim();
  if (unquoted.split(/\s+/).length < 4 || /^\s*[_“”"]/.test(text)) return null;
  if (QUESTION_PUT.test(text.trimStart())) return null;
  const start = cue.clause.start + (text.length - text.trimStart().length);
  return { start, end: cue.clause.start + text.length };
}

/** After an inverted verb: its subject, a name or a description, to the end of the sentence. */
const INVERTED_SUBJECT = /^\s+\p{Lu}[^_“”";:]*$/u;
/** The last comma-separated part of a subject: a name, a description or a relative clause. */
const APPOSITION_BEFORE_CUE = /,\s+(?:who|whose|which|the|a|an|\p{Lu})[^,]*$/u;

/** "<clause>, Governor Ellen Marsh's office warned on Thursday." */
function reverseComplement(cue: Cue, layout: TextLayout): { start: number; end: number } | null {
  const { masked } = layout;
  const after = masked.slice(cue.end, cue.clause.end);
  // "…, the minister said on Wednesday, a move that drew protest.": an appositive may follow, or
  // a participle ("…, she said, citing figures from her department.").
  if (
    !/^(?:\s+(?:on\s+)?\w+day)?\s*(?:[.]|,\s+(?:a|an)\s[^_“”"]*|,\s+\p{Ll}+ing\s[^_“”"]*)?\s*$/u.test(
      after,
    )
  )
    return null;
  const before = masked.slice(cue.clause.start, cue.start);
  const comma = before.lastIndexOf(',');
  if (comma < 0) return null;
  const speakerWords = before
    .slice(comma + 1)
    .trim()
    .split(/\s+/);
  if (speakerWords.length > 7) return null;
  const text = before.slice(0, comma).trimEnd();
  // A quoted fragment inside makes it mixed speech; a quote of its own is attributed as such.
  const unquoted = text.replace(/[“"][_\s]*[”"]?/g, ' ').trim();
  if (unquoted.split(/\s+/).length < 4 || /^\s*[_“”"]/.test(text)) return null;
  // "Asked whether the state would pay, she demurred": the question put to the speaker.
  if (QUESTION_PUT.test(text.trimStart())) return null;
  const start = cue.clause.start + (text.length - text.trimStart().length);
  return { start, end: cue.clause.start + text.length };
}

function frameOf(cue: Cue, masked: string): { start: number; end: number; text: string } {
  const { start, end } = cue.clause;
  if (!cue.complement) return { start, end, text: masked.slice(start, end) };
  // The reported clause is not the frame: its dates and nouns belong to what was said.
  const text = masked.slice(start, end);
  const from = Math.max(0, cue.complement.start - start);
  const to = cue.complement.end - start;
  return {
    start,
    end,
    text: text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(Math.max(to, from)),
  };
}

function detectChannel(
  frame: { start: number; text: string },
  table: EntityTable,
): QuoteChannel | null {
  const told = /\b(?:told|telling|speaking to|speaking with|interview (?:to|with))\s+(?:the\s+)?/gi;
  for (let match = told.exec(frame.text); match; match = told.exec(frame.text)) {
    const ref = table.mentionAt(frame.start + match.index + match[0].length);
    if (ref?.entity.kind === 'MEDIA_OUTLET') return 'INTERVIEW';
  }
  for (const { pattern, channel } of CHANNEL_PATTERNS) if (pattern.test(frame.text)) return channel;
  return null;
}

function outletIn(
  table: EntityTable,
  cue: Cue,
  frame: { start: number; end: number; text: string },
): EntityDraft | null {
  for (const ref of table.mentionsIn(frame.start, frame.end)) {
    if (ref.entity.kind !== 'MEDIA_OUTLET') continue;
    if (
      cue.complement &&
      ref.mention.start >= cue.complement.start &&
      ref.mention.end <= cue.complement.end
    )
      continue;
    // "an email to staff seen by the Ledger": the outlet saw the words; nobody spoke to it.
    if (
      /\b(?:seen|obtained|reviewed|read)\s+by\s+(?:the\s+)?$/i.test(
        frame.text.slice(0, ref.mention.start - frame.start),
      )
    )
      continue;
    return ref.entity;
  }
  return null;
}

function isDueDate(masked: string, start: number, end: number): boolean {
  const before = masked.slice(Math.max(0, start - 12), start).toLowerCase();
  const after = masked.slice(end, end + 10).toLowerCase();
  return (
    /\b(?:by|until|before|deadline|due|to)\s+(?:the\s+)?$/.test(before) ||
    /^\s*deadline/.test(after)
  );
}

/** The next utterance of the same speaker, close by, keeps the occasion unless it names its own. */
function inherit(utterance: Utterance, previous: Utterance | undefined): void {
  if (!previous || previous.speaker !== utterance.speaker) return;
  if (utterance.paragraph - previous.paragraph > 2) return;
  const ownChannel = utterance.channel;
  if (utterance.spokenOn === null) utterance.spokenOn = previous.spokenOn;
  if (utterance.channel === null) utterance.channel = previous.channel;
  if (utterance.via === null && (ownChannel === null || ownChannel === previous.channel))
    utterance.via = previous.via;
  if (utterance.speakerTitle === null) utterance.speakerTitle = previous.speakerTitle;
}

function confidenceOf(actor: ResolvedActor | null): number {
  if (!actor) return 0.3;
  if (!actor.mention) return 0.9;
  return actor.mention.form === 'PRONOUN' ? 0.7 : 0.75;
}

/**
 * 'X spoke to reporters outside parliament.' and then a paragraph that is nothing but a quote:
 * the person the last sentence of the paragraph before is about says it.
 */
const DASH_AFTER_QUOTE = /^[”"][ \t]+[—–][ \t]+(?=\p{Lu})/u;
/** What may follow the name: its description, the end of the sentence or of the paragraph. */
const AFTER_SIGNATURE = /^[ \t]*(?:[,.(]|$)/;

/**
 * "‘We will appeal’ — Jane Doe, the club’s chair.", "\"…\" – X, a farmer": a person named after a
 * dash right after the closing mark signs the quotation.
 */
function namedAfterDash(
  span: QuotedSpan,
  layout: TextLayout,
  table: EntityTable,
): Utterance | null {
  const { body } = layout;
  const dash = DASH_AFTER_QUOTE.exec(body.slice(span.end, span.end + 8));
  if (!dash) return null;
  const at = span.end + dash[0].length;
  const ref = table.mentionAt(at);
  if (!ref || ref.mention.start !== at || ref.mention.form !== 'NAME') return null;
  // A name with no other evidence of its kind may still be typed an organisation; a place never signs.
  if (ref.entity.kind === 'PLACE' || ref.entity.kind === 'COUNTRY') return null;
  const paragraph = layout.paragraphs[span.paragraph];
  const rest = body.slice(
    ref.mention.end,
    Math.min(paragraph?.end ?? body.length, ref.mention.end + 4),
  );
  if (!AFTER_SIGNATURE.test(rest)) return null;
  return {
    speaker: ref.entity,
    position: at,
    paragraph: span.paragraph,
    channel: null,
    via: null,
    spokenOn: null,
    speakerTitle: null,
  };
}

function introducedInParagraphBefore(
  span: QuotedSpan,
  layout: TextLayout,
  table: EntityTable,
  cues: Cue[],
): Utterance | null {
  const { masked, paragraphs, sentences } = layout;
  const paragraph = paragraphs[span.paragraph];
  if (!paragraph || span.paragraph === 0 || span.continuesPrevious) return null;
  // Nothing but the quotation in its paragraph.
  const outside = (masked.slice(paragraph.start, paragraph.end).match(/\p{L}+/gu) ?? []).length;
  if (outside > 0) return null;
  const previous = [...sentences].reverse().find((s) => s.paragraph === span.paragraph - 1);
  if (!previous || /[_“”"]/.test(masked.slice(previous.start, previous.end))) return null;
  const named = table
    .mentionsIn(previous.start, previous.end)
    .find((ref) => ref.mention.form === 'NAME' && ref.entity.kind !== 'PLACE')?.entity;
  // "She added that the ruling was wrong. ¶ \"Nobody asked us.\"": a pronoun subject that spoke.
  const sentence = sentences.indexOf(previous);
  const spoke = /^\s*(?:He|She)\s+\p{Ll}/u.test(masked.slice(previous.start, previous.end))
    ? cues.find((c) => c.clause.sentence === sentence && c.utterance)?.utterance?.speaker
    : undefined;
  const subject = named ?? spoke;
  if (!subject || subject.kind !== 'PERSON') return null;
  const frame = masked.slice(previous.start, previous.end);
  return {
    speaker: subject,
    position: span.start,
    paragraph: span.paragraph,
    channel: detectChannel({ start: previous.start, text: frame }, table),
    via: null,
    spokenOn: null,
    speakerTitle: null,
  };
}

/**
 * 'Klein was unmoved. "Then we will find the money elsewhere."': a quotation with no cue in its
 * sentence, after a sentence of the same paragraph that opens with a person's name or with "he"
 * or "she" and holds no quotation, is that person's.
 */
function subjectOfSentenceBefore(
  span: QuotedSpan,
  clause: Clause,
  layout: TextLayout,
  table: EntityTable,
  resolver: SpeakerResolver,
): Utterance | null {
  const { masked, sentences } = layout;
  const previous = sentences[clause.sentence - 1];
  if (!previous || previous.paragraph !== span.paragraph || span.continuesPrevious) return null;
  const text = masked.slice(previous.start, previous.end);
  if (/[_“”"]/.test(text)) return null;
  // The quotation ends its own sentence: nothing after it that could name another speaker.
  const own = sentences[clause.sentence];
  if (own && /\p{L}/u.test(masked.slice(span.end, own.end))) return null;
  const lead = previous.start + (text.length - text.trimStart().length);
  let subject: EntityDraft | null = null;
  // "She was unmoved.", "His answer was blunt.": a pronoun or its possessive opens the sentence.
  const pronoun = SUBJECT_PRONOUN.exec(text)?.[1] ?? POSSESSIVE_WORDS.exec(text.trim())?.[1];
  if (pronoun) {
    const lower = pronoun.toLowerCase();
    subject = resolver.byPronoun(lower === 'his' ? 'he' : lower === 'her' ? 'she' : lower, lead);
  } else {
    // "Klein was unmoved.", "Asked whether he would close, Haddad shrugged.", "Costa's answer was
    // blunt.": the first name, at the start or after an opening phrase, before a verb.
    const first = table.mentionsIn(previous.start, previous.end)[0];
    const opening = first ? masked.slice(lead, first.mention.start) : '';
    const after = first ? masked.slice(first.mention.end, previous.end) : '';
    if (
      first?.mention.form === 'NAME' &&
      (opening === '' || /^\p{Lu}\p{Ll}+\s[^,]*,\s+$/u.test(opening)) &&
      (/^\s+\p{Ll}/u.test(after) || POSSESSIVE_AFTER_NAME.test(after))
    )
      subject = first.entity;
  }
  if (!subject || subject.kind !== 'PERSON') return null;
  return {
    speaker: subject,
    position: span.start,
    paragraph: span.paragraph,
    channel: null,
    via: null,
    spokenOn: null,
    speakerTitle: null,
  };
}

/** "He shook his head.", "She was unmoved.": a pronoun opening a sentence as its subject. */
const SUBJECT_PRONOUN = /^\s*(He|She)\s+\p{Ll}/u;

/** "Costa's answer was blunt.": a name's possessive before a noun for what was said. */
const POSSESSIVE_AFTER_NAME = new RegExp(
  String.raw`^['’]s?\s+(?:[a-z-]+\s+)?(?:${SAID_NOUNS})\b`,
  'i',
);

/**
 * '"…bank?" Mr. X said.': a quote ending its sentence with ?, ! or a stop, attributed in the
 * short sentence right after the closing mark.
 */
function attributionAfterClosingMark(
  span: QuotedSpan,
  layout: TextLayout,
  speakerCues: Cue[],
): Cue | undefined {
  const { body, masked } = layout;
  if (!/[?!.]\s*$/.test(body.slice(span.start, span.end))) return undefined;
  const after = /^[”"]?[ \t]*/.exec(body.slice(span.end))?.[0].length ?? 0;
  const next = span.end + after;
  const cue = speakerCues.find((c) => c.start >= next);
  // "Oyelowo said the party needed …" after the quote reports its own clause: a new sentence.
  if (!cue || cue.participle || cue.according || cue.complement) return undefined;
  const lead = masked.slice(next, cue.start);
  // Only the attribution itself: "Mr. X said", "asked economist Y", no quote or clause between.
  if (/[\n_“”"]/.test(lead) || lead.trim().split(/\s+/).length > 6) return undefined;
  if (/[.;!?]\s/.test(lead.replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|St)\.\s/g, '')))
    return undefined;
  return cue;
}

/** Finite verbs that do not end in -ed: "The Minnesota Democrat | took aim at …". */
const IRREGULAR_PAST =
  /^(?:took|made|gave|went|was|is|has|had|left|sent|put|set|kept|held|met|won|lost|spoke|wrote|came|ran|got|found|brought|thought|began|told|said|saw|drew|struck|led|laid|shot|hit|cast|threw|took)$/;

/** "The Minnesota Democrat | aimed her criticism at …": a description subject ends at its verb. */
function verbAfterDescription(
  segment: { start: number; end: number },
  masked: string,
): number | null {
  const text = masked.slice(segment.start, segment.end);
  const lead = /^\s*(?:the|a|an)\s+/i.exec(text);
  if (!lead) return null;
  const word = /[\p{L}'’-]+/gu;
  word.lastIndex = lead[0].length;
  let words = 0;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    words++;
    if (words > 5) return null;
    const w = match[0];
    if (words > 1 && /^\p{Ll}/u.test(w) && (/[^e]ed$|eed$/.test(w) || IRREGULAR_PAST.test(w)))
      return segment.start + match.index;
  }
  return null;
}

/** Where the verb after the clause's first name starts ("Mirela Dragan | aimed her criticism"). */
function verbAfterName(
  segment: { start: number; end: number },
  layout: TextLayout,
  resolver: SpeakerResolver,
): number | null {
  const first = resolver.namesIn(segment.start, segment.end)[0];
  if (!first) return null;
  const rest = layout.masked.slice(first.end, segment.end);
  const verb = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(rest);
  if (!verb?.[1] || /^(?:of|and|for|at|in|on|de|van|von|da|del|bin|al)$/.test(verb[1])) return null;
  return first.end;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/** The noun of a work, or a verb that names one, right before its title's opening mark. */
const WORK_BEFORE =
  /\b(?:novel|book|film|movie|song|album|show|series|play|documentary|memoir|poem|podcast|programme|program|titled|entitled|called|named)[,:]?\s+["“]$/i;

const TITLE_SMALL_WORDS = new Set([
  'of',
  'the',
  'a',
  'an',
  'and',
  'in',
  'on',
  'to',
  'for',
  'at',
  'with',
  'or',
]);

/**
 * "Meet the Press", "Morning Matters": capitalised words with no punctuation are the title of a
 * show, book or slogan, not something said. A spoken fragment ends in a comma or stop, or has a
 * lower-case word that is not a small word of a title.
 */
export function isTitleOfWork(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 6 || /[,.;:!?]$/.test(text.trim())) return false;
  if (!/^[\p{Lu}\d]/u.test(words[0] ?? '')) return false;
  return words.every((word) => /^[\p{Lu}\d]/u.test(word) || TITLE_SMALL_WORDS.has(word));
}
