// British house style puts speech in single quotation marks (‘…’) and quotations within it in
// double ones, and uses the same closing mark (’) for every apostrophe. The rules read speech in
// double marks, so such a text is read through a copy of the same length in which the speech marks
// become “ ” and the marks nested inside them ‘ ’: every offset stays the body's. A text with no
// curly marks at all may do the same with straight ones ('…'), read by the same rules.

const OPEN = '‘';
const CLOSE = '’';
const STRAIGHT = "'";
/** What may stand before an opening mark: a paragraph start, a space, a bracket or a dash. */
const BEFORE_OPENING = /[\s([{—–\-/]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** "‘90s", "‘24", "rock ‘n’ roll", "‘em", "‘til": an elision written with the wrong mark. */
const ELISION_AFTER_OPEN = /^(?:\d\d(?:s\b|\b)|n['’]|em\b|til\b|cause\b|tis\b|twas\b)/i;
const WORD_AFTER_SPACE = /^\s+(\p{L}|\p{N})/u;
/** "‘We back the farmers’ she said": a speaker or a cue after the mark, not the owner's noun. */
const CUE_AFTER_MARK = /^\s+(?:he|she|they|we|it|i|said|says|added|adds|told|tells|asked|asks)\b/;

/**
 * The body with British speech marks rewritten as American ones (same length), or null when the
 * text has no speech in single marks or already puts some of its quotations in double marks
 * outside single ones (then it is read exactly as it is).
 */
export function americanQuotationMarks(body: string): string | null {
  let pairs = body.includes(OPEN) ? findSingleQuotations(body) : [];
  // Straight single marks only in a text that has no curly or double marks at all.
  if (pairs.length === 0 && !/[‘’“”"]/.test(body)) pairs = findSingleQuotations(body, STRAIGHT);
  if (pairs.length === 0) return null;
  const chars = body.split('');
  let p = 0;
  for (let i = 0; i < body.length; i++) {
    while (p < pairs.length && (pairs[p]?.end ?? Infinity) < i) p++;
    const pair = pairs[p];
    const inside = pair !== undefined && pair.open < i && i < pair.end;
    const ch = body[i];
    if (ch === '“' || ch === '”' || ch === '"') {
      // A double mark outside the single ones: the text quotes speech in double marks.
      if (!inside) return null;
      chars[i] = ch === '”' ? CLOSE : ch === '“' ? OPEN : "'";
    }
  }
  for (const pair of pairs) {
    chars[pair.open] = '“';
    if (pair.closed) chars[pair.end] = '”';
  }
  return chars.join('');
}

interface SinglePair {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or of the paragraph end when the quotation runs on. */
  end: number;
  closed: boolean;
}

/**
 * Pairs of ‘ and ’ (or of two straight marks) that enclose a quotation, paragraph by paragraph, in
 * text order.
 */
export function findSingleQuotations(body: string, open: string = OPEN): SinglePair[] {
  const close = open === STRAIGHT ? STRAIGHT : CLOSE;
  const pairs: SinglePair[] = [];
  let paragraphStart = 0;
  while (paragraphStart <= body.length) {
    let paragraphEnd = body.indexOf('\n', paragraphStart);
    if (paragraphEnd < 0) paragraphEnd = body.length;
    let openAt = -1;
    for (let i = paragraphStart; i < paragraphEnd; i++) {
      const ch = body[i];
      if (ch === open && openAt < 0 && isOpening(body, i, paragraphStart)) openAt = i;
      else if (ch === close && openAt >= 0 && isClosing(body, i, paragraphEnd)) {
        pairs.push({ open: openAt, end: i, closed: true });
        openAt = -1;
      }
    }
    if (openAt >= 0) pairs.push({ open: openAt, end: paragraphEnd, closed: false });
    paragraphStart = paragraphEnd + 1;
  }
  return pairs;
}

function isOpening(body: string, i: number, paragraphStart: number): boolean {
  if (i > paragraphStart && !BEFORE_OPENING.test(body[i - 1] ?? '')) return false;
  const next = body[i + 1] ?? '';
  if (next === '' || /\s/.test(next)) return false;
  return !ELISION_AFTER_OPEN.test(body.slice(i + 1, i + 8));
}

function isClosing(body: string, i: number, paragraphEnd: number): boolean {
  const before = body[i - 1] ?? '';
  if (before === '' || /\s/.test(before)) return false; // "the ’90s", "rock ’n’ roll"
  const next = body[i + 1] ?? '';
  if (WORD_CHAR.test(next)) return false; // "don’t", "Ma’am", "o’clock"
  // "rock ’n’ roll": the second mark of an elided word.
  if (body[i - 2] === body[i] && /\s/.test(body[i - 3] ?? ' ')) return false;
  if (before === 's' || before === 'S') {
    // "the players’ union", "the previous owners’ directors": a plural owner before its noun.
    const word = WORD_AFTER_SPACE.exec(body.slice(i + 1, i + 4));
    if (word && /[\p{Ll}\p{N}]/u.test(word[1] ?? '')) {
      return CUE_AFTER_MARK.test(body.slice(i + 1, i + 10));
    }
    // "not the directors’,’ he said": the owner's mark, then the quotation's.
    const rest = body.slice(i + 1, Math.min(paragraphEnd, i + 4));
    if (/^[,.;:!?]['’]/.test(rest)) return false;
  }
  return true;
}
