// Each instance's fan-out of the outbox: the listener reads committed events in id (= commit)
// order after a notification, one query per burst of notifications from a cursor (the last id
// read), and hands each event to the listeners of its topic on this instance, found through an
// index of their filter keys (an entity, a speaker, a channel, a status) rather than by asking
// every listener. The database is the source of truth; this only spreads what was read from it.
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client';
import type { EventRow } from '../db/schema';
import type { Loaders } from '../shared/context';
import {
  EVENTS_CHANNEL,
  type EventRepository,
  type Topic,
  type TopicPayloads,
} from './event.repository';

/** One committed event as every listener on this instance sees it (one object, shared). */
export interface HubEvent<T extends Topic> {
  id: number;
  payload: TopicPayloads[T];
  /**
   * The row the event names (an article, a quote, a deadline, the kept entity), loaded with the
   * rows of the other events of the same read in one statement, once per instance.
   */
  row(): Promise<unknown>;
  /** DataLoaders shared by every execution of the events of one read. */
  loaders: Loaders;
}

/** How the rows events name are loaded, and fresh loaders for a read. */
export interface EventRows {
  /** The rows of `payloads` (all of one topic), in their order; undefined for a deleted one. */
  load<T extends Topic>(topic: T, payloads: TopicPayloads[T][]): Promise<unknown[]>;
  loaders(): Loaders;
}

const PAGE = 500;
/** Events a listener may fall behind by before it is cut off rather than holding memory. */
const MAX_QUEUED = 10_000;
/** A slow poll besides notifications, in case one was lost with a connection. */
const SAFETY_POLL_MS = 5_000;

/**
 * The keys an event can be found by, per topic: a listener registered under one of them hears
 * it (and still checks the rest of its filter itself).
 */
const eventKeys: { [T in Topic]: (payload: TopicPayloads[T]) => string[] } = {
  'article.created': (p) => p.entityIds.map((id) => `entity:${id}`),
  'quote.created': (p) => [
    ...(p.speakerId === null ? [] : [`speaker:${p.speakerId}`]),
    ...p.aboutIds.map((id) => `about:${id}`),
    ...(p.channel === null ? [] : [`channel:${p.channel}`]),
  ],
  'deadline.changed': (p) => [...p.entityIds.map((id) => `entity:${id}`), `status:${p.status}`],
  'deadline.comingDue': (p) => p.entityIds.map((id) => `entity:${id}`),
  'entity.merged': () => [],
};

type Sink = (event: HubEvent<Topic>) => void;

interface TopicSinks {
  /** Listeners of every event of the topic. */
  all: Set<Sink>;
  /** Listeners of the events found by a key. */
  byKey: Map<string, Set<Sink>>;
  size: number;
}

export class EventHub {
  private readonly sinks = new Map<Topic, TopicSinks>();
  private lastId = 0;
  private reading = false;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: EventRepository,
    private readonly rows: EventRows,
    private readonly logger: Logger,
  ) {}

  /** Starts after the newest committed event: listeners hear what commits from now on. */
  async start(database: DatabaseHandle): Promise<void> {
    this.lastId = await this.events.lastId();
    this.unlisten = await database.listen(EVENTS_CHANNEL, () => this.wake());
    this.poll = setInterval(() => this.wake(), SAFETY_POLL_MS);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.unlisten?.();
    this.sinks.clear();
  }

  /** Listeners of every topic on this instance (one per shared subscription shape). */
  get subscriberCount(): number {
    let count = 0;
    for (const sinks of this.sinks.values()) count += sinks.size;
    return count;
  }

  private wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.drain().finally(() => {
      this.reading = false;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        for (;;) {
          const rows = await this.events.after(this.lastId, PAGE);
          this.publish(rows);
          if (rows.length < PAGE) break;
        }
      } catch (error) {
        // The next notification or the safety poll reads from the same place again.
        this.logger.warn({ err: error }, 'could not read the event outbox');
      }
    } while (this.again);
  }

  /** Hands one read's events, in order, to the listeners each is found by. */
  private publish(rows: EventRow[]): void {
    if (rows.length === 0) return;
    const loaders = this.rows.loaders();
    // The rows events name, one statement per topic for the whole read, and only when a
    // listener asks.
    const byTopic = new Map<Topic, EventRow[]>();
    const batches = new Map<Topic, Promise<Map<number, unknown>>>();
    for (const row of rows) {
      const list = byTopic.get(row.topic as Topic) ?? [];
      list.push(row);
      byTopic.set(row.topic as Topic, list);
    }
    const batch = (topic: Topic): Promise<Map<number, unknown>> => {
      let promise = batches.get(topic);
      if (!promise) {
        const list = byTopic.get(topic) ?? [];
        promise = this.rows
          .load(
            topic,
            list.map((row) => row.payload as TopicPayloads[Topic]),
          )
          .then((loaded) => new Map(list.map((row, index) => [row.id, loaded[index]])));
        batches.set(topic, promise);
      }
      return promise;
    };
    for (const row of rows) {
      this.lastId = row.id;
      const topic = row.topic as Topic;
      const sinks = this.sinks.get(topic);
      if (!sinks || sinks.size === 0) continue;
      const payload = row.payload as TopicPayloads[Topic];
      const event: HubEvent<Topic> = {
        id: row.id,
        payload,
        loaders,
        row: () => batch(topic).then((loaded) => loaded.get(row.id)),
      };
      const reached = new Set<Sink>(sinks.all);
      for (const key of (eventKeys[topic] as (p: TopicPayloads[Topic]) => string[])(payload)) {
        for (const sink of sinks.byKey.get(key) ?? []) reached.add(sink);
      }
      for (const sink of reached) sink(event);
    }
  }

  /**
   * Events of `topic` committed from now on, in commit order, until the iterator is returned.
   * With `keys`, only events found by one of them (see eventKeys): the listener must still check
   * its whole filter, the keys only spare it the events that cannot match.
   */
  subscribe<T extends Topic>(
    topic: T,
    keys?: readonly string[],
  ): AsyncIterableIterator<HubEvent<T>> {
    const queue: HubEvent<T>[] = [];
    let waiting: ((result: IteratorResult<HubEvent<T>>) => void) | undefined;
    let failed: Error | undefined;
    let done = false;
    let sinks = this.sinks.get(topic);
    if (!sinks) this.sinks.set(topic, (sinks = { all: new Set(), byKey: new Map(), size: 0 }));
    const topicSinks = sinks;
    const sets = keys
      ? [...new Set(keys)].map((key) => {
          let set = topicSinks.byKey.get(key);
          if (!set) topicSinks.byKey.set(key, (set = new Set()));
          return [key, set] as const;
        })
      : [['', topicSinks.all] as const];
    const detach = (): void => {
      for (const [key, set] of sets) {
        if (!set.delete(sink)) continue;
        if (key !== '' && set.size === 0) topicSinks.byKey.delete(key);
      }
      topicSinks.size -= 1;
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      if (!failed) detach();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    };
    const sink: Sink = (event) => {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: event as HubEvent<T>, done: false });
      } else if (queue.length >= MAX_QUEUED) {
        failed = new Error('The subscriber fell too far behind.');
        detach();
      } else {
        queue.push(event as HubEvent<T>);
      }
    };
    for (const [, set] of sets) set.add(sink);
    topicSinks.size += 1;
    const iterator: AsyncIterableIterator<HubEvent<T>> = {
      next: () => {
        const event = queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (failed) return Promise.reject(failed);
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error: unknown) => {
        finish();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
