import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

interface Deadlines {
  upcomingDeadlines: {
    totalCount: number;
    nodes: {
      description: string;
      dueOn: string;
      setBy: { name: string };
      subject: { name: string };
    }[];
  };
}

describe('deadlines', () => {
  it('shows the September 20 deadline as upcoming from the day of the article', async () => {
    const result = await api.execute<Deadlines>(
      `{ upcomingDeadlines(asOf: "2020-09-14", withinDays: 30) { totalCount nodes { description dueOn setBy { name } subject { name } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.upcomingDeadlines.nodes).toEqual([
      {
        description: "ByteDance must sell TikTok's US business",
        dueOn: '2020-09-20',
        setBy: { name: 'Donald Trump' },
        subject: { name: 'ByteDance' },
      },
    ]);
  });

  it('leaves out deadlines beyond the window or already past', async () => {
    const result = await api.execute<{
      soon: { totalCount: number };
      after: { totalCount: number };
    }>(
      `{ soon: upcomingDeadlines(asOf: "2020-09-14", withinDays: 5) { totalCount }
         after: upcomingDeadlines(asOf: "2020-09-21") { totalCount } }`,
    );
    expect(result.data).toEqual({ soon: { totalCount: 0 }, after: { totalCount: 0 } });
  });

  it('filters by status, due date and the entity involved', async () => {
    const entities = await api.execute<{ entities: { nodes: { id: string }[] } }>(
      `{ entities(search: "ByteDance", first: 1) { nodes { id } } }`,
    );
    const bytedance = entities.data!.entities.nodes[0]!.id;
    const result = await api.execute<Record<string, { totalCount: number }>>(
      `query ($e: ID!) {
        pending: deadlines(statuses: [PENDING]) { totalCount }
        met: deadlines(statuses: [MET]) { totalCount }
        inSeptember: deadlines(dueFrom: "2020-09-01", dueTo: "2020-09-30") { totalCount }
        subject: deadlines(entity: $e, role: SUBJECT) { totalCount }
        setter: deadlines(entity: $e, role: SETTER) { totalCount }
      }`,
      { e: bytedance },
    );
    expect(result.data).toEqual({
      pending: { totalCount: 1 },
      met: { totalCount: 0 },
      inSeptember: { totalCount: 1 },
      subject: { totalCount: 1 },
      setter: { totalCount: 0 },
    });
  });

  it('keeps the first report in its history, tied to the article', async () => {
    const result = await api.execute<{
      deadlines: {
        nodes: {
          history: {
            totalCount: number;
            nodes: {
              status: string;
              dueOn: string;
              previousDueOn: string | null;
              note: string;
              article: { headline: string };
            }[];
          };
        }[];
      };
    }>(
      `{ deadlines { nodes { history { totalCount nodes { status dueOn previousDueOn note article { headline } } } } } }`,
    );
    const [history] = result.data!.deadlines.nodes.map((deadline) => deadline.history);
    expect(history!.totalCount).toBe(1);
    expect(history!.nodes[0]).toEqual({
      status: 'PENDING',
      dueOn: '2020-09-20',
      previousDueOn: null,
      note: 'Trump said he will not extend it.',
      article: { headline: "TikTok rejects Microsoft's offer for its US operations" },
    });
  });

  it.each([
    ['withinDays: 0', `{ upcomingDeadlines(withinDays: 0) { totalCount } }`],
    ['withinDays: 1000', `{ upcomingDeadlines(withinDays: 1000) { totalCount } }`],
    [
      'a due range that ends before it starts',
      `{ deadlines(dueFrom: "2020-10-01", dueTo: "2020-09-01") { totalCount } }`,
    ],
    ['a role without an entity', `{ deadlines(role: SETTER) { totalCount } }`],
  ])('refuses %s', async (_label, query) => {
    expect(errorCodes(await api.execute(query))).toEqual(['BAD_USER_INPUT']);
  });
});
