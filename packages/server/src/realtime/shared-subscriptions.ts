// Subscriptions executed once per shape, not once per subscriber: every subscriber whose
// operation has the same document, operation name, variables and role (the role is part of the
// shape, so what one role may not see never reaches it through another's execution) joins one
// GraphQL subscription on this instance. Each of its results is formatted and serialised once,
// and the same text goes to every subscriber's socket with only the operation id in front, the
// writes of one fan-out batched per connection.
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';

/** A connection's transport: writes between cork() and uncork() leave in one system call. */
interface Connection {
  cork(): void;
  uncork(): void;
}

/** Where one subscriber's messages go. */
export interface Recipient {
  /** Sends one text message (a graphql-ws message) on the subscriber's connection. */
  send(text: string): void;
  /** The connection's transport, corked once while a fan-out writes to it. */
  connection?: Connection;
  /** Bytes sent to the connection and not yet written out. */
  buffered(): number;
  /** Cuts off a connection that fell too far behind (the client reconnects later). */
  drop(): void;
}

export interface SharedSubscriptionOptions {
  /** Turns a result into what clients receive (error codes, masked internal errors). */
  format(result: ExecutionResult): FormattedExecutionResult;
  /** A connection with more than this many bytes not yet written out is dropped. */
  maxBufferedBytes: number;
}

/** The shape of an operation: subscribers with the same shape share its executions. */
export function shapeKey(request: {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  role: string | null;
}): string {
  return JSON.stringify([
    request.role,
    request.operationName ?? null,
    request.query,
    canonical(request.variables ?? {}),
  ]);
}

/** Objects with their keys sorted, so the same variables in another order are the same shape. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** Events of one shape executed at once, at most (the rest wait in the event hub's queue). */
const MAX_IN_FLIGHT = 64;

class Member {
  /** `{"id":…,"type":"next","payload":` : the result's text follows, then `}`. */
  readonly prefix: string;
  private waiting:
    { resolve(result: IteratorResult<never>): void; reject(error: Error): void } | undefined;
  private ended: { error?: Error } | undefined;
  readonly iterator: AsyncIterableIterator<never>;

