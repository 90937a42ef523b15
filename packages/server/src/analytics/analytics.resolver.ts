// Maps the aggregates onto the analytics repository: root queries, and the Entity fields that
// chart one entity (its timeline, who speaks about it, what it said about something).
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { DeadlineRow, EntityRow } from '../db/schema';
import { Entity } from '../entities/entity.type';
import { QuoteConnection } from '../quotes/quote.type';
import type { RequestContext } from '../shared/context';
import { badUserInput } from '../shared/errors';
import { decodeGlobalId } from '../shared/ids';
import { cursorList, toConnection, toKeyset } from '../shared/pagination';
import { intInRange, orderedRange, searchArgument } from '../shared/validation';
import {
  BreakdownArgs,
  CoMentionArgs,
  ExtendedDeadlinesArgs,
  MAX_TOP,
  QuotesAboutArgs,
  RootQuotesAboutArgs,
  RootTimelineArgs,
  TimelineArgs,
  TopArgs,
  TopSpeakersArgs,
  timeZoneArgument,
  timelineCost,
  timelineRange,
  topCost,
} from './analytics.inputs';
import type {
  AggregateFilter,
  AnalyticsRepository,
  EntityCountRow,
  PublishedRange,
  TimelinePointRow,
  TimelineQuery,
} from './analytics.repository';
import {
  DeadlineStats,
  EntityCount,
  ExtendedDeadline,
  QuoteChannelCount,
  TimeBucket,
  Timeline,
  TimelineSubject,
} from './analytics.type';

/** Quotes about an entity page newest report first, like every quote list. */
const quotesAboutList = cursorList('quotesAbout', 'timestamp', 'integer');

const TIMELINE_COST = { complexity: timelineCost };
const TOP_COST = { complexity: topCost };
/** Deadline counts: a few statuses and the months an entity's deadlines fall in. */
const DEADLINE_STATS_COST = 50;

interface EntityCountShape {
  entity: Promise<EntityRow | null>;
  count: number;
}

function top(first: number): number {
  return intInRange(first, 'first', 1, MAX_TOP);
}

function publishedRange(args: BreakdownArgs): PublishedRange {
  orderedRange(args.publishedFrom, args.publishedBefore, 'publishedFrom', 'publishedBefore');
  return { from: args.publishedFrom ?? undefined, before: args.publishedBefore ?? undefined };
}

function withEntities(rows: EntityCountRow[], { loaders }: RequestContext): EntityCountShape[] {
  return rows.map((row) => ({
    entity: loaders.entities.byId.load(row.entityId),
    count: row.count,
  }));
}

/** Checks a timeline's arguments; `entityId` comes from the root query's argument. */
function timelineQuery(args: TimelineArgs, entityId: number | undefined): TimelineQuery {
  const timeZone = timeZoneArgument(args.timeZone);
  timelineRange(args.bucket, args.from, args.to);
  const speakerId = args.speaker ? decodeGlobalId(args.speaker, 'Entity', 'speaker') : undefined;
  if (
    args.channels &&
    args.channels.length > 0 &&
    args.of !== TimelineSubject.QUOTES &&
    !speakerId
  ) {
    throw badUserInput('"channels" applies to QUOTES timelines, or with a speaker.', [
      { path: ['channels'], message: 'needs of: QUOTES or a speaker' },
    ]);
  }
  return {
    of: args.of,
    bucket: args.bucket,
    from: args.from,
    to: args.to,
    timeZone,
    filter: {
      entityId,
      speakerId,
      sourceId: args.source ? decodeGlobalId(args.source, 'Entity', 'source') : undefined,
      channels: args.channels ?? undefined,
      search: searchArgument(args.search, 'search'),
    },
  };
}

function toTimeline(query: TimelineQuery, points: TimelinePointRow[]): Timeline {
  return {
    of: query.of as TimelineSubject,
    bucket: query.bucket as TimeBucket,
    timeZone: query.timeZone,
    total: points.reduce((sum, point) => sum + point.count, 0),
    points,
  };
}

