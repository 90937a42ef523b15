import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

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

/** Adds deadlines reported by the sample article, as an editor; each must be accepted. */
async function addDeadlines(api: TestApi, inputs: readonly Record<string, unknown>[]) {
  const articles = await api.execute<{ articles: { nodes: { id: string }[] } }>(
    `{ articles(first: 1) { nodes { id } } }`,
  );
  const article = articles.data!.articles.nodes[0]!.id;
  for (const input of inputs) {
    const created = await api.execute(
      `mutation ($input: CreateDeadlineInput!) { createDeadline(input: $input) { deadline { id } } }`,
      { input: { article, ...input } },
      viewers.editor,
    );
    expect(created.errors).toBeUndefined();
  }
}

describe('paging through deadlines', () => {
  let paging: TestApi;
  beforeAll(async () => {
    paging = await createTestApi();
    const bytedance = { name: 'ByteDance', kind: 'ORGANIZATION' };
    const microsoft = { name: 'Microsoft', kind: 'ORGANIZATION' };
    // Eight more in the week after the sample's, two of them already met; then six in October
    // with other setters and subjects, due in the reverse of the order they are added.
    const parts = [
      { setBy: bytedance, subject: microsoft },
      { setBy: bytedance, subject: bytedance },
      { subject: microsoft, concerns: [bytedance] },
      { subject: bytedance, concerns: [bytedance, microsoft] },
      { setBy: microsoft, subject: microsoft },
      { setBy: bytedance, subject: microsoft, status: 'MET' },
    ];
    await addDeadlines(paging, [
      ...[21, 22, 23, 24, 25, 26, 27, 28].map((day) => ({
        description: `Paging deadline ${day}`,
        dueOn: `2020-09-${day}`,
        subject: bytedance,
        ...(day % 4 === 0 ? { status: 'MET' } : {}),
      })),
      ...parts.map((part, index) => ({
        description: `Part deadline ${index}`,
        dueOn: `2020-10-${String(10 - index).padStart(2, '0')}`,
        ...part,
      })),
    ]);
  });
  afterAll(() => paging.dispose());

  type Page = {
    edges: { cursor: string; node: { description: string } }[];
    pageInfo: { hasNextPage: boolean };
  };
  const UPCOMING = `query ($first: Int!, $after: String) {
    upcomingDeadlines(asOf: "2020-09-14", withinDays: 30, first: $first, after: $after) {
      edges { cursor node { description } } pageInfo { hasNextPage }
    }
  }`;
  const BY_STATUS = `query ($first: Int!, $after: String, $statuses: [DeadlineStatus!]) {
    deadlines(statuses: $statuses, first: $first, after: $after) {
      edges { cursor node { description } } pageInfo { hasNextPage }
    }
  }`;
  const names = (page: Page) => page.edges.map((edge) => edge.node.description);

  it.each([
    ['upcoming deadlines', UPCOMING, 'upcomingDeadlines', {}, 12],
    ['deadlines by status', BY_STATUS, 'deadlines', { statuses: ['MET'] }, 3],
  ] as const)(
    'answers %s with each request’s own page size and cursor',
    async (_label, query, field, filter, expected) => {
      const all = await paging.execute<Record<string, Page>>(query, { ...filter, first: 100 });
      expect(all.errors).toBeUndefined();
      const edges = all.data![field]!.edges;
      expect(edges).toHaveLength(expected);
      // Page sizes 1, 2 and 3 after every cursor, each size asked for again with other cursors.
      for (const [index, edge] of [undefined, ...edges].entries()) {
        for (const first of [1, 2, 3]) {
          const page = await paging.execute<Record<string, Page>>(query, {
            ...filter,
            first,
            ...(edge ? { after: edge.cursor } : {}),
          });
          expect(names(page.data![field]!)).toEqual(
            edges.slice(index, index + first).map((e) => e.node.description),
          );
          expect(page.data![field]!.pageInfo.hasNextPage).toBe(index + first < edges.length);
        }
      }
    },
  );
});