  constructor(
    id: string,
    readonly recipient: Recipient,
    leave: (member: Member) => void,
  ) {
    this.prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    // What graphql-ws iterates: it yields nothing (the shape writes to the socket itself) and
    // ends when the shape does, or when graphql-ws returns it (complete, closed socket).
    const iterator: AsyncIterableIterator<never> = {
      next: () => {
        if (this.ended?.error) return Promise.reject(this.ended.error);
        if (this.ended) return Promise.resolve({ value: undefined as never, done: true });
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      return: () => {
        leave(this);
        this.end();
        return Promise.resolve({ value: undefined as never, done: true });
      },
      throw: (error: unknown) => {
        leave(this);
        this.end();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    this.iterator = iterator;
  }

  end(error?: Error): void {
    if (this.ended) return;
    this.ended = error ? { error } : {};
    const waiting = this.waiting;
    this.waiting = undefined;
    if (error) waiting?.reject(error);
    else waiting?.resolve({ value: undefined as never, done: true });
  }
}

class Shape {
  readonly members = new Set<Member>();
  /** Resolves to the result that refused the operation, or undefined once it streams. */
  readonly started: Promise<ExecutionResult | undefined>;
  ended = false;
  private stream: AsyncIterator<unknown> | undefined;

  constructor(
    args: () => ExecutionArgs,
    private readonly options: SharedSubscriptionOptions,
    private readonly forget: (shape: Shape) => void,
    private readonly cork: (connection: Connection) => void,
  ) {
    this.started = this.start(args());
  }

  private async start(args: ExecutionArgs): Promise<ExecutionResult | undefined> {
    let source;
    try {
      source = await createSourceEventStream(args);
    } catch (error) {
      this.ended = true;
      this.forget(this);
      throw error;
    }
    if (!(Symbol.asyncIterator in source)) {
      this.ended = true;
      this.forget(this);
      return source;
    }
    const stream = source[Symbol.asyncIterator]();
    this.stream = stream;
    void this.pump(args, stream);
    return undefined;
  }

  /**
   * Executes each event as soon as the source yields it, without waiting for the previous one
   * (so the nested loads of a burst of events share their batches), and fans the results out in
   * the source's order.
   */
  private async pump(args: ExecutionArgs, stream: AsyncIterator<unknown>): Promise<void> {
    const pending: Promise<ExecutionResult>[] = [];
    let wake: (() => void) | undefined;
    let pulled = false;
    const pull = async (): Promise<void> => {
      try {
        for (;;) {
          while (pending.length >= MAX_IN_FLIGHT) await new Promise<void>((go) => (wake = go));
          const next = await stream.next();
          if (next.done) break;
          // The source sets the loaders of the event's read on the context just before it
          // yields: each execution keeps its own copy.
          const contextValue = { ...(args.contextValue as object) };
          pending.push(Promise.resolve(execute({ ...args, contextValue, rootValue: next.value })));
          wake?.();
        }
      } finally {
        pulled = true;
        wake?.();
      }
    };
    const pulling = pull();
    pulling.catch(() => undefined);
    try {
      for (;;) {
        const result = pending[0];
        if (!result) {
          if (pulled) break;
          await new Promise<void>((go) => (wake = go));
          continue;
        }
        const value = await result;
        void pending.shift();
        wake?.();
        this.fanOut(JSON.stringify(this.options.format(value)));
      }
      await pulling;
      this.close();
    } catch (error) {
      this.close(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The same text to every member; each connection's writes go out together (see cork). */
  private fanOut(text: string): void {
    const body = `${text}}`;
    for (const member of this.members) {
      const { recipient } = member;
      if (recipient.buffered() > this.options.maxBufferedBytes) {
        recipient.drop();
        continue;
      }
      if (recipient.connection) this.cork(recipient.connection);
      recipient.send(member.prefix + body);
    }
  }

  join(member: Member): void {
    this.members.add(member);
  }

  leave(member: Member): void {
    if (!this.members.delete(member) || this.members.size > 0 || this.ended) return;
    this.ended = true;
    this.forget(this);
    void this.stream?.return?.();
  }

  private close(error?: Error): void {
    this.ended = true;
    this.forget(this);
    for (const member of this.members) member.end(error);
    this.members.clear();
  }
}

export class SharedSubscriptions {
  private readonly shapes = new Map<string, Shape>();
  /** Connections written to since the last uncork: several shapes' results share one write. */
  private readonly corked = new Set<Connection>();

  constructor(private readonly options: SharedSubscriptionOptions) {}

  private readonly cork = (connection: Connection): void => {
    if (this.corked.has(connection)) return;
    if (this.corked.size === 0) process.nextTick(this.uncorkAll);
    connection.cork();
    this.corked.add(connection);
  };

  private readonly uncorkAll = (): void => {
    const corked = [...this.corked];
    this.corked.clear();
    for (const connection of corked) connection.uncork();
  };

  /** Operations being executed on this instance (each serving one or more subscribers). */
  get shapeCount(): number {
    return this.shapes.size;
  }

  /**
   * Subscribes `recipient` as operation `id`: joins the running execution of `key`, or starts
   * one from `args()` (whose context then serves every subscriber of the shape). Returns what
   * graphql-ws iterates until the subscription ends, or the result that refused it.
   */
  async subscribe(
    key: string,
    args: () => ExecutionArgs,
    id: string,
    recipient: Recipient,
  ): Promise<AsyncIterableIterator<never> | ExecutionResult> {
    for (;;) {
      let shape = this.shapes.get(key);
      if (!shape) {
        const created = new Shape(
          args,
          this.options,
          (ended) => {
            if (this.shapes.get(key) === ended) this.shapes.delete(key);
          },
          this.cork,
        );
        shape = created;
        this.shapes.set(key, created);
      }
      const refused = await shape.started;
      if (refused) return refused;
      // The shape's last subscriber left while this one waited: start it again.
      if (shape.ended) continue;
      const owner = shape;
      const member = new Member(id, recipient, (leaving) => owner.leave(leaving));
      owner.join(member);
      return member.iterator;
    }
  }
}
