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
