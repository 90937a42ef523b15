import fc from 'fast-check';
import { tableCounts } from '../../testing/table-counts';
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

// Generated invalid inputs thrown at every kind of write: each must be refused with
// BAD_USER_INPUT (or INVALID_ID for a malformed ID) and leave every table exactly as it was.

let api: TestApi;
let articleId: string;
let deadlineId: string;
let quoteId: string;
let entityId: string;
let body: string;

beforeAll(async () => {
  api = await createTestApi();
  const ids = await api.execute<{
    articles: {
      nodes: {
        id: string;
        body: string;
        quotes: { nodes: { id: string }[] };
        deadlines: { nodes: { id: string }[] };
      }[];
    };
    entities: { nodes: { id: string }[] };
  }>(
    `{ articles { nodes { id body quotes(first: 1) { nodes { id } } deadlines { nodes { id } } } } entities(first: 1) { nodes { id } } }`,
  );
  const article = ids.data!.articles.nodes[0]!;
  articleId = article.id;
  body = article.body;
  quoteId = article.quotes.nodes[0]!.id;
  deadlineId = article.deadlines.nodes[0]!.id;
  entityId = ids.data!.entities.nodes[0]!.id;
});
afterAll(() => api.dispose());

const RUNS = { numRuns: 25 };

const blank = fc.constantFrom('', ' ', '\t\n', '   ');
const tooLong = (max: number) =>
  fc.integer({ min: max + 1, max: max + 50 }).map((length) => 'x'.repeat(length));
const notInBody = () =>
  fc.string({ minLength: 1, maxLength: 40 }).filter((text) => !body.includes(text));
const badWikidata = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((value) => !/^(Q[1-9][0-9]*)?$/.test(value.trim()));
const badUrl = fc.oneof(
  fc.constantFrom('ftp://example.com', 'example.com', 'javascript:alert(1)', 'http://'),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((value) => !/^https?:\/\/\S+$/.test(value.trim()) && value.trim() !== ''),
);
const earlyDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2020-09-13'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

async function expectRefused(
  source: string,
  variables: Record<string, unknown>,
  codesAllowed = ['BAD_USER_INPUT'],
): Promise<void> {
  const before = await tableCounts(api.database.handle.db);
  const result = await api.execute(source, variables, viewers.admin);
  const [code] = errorCodes(result);
  expect(codesAllowed).toContain(code);
  expect(await tableCounts(api.database.handle.db)).toEqual(before);
}

