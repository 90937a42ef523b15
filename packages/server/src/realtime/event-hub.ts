// Each instance's fan-out of the outbox: the listener reads committed events in id (= commit)
// order after a notification and hands each to the subscribers of its topic on this instance.
// The database is the source of truth; this only spreads what was read from it.
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client';
import type { EventRow } from '../db/schema';
import {
  EVENTS_CHANNEL,
  type EventRepository,
  type Topic,
  type TopicPayloads,
} from './event.repository';

export interface HubEvent<T extends Topic> {
  id: number;
  payload: TopicPayloads[T];
}

const PAGE = 500;
/** Events a subscriber may fall behind by before it is cut off rather than holding memory. */
const MAX_QUEUED = 10_000;
/** A slow poll besides notifications, in case one was lost with a connection. */
const SAFETY_POLL_MS = 5_000;

type Sink = (row: EventRow) => void;

export class EventHub {
  private readonly sinks = new Map<Topic, Set<Sink>>();
  private lastId = 0;
  private reading = false;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private poll: NodeJS.Timeout | undefined;
  private readonly loaded = new Map<string, Promise<unknown>>();

  constructor(
    private readonly events: EventRepository,
    private readonly logger: Logger,
  ) {}

  /** Starts after the newest committed event: subscribers hear what commits from now on. */
  async start(database: DatabaseHandle): Promise<void> {
    this.lastId = await this.events.lastId();
    this.unlisten = await database.listen(EVENTS_CHANNEL, () => this.wake());
    this.poll = setInterval(() => this.wake(), SAFETY_POLL_MS);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.unlisten?.();
    for (const sinks of this.sinks.values()) sinks.clear();
  }

  /** Subscribers of every topic on this instance. */
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
          for (const row of rows) {
            this.lastId = row.id;
            for (const sink of this.sinks.get(row.topic as Topic) ?? []) sink(row);
          }
          if (rows.length < PAGE) break;
        }
      } catch (error) {
        // The next notification or the safety poll reads from the same place again.
        this.logger.warn({ err: error }, 'could not read the event outbox');
      }
    } while (this.again);
  }

  /**
   * The row an event names, loaded once per instance however many subscribers want it (the
   * newest few hundred are kept).
   */
  load<T>(key: string, loader: () => Promise<T>): Promise<T> {
    let promise = this.loaded.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = loader();
      this.loaded.set(key, promise);
      if (this.loaded.size > 512) {
        const oldest = this.loaded.keys().next().value as string;
        this.loaded.delete(oldest);
      }
    }
    return promise;
  }

  /** Events of `topic` committed from now on, in commit order, until the iterator is returned. */
  subscribe<T extends Topic>(topic: T): AsyncIterableIterator<HubEvent<T>> {
    const queue: HubEvent<T>[] = [];
    let waiting: ((result: IteratorResult<HubEvent<T>>) => void) | undefined;
    let failed: Error | undefined;
    let done = false;
    const sinks = this.sinks.get(topic) ?? new Set<Sink>();
    this.sinks.set(topic, sinks);
    const finish = (): void => {
      done = true;
      sinks.delete(sink);
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    };
    const sink: Sink = (row) => {
      const event = { id: row.id, payload: row.payload as TopicPayloads[T] };
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: event, done: false });
      } else if (queue.length >= MAX_QUEUED) {
        failed = new Error('The subscriber fell too far behind.');
        sinks.delete(sink);
      } else {
        queue.push(event);
      }
    };
    sinks.add(sink);
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
