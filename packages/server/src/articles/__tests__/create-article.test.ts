import { tableCounts } from '../../testing/table-counts';
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) {
    created
    article {
      id headline url
      source { name kind }
      datelines { name }
      entities(first: 50) { edges { mentionCount node { name kind } } }
      quotes { nodes { text direct speaker { name } via { name } channel span { start end } } }
      deadlines { nodes { dueOn status subject { name } setBy { name } history { totalCount } } }
    }
  }
}`;

const body =
  'Helios Energy said on Monday it would close the Tarn plant. "We have no other choice," chief executive Mara Lind told Reuters. The regulator gave Helios until March 31 to file a closure plan or face a fine.';

function article(overrides: Record<string, unknown> = {}) {
  return {
    headline: 'Helios Energy to close Tarn plant',
    body,
    publishedAt: '2024-03-04T09:00:00Z',
    url: 'https://news.example/helios-tarn',
    source: { name: 'Example Wire', kind: 'MEDIA_OUTLET' },
    datelines: [{ name: 'Tarn', kind: 'PLACE' }],
    mentions: [
      {
        entity: { name: 'Helios Energy', kind: 'ORGANIZATION' },
        surfaceForms: ['Helios Energy', 'Helios'],
        mentionCount: 2,
      },
    ],
    quotes: [
      {
        text: 'We have no other choice,',
        direct: true,
        speaker: { name: 'Mara Lind', kind: 'PERSON' },
        speakerTitle: 'chief executive',
        cue: 'told',
        channel: 'INTERVIEW',
        via: { name: 'Reuters', kind: 'MEDIA_OUTLET' },
      },
    ],
    deadlines: [
      {
        description: 'Helios must file a closure plan',
        dueOn: '2024-03-31',
        subject: { name: 'Helios Energy', kind: 'ORGANIZATION' },
        setBy: { name: 'Energy Regulator', kind: 'GOVERNMENT' },
        consequence: 'a fine',
      },
    ],
    ...overrides,
  };
}

interface Created {
  createArticle: {
    created: boolean;
    article: {
      id: string;
      source: { name: string };
      datelines: { name: string }[];
      entities: { edges: { mentionCount: number; node: { name: string } }[] };
      quotes: {
        nodes: {
          text: string;
          speaker: { name: string };
          via: { name: string };
          span: { start: number; end: number };
        }[];
      };
      deadlines: {
        nodes: {
          dueOn: string;
          status: string;
          subject: { name: string };
          setBy: { name: string };
          history: { totalCount: number };
        }[];
      };
    };
  };
}

describe('createArticle', () => {
  it('stores an article with its entities, quote and deadline in one call', async () => {
    const result = await api.execute<Created>(CREATE, { input: article() }, viewers.editor);
    expect(result.errors).toBeUndefined();
    const { created, article: stored } = result.data!.createArticle;
    expect(created).toBe(true);
    expect(stored.source.name).toBe('Example Wire');
    expect(stored.datelines).toEqual([{ name: 'Tarn' }]);
    expect(stored.quotes.nodes).toEqual([
      expect.objectContaining({
        text: 'We have no other choice,',
        speaker: { name: 'Mara Lind' },
        via: { name: 'Reuters' },
      }),
    ]);
    const [quote] = stored.quotes.nodes;
    expect(body.slice(quote!.span.start, quote!.span.end)).toBe('We have no other choice,');
    expect(stored.deadlines.nodes).toEqual([
      {
        dueOn: '2024-03-31',
        status: 'PENDING',
        subject: { name: 'Helios Energy' },
        setBy: { name: 'Energy Regulator' },
        history: { totalCount: 1 },
      },
    ]);
    const names = stored.entities.edges.map((edge) => edge.node.name).sort();
    // The speaker, the outlet and the deadline's parties become mentions too.
    expect(names).toEqual(['Energy Regulator', 'Helios Energy', 'Mara Lind', 'Reuters']);
  });

  it('folds an entity listed twice among the mentions into one mention with both counts', async () => {
    const helios = { name: 'Helios Energy', kind: 'ORGANIZATION' };
    const input = article({
      url: 'https://news.example/helios-twice',
      body: `${body} Helios later declined to comment.`,
      mentions: [
        { entity: helios, surfaceForms: ['Helios Energy'], mentionCount: 2 },
        { entity: helios, surfaceForms: ['Helios'], mentionCount: 1 },
      ],
    });
    const result = await api.execute<Created>(CREATE, { input }, viewers.editor);
    expect(result.errors).toBeUndefined();
    const edges = result.data!.createArticle.article.entities.edges.filter(
      (edge) => edge.node.name === 'Helios Energy',
    );
    // The deadline's subject adds no count to a mention already listed.
    expect(edges.map((edge) => edge.mentionCount)).toEqual([3]);
  });

  it('returns the stored article when the same URL is sent again, writing nothing', async () => {
    const before = await tableCounts(api.database.handle.db);
    const again = await api.execute<Created>(
      CREATE,
      { input: article({ headline: 'A different headline' }) },
      viewers.editor,
    );
    expect(again.data!.createArticle.created).toBe(false);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('recognises an article without a URL by its content', async () => {
    const input = article({ url: null, headline: 'No URL here', quotes: [], deadlines: [] });
    const first = await api.execute<Created>(CREATE, { input }, viewers.editor);
    const second = await api.execute<Created>(CREATE, { input }, viewers.editor);
    expect(first.data!.createArticle.created).toBe(true);
    expect(second.data!.createArticle).toMatchObject({
      created: false,
      article: { id: first.data!.createArticle.article.id },
    });
  });

  it('reuses an existing entity named the same way instead of creating a duplicate', async () => {
    const result = await api.execute<{ entities: { totalCount: number } }>(
      `{ entities(search: "Helios Energy", kinds: [ORGANIZATION]) { totalCount } }`,
    );
    expect(result.data!.entities.totalCount).toBe(1);
  });

  it('reports every invalid field at once, with its path, and writes nothing', async () => {
    const before = await tableCounts(api.database.handle.db);
    const input = article({
      url: 'ftp://nope',
      headline: ' ',
      quotes: [
        {
          text: 'We have no other choice,',
          direct: true,
          speaker: { name: 'Mara Lind', kind: 'PERSON' },
        },
        {
          text: 'Words nobody wrote',
          direct: true,
          speaker: { name: 'Mara Lind', kind: 'PERSON' },
        },
      ],
      deadlines: [
        { description: 'Too early', dueOn: '2024-01-01', subject: { name: 'Helios Energy' } },
      ],
    });
    const result = await api.execute(CREATE, { input }, viewers.editor);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions['fields'] as { path: (string | number)[] }[]).map(
      (field) => field.path.join('.'),
    );
    expect(fields).toEqual(
      expect.arrayContaining(['input.headline', 'input.url', 'input.deadlines.0.subject']),
    );
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('refuses a quote that is not in the body and a deadline due before publication', async () => {
    const input = article({
      url: 'https://news.example/other',
      quotes: [
        {
          text: 'Words nobody wrote',
          direct: true,
          speaker: { name: 'Mara Lind', kind: 'PERSON' },
        },
      ],
      deadlines: [
        {
          description: 'Too early',
          dueOn: '2024-01-01',
          subject: { name: 'Helios Energy', kind: 'ORGANIZATION' },
        },
      ],
    });
    const before = await tableCounts(api.database.handle.db);
    const result = await api.execute(CREATE, { input }, viewers.editor);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions['fields']).toEqual([
      {
        path: ['input', 'quotes', 0, 'text'],
        message: 'must be an exact passage of the article body',
      },
      {
        path: ['input', 'deadlines', 0, 'dueOn'],
        message: 'must not be before 2024-03-04, when the article was published',
      },
    ]);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('rolls everything back when a later part fails in the database', async () => {
    const before = await tableCounts(api.database.handle.db);
    // Entities and the article are written before the quote, whose outlet is its own speaker:
    // the database refuses that row, and the whole article must go with it.
    const input = article({
      url: 'https://news.example/rollback',
      source: { name: 'Brand New Outlet', kind: 'MEDIA_OUTLET' },
      quotes: [
        {
          text: 'We have no other choice,',
          direct: true,
          speaker: { name: 'Mara Lind', kind: 'PERSON' },
          via: { name: 'Mara Lind', kind: 'PERSON' },
        },
      ],
    });
    const result = await api.execute(CREATE, { input }, viewers.editor);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toBe('A quote cannot come via its own speaker.');
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('refuses an entity ID that does not exist, naming the field', async () => {
    const missing = Buffer.from('Entity:99999').toString('base64url');
    const result = await api.execute(
      CREATE,
      {
        input: article({
          url: 'https://news.example/missing',
          quotes: [],
          deadlines: [{ description: 'x', dueOn: '2024-04-01', subject: { id: missing } }],
        }),
      },
      viewers.editor,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions['fields']).toEqual([
      { path: ['input', 'deadlines', 0, 'subject', 'id'], message: 'no entity has this ID' },
    ]);
  });
});

describe('who may write', () => {
  it.each([
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
    ['a reader', viewers.reader, 'FORBIDDEN'],
  ] as const)('refuses %s', async (_label, viewer, code) => {
    const before = await tableCounts(api.database.handle.db);
    const result = await api.execute(
      CREATE,
      { input: article({ url: 'https://news.example/role' }) },
      viewer,
    );
    expect(errorCodes(result)).toEqual([code]);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('lets only an admin delete', async () => {
    const created = await api.execute<Created>(
      CREATE,
      { input: article({ url: 'https://news.example/delete-me' }) },
      viewers.editor,
    );
    const id = created.data!.createArticle.article.id;
    const DELETE = `mutation ($id: ID!) { deleteArticle(input: { id: $id }) { deletedId } }`;
    expect(errorCodes(await api.execute(DELETE, { id }, viewers.editor))).toEqual(['FORBIDDEN']);
    const deleted = await api.execute<{ deleteArticle: { deletedId: string } }>(
      DELETE,
      { id },
      viewers.admin,
    );
    expect(deleted.data!.deleteArticle.deletedId).toBe(id);
    const gone = await api.execute<{ article: null }>(
      `query ($id: ID!) { article(id: $id) { id } }`,
      { id },
    );
    expect(gone.data!.article).toBeNull();
  });
});