describe('invalid inputs are refused without a trace', () => {
  it('createEntity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ name: fc.oneof(blank, tooLong(300)), kind: fc.constant('PERSON') }),
          fc.record({
            name: fc.constant('Valid Name'),
            kind: fc.constant('PERSON'),
            wikidataId: badWikidata,
          }),
          fc.record({
            name: fc.constant('Valid Name'),
            kind: fc.constant('PERSON'),
            aliases: fc.array(blank, { minLength: 1, maxLength: 3 }),
          }),
        ),
        (input) =>
          expectRefused(
            `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`,
            { input },
          ),
      ),
      RUNS,
    );
  });

  it('createArticle', async () => {
    const valid = {
      headline: 'A headline',
      body: 'Some body text that is long enough.',
      publishedAt: '2024-01-01T00:00:00Z',
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ headline: fc.oneof(blank, tooLong(500)) }),
          fc.record({ url: badUrl }),
          fc.record({ language: fc.constantFrom('english', 'EN', 'e', '12') }),
          fc.record({ body: blank }),
          fc.record({
            quotes: fc.array(
              fc.record({
                text: fc
                  .string({ minLength: 1, maxLength: 30 })
                  .filter((text) => !valid.body.includes(text)),
                direct: fc.boolean(),
                speaker: fc.constant({ name: 'Someone', kind: 'PERSON' }),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          fc.record({
            deadlines: fc.array(
              fc.record({
                description: fc.constant('Something'),
                dueOn: fc.constantFrom('2023-12-31', '2000-01-01'),
                subject: fc.constant({ name: 'Someone', kind: 'PERSON' }),
              }),
              { minLength: 1, maxLength: 2 },
            ),
          }),
          fc.record({ mentions: fc.constant([{ entity: { name: 'Half a reference' } }]) }),
        ),
        (override) =>
          expectRefused(
            `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }`,
            {
              input: { ...valid, url: `https://news.example/${Math.random()}`, ...override },
            },
          ),
      ),
      RUNS,
    );
  });

  it('createQuote and updateQuote', async () => {
    await fc.assert(
      fc.asyncProperty(notInBody(), fc.boolean(), async (text, create) => {
        if (create) {
          await expectRefused(
            `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } } }`,
            {
              input: { article: articleId, text, direct: true, speaker: { id: entityId } },
            },
          );
        } else {
          await expectRefused(
            `mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { quote { id } } }`,
            {
              input: { id: quoteId, text },
            },
          );
        }
      }),
      RUNS,
    );
  });

  it('createDeadline and updateDeadline', async () => {
    await fc.assert(
      fc.asyncProperty(earlyDate, fc.boolean(), async (dueOn, create) => {
        if (create) {
          await expectRefused(
            `mutation ($input: CreateDeadlineInput!) { createDeadline(input: $input) { deadline { id } } }`,
            {
              input: {
                article: articleId,
                description: 'Must happen',
                dueOn,
                subject: { id: entityId },
              },
            },
          );
        } else {
          await expectRefused(
            `mutation ($input: UpdateDeadlineInput!) { updateDeadline(input: $input) { deadline { id } } }`,
            {
              input: { id: deadlineId, article: articleId, dueOn },
            },
          );
        }
      }),
      RUNS,
    );
  });

  it('IDs that are malformed or of the wrong type, in any mutation', async () => {
    const wrongIds = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constant(Buffer.from('Planet:1').toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(wrongIds, async (id) => {
        await expectRefused(
          `mutation ($id: ID!) { deleteQuote(input: { id: $id }) { deletedId } }`,
          { id },
          ['INVALID_ID'],
        );
        await expectRefused(
          `mutation ($id: ID!) { mergeEntities(input: { keep: $id, merge: $id }) { entity { id } } }`,
          { id },
          ['INVALID_ID'],
        );
      }),
      RUNS,
    );
  });
});

// A cursor is base64url JSON, so a client can forge one that decodes cleanly but whose key does
// not fit the list: the wrong number of parts, or a part of the wrong type or out of range.
type KeyPart = 'timestamp' | 'date' | 'integer' | 'float' | 'text';

const cursorOf = (list: string, key: unknown[]): string =>
  Buffer.from(JSON.stringify({ l: list, k: key }), 'utf8').toString('base64url');

const validPart: Record<KeyPart, fc.Arbitrary<unknown>> = {
  timestamp: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  date: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  integer: fc.integer({ min: 1, max: 1_000_000 }),
  float: fc.double({ min: 0, max: 1, noNaN: true }),
  text: fc.string({ maxLength: 20 }).filter((text) => !text.includes('\u0000')),
};

const wrongPart: Record<KeyPart, fc.Arbitrary<unknown>> = {
  timestamp: fc.oneof(
    fc.integer(),
    fc.constantFrom(
      'yesterday',
      '2020-02-30T00:00:00.000Z',
      '0000-06-01T00:00:00.000Z',
      '2020-01-01',
      '2020-01-01T00:00:00.000Z\u0000',
      null,
      true,
    ),
  ),
  date: fc.oneof(
    fc.double(),
    fc.constantFrom('2020-13-01', '0000-12-31', '2020-01-01T00:00:00.000Z', 'soon', [], {}),
  ),
  integer: fc.oneof(
    fc.string(),
    fc.double({ min: 0.1, max: 0.9 }),
    fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e300, null, false),
  ),
  float: fc.oneof(fc.string(), fc.constantFrom(null, true, [1], { x: 1 })),
  text: fc.oneof(fc.integer(), fc.constantFrom('a\u0000b', '\u0000', null, ['a'])),
};