describe("an entity's deadlines", () => {
  let api: TestApi;
  let bytedance: string;
  beforeAll(async () => {
    api = await createTestApi();
    const found = await api.execute<{ entities: { nodes: { id: string }[] } }>(
      `{ entities(search: "ByteDance", first: 1) { nodes { id } } }`,
    );
    bytedance = found.data!.entities.nodes[0]!.id;
    const it = { id: bytedance };
    const other = { name: 'Microsoft', kind: 'ORGANIZATION' };
    // ByteDance in every part and combination of parts, due dates interleaved across them, and
    // two deadlines due the same day (the id breaks the tie).
    const parts = [
      { setBy: it, subject: other },
      { setBy: it, subject: it },
      { subject: other, concerns: [it] },
      { subject: it, concerns: [it, other] },
      { setBy: other, subject: other },
      { setBy: it, subject: other, status: 'MET' },
      { setBy: other, subject: it, concerns: [it] },
      { setBy: it, subject: other, concerns: [it] },
      { subject: other, concerns: [it], status: 'MISSED' },
      { setBy: it, subject: it, concerns: [it] },
    ];
    await addDeadlines(
      api,
      parts.map((part, index) => ({
        description: `Deadline ${index}`,
        dueOn: `2020-10-${String(12 - (index % 7)).padStart(2, '0')}`,
        ...part,
      })),
    );
  });
  afterAll(() => api.dispose());

  type Page = { edges: { cursor: string; node: { description: string; dueOn: string } }[] };
  const ARGS = `$first: Int, $after: String, $last: Int, $before: String, $role: DeadlineRole, $statuses: [DeadlineStatus!]`;
  const PAGE = `first: $first, after: $after, last: $last, before: $before, role: $role, statuses: $statuses`;
  const SELECTION = `edges { cursor node { description dueOn } }`;
  // The same pages through the entity (its statement carries the page), through a list of
  // entities (each entity's page read by the field), and through the deadlines list filtered by
  // the entity (its own statement). Each pages with its own cursors.
  const paths: Record<string, (variables: Record<string, unknown>) => Promise<Page>> = {
    entity: async (variables) => {
      const result = await api.execute<{ entity: { deadlines: Page } }>(
        `query ($id: ID!, ${ARGS}) { entity(id: $id) { deadlines(${PAGE}) { ${SELECTION} } } }`,
        { id: bytedance, ...variables },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.entity.deadlines;
    },
    entities: async (variables) => {
      const result = await api.execute<{ entities: { nodes: { deadlines: Page }[] } }>(
        `query (${ARGS}) { entities(search: "ByteDance", first: 1) { nodes { deadlines(${PAGE}) { ${SELECTION} } } } }`,
        variables,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.entities.nodes[0]!.deadlines;
    },
    list: async (variables) => {
      const result = await api.execute<{ deadlines: Page }>(
        `query ($id: ID!, ${ARGS}) { deadlines(entity: $id, ${PAGE}) { ${SELECTION} } }`,
        { id: bytedance, role: 'ANY', ...variables },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.deadlines;
    },
  };
  const names = (page: Page) => page.edges.map((edge) => edge.node.description);

  // Which of the deadlines above (and the sample's, about ByteDance) each role finds.
  const sample = "ByteDance must sell TikTok's US business";
  const numbered = (...indexes: number[]) => indexes.map((index) => `Deadline ${index}`);
  it.each([
    ['every part', 'ANY', [sample, ...numbered(0, 1, 2, 3, 5, 6, 7, 8, 9)]],
    ['set by it', 'SETTER', numbered(0, 1, 5, 7, 9)],
    ['about it', 'SUBJECT', [sample, ...numbered(1, 3, 6, 9)]],
    ['concerning it', 'CONCERNED', numbered(2, 3, 6, 7, 8, 9)],
  ])('lists each deadline %s once, soonest first, page by page', async (_label, role, found) => {
    const listed = await paths['list']!({ role, first: 100 });
    const everything = names(listed);
    const total = found.length;
    expect([...everything].sort()).toEqual([...found].sort());
    const dueOns = listed.edges.map((edge) => edge.node.dueOn);
    expect(dueOns).toEqual([...dueOns].sort());
    for (const read of Object.values(paths)) {
      const all = await read({ role, first: 100 });
      expect(names(all)).toEqual(everything);
      for (const [index, edge] of [undefined, ...all.edges].entries()) {
        for (const first of [1, 3]) {
          const page = await read({ role, first, ...(edge ? { after: edge.cursor } : {}) });
          expect(names(page)).toEqual(everything.slice(index, index + first));
        }
      }
      const backward = await read({ role, last: 2, before: all.edges[total - 1]!.cursor });
      expect(names(backward)).toEqual(everything.slice(-3, -1));
    }
  });

  it('keeps to the statuses asked for in every part', async () => {
    for (const read of Object.values(paths)) {
      expect(names(await read({ statuses: ['PENDING'], first: 100 }))).toHaveLength(8);
      expect(names(await read({ statuses: ['MET', 'MISSED'], first: 100 })).sort()).toEqual([
        'Deadline 5',
        'Deadline 8',
      ]);
    }
  });
});
