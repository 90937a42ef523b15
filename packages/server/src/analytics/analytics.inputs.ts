// Arguments of the aggregates, and the checks the GraphQL types cannot express: a bounded,
// ordered range of buckets in a real time zone, and top-N sizes.
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { EntityKind } from '../entities/entity.type';
import { QuoteChannel } from '../quotes/quote.type';
import { badUserInput } from '../shared/errors';
import { ConnectionArgs } from '../shared/pagination';
import { DateTime, LocalDate } from '../shared/scalars';
import { TimeBucket, TimelineSubject } from './analytics.type';

export const MAX_BUCKETS = 1000;
export const MAX_TOP = 100;
export const DEFAULT_TOP = 10;
/** What every aggregate costs before its rows: one grouped statement. */
export const AGGREGATE_BASE_COST = 10;

@ArgsType()
export class TimelineArgs {
  @Field(() => TimelineSubject, { description: 'What to count.' })
  of!: TimelineSubject;

  @Field(() => TimeBucket, { description: 'The bucket width.' })
  bucket!: TimeBucket;

  @Field(() => LocalDate, {
    description: 'The first day of the range (inclusive), in the time zone.',
  })
  from!: string;

  @Field(() => LocalDate, {
    description: `The day after the range (exclusive), in the time zone. At most ${MAX_BUCKETS} buckets.`,
  })
  to!: string;

  @Field(() => String, {
    defaultValue: 'UTC',
    description: 'An IANA time zone (Europe/Berlin) whose calendar the buckets follow.',
  })
  timeZone!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'QUOTES: only quotes by this speaker. ARTICLES, MENTIONS: only articles quoting this speaker.',
  })
  speaker?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only articles from this outlet (an Entity ID).',
  })
  source?: string | null;

  @Field(() => [QuoteChannel], {
    nullable: true,
    description: 'Only quotes given through these channels (needs QUOTES or a speaker).',
  })
  channels?: (keyof typeof QuoteChannel)[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only articles whose text matches this full-text search (1–200 characters).',
  })
  search?: string | null;
}

@ArgsType()
export class RootTimelineArgs extends TimelineArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only articles mentioning this entity; with MENTIONS, the times this entity is named.',
  })
  entity?: string | null;
}

@ArgsType()
export class BreakdownArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_TOP,
    description: `How many to return, most first (1–${MAX_TOP}).`,
  })
  first!: number;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only articles published at or after this instant.',
  })
  publishedFrom?: Date | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only articles published before this instant.',
  })
  publishedBefore?: Date | null;
}

@ArgsType()
export class CoMentionArgs extends BreakdownArgs {
  @Field(() => [EntityKind], { nullable: true, description: 'Only entities of these kinds.' })
  kinds?: (keyof typeof EntityKind)[] | null;
}

@ArgsType()
export class TopSpeakersArgs extends BreakdownArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only quotes in articles mentioning this entity.',
  })
  about?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only quotes in articles whose text matches this search (1–200 characters).',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only articles from this outlet.' })
  source?: string | null;

  @Field(() => [QuoteChannel], {
    nullable: true,
    description: 'Only quotes given through these channels.',
  })
  channels?: (keyof typeof QuoteChannel)[] | null;
}

@ArgsType()
export class QuotesAboutArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only quotes in articles mentioning this entity.',
  })
  entity?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only quotes in articles whose text matches this search (1–200 characters).',
  })
  search?: string | null;
}

@ArgsType()
export class RootQuotesAboutArgs extends QuotesAboutArgs {
  @Field(() => ID, { description: 'The speaker (an Entity ID).' })
  speaker!: string;
}

@ArgsType()
export class ExtendedDeadlinesArgs {
  @Field(() => Int, {
    defaultValue: 2,
    description: 'Only deadlines extended at least this many times (1 or more).',
  })
  minExtensions!: number;

  @Field(() => Int, {
    defaultValue: DEFAULT_TOP,
    description: `How many to return, most extended first (1–${MAX_TOP}).`,
  })
  first!: number;
}

@ArgsType()
export class TopArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_TOP,
    description: `How many to return, most first (1–${MAX_TOP}).`,
  })
  first!: number;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** How many buckets cover [from, to); NaN for dates that are not days. */
export function bucketCount(bucket: TimeBucket, from: string, to: string): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return Number.NaN;
  if (bucket === TimeBucket.DAY) return end - start;
  if (bucket === TimeBucket.WEEK) {
    // Day 0 (1970-01-01) was a Thursday: ISO weeks start 3 days before it.
    const monday = start - ((((start + 3) % 7) + 7) % 7);
    return Math.ceil((end - monday) / 7);
  }
  const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const lastDay = new Date((end - 1) * DAY_MS).toISOString().slice(0, 10);
  return month(lastDay) - month(from) + 1;
}

/** The cost of a timeline before it runs: its buckets (the base when the range is invalid). */
export function timelineCost({ args }: { args: Record<string, unknown> }): number {
  const count = bucketCount(args['bucket'] as TimeBucket, String(args['from']), String(args['to']));
  return AGGREGATE_BASE_COST + (Number.isFinite(count) && count > 0 ? count : 0);
}

/** The cost of a top-N list: the base plus N entries and what each asks for. */
export function topCost({
  args,
  childComplexity,
}: {
  args: Record<string, unknown>;
  childComplexity: number;
}): number {
  const first = Number(args['first'] ?? DEFAULT_TOP);
  return AGGREGATE_BASE_COST + (Number.isFinite(first) ? first : MAX_TOP) * (1 + childComplexity);
}

const zones = new Set(Intl.supportedValuesOf('timeZone'));

/** A name from the IANA database that both Node and PostgreSQL know. */
export function timeZoneArgument(value: string): string {
  const name = value.trim();
  let known = name === 'UTC' || zones.has(name);
  if (!known && /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) {
    // Links such as Asia/Calcutta are valid names that supportedValuesOf leaves out.
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
  }
  if (!known) {
    throw badUserInput(
      `"timeZone" must be an IANA time zone name such as UTC or Europe/Berlin; got "${value}".`,
      [{ path: ['timeZone'], message: 'must be an IANA time zone name' }],
    );
  }
  return name;
}

/** Checks a timeline's range: ordered, within the years dates may take, and not too many buckets. */
export function timelineRange(bucket: TimeBucket, from: string, to: string): void {
  const year = (date: string) => Number(date.slice(0, 4));
  if (year(from) < 1800 || year(to) > 2200) {
    throw badUserInput('"from" and "to" must be days between the years 1800 and 2200.', [
      { path: [year(from) < 1800 ? 'from' : 'to'], message: 'must be between 1800 and 2200' },
    ]);
  }
  if (from >= to) {
    throw badUserInput('"from" must be before "to" (the range is from inclusive, to exclusive).', [
      { path: ['from'], message: 'must be before to' },
    ]);
  }
  const count = bucketCount(bucket, from, to);
  if (count > MAX_BUCKETS) {
    throw badUserInput(
      `The range holds ${count} ${bucket.toLowerCase()} buckets; at most ${MAX_BUCKETS} are allowed. Use a shorter range or a wider bucket.`,
      [{ path: ['to'], message: `at most ${MAX_BUCKETS} buckets` }],
    );
  }
}