/** A key for `parts` that the list cannot take. */
const wrongKey = (parts: readonly KeyPart[]): fc.Arbitrary<unknown[]> =>
  fc.oneof(
    // Too few or too many parts.
    fc
      .array(fc.oneof(...Object.values(validPart)), { maxLength: 4 })
      .filter((key) => key.length !== parts.length),
    // One part of the wrong type.
    fc
      .tuple(fc.tuple(...parts.map((part) => validPart[part])), fc.nat(parts.length - 1))
      .chain(([key, index]) =>
        wrongPart[parts[index]!].map((wrong) =>
          key.map((part, at) => (at === index ? wrong : part)),
        ),
      ),
  );

describe('forged cursors are refused as INVALID_CURSOR, never reaching the database', () => {
  const lists: { list: string; key: KeyPart[]; query: string }[] = [
    {
      list: 'articles:PUBLISHED_AT_DESC',
      key: ['timestamp', 'integer'],
      query: 'query ($c: String) { articles(after: $c) { nodes { id } } }',
    },
    {
      list: 'articles:PUBLISHED_AT_ASC',
      key: ['timestamp', 'integer'],
      query:
        'query ($c: String) { articles(last: 2, before: $c, orderBy: PUBLISHED_AT_ASC) { nodes { id } } }',
    },
    {
      list: 'articles:RELEVANCE',
      key: ['float', 'integer'],
      query: 'query ($c: String) { articles(search: "tiktok", after: $c) { nodes { id } } }',
    },
    {
      list: 'entities:NAME',
      key: ['text', 'integer'],
      query: 'query ($c: String) { entities(after: $c) { nodes { id } } }',
    },
    {
      list: 'entities:SCORE',
      key: ['float', 'integer'],
      query: 'query ($c: String) { entities(search: "trump", after: $c) { nodes { id } } }',
    },
    {
      list: 'quotes',
      key: ['timestamp', 'integer'],
      query: 'query ($c: String) { quotes(after: $c) { nodes { id } } }',
    },
    {
      list: 'deadlines:DUE_ON_DESC',
      key: ['date', 'integer'],
      query: 'query ($c: String) { deadlines(orderBy: DUE_ON_DESC, after: $c) { nodes { id } } }',
    },
    {
      list: 'Article.quotes',
      key: ['integer', 'integer'],
      query:
        'query ($c: String) { articles(first: 1) { nodes { quotes(after: $c) { nodes { id } } } } }',
    },
    {
      list: 'Entity.articles',
      key: ['timestamp', 'integer'],
      query:
        'query ($c: String) { entities(first: 1) { nodes { articles(after: $c) { nodes { id } } } } }',
    },
    {
      list: 'Entity.relations',
      key: ['integer'],
      query:
        'query ($c: String) { entities(first: 1) { nodes { relations(after: $c) { nodes { id } } } } }',
    },
  ];

  it.each(lists)('$list', async ({ list, key, query }) => {
    await fc.assert(
      fc.asyncProperty(wrongKey(key), async (forged) => {
        const result = await api.execute(query, { c: cursorOf(list, forged) });
        expect(errorCodes(result)).toEqual(['INVALID_CURSOR']);
      }),
      RUNS,
    );
  });
});

