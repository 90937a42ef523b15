// The shared execution path: subscribers of the same shape (document, variables, role) share
// one execution per event; another role gets its own, and what a role may not see stays out of
// its payload.
import {
  GraphQLError,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { SharedSubscriptions, shapeKey, type Recipient } from '../shared-subscriptions';

interface Context {
  role: string | null;
}

/** Notes published by the test; each subscription's source hears those published after it. */
const listeners = new Set<(note: string) => void>();
function publish(note: string): void {
  for (const listener of listeners) listener(note);
}
function noteStream(): AsyncIterableIterator<string> {
  const queue: string[] = [];
  let waiting: ((result: IteratorResult<string>) => void) | undefined;
  const listener = (note: string) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: note, done: false });
    } else queue.push(note);
  };
  listeners.add(listener);
  const iterator: AsyncIterableIterator<string> = {
    next: () => {
      const note = queue.shift();
      if (note !== undefined) return Promise.resolve({ value: note, done: false });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => {
      listeners.delete(listener);
      waiting?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

let executions = 0;
const Note = new GraphQLObjectType<string, Context>({
  name: 'Note',
  fields: {
    text: {
      type: new GraphQLNonNull(GraphQLString),
      resolve: (note) => {
        executions += 1;
        return note;
      },
    },
    reviewerComment: {
      type: GraphQLString,
      resolve: (note, _args, context) => {
        if (context.role === null) {
          throw new GraphQLError('reviewerComment needs an API key.', {
            extensions: { code: 'UNAUTHENTICATED' },
          });
        }
        if (context.role !== 'editor') {
          throw new GraphQLError(
            `reviewerComment needs the editor role; this key has ${context.role}.`,
            {
              extensions: { code: 'FORBIDDEN' },
            },
          );
        }
        return `reviewed: ${note}`;
      },
    },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      noteAdded: {
        type: new GraphQLNonNull(Note),
        subscribe: () => noteStream(),
        resolve: (note: string) => note,
      },
    },
  }),
});

interface Payload {
  data?: { noteAdded: { text: string; reviewerComment: string | null } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A subscriber's socket: the messages written to it, parsed. */
function socket() {
  const messages: { id: string; type: string; payload: Payload }[] = [];
  let corked = 0;
  let sentUncorked = 0;
  const connection = {
    cork: () => (corked += 1),
    uncork: () => (corked -= 1),
  };
  const recipient: Recipient = {
    send: (text) => {
      if (corked === 0) sentUncorked += 1;
      messages.push(JSON.parse(text) as (typeof messages)[number]);
    },
    connection,
    buffered: () => 0,
    drop: () => undefined,
  };
  /** Every message was written while the connection was corked, and it is uncorked now. */
  const batched = () => sentUncorked === 0 && corked === 0;
  return { messages, recipient, batched };
}

const QUERY = 'subscription { noteAdded { text reviewerComment } }';

async function join(
  shared: SharedSubscriptions,
  id: string,
  role: string | null,
  recipient: Recipient,
) {
  const joined = await shared.subscribe(
    shapeKey({ query: QUERY, role }),
    () => ({ schema, document: parse(QUERY), contextValue: { role } }),
    id,
    recipient,
  );
  if (!(Symbol.asyncIterator in joined)) throw new Error('the subscription was refused');
  return joined;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('shared subscription execution', () => {
  it('executes once per shape, sends each subscriber the payload of its role, and keeps a role-gated field from the others', async () => {
    const shared = new SharedSubscriptions({
      format: (result: ExecutionResult) => JSON.parse(JSON.stringify(result)) as ExecutionResult,
      maxBufferedBytes: 1 << 20,
    });
    const firstReader = socket();
    const secondReader = socket();
    const editor = socket();
    const anonymous = socket();
    const iterators = [
      await join(shared, 'r1', 'reader', firstReader.recipient),
      await join(shared, 'r2', 'reader', secondReader.recipient),
      await join(shared, 'e1', 'editor', editor.recipient),
      await join(shared, 'a1', null, anonymous.recipient),
    ];
    // Two readers share one execution; the editor and the anonymous caller have their own.
    expect(shared.shapeCount).toBe(3);

    executions = 0;
    publish('harbour reopens');
    await settle();
    expect(executions).toBe(3);

    expect(firstReader.messages).toEqual([
      {
        id: 'r1',
        type: 'next',
        payload: {
          data: { noteAdded: { text: 'harbour reopens', reviewerComment: null } },
          errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })],
        },
      },
    ]);
    // The same payload under the second reader's own operation id.
    expect(secondReader.messages).toEqual([{ ...firstReader.messages[0], id: 'r2' }]);
    expect(editor.messages).toEqual([
      {
        id: 'e1',
        type: 'next',
        payload: {
          data: {
            noteAdded: { text: 'harbour reopens', reviewerComment: 'reviewed: harbour reopens' },
          },
        },
      },
    ]);
    expect(anonymous.messages[0]?.payload.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.messages[0]?.payload.data?.noteAdded.reviewerComment).toBeNull();

    // A reader who leaves stops receiving; the other reader still shares the execution.
    await iterators[0]!.return!();
    publish('quay cleared');
    await settle();
    expect(firstReader.messages).toHaveLength(1);
    expect(secondReader.messages.map((m) => m.payload.data?.noteAdded.text)).toEqual([
      'harbour reopens',
      'quay cleared',
    ]);
    expect(editor.messages).toHaveLength(2);
    for (const subscriber of [firstReader, secondReader, editor, anonymous]) {
      expect(subscriber.batched()).toBe(true);
    }

    // When every subscriber of a shape has left, its execution stops listening.
    for (const iterator of iterators.slice(1)) await iterator.return!();
    expect(shared.shapeCount).toBe(0);
    await settle();
    expect(listeners.size).toBe(0);
  });

  it('the same variables in another order are the same shape; another role is not', () => {
    const variables = { a: 1, b: { c: 2, d: 3 } };
    const reordered = { b: { d: 3, c: 2 }, a: 1 };
    expect(shapeKey({ query: QUERY, variables, role: 'reader' })).toBe(
      shapeKey({ query: QUERY, variables: reordered, role: 'reader' }),
    );
    expect(shapeKey({ query: QUERY, variables, role: 'reader' })).not.toBe(
      shapeKey({ query: QUERY, variables, role: 'editor' }),
    );
    expect(shapeKey({ query: QUERY, variables, role: null })).not.toBe(
      shapeKey({ query: QUERY, variables, role: 'reader' }),
    );
  });

  it('drops a connection that fell too far behind instead of queueing more for it', async () => {
    const shared = new SharedSubscriptions({
      format: (result: ExecutionResult) => result,
      maxBufferedBytes: 100,
    });
    const slow = socket();
    let dropped = 0;
    const iterator = await join(shared, 's1', 'reader', {
      ...slow.recipient,
      buffered: () => 1_000,
      drop: () => (dropped += 1),
    });
    publish('tide table');
    await settle();
    expect(slow.messages).toEqual([]);
    expect(dropped).toBe(1);
    await iterator.return!();
  });
});