/** A speaker's quotes about an entity or a search, as a connection. */
async function quotesAbout(
  repository: AnalyticsRepository,
  speakerId: number,
  args: QuotesAboutArgs,
) {
  if (!args.entity && !args.search) {
    throw badUserInput('Pass "entity" or "search": what the quotes are about.', [
      { path: ['entity'], message: 'entity or search is required' },
    ]);
  }
  const filter: AggregateFilter = {
    entityId: args.entity ? decodeGlobalId(args.entity, 'Entity', 'entity') : undefined,
    search: searchArgument(args.search, 'search'),
  };
  const keyset = toKeyset(args, quotesAboutList);
  const rows = await repository.quotesAbout(speakerId, filter, keyset);
  return toConnection(rows, keyset, {
    list: quotesAboutList,
    keyOf: (row) => [row.reportedAt.toISOString(), row.id],
    count: () => repository.countQuotesAbout(speakerId, filter),
  });
}

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly repository: AnalyticsRepository) {}

  @Query(() => Timeline, {
    description:
      'Counts of articles, mentions or quotes per day, week or month over a range, filtered like the lists. Costs its bucket count.',
    ...TIMELINE_COST,
  })
  async timeline(@Args(() => RootTimelineArgs) args: RootTimelineArgs): Promise<Timeline> {
    const entityId = args.entity ? decodeGlobalId(args.entity, 'Entity', 'entity') : undefined;
    const query = timelineQuery(args, entityId);
    return toTimeline(query, await this.repository.timeline(query));
  }

  @Query(() => QuoteConnection, {
    description:
      'What a speaker said about something: their quotes in articles mentioning an entity or matching a search, newest first.',
  })
  quotesAbout(@Args(() => RootQuotesAboutArgs) args: RootQuotesAboutArgs) {
    return quotesAbout(this.repository, decodeGlobalId(args.speaker, 'Entity', 'speaker'), args);
  }

  @Query(() => [EntityCount], {
    description:
      'The speakers quoted most, with their quote counts: about an entity, in articles matching a search, from an outlet, or overall. Costs first plus a base.',
    ...TOP_COST,
  })
  async topSpeakers(
    @Args(() => TopSpeakersArgs) args: TopSpeakersArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    const limit = top(args.first);
    const range = publishedRange(args);
    const filter: AggregateFilter = {
      entityId: args.about ? decodeGlobalId(args.about, 'Entity', 'about') : undefined,
      sourceId: args.source ? decodeGlobalId(args.source, 'Entity', 'source') : undefined,
      channels: args.channels ?? undefined,
      search: searchArgument(args.search, 'search'),
    };
    return withEntities(await this.repository.topSpeakers(filter, range, limit), context);
  }

  @Query(() => [ExtendedDeadline], {
    description:
      'Deadlines whose due date was moved later several times, most extended first. Costs first plus a base.',
    ...TOP_COST,
  })
  async extendedDeadlines(
    @Args(() => ExtendedDeadlinesArgs) args: ExtendedDeadlinesArgs,
    @Ctx() { loaders }: RequestContext,
  ): Promise<{ deadline: Promise<DeadlineRow | null>; extensions: number }[]> {
    const limit = top(args.first);
    const minimum = intInRange(args.minExtensions, 'minExtensions', 1, 1000);
    const rows = await this.repository.extendedDeadlines(minimum, limit);
    return rows.map((row) => ({
      deadline: loaders.deadlines.byId.load(row.deadlineId),
      extensions: row.extensions,
    }));
  }

  @Query(() => [EntityCount], {
    description:
      'The entities that set the most deadlines that were then missed, with how many. Costs first plus a base.',
    ...TOP_COST,
  })
  async missedDeadlinesBySetter(
    @Args(() => TopArgs) args: TopArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    return withEntities(await this.repository.missedDeadlinesBySetter(top(args.first)), context);
  }
}

@Resolver(() => Entity)
export class EntityAnalyticsResolver {
  constructor(private readonly repository: AnalyticsRepository) {}

