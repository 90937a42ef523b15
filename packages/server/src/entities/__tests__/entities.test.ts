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

async function idOf(name: string, kind?: string): Promise<string> {
  const result = await api.execute<{ entities: { nodes: { id: string; name: string }[] } }>(
    `query ($name: String!, $kinds: [EntityKind!]) {
      entities(search: $name, kinds: $kinds, first: 1) { nodes { id name } }
    }`,
    { name, kinds: kind ? [kind] : null },
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

  it('answers its pages alike whatever fields they are asked for', async () => {
    // Each child page reads only the row fields its selection uses (db/child-page `reads`).
    const id = await idOf('ByteDance');
    const wide = await api.execute<{
      entity: {
        relations: { edges: { type: string; direction: string; node: object }[] };
        deadlines: { edges: { node: Record<string, unknown> }[] };
        quotes: { nodes: Record<string, unknown>[] };
      };
    }>(
      `query ($id: ID!) { entity(id: $id) {
        relations { edges { cursor type direction node { id name kind title wikidataId aliases } } }
        deadlines { edges { cursor node {
          id description dueOn status consequence evidence
          setBy { name } subject { name } concerns { name } article { headline }
        } } }
        quotes { nodes { id text channel via { name } span { start end } article { id headline publishedAt url } } }
      } }`,
      { id },
    );
    expect(wide.errors).toBeUndefined();
    const narrow = await api.execute<{
      entity: {
        relations: { edges: object[] };
        deadlines: { nodes: object[] };
        quotes: { nodes: object[] };
      };
    }>(
      `query ($id: ID!) { entity(id: $id) {
        relations { edges { direction node { name } } }
        deadlines { nodes { setBy { name } subject { name } article { headline } } }
        quotes { nodes { span { end } article { headline } } }
      } }`,
      { id },
    );
    expect(narrow.errors).toBeUndefined();
    const { relations, deadlines, quotes } = wide.data!.entity;
    expect(deadlines.edges.length).toBeGreaterThan(0);
    expect(narrow.data!.entity.relations.edges).toEqual(
      relations.edges.map((edge) => ({
        direction: edge.direction,
        node: { name: (edge.node as { name: string }).name },
      })),
    );
    expect(narrow.data!.entity.deadlines.nodes).toEqual(
      deadlines.edges.map(({ node }) => ({
        setBy: node['setBy'],
        subject: node['subject'],
        article: node['article'],
      })),
    );
    expect(narrow.data!.entity.quotes.nodes).toEqual(
      quotes.nodes.map((quote) => ({
        span: { end: (quote['span'] as { end: number }).end },
        article: { headline: (quote['article'] as { headline: string }).headline },
      })),
    );
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
  const CREATE_WITH_ALIASES = `mutation ($name: String!, $kind: EntityKind!, $aliases: [String!]) {
    createEntity(input: { name: $name, kind: $kind, aliases: $aliases }) { entity { id name aliases } }
  }`;

  async function create(name: string, kind: string, aliases: string[] = []) {
    return api.execute<{ createEntity: { entity: { id: string; aliases: string[] } } }>(
      CREATE_WITH_ALIASES,
      { name, kind, aliases },
      viewers.editor,
    );
  }

  it("refuses a new entity whose alias is another's name or alias, or whose name is another's alias, with CONFLICT naming it", async () => {
    const afp = await idOf('Agence France-Presse', 'MEDIA_OUTLET');
    // "AFP" is the sample's alias of Agence France-Presse.
    for (const [name, aliases, path] of [
      ['Agence France Presse Wire', ['AFP'], ['input', 'aliases', 0]],
      ['AFP Wire', ['Wire Service', 'agence FRANCE-presse'], ['input', 'aliases', 1]],
      ['afp', [], ['input', 'name']],
    ] as const) {
      const result = await create(name, 'MEDIA_OUTLET', [...aliases]);
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      const error = result.errors![0]!;
      expect(error.extensions['existingId']).toBe(afp);
      expect(error.message).toContain(`Agence France-Presse, an entity of this kind (id ${afp})`);
      expect(error.extensions['fields']).toEqual([{ path, message: 'already taken' }]);
    }
    // Nothing was stored, and another kind may use the name.
    expect(await search('Agence France Presse Wire')).not.toContain('Agence France Presse Wire');
    const organisation = await create('AFP', 'ORGANIZATION', ['Agence France-Presse']);
    expect(organisation.errors).toBeUndefined();
  });

  it('tells names and aliases apart ignoring accents as well as case and spacing', async () => {
    const first = await create('Société Générale', 'ORGANIZATION', ['SocGen']);
    expect(first.errors).toBeUndefined();
    const existingId = first.data!.createEntity.entity.id;
    for (const [name, aliases] of [
      ['SOCIETE  generale', []],
      ['Societe Generale Group', ['socgén']],
    ] as const) {
      const result = await create(name, 'ORGANIZATION', [...aliases]);
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors![0]!.extensions['existingId']).toBe(existingId);
    }
  });

  it('refuses to add an alias that already names another entity of the kind, and allows its own names', async () => {
    const wire = await create('Harbour Wire', 'MEDIA_OUTLET', ['HW']);
    expect(wire.errors).toBeUndefined();
    const id = wire.data!.createEntity.entity.id;
    const UPDATE = `mutation ($id: ID!, $add: [String!]) {
      updateEntity(input: { id: $id, addAliases: $add }) { entity { aliases } }
    }`;
    const taken = await api.execute(UPDATE, { id, add: ['The Harbour', 'Afp'] }, viewers.editor);
    expect(errorCodes(taken)).toEqual(['CONFLICT']);
    expect(taken.errors![0]!.extensions['existingId']).toBe(
      await idOf('Agence France-Presse', 'MEDIA_OUTLET'),
    );
    expect(taken.errors![0]!.extensions['fields']).toEqual([
      { path: ['input', 'addAliases', 1], message: 'already taken' },
    ]);
    const own = await api.execute<{ updateEntity: { entity: { aliases: string[] } } }>(
      UPDATE,
      { id, add: ['The Harbour', 'hw', 'harbour wire'] },
      viewers.editor,
    );
    expect(own.errors).toBeUndefined();
    // Nothing of the refused update was kept.
    expect([...own.data!.updateEntity.entity.aliases].sort()).toEqual(
      ['HW', 'The Harbour', 'harbour wire', 'hw'].sort(),
    );
  });

  it('lets one of two creates racing with the same alias win; the other gets CONFLICT naming the winner', async () => {
    const results = await Promise.all(
      ['Quayside Radio', 'Quayside Broadcasting'].map((name) =>
        create(name, 'MEDIA_OUTLET', ['QR Live']),
      ),
    );
    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(errorCodes(lost[0]!)).toEqual(['CONFLICT']);
    expect(lost[0]!.errors![0]!.extensions['existingId']).toBe(
      won[0]!.data!.createEntity.entity.id,
    );
  });
});
