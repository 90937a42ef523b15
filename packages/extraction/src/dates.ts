// Resolves date expressions ("Sunday", "on Friday", "September 20", "within 30 days") against the
// publication date. chrono-node reads the expression; the direction (said in the past, due in
// the future) is ours, because chrono cannot know whether "Friday" is last week's or next.
import * as chrono from 'chrono-node/en';

export type DateDirection = 'past' | 'future';

export interface FoundDate {
  start: number;
  end: number;
  text: string;
  iso: string;
  /** Only a weekday was given ("Friday"), so the direction decided the date. */
  weekdayOnly: boolean;
}

const DATE_HINT =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\btoday\b|\byesterday\b|\btomorrow\b/i;

export function toIsoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function fromIsoDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  // Noon keeps day arithmetic clear of daylight-saving edges.
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

export function addDays(iso: string, days: number): string {
  const date = fromIsoDay(iso);
  date.setDate(date.getDate() + days);
  return toIsoDay(date);
}

export function weekdayOf(iso: string): number {
  return fromIsoDay(iso).getDay();
}

/** Date expressions in `text` (offsets relative to `base`), resolved in the given direction. */
export function findDates(
  text: string,
  base: number,
  publishedOn: string,
  direction: DateDirection,
): FoundDate[] {
  return new ArticleDates(publishedOn).findIn(text, base, direction);
}

/**
 * The date expressions of one article, resolved against its publication date. chrono's reading
 * of a text does not depend on the direction, and the quote and deadline passes ask about the
 * same sentences, so each text is read once per article (not across articles: other articles'
 * sentences are other text).
 */
export class ArticleDates {
  private readonly reference: Date;
  /** What the direction needs of chrono's results, kept small: a text's results live as long as the article. */
  private readonly readings = new Map<string, ChronoReading[]>();

  constructor(readonly publishedOn: string) {
    this.reference = fromIsoDay(publishedOn);
  }

  /** Date expressions in `text` (offsets relative to `base`), resolved in the given direction. */
  findIn(text: string, base: number, direction: DateDirection): FoundDate[] {
    if (!DATE_HINT.test(text)) return [];
    const { publishedOn } = this;
    const found: FoundDate[] = [];
    for (const reading of this.read(text)) {
      let { iso } = reading;
      const relativeWord = /\b(?:next|last|this|coming|past)\b/i.test(reading.text);
      if (reading.weekdayOnly && !relativeWord) {
        iso = nearestWeekday(publishedOn, reading.weekday, direction);
      } else if (reading.monthAndDayOnly) {
        // A month and day without a year: the nearest such date in the direction asked for,
        // never further than about a year away.
        const sameYear = `${publishedOn.slice(0, 4)}${iso.slice(4)}`;
        iso = sameYear;
        if (direction === 'future' && sameYear < addDays(publishedOn, -60)) {
          iso = `${Number(publishedOn.slice(0, 4)) + 1}${iso.slice(4)}`;
        } else if (direction === 'past' && sameYear > addDays(publishedOn, 60)) {
          iso = `${Number(publishedOn.slice(0, 4)) - 1}${iso.slice(4)}`;
        }
      }
      found.push({
        start: base + reading.index,
        end: base + reading.index + reading.text.length,
        text: reading.text,
        iso,
        weekdayOnly: reading.weekdayOnly,
      });
    }
    return found;
  }

  private read(text: string): ChronoReading[] {
    let readings = this.readings.get(text);
    if (readings === undefined) {
      readings = chrono.parse(text, this.reference).map(({ index, text: said, start }) => ({
        index,
        text: said,
        iso: toIsoDay(start.date()),
        weekday: start.get('weekday') ?? 0,
        weekdayOnly: start.isCertain('weekday') && !start.isCertain('day'),
        monthAndDayOnly:
          !start.isCertain('year') && start.isCertain('month') && start.isCertain('day'),
      }));
      this.readings.set(text, readings);
    }
    return readings;
  }
}

/** One date expression as chrono read it, before a direction is chosen. */
interface ChronoReading {
  index: number;
  text: string;
  iso: string;
  weekday: number;
  weekdayOnly: boolean;
  monthAndDayOnly: boolean;
}

