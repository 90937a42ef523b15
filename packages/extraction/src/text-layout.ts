// Splits an article body into paragraphs, quoted spans, sentences and word tokens, all with
// character offsets into the body, so every later rule can report exact spans.
import { readSet } from './data';

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

/** The inside of a pair of quotation marks (marks excluded). */
export interface QuotedSpan {
  start: number;
  end: number;
  paragraph: number;
  /** Runs to the end of its paragraph without a closing mark: the quote goes on in the next one. */
  runsOn: boolean;
  /** Opens a paragraph that continues a quote left open in the previous paragraph. */
  continuesPrevious: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  capitalised: boolean;
  /** Ends in 's or ’s, which is not part of `text`. */
  possessive: boolean;
  /** First word of a sentence or of a quotation, where capitals say nothing about names. */
  initial: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
}

export interface TextLayout {
  body: string;
  paragraphs: Paragraph[];
  quoted: QuotedSpan[];
  /** The body with quoted text blanked out (same length), for rules that must not read quotes. */
  masked: string;
  sentences: Sentence[];
  tokens: Token[];
}

const OPENING = new Set(['“', '"']);
const ABBREVIATIONS = readSet('abbreviations.txt');
/** Abbreviations that always stand before a name ("Mr.", "Sen.", "St."). */
const TITLE_ABBREVIATIONS = new Set([...readSet('honorifics.txt'), 'st', 'mt', 'ft']);
/** Words that open a sentence and never continue a name. */
const SENTENCE_OPENERS = readSet('sentence-openers.txt');
const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}$](?:[\p{L}\p{N}'’\-&.,]*[\p{L}\p{N}+])?\+?/gu;

export function layoutText(body: string): TextLayout {
  const paragraphs = splitParagraphs(body);
  const quoted = findQuotedSpans(body, paragraphs);
  const masked = maskQuoted(body, quoted);
  const sentences = splitSentences(body, masked, paragraphs, quoted);
  const tokens = tokenize(body, sentences, quoted);
  return { body, paragraphs, quoted, masked, sentences, tokens };
}

function splitParagraphs(body: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === '\n') {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(body[s] ?? '')) s++;
      while (e > s && /\s/.test(body[e - 1] ?? '')) e--;
      if (e > s) paragraphs.push({ index: paragraphs.length, start: s, end: e });
      start = i + 1;
    }
  }
  return paragraphs;
}

function findQuotedSpans(body: string, paragraphs: Paragraph[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let previousRanOn = false;
  for (const paragraph of paragraphs) {
    let openAt = -1;
    const startsWithOpening = OPENING.has(body[paragraph.start] ?? '');
    const continuesPrevious = previousRanOn && startsWithOpening;
    let first = true;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const ch = body[i];
      const isStraight = ch === '"';
      if (ch === '“' || (isStraight && openAt < 0)) {
        // A straight mark glued to a word on its left closes nothing we opened: it is an inch sign
        // or a typo, so it may open only where a quotation can start.
        if (isStraight && /[\p{L}\p{N}]/u.test(body[i - 1] ?? ' ') && openAt < 0) continue;
        openAt = i;
      } else if ((ch === '”' || isStraight) && openAt >= 0) {
        spans.push({
          start: openAt + 1,
          end: i,
          paragraph: paragraph.index,
          runsOn: false,
          continuesPrevious: first && continuesPrevious && openAt === paragraph.start,
        });
        first = false;
        openAt = -1;
      }
    }
    previousRanOn = false;
    if (openAt >= 0) {
      // Newspaper convention: a quotation spanning paragraphs leaves each paragraph but the last
      // without a closing mark and reopens the next one.
      spans.push({
        start: openAt + 1,
        end: paragraph.end,
        paragraph: paragraph.index,
        runsOn: true,
        continuesPrevious: first && continuesPrevious && openAt === paragraph.start,
      });
      previousRanOn = true;
    }
  }
  return spans.filter((span) => span.end > span.start);
}

/** Spans come in text order and do not overlap (one paragraph after another). */
function maskQuoted(body: string, quoted: QuotedSpan[]): string {
  let masked = '';
  let at = 0;
  for (const span of quoted) {
    const from = Math.max(at, span.start);
    if (span.end <= from) continue;
    masked += body.slice(at, from) + body.slice(from, span.end).replace(/[^\n]/g, '_');
    at = span.end;
  }
  return masked + body.slice(at);
}

