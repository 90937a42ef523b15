// The Subscription root: each field listens to one outbox topic through the instance's event
// hub (registered under the key its most selective argument gives, so events that cannot match
// never reach it), keeps the events its arguments ask for, and resolves them from the row each
// names, which the hub loads once per instance for every listener.
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@dateline/schema';
import { Arg, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { Article } from '../articles/article.type';
import type { ArticleRow } from '../articles/article.repository';
import type { DeadlineRow, EntityRow } from '../db/schema';
import { DeadlineStatus } from '../deadlines/deadline.type';
import { Quote, QuoteChannel } from '../quotes/quote.type';
import type { QuoteRow } from '../quotes/quote.repository';
import type { Repositories } from '../repositories';
import type { RequestContext } from '../shared/context';
import { badUserInput } from '../shared/errors';
import { decodeGlobalId, toGlobalId } from '../shared/ids';
import { searchArgument } from '../shared/validation';
import type { EventHub, HubEvent } from './event-hub';
import {
  MAX_COUNTDOWN_DAYS,
  type ArticleCreatedPayload,
  type EntityMergedPayload,
  type QuoteCreatedPayload,
  type Topic,
  type TopicPayloads,
} from './event.repository';
import {
  DeadlineChangedEvent,
  DeadlineComingDueEvent,
  EntityMergedEvent,
} from './subscription.type';

/** The request context of a WebSocket operation: what a subscription listens through. */
export interface SubscriptionContext extends RequestContext {
  realtime: { hub: EventHub; repositories: Repositories };
}

function realtimeOf(context: RequestContext): SubscriptionContext['realtime'] {
  const realtime = (context as Partial<SubscriptionContext>).realtime;
  if (!realtime) {
    throw new GraphQLError(
      'Subscriptions are served over WebSocket (graphql-ws protocol) at the same /graphql URL.',
      { extensions: { code: ErrorCode.BadRequest } },
    );
  }
  return realtime;
}

/**
 * The events of `topic` (only those found by one of `keys`, when given) that `select` turns into
 * a value. Written as a plain iterator, not an async generator: returning it (the client
 * unsubscribed) must end a pending wait at once.
 */
function listen<T extends Topic, V>(
  context: RequestContext,
  topic: T,
  keys: readonly string[] | undefined,
  select: (event: HubEvent<T>) => Promise<V | undefined>,
): AsyncIterableIterator<V> {
  const { hub } = realtimeOf(context);
  const source = hub.subscribe(topic, keys);
  const iterator: AsyncIterableIterator<V> = {
    async next() {
      for (;;) {
        const next = await source.next();
        if (next.done) return { value: undefined, done: true };
        const value = await select(next.value);
        if (value === undefined) continue;
        // A subscription's context lives as long as it does: each event is resolved with the
        // loaders of the read it came in, so it sees the rows as committed, not as they were at
        // the first event, and shares their batches with every other subscription.
        context.loaders = next.value.loaders;
        return { value, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** The rows each topic's events name, for the hub: one statement per topic and read. */
export async function loadEventRows<T extends Topic>(
  repositories: Repositories,
  topic: T,
  payloads: TopicPayloads[T][],
): Promise<unknown[]> {
  const inOrder = async <R extends { id: number }>(
    ids: number[],
    byIds: (ids: number[]) => Promise<R[]>,
  ) => {
    const rows = new Map((await byIds([...new Set(ids)])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  };
  switch (topic) {
    case 'article.created':
      return inOrder(
        (payloads as ArticleCreatedPayload[]).map((p) => p.id),
        (ids) => repositories.articles.byIds(ids),
      );
    case 'quote.created':
      return inOrder(
        (payloads as QuoteCreatedPayload[]).map((p) => p.id),
        (ids) => repositories.quotes.byIds(ids),
      );
    case 'deadline.changed':
    case 'deadline.comingDue':
      return inOrder(
        (payloads as { id: number }[]).map((p) => p.id),
        (ids) => repositories.deadlines.byIds(ids),
      );
    case 'entity.merged':
      return inOrder(
        (payloads as EntityMergedPayload[]).map((p) => p.keptId),
        (ids) => repositories.entities.byIds(ids),
      );
    default:
      return payloads.map(() => undefined);
  }
}

const entityArgument = (value: string | null | undefined, argument: string) =>
  value == null ? undefined : decodeGlobalId(value, 'Entity', argument);

function words(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Article, {
    description:
      'Each article stored from now on (not re-sent when the same article is sent again), optionally only those mentioning an entity or matching a search.',
    subscribe: ({ args: given, context }) => {
      const args = given as Record<string, unknown>;
      const mentioning = entityArgument(args['mentioning'] as string | null, 'mentioning');
      const search = searchArgument(args['search'] as string | null, 'search');
      const wanted = search ? words(search) : [];
      const keys = mentioning === undefined ? undefined : [`entity:${mentioning}`];
      return listen(context as RequestContext, 'article.created', keys, async (event) => {
        if (mentioning !== undefined && !event.payload.entityIds.includes(mentioning)) return;
        const article = (await event.row()) as ArticleRow | undefined;
        if (!article || wanted.length === 0) return article;
        const text = `${article.headline}\n${article.body}`.toLowerCase();
        return wanted.every((word) => text.includes(word)) ? article : undefined;
      });
    },
  })
  articleCreated(
    @Root() article: ArticleRow,
    @Arg('mentioning', () => ID, {
      nullable: true,
      description: 'Only articles that mention this entity (also as source or dateline).',
    })
    _mentioning: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Only articles whose headline or body contains every word of this text.',
    })
    _search: string | null,
  ): ArticleRow {
    return article;
  }

  @Subscription(() => Quote, {
    description:
      'Each quote stored from now on, with a new article or on its own, optionally by speaker, about an entity, or on some channels.',
    subscribe: ({ args: given, context }) => {
      const args = given as Record<string, unknown>;
      const speaker = entityArgument(args['speaker'] as string | null, 'speaker');
      const about = entityArgument(args['about'] as string | null, 'about');
      const channels = args['channels'] as string[] | null | undefined;
      const keys =
        speaker !== undefined
          ? [`speaker:${speaker}`]
          : about !== undefined
            ? [`about:${about}`]
            : channels
              ? channels.map((channel) => `channel:${channel}`)
              : undefined;
      return listen(context as RequestContext, 'quote.created', keys, async (event) => {
        const { payload } = event;
        if (speaker !== undefined && payload.speakerId !== speaker) return;
        if (about !== undefined && !payload.aboutIds.includes(about)) return;
        if (channels && !(payload.channel !== null && channels.includes(payload.channel))) return;
        return (await event.row()) as QuoteRow | undefined;
      });
    },
  })
  quoteCreated(
    @Root() quote: QuoteRow,
    @Arg('speaker', () => ID, { nullable: true, description: 'Only quotes by this entity.' })
    _speaker: string | null,
    @Arg('about', () => ID, {
      nullable: true,
      description: 'Only quotes in articles that mention this entity.',
    })
    _about: string | null,
    @Arg('channels', () => [QuoteChannel], {
      nullable: true,
      description: 'Only quotes on one of these channels (quotes with no channel never match).',
    })
    _channels: string[] | null,
  ): QuoteRow {
    return quote;
  }

  @Subscription(() => DeadlineChangedEvent, {
    description:
      'Each deadline reported or changed from now on, optionally only those involving an entity or now in some statuses.',
    subscribe: ({ args: given, context }) => {
      const args = given as Record<string, unknown>;
      const entity = entityArgument(args['entity'] as string | null, 'entity');
      const statuses = args['statuses'] as string[] | null | undefined;
      const keys =
        entity !== undefined
          ? [`entity:${entity}`]
          : statuses
            ? statuses.map((status) => `status:${status}`)
            : undefined;
      return listen(context as RequestContext, 'deadline.changed', keys, async (event) => {
        const { payload } = event;
        if (entity !== undefined && !payload.entityIds.includes(entity)) return;
        if (statuses && !statuses.includes(payload.status)) return;
        const deadline = (await event.row()) as DeadlineRow | undefined;
        return deadline && { deadline, created: payload.created };
      });
    },
  })
  deadlineChanged(
    @Root() event: { deadline: DeadlineRow; created: boolean },
    @Arg('entity', () => ID, {
      nullable: true,
      description: 'Only deadlines this entity is the subject or setter of, or concerned by.',
    })
    _entity: string | null,
    @Arg('statuses', () => [DeadlineStatus], {
      nullable: true,
      description: 'Only deadlines whose status after the change is one of these.',
    })
    _statuses: string[] | null,
  ): { deadline: DeadlineRow; created: boolean } {
    return event;
  }

  @Subscription(() => DeadlineComingDueEvent, {
    description:
      'A pending or extended deadline, once, when it comes within `withinDays` days of its due date (or is reported already within them). Checked by a scheduler, so it arrives up to one scheduler interval late.',
    subscribe: ({ args: given, context }) => {
      const args = given as Record<string, unknown>;
      const within = args['withinDays'] as number;
      if (!Number.isInteger(within) || within < 0 || within > MAX_COUNTDOWN_DAYS) {
        throw badUserInput(`"withinDays" must be between 0 and ${MAX_COUNTDOWN_DAYS}.`, [
          { path: ['withinDays'], message: `must be between 0 and ${MAX_COUNTDOWN_DAYS}` },
        ]);
      }
      const entity = entityArgument(args['entity'] as string | null, 'entity');
      const keys = entity === undefined ? undefined : [`entity:${entity}`];
      return listen(context as RequestContext, 'deadline.comingDue', keys, async (event) => {
        const { payload } = event;
        const entered =
          payload.daysLeft <= within &&
          (payload.previousDaysLeft === null || payload.previousDaysLeft > within);
        if (!entered) return;
        if (entity !== undefined && !payload.entityIds.includes(entity)) return;
        const deadline = (await event.row()) as DeadlineRow | undefined;
        return deadline && { deadline, daysLeft: payload.daysLeft };
      });
    },
  })
  deadlineComingDue(
    @Root() event: { deadline: DeadlineRow; daysLeft: number },
    @Arg('withinDays', () => Int, {
      description: `How many days before the due date to be told, 0 (on the day) to ${MAX_COUNTDOWN_DAYS}.`,
    })
    _withinDays: number,
    @Arg('entity', () => ID, {
      nullable: true,
      description: 'Only deadlines this entity is the subject or setter of, or concerned by.',
    })
    _entity: string | null,
  ): { deadline: DeadlineRow; daysLeft: number } {
    return event;
  }

  @Subscription(() => EntityMergedEvent, {
    description: 'Each merge of two entities from now on.',
    subscribe: ({ context }) =>
      listen(context as RequestContext, 'entity.merged', undefined, async (event) => {
        const { payload } = event;
        const kept = (await event.row()) as EntityRow | undefined;
        return (
          kept && {
            kept,
            mergedId: toGlobalId('Entity', payload.mergedId),
            mergedName: payload.mergedName,
          }
        );
      }),
  })
  entityMerged(@Root() event: { kept: EntityRow; mergedId: string; mergedName: string }): {
    kept: EntityRow;
    mergedId: string;
    mergedName: string;
  } {
    return event;
  }
}