// PostgreSQL cannot store a NUL character, nor dates before year 1; the GraphQL types accept
// both, so the server refuses them before anything runs, naming the argument's path.
describe('values the database cannot take are refused with their path', () => {
  const article = {
    headline: 'Port gives Coastline a deadline',
    body: 'The port authority gave Coastline Shipping until May 1. "We will be out in time," a spokesperson said.',
    publishedAt: '2024-04-02T08:00:00Z',
    url: 'https://news.example/nul',
    language: 'en',
    quotes: [
      {
        text: 'We will be out in time,',
        direct: true,
        speaker: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
        speakerTitle: 'spokesperson',
      },
    ],
    deadlines: [
      {
        description: 'Coastline must clear the quay',
        dueOn: '2024-05-01',
        subject: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
      },
    ],
    mentions: [{ entity: { name: 'Port Authority', kind: 'GOVERNMENT' } }],
  };
  /** Paths to every free-text string of `value` (enum values and dates left out). */
  const textPaths = (value: unknown, path: (string | number)[] = []): (string | number)[][] => {
    if (typeof value === 'string') {
      return ['kind', 'publishedAt', 'dueOn'].includes(String(path.at(-1))) ? [] : [path];
    }
    if (Array.isArray(value))
      return value.flatMap((item, index) => textPaths(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([key, item]) => textPaths(item, [...path, key]));
    }
    return [];
  };
  const withValueAt = (
    value: unknown,
    path: (string | number)[],
    change: (old: string) => string,
  ): unknown => {
    if (path.length === 0) return change(value as string);
    const [head, ...rest] = path;
    const copy = (
      Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
    ) as Record<string | number, unknown>;
    copy[head!] = withValueAt(copy[head!], rest, change);
    return copy;
  };

  async function expectRefusedAt(
    source: string,
    variables: Record<string, unknown>,
    path: (string | number)[],
    message: string,
  ): Promise<void> {
    const before = await tableCounts(api.database.handle.db);
    const result = await api.execute(source, variables, viewers.admin);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions['fields']).toEqual([
      { path, message: expect.stringContaining(message) as unknown },
    ]);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  }

  it('a NUL character in any string of a write input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...textPaths(article)), fc.nat(), async (path, at) => {
        const input = withValueAt(article, path, (old) => {
          const position = at % (old.length + 1);
          return `${old.slice(0, position)}\u0000${old.slice(position)}`;
        });
        await expectRefusedAt(
          `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }`,
          { input },
          ['input', ...path],
          'NUL',
        );
      }),
      RUNS,
    );
  });

  it('a NUL character in a search or ID argument, inline or in a variable', async () => {
    const searches = [
      ['articles(search: $s)', 'search'],
      ['entities(search: $s)', 'search'],
      ['quotes(search: $s)', 'search'],
      ['quotes(speaker: $s)', 'speaker'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...searches),
        fc.string({ maxLength: 10 }),
        fc.boolean(),
        async ([field, argument], text, inline) => {
          const value = `${text}\u0000`;
          const source = inline
            ? `{ list: ${field.replace('$s', JSON.stringify(value))} { totalCount } }`
            : `query ($s: ${argument === 'search' ? 'String' : 'ID'}) { list: ${field} { totalCount } }`;
          await expectRefusedAt(source, inline ? {} : { s: value }, [argument], 'NUL');
        },
      ),
      RUNS,
    );
  });

  it('dates and instants before year 1, in arguments and input fields', async () => {
    const early = fc.constantFrom('0000-01-01', '0000-12-31');
    await fc.assert(
      fc.asyncProperty(early, fc.integer({ min: 1, max: 14 }), async (date, hours) => {
        await expectRefusedAt(
          `query ($d: LocalDate) { quotes(saidFrom: $d) { totalCount } }`,
          { d: date },
          ['saidFrom'],
          'from 0001-01-01 to 9999-12-31',
        );
        await expectRefusedAt(
          `{ articles(publishedBefore: "0001-01-01T00:00:00+${String(hours).padStart(2, '0')}:00") { totalCount } }`,
          {},
          ['publishedBefore'],
          'from 0001-01-01T00:00:00Z',
        );
        await expectRefusedAt(
          `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }`,
          {
            input: {
              ...article,
              deadlines: [{ ...article.deadlines[0], dueOn: date }],
            },
          },
          ['input', 'deadlines', 0, 'dueOn'],
          'from 0001-01-01 to 9999-12-31',
        );
      }),
      RUNS,
    );
  });
});