function splitSentences(
  body: string,
  masked: string,
  paragraphs: Paragraph[],
  quoted: QuotedSpan[],
): Sentence[] {
  const sentences: Sentence[] = [];
  const quoteEnds = new Map<number, QuotedSpan>();
  for (const span of quoted) quoteEnds.set(span.end, span);
  for (const paragraph of paragraphs) {
    let start = paragraph.start;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const ch = masked[i];
      let boundary = -1;
      if (ch === '.' || ch === '!' || ch === '?') {
        let j = i + 1;
        if (body[j] === '”' || body[j] === '"') j++;
        if (isBoundaryAfter(masked, j) && !isAbbreviation(masked, i)) boundary = j;
      } else if ((ch === '”' || ch === '"') && quoteEnds.has(i)) {
        // A quotation that ends its own sentence ("… rent.” Patience …) closes the sentence too.
        const inner = body[i - 1] ?? '';
        if ((inner === '.' || inner === '!' || inner === '?') && isBoundaryAfter(masked, i + 1)) {
          boundary = i + 1;
        }
      }
      if (boundary > 0) {
        sentences.push({ start, end: boundary, paragraph: paragraph.index });
        start = boundary;
        while (start < paragraph.end && /\s/.test(body[start] ?? '')) start++;
        i = start - 1;
      }
    }
    if (start < paragraph.end)
      sentences.push({ start, end: paragraph.end, paragraph: paragraph.index });
  }
  return sentences;
}

function isBoundaryAfter(masked: string, j: number): boolean {
  if (j >= masked.length) return true;
  if (!/\s/.test(masked[j] ?? '')) return false;
  let k = j;
  while (k < masked.length && masked[k] === ' ') k++;
  const next = masked[k] ?? '';
  return next === '\n' || /[\p{Lu}\p{N}“"‘']/u.test(next);
}

function isAbbreviation(masked: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(masked[s - 1] ?? '')) s--;
  const word = masked.slice(s, dot).toLowerCase();
  // "in Washington D.C. The currency …", "the U.S. It said": a dotted short form ends the sentence
  // when the next word is one that opens sentences, not one that continues a name.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || !TITLE_ABBREVIATIONS.has(word)) {
    const next = /^\s+(\p{L}+)/u.exec(masked.slice(dot + 1, dot + 24))?.[1]?.toLowerCase();
    if (next !== undefined && SENTENCE_OPENERS.has(next)) return false;
  }
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital ("J. Smith") is an initial, not a sentence end.
  return /^\p{Lu}$/u.test(masked.slice(s, dot));
}

function tokenize(body: string, sentences: Sentence[], quoted: QuotedSpan[]): Token[] {
  const tokens: Token[] = [];
  let q = 0;
  for (const sentence of sentences) {
    const text = body.slice(sentence.start, sentence.end);
    TOKEN.lastIndex = 0;
    let previousEnd = sentence.start;
    let first = true;
    for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
      let raw = match[0];
      // Commas and periods are allowed inside tokens only for numbers (1.2, 40,000).
      if (/[.,]/.test(raw) && !/^[\d.,$]+$/.test(raw) && !/^(?:\p{Lu}\.){2,}$/u.test(raw)) {
        const cut = raw.search(/[.,]/);
        raw = raw.slice(0, cut);
        TOKEN.lastIndex = match.index + cut;
        if (raw === '') continue;
      }
      const start = sentence.start + match.index;
      let word = raw;
      let possessive = false;
      if (/['’]s$/i.test(word) && word.length > 2) {
        word = word.slice(0, -2);
        possessive = true;
      } else if (/s['’]$/.test(word)) {
        word = word.slice(0, -1);
        possessive = true;
      } else if (
        /\p{Lu}/u.test(word[0] ?? '') &&
        /s$/.test(word) &&
        /^['’][\s,;:)]/.test(body.slice(start + raw.length, start + raw.length + 2))
      ) {
        // "Vale Highways' managing director": the apostrophe of a plural owner is outside the
        // token, which ends in a letter.
        possessive = true;
      }
      while (q < quoted.length && (quoted[q]?.end ?? 0) <= start) q++;
      const span = quoted[q];
      const isQuoted = span !== undefined && span.start <= start && start < span.end;
      const between = body.slice(previousEnd, start);
      const initial = first || /[“":]|[.!?]\s/.test(between);
      tokens.push({
        text: word,
        lower: word.toLowerCase(),
        start,
        end: start + word.length,
        // "al-Mansouri", "bin-Salem": a particle joined to a capitalised surname is a name too.
        capitalised: isCapitalised(word),
        possessive,
        initial,
        quoted: isQuoted,
      });
      previousEnd = start + raw.length;
      first = false;
    }
  }
  return tokens;
}

const CAPITALISED = /^(?:\p{Lu}|(?:al|el|bin|ibn|abu|ul|ben|ad|as|ash|az)-\p{Lu})/u;

function isCapitalised(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first >= 65 && first <= 90) return true;
  // Other ASCII is never upper case, so only a particle before a hyphen can still make it a name.
  if (first < 128 && !word.includes('-')) return false;
  return CAPITALISED.test(word);
}

/** Index of the sentence containing a character offset. */
export function sentenceAt(layout: TextLayout, offset: number): number {
  const { sentences } = layout;
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return Math.max(0, Math.min(sentences.length - 1, lo - 1));
}
