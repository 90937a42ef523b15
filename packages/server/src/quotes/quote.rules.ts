// Where a quote sits in its article: spans count Unicode code points, like PostgreSQL's
// char_length, so a span means the same to the database and to every client.

export interface Span {
  spanStart: number;
  spanEnd: number;
}

/**
 * The span of `text` in `body`: at `spanStart` when given (and it must match there), else the
 * first occurrence. Returns a reason when the quote is not in the body.
 */
export function locateQuote(body: string, text: string, spanStart?: number | null): Span | string {
  // Without surrogate pairs, code points and UTF-16 units count alike and the body is not copied
  // a character at a time (a folder batch locates each of its thousands of quotes twice).
  const points = SURROGATE.test(body) ? [...body] : null;
  const length = [...text].length;
  if (spanStart !== undefined && spanStart !== null) {
    if (spanStart + length > (points ?? body).length) {
      return 'the span runs past the end of the article body';
    }
    const there = points
      ? points.slice(spanStart, spanStart + length).join('') === text
      : spanStart >= 0 && body.startsWith(text, spanStart);
    if (!there) return 'the article body does not have this text at spanStart';
    return { spanStart, spanEnd: spanStart + length };
  }
  const index = body.indexOf(text);
  if (index < 0) return 'must be an exact passage of the article body';
  const start = points ? [...body.slice(0, index)].length : index;
  return { spanStart: start, spanEnd: start + length };
}

const SURROGATE = /[\uD800-\uDFFF]/;
