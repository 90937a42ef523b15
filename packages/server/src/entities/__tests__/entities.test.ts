import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

async function search(term: string, extra = ''): Promise<string[]> {
  const result = await api.execute<{ entities: { nodes: { name: string }[] } }>(
    `query ($term: String!) { entities(search: $term${extra}) { nodes { name } } }`,
    { term },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.entities.nodes.map((entity) => entity.name);
}

async function idOf(name: string): Promise<string> {
  const result = await api.execute<{ entities: { nodes: { id: string; name: string }[] } }>(
    `query ($name: String!) { entities(search: $name, first: 1) { nodes { id name } } }`,
    { name },
  );
  const [entity] = result.data!.entities.nodes;
  expect(entity?.name).toBe(name);
  return entity!.id;
}

describe('entity search', () => {
  it('finds Adam Mosseri from a misspelling', async () => {
    expect((await search('Mosery'))[0]).toBe('Adam Mosseri');
  });

  it('finds Agence France-Presse by its alias AFP', async () => {
    expect((await search('AFP'))[0]).toBe('Agence France-Presse');
  });

  it('ranks the exact name first and filters by kind', async () => {
    expect((await search('China'))[0]).toBe('China');
    expect(await search('China', ', kinds: [GOVERNMENT]')).toEqual(
      expect.arrayContaining(['Government of China', 'Ministry of Commerce of China']),
    );
    expect(await search('China', ', kinds: [GOVERNMENT]')).not.toContain('China');
  });

  it('returns nothing for a name that matches nothing', async () => {
    expect(await search('Zyxwvut')).toEqual([]);
  });

  it('lists every entity by name without a search', async () => {
    const result = await api.execute<{
      entities: { totalCount: number; nodes: { name: string }[] };
    }>(`{ entities(first: 100) { totalCount nodes { name } } }`);
    const names = result.data!.entities.nodes.map((entity) => entity.name);
    expect(result.data!.entities.totalCount).toBe(19);
    expect(names).toEqual([...names].sort());
  });

  it.each([
    ['an empty search', ''],
    ['a 10 kB search', 'x'.repeat(10_240)],
  ])('refuses %s', async (_label, term) => {
    const result = await api.execute(
      `query ($term: String!) { entities(search: $term) { totalCount } }`,
      { term },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('an entity page', () => {
  it('shows an entity with its aliases, relations, quotes, articles and deadlines', async () => {
    const id = await idOf('ByteDance');
    const result = await api.execute<{
      entity: {
        name: string;
        relations: { edges: { type: string; direction: string; node: { name: string } }[] };
        articles: { totalCount: number; edges: { mentionCount: number }[] };
        deadlines: { nodes: { dueOn: string }[] };
      };
    }>(
      `query ($id: ID!) { entity(id: $id) {
        name
        relations { edges { type direction node { name } } }
        articles { totalCount edges { mentionCount } }
        deadlines(role: SUBJECT) { nodes { dueOn } }
      } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.entity.relations.edges).toEqual([
      { type: 'OWNS', direction: 'OUTGOING', node: { name: 'TikTok' } },
    ]);
    expect(result.data!.entity.articles.totalCount).toBe(1);
    expect(result.data!.entity.deadlines.nodes).toEqual([{ dueOn: '2020-09-20' }]);
  });

  it('shows relations from both ends and filters them by direction', async () => {
    const id = await idOf('Government of China');
    const result = await api.execute<{
      entity: {
        all: { totalCount: number; edges: { direction: string; type: string }[] };
        outgoing: { totalCount: number };
      };
    }>(
      `query ($id: ID!) { entity(id: $id) {
        all: relations { totalCount edges { direction type } }
        outgoing: relations(direction: OUTGOING) { totalCount }
      } }`,
      { id },
    );
    expect(result.data!.entity.all.totalCount).toBe(3);
    expect(
      result.data!.entity.all.edges.every(
        (edge) => edge.direction === 'INCOMING' && edge.type === 'PART_OF',
      ),
    ).toBe(true);
    expect(result.data!.entity.outgoing.totalCount).toBe(0);
  });

  it("lists Adam Mosseri's quotes, newest first, with aliases on outlets", async () => {
    const id = await idOf('Adam Mosseri');
    const result = await api.execute<{
      entity: {
        title: string;
        quotes: {
          totalCount: number;
          nodes: { direct: boolean; via: { aliases: string[] } | null }[];
        };
      };
    }>(
      `query ($id: ID!) { entity(id: $id) { title quotes(direct: true) { totalCount nodes { direct via { aliases } } } } }`,
      { id },
    );
    expect(result.data!.entity.title).toBe('head of Instagram');
    expect(result.data!.entity.quotes.totalCount).toBe(2);
    expect(result.data!.entity.quotes.nodes.every((quote) => quote.direct)).toBe(true);
  });

  it('separates the deadlines an entity set from those it faces', async () => {
    const id = await idOf('Donald Trump');
    const result = await api.execute<{
      entity: { set: { totalCount: number }; faces: { totalCount: number } };
    }>(
      `query ($id: ID!) { entity(id: $id) { set: deadlines(role: SETTER) { totalCount } faces: deadlines(role: SUBJECT) { totalCount } } }`,
      { id },
    );
    expect(result.data!.entity).toEqual({ set: { totalCount: 1 }, faces: { totalCount: 0 } });
  });
});

describe('entity names', () => {
  it('refuses a second entity of the same kind whose name differs only in case and spacing, with CONFLICT', async () => {
    const CREATE = `mutation ($name: String!, $kind: EntityKind!) {
      createEntity(input: { name: $name, kind: $kind }) { entity { id name kind } }
    }`;
    const first = await api.execute<{ createEntity: { entity: { id: string } } }>(
      CREATE,
      { name: 'Tarn Water Board', kind: 'GOVERNMENT' },
      viewers.editor,
    );
    expect(first.errors).toBeUndefined();
    const again = await api.execute(
      CREATE,
      { name: ' tarn  WATER board', kind: 'GOVERNMENT' },
      viewers.editor,
    );
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    // The answer names the entity that has the name, so the client can use it instead.
    const existingId = first.data!.createEntity.entity.id;
    expect(again.errors![0]!.message).toBe(
      `Tarn Water Board is already an entity of this kind (id ${existingId}); use it, or add the new name to its aliases.`,
    );
    expect(again.errors![0]!.extensions['existingId']).toBe(existingId);
    const otherKind = await api.execute(
      CREATE,
      { name: 'Tarn Water Board', kind: 'ORGANIZATION' },
      viewers.editor,
    );
    expect(otherKind.errors).toBeUndefined();
  });
});
