// Reads raw article text: either the fixture format `date YYYY-MM-DD Place/Place: body` or plain
// body text with the publication date supplied separately.
import { ArticleTextError } from './errors';

export interface ParsedArticleText {
  publishedOn: string;
  datelines: string[];
  body: string;
}

export interface ParseOptions {
  /** Required when the text has no `date …` header; ignored-but-checked when it has one. */
  publishedOn?: string;
  datelines?: string[];
}

// The place list stops at the first colon; places may contain spaces ("New York") but not digits,
// which keeps a body sentence with a colon from being mistaken for a dateline.
const HEADER = /^date[ \t]+(\S+)[ \t]+([^:\n\d]+?):[ \t]*/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip.
  return date.toISOString().slice(0, 10) === value;
}

export function parseArticleText(raw: string, options: ParseOptions = {}): ParsedArticleText {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new ArticleTextError('Article text is empty.', 'text');
  }
  // Fixture files start with a space and may carry a BOM; neither is content.
  const text = raw.replace(/^\uFEFF/, '').trimStart();

  if (/^date\b/i.test(text)) {
    const header = HEADER.exec(text);
    if (!header) {
      throw new ArticleTextError(
        'Article text starts with "date" but is not "date YYYY-MM-DD Place/Place: body".',
        'text',
      );
    }
    const [whole, date = '', places = ''] = header;
    if (!isIsoDate(date)) {
      throw new ArticleTextError(
        `"${date}" is not a valid date in YYYY-MM-DD form.`,
        'publishedOn',
      );
    }
    const datelines = places
      .split('/')
      .map((place) => place.trim())
      .filter((place) => place !== '');
    if (datelines.length === 0) {
      throw new ArticleTextError('The dateline names no place before the colon.', 'datelines');
    }
    const body = text.slice(whole.length).trimEnd();
    if (body === '') throw new ArticleTextError('The article has a header but no body.', 'body');
    return { publishedOn: date, datelines, body };
  }

  if (options.publishedOn === undefined) {
    throw new ArticleTextError(
      'Plain article text needs a publication date: pass publishedOn or start with "date YYYY-MM-DD Place:".',
      'publishedOn',
    );
  }
  if (!isIsoDate(options.publishedOn)) {
    throw new ArticleTextError(
      `"${options.publishedOn}" is not a valid date in YYYY-MM-DD form.`,
      'publishedOn',
    );
  }
  const datelines = (options.datelines ?? []).map((place) => place.trim());
  if (datelines.some((place) => place === '')) {
    throw new ArticleTextError('A dateline place is blank.', 'datelines');
  }
  return { publishedOn: options.publishedOn, datelines, body: text.trimEnd() };
}
