// The GraphQL shapes of aggregates: timelines of counts per time bucket, and ranked counts.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Deadline, DeadlineStatus } from '../deadlines/deadline.type';
import { Entity } from '../entities/entity.type';
import { QuoteChannel } from '../quotes/quote.type';
import { DateTime, LocalDate } from '../shared/scalars';

export enum TimelineSubject {
  ARTICLES = 'ARTICLES',
  MENTIONS = 'MENTIONS',
  QUOTES = 'QUOTES',
}
registerEnumType(TimelineSubject, {
  name: 'TimelineSubject',
  description: 'What a timeline counts.',
  valuesConfig: {
    ARTICLES: { description: 'Articles, by publication time.' },
    MENTIONS: {
      description:
        'Times an entity is named (the sum of mention counts), by the publication time of the article.',
    },
    QUOTES: { description: 'Quotes, by the publication time of the article they appear in.' },
  },
});

export enum TimeBucket {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(TimeBucket, {
  name: 'TimeBucket',
  description: 'The width of a timeline bucket, in the calendar of the time zone asked for.',
  valuesConfig: {
    DAY: { description: 'A calendar day, from midnight.' },
    WEEK: { description: 'An ISO week, from Monday midnight.' },
    MONTH: { description: 'A calendar month, from midnight on the first.' },
  },
});

@ObjectType('TimelinePoint', { description: 'One bucket of a timeline and what it counts.' })
export class TimelinePoint {
  @Field(() => LocalDate, {
    description: 'The first day of the bucket, in the time zone asked for.',
  })
  date!: string;

  @Field(() => DateTime, { description: 'The instant the bucket starts (midnight in that zone).' })
  start!: Date;

  @Field(() => Int, { description: 'What falls in the bucket (inside the range); 0 when nothing.' })
  count!: number;
}

@ObjectType('Timeline', {
  description:
    'Counts per time bucket over a range, every bucket present (empty ones count 0). The first and last buckets count only the part of them inside the range.',
})
export class Timeline {
  @Field(() => TimelineSubject, { description: 'What is counted.' })
  of!: TimelineSubject;

  @Field(() => TimeBucket, { description: 'The bucket width.' })
  bucket!: TimeBucket;

  @Field(() => String, { description: 'The IANA time zone the buckets follow.' })
  timeZone!: string;

  @Field(() => Int, { description: 'The sum over all buckets.' })
  total!: number;

  @Field(() => [TimelinePoint], { description: 'The buckets, oldest first.' })
  points!: TimelinePoint[];
}

@ObjectType('EntityCount', { description: 'An entity and how often it occurs in a breakdown.' })
export class EntityCount {
  @Field(() => Entity, { description: 'The entity.' })
  entity!: Entity;

  @Field(() => Int, { description: 'What the breakdown counts for it (quotes, articles).' })
  count!: number;
}

@ObjectType('QuoteChannelCount', {
  description: 'A quote channel and how many quotes came through it.',
})
export class QuoteChannelCount {
  @Field(() => QuoteChannel, {
    nullable: true,
    description: 'The channel; null for quotes whose channel is not known.',
  })
  channel!: keyof typeof QuoteChannel | null;

  @Field(() => Int, { description: 'How many quotes.' })
  count!: number;
}

@ObjectType('DeadlineStatusCount', { description: 'How many deadlines are in one status.' })
export class DeadlineStatusCount {
  @Field(() => DeadlineStatus, { description: 'The status.' })
  status!: keyof typeof DeadlineStatus;

  @Field(() => Int, { description: 'How many deadlines.' })
  count!: number;
}

@ObjectType('DeadlineMonthCount', { description: 'How many deadlines fall due in one month.' })
export class DeadlineMonthCount {
  @Field(() => LocalDate, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'How many deadlines are due that month.' })
  count!: number;
}

@ObjectType('DeadlineStats', {
  description: 'The deadlines an entity sets, faces or is concerned by, counted.',
})
export class DeadlineStats {
  @Field(() => Int, { description: 'How many deadlines involve the entity.' })
  total!: number;

  @Field(() => [DeadlineStatusCount], {
    description: 'Counts by current status, most first; statuses with none are left out.',
  })
  byStatus!: DeadlineStatusCount[];

  @Field(() => [DeadlineMonthCount], {
    description:
      'Counts by month of the current due date, oldest first; months with none are left out.',
  })
  byDueMonth!: DeadlineMonthCount[];
}

@ObjectType('ExtendedDeadline', { description: 'A deadline whose due date has been moved later.' })
export class ExtendedDeadline {
  @Field(() => Deadline, { description: 'The deadline.' })
  deadline!: Deadline;

  @Field(() => Int, { description: 'How many times its due date was moved later.' })
  extensions!: number;
}
