// Two server processes on one PostgreSQL database (the embedded database belongs to one process,
// so jest.config.js runs this file only when TEST_DATABASE_URL is set).
import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';
import { subscribe, type Subscriber } from '../testkit/subscriptions';

let storage: ServerStorage;
let a: ServerProcess;
let b: ServerProcess;
let editorKey: string;
const open: Subscriber<unknown>[] = [];
// Ticks this often on both instances, so both keep trying to announce the same deadlines.
const env = { DATELINE_COMING_DUE_INTERVAL_MS: '150' };

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  storage = await createStorage();
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  [a, b] = await Promise.all([startServer(storage, env), startServer(storage, env)]);
}, 180_000);
afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await Promise.all([a.stop(), b.stop()]);
  await storage.dispose();
});

async function listen<T>(server: ServerProcess, query: string) {
  const subscriber = await subscribe<T>(server.url, query);
  open.push(subscriber);
  return subscriber;
}

let serial = 0;
async function createArticle(server: ServerProcess, extra: Record<string, unknown> = {}) {
  serial += 1;
  const headline = `Council vote ${serial}`;
  const response = await post<{ createArticle: { article: { id: string } } }>(
    server.url,
    'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
    {
      input: {
        headline,
        body: `Report ${serial}: the council set a date for the vote on the harbour plan.`,
        publishedAt: new Date().toISOString(),
        ...extra,
      },
    },
    { authorization: `Bearer ${editorKey}` },
  );
  expect(response.body.errors).toBeUndefined();
  return headline;
}

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const headlines = (subscriber: Subscriber<{ articleCreated: { headline: string } }>) =>
  subscriber.received.map((result) => result.data?.articleCreated.headline);

describe('events across server instances', () => {
  it('a write on instance A reaches a subscriber on instance B', async () => {
    const onB = await listen<{ articleCreated: { headline: string } }>(
      b,
      'subscription { articleCreated { headline } }',
    );
    const headline = await createArticle(a);
    await onB.waitFor(1);
    expect(headlines(onB)).toEqual([headline]);
  });

  it('twenty concurrent writes on both instances reach subscribers on both exactly once, in the same order', async () => {
    const onA = await listen<{ articleCreated: { headline: string } }>(
      a,
      'subscription { articleCreated { headline } }',
    );
    const onB = await listen<{ articleCreated: { headline: string } }>(
      b,
      'subscription { articleCreated { headline } }',
    );
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, index) => createArticle(index % 2 === 0 ? a : b)),
    );
    await onA.waitFor(20);
    await onB.waitFor(20);
    const marker = await createArticle(a);
    await onA.waitFor(21);
    await onB.waitFor(21);
    expect([...headlines(onA)].slice(0, 20).sort()).toEqual([...written].sort());
    expect(headlines(onA)).toEqual([...headlines(onB)]);
    expect(headlines(onA)[20]).toBe(marker);
    expect(headlines(onA)).toHaveLength(21);
  });

  it('a deadline coming due is announced once with two instances ticking, and not again after a restart', async () => {
    const query =
      'subscription { deadlineComingDue(withinDays: 7) { daysLeft deadline { description } } }';
    type ComingDue = { deadlineComingDue: { daysLeft: number; deadline: { description: string } } };
    const onA = await listen<ComingDue>(a, query);
    const onB = await listen<ComingDue>(b, query);
    const deadline = (description: string, days: number) => ({
      deadlines: [
        {
          description,
          dueOn: dayFromNow(days),
          subject: { name: 'Harbour Council', kind: 'GOVERNMENT' },
        },
      ],
    });
    await createArticle(a, deadline('The council votes on the harbour plan', 3));
    // Far outside the window: counted down, never announced to a 7-day subscriber.
    await createArticle(b, deadline('The harbour plan takes effect', 60));
    await onA.waitFor(1);
    await onB.waitFor(1);
    // A later deadline, announced after the first: had the first been announced twice, the
    // second announcement would come before this one.
    await createArticle(b, deadline('The council publishes the minutes', 2));
    await onA.waitFor(2);
    await onB.waitFor(2);

    await a.stop();
    a = await startServer(storage, env);
    await createArticle(a, deadline('The mayor signs the plan', 1));
    await onB.waitFor(3);
    const expected = [
      { daysLeft: 3, deadline: { description: 'The council votes on the harbour plan' } },
      { daysLeft: 2, deadline: { description: 'The council publishes the minutes' } },
      { daysLeft: 1, deadline: { description: 'The mayor signs the plan' } },
    ];
    expect(onB.received.map((result) => result.data?.deadlineComingDue)).toEqual(expected);
    expect(onA.received.map((result) => result.data?.deadlineComingDue)).toEqual(
      expected.slice(0, 2),
    );
  });
});