  @FieldResolver(() => Timeline, {
    description:
      'How often articles mention this entity (ARTICLES), how often it is named (MENTIONS), or how many quotes appear in articles about it (QUOTES), per bucket. Costs its bucket count.',
    ...TIMELINE_COST,
  })
  async timeline(
    @Root() entity: EntityRow,
    @Args(() => TimelineArgs) args: TimelineArgs,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Timeline> {
    // Entities on one list asking the same timeline share one statement.
    const query = timelineQuery(args, undefined);
    return toTimeline(query, await loaders.analytics.timeline(query).load(entity.id));
  }

  @FieldResolver(() => [EntityCount], {
    description:
      'Who is quoted most in articles mentioning this entity, with quote counts. Costs first plus a base.',
    ...TOP_COST,
  })
  async topSpeakers(
    @Root() entity: EntityRow,
    @Args(() => BreakdownArgs) args: BreakdownArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    const rows = await this.repository.topSpeakers(
      { entityId: entity.id },
      publishedRange(args),
      top(args.first),
    );
    return withEntities(rows, context);
  }

  @FieldResolver(() => [EntityCount], {
    description:
      'The entities mentioned most often in the same articles, with how many articles they share. Costs first plus a base.',
    ...TOP_COST,
  })
  async coMentions(
    @Root() entity: EntityRow,
    @Args(() => CoMentionArgs) args: CoMentionArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    const rows = await this.repository.coMentions(
      entity.id,
      args.kinds ?? undefined,
      publishedRange(args),
      top(args.first),
    );
    return withEntities(rows, context);
  }

  @FieldResolver(() => [EntityCount], {
    description:
      'The outlets that published the most articles mentioning this entity, with article counts. Costs first plus a base.',
    ...TOP_COST,
  })
  async coveringOutlets(
    @Root() entity: EntityRow,
    @Args(() => BreakdownArgs) args: BreakdownArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    const rows = await this.repository.outletsCovering(
      entity.id,
      publishedRange(args),
      top(args.first),
    );
    return withEntities(rows, context);
  }

  @FieldResolver(() => [EntityCount], {
    description:
      "The outlets whose articles carry the most of this speaker's quotes, with quote counts. Costs first plus a base.",
    ...TOP_COST,
  })
  async quotingOutlets(
    @Root() entity: EntityRow,
    @Args(() => BreakdownArgs) args: BreakdownArgs,
    @Ctx() context: RequestContext,
  ): Promise<EntityCountShape[]> {
    const rows = await this.repository.outletsQuoting(
      entity.id,
      publishedRange(args),
      top(args.first),
    );
    return withEntities(rows, context);
  }

  @FieldResolver(() => [QuoteChannelCount], {
    description: "How many of this speaker's quotes came through each channel, most first.",
    complexity: 20,
  })
  async quoteChannels(
    @Root() entity: EntityRow,
    @Args(() => BreakdownArgs) args: BreakdownArgs,
  ): Promise<QuoteChannelCount[]> {
    return this.repository.quoteChannels(entity.id, publishedRange(args));
  }

  @FieldResolver(() => QuoteConnection, {
    description:
      'What this entity said about something: its quotes in articles mentioning an entity or matching a search, newest first.',
  })
  quotesAbout(@Root() entity: EntityRow, @Args(() => QuotesAboutArgs) args: QuotesAboutArgs) {
    return quotesAbout(this.repository, entity.id, args);
  }

  @FieldResolver(() => DeadlineStats, {
    description:
      'The deadlines this entity sets, faces or is concerned by, counted by status and by due month.',
    complexity: DEADLINE_STATS_COST,
  })
  async deadlineStats(@Root() entity: EntityRow): Promise<DeadlineStats> {
    const [byStatus, byDueMonth] = await Promise.all([
      this.repository.deadlinesByStatus(entity.id),
      this.repository.deadlinesByDueMonth(entity.id),
    ]);
    return {
      total: byStatus.reduce((sum, row) => sum + row.count, 0),
      byStatus,
      byDueMonth,
    };
  }
}

export type { EntityCount, ExtendedDeadline };