function nearestWeekday(publishedOn: string, weekday: number, direction: DateDirection): string {
  const today = weekdayOf(publishedOn);
  if (direction === 'past') {
    return addDays(publishedOn, -((today - weekday + 7) % 7));
  }
  const ahead = (weekday - today + 7) % 7;
  return addDays(publishedOn, ahead === 0 ? 7 : ahead);
}

const SPAN_UNITS: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  month: 30,
  months: 30,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fourteen: 14,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

/** "within 30 days", "in two weeks", "would have 180 days": a period, in days, with its span. */
export function findPeriods(
  text: string,
  base: number,
): { start: number; end: number; days: number }[] {
  const periods: { start: number; end: number; days: number }[] = [];
  // Either after a word that opens a period ("within 30 days") or before the act it allows
  // ("gave the ministry 30 days to send", "90 days from Tuesday's decision").
  const pattern =
    /\b(?:(?:within|in|next|have|has|had|given|gets?)\s+(\d+|[a-z]+)\s+(days?|weeks?|months?)\b|(\d+|[a-z]+)\s+(days?|weeks?|months?)\s+(?=to\s+[a-z]|from\b))/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const amount = match[1] ?? match[3] ?? '';
    const count = /^\d+$/.test(amount) ? Number(amount) : NUMBER_WORDS[amount.toLowerCase()];
    const unit = SPAN_UNITS[(match[2] ?? match[4] ?? '').toLowerCase()];
    if (count === undefined || unit === undefined) continue;
    periods.push({
      start: base + match.index,
      end: base + match.index + match[0].length,
      days: count * unit,
    });
  }
  return periods;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The last day of the month `iso` falls in, `months` months later. */
function endOfMonth(iso: string, months: number): string {
  const date = fromIsoDay(iso);
  date.setDate(1);
  date.setMonth(date.getMonth() + months + 1);
  date.setDate(0);
  return toIsoDay(date);
}

/**
 * "by the end of the month", "until the end of next week", "before the end of March": the last
 * day of that period, resolved against the publication date; "the end of the week" is its
 * Friday, the end of a working week.
 */
export function findEndOf(
  text: string,
  base: number,
  publishedOn: string,
  direction: DateDirection,
): FoundDate | null {
  const match =
    /\b(?:by|until|before|at|to)\s+the\s+end\s+of\s+(?:(the|this|next|last)\s+)?(week|month|year|[A-Z][a-z]+|(?:19|20)\d\d)(?:,?\s+((?:19|20)\d\d))?\b/.exec(
      text,
    );
  if (!match) return null;
  const which = (match[1] ?? 'the').toLowerCase();
  const unit = (match[2] ?? '').toLowerCase();
  const step = which === 'next' ? 1 : which === 'last' ? -1 : 0;
  let iso: string;
  if (unit === 'month') {
    iso = endOfMonth(publishedOn, step);
  } else if (unit === 'year') {
    iso = `${Number(publishedOn.slice(0, 4)) + step}-12-31`;
  } else if (/^\d{4}$/.test(unit)) {
    // "by the end of 2032": the year's last day.
    iso = `${unit}-12-31`;
  } else if (unit === 'week') {
    const ahead = (5 - weekdayOf(publishedOn) + 7) % 7;
    iso = addDays(publishedOn, ahead + 7 * step);
  } else {
    const month = MONTHS.indexOf(unit);
    if (month < 0) return null;
    const current = Number(publishedOn.slice(5, 7)) - 1;
    let offset = month - current;
    // "by the end of March 2029": the month of the year stated.
    const year = match[3];
    if (year) offset += 12 * (Number(year) - Number(publishedOn.slice(0, 4)));
    else if (direction === 'future' && offset < 0) offset += 12;
    else if (direction === 'past' && offset > 0) offset -= 12;
    iso = endOfMonth(publishedOn, offset);
  }
  return {
    start: base + match.index,
    end: base + match.index + match[0].length,
    text: match[0],
    iso,
    weekdayOnly: false,
  };
}
