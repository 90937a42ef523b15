import {
  DatelineError,
  ErrorCode,
  type Client,
  type CreateArticleMutationVariables,
} from '@dateline/sdk';
import { createKey } from '../testkit/cli';
import { clientFor, countingFetch } from '../testkit/sdk';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let editor: Client;
let editorKey: string;
let readerKey: string;

beforeAll(async () => {
  storage = await createStorage();
  // Keys are made with the CLI before the server opens the database.
  editorKey = await createKey(storage, 'editor', 'sdk tests');
  readerKey = await createKey(storage, 'reader', 'sdk dashboard');
  server = await startServer(storage);
  editor = clientFor(server, { apiKey: editorKey });
});
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

const input: CreateArticleMutationVariables['input'] = {
  headline: 'Coastline told to clear the quay',
  body: 'The port authority gave Coastline Shipping until May 1 to clear the quay or lose its licence. "We will be out in time," a Coastline spokesperson said.',
  publishedAt: '2024-04-02T08:00:00Z',
  url: 'https://news.example/coastline-sdk',
  quotes: [
    {
      text: 'We will be out in time,',
      direct: true,
      speaker: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
      speakerTitle: 'spokesperson',
      channel: 'STATEMENT',
    },
  ],
  deadlines: [
    {
      description: 'Coastline Shipping must clear the quay',
      dueOn: '2024-05-01',
      subject: { name: 'Coastline Shipping', kind: 'ORGANIZATION' },
      setBy: { name: 'Port Authority', kind: 'GOVERNMENT' },
      consequence: 'loss of its licence',
    },
  ],
};

async function failure(promise: Promise<unknown>): Promise<DatelineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DatelineError))
    throw new Error(`expected a DatelineError: ${String(error)}`);
  return error;
}

describe('writes through the SDK', () => {
  it('refuses a write without a key as UNAUTHENTICATED and with a reader key as FORBIDDEN, sending it once', async () => {
    const counter = countingFetch();
    const anonymous = clientFor(server, { fetch: counter.fetch, retries: 5 });
    const error = await failure(anonymous.createArticle({ input }));
    expect(error.code === ErrorCode.Unauthenticated).toBe(true);
    expect(counter.count()).toBe(1);

    const reader = clientFor(server, { apiKey: readerKey });
    expect((await failure(reader.createArticle({ input }))).code).toBe(ErrorCode.Forbidden);
    expect((await reader.articles()).articles.totalCount).toBe(1);
  });

  it('stores an article with an editor key, then pages through both articles one at a time', async () => {
    const { createArticle } = await editor.createArticle({ input });
    expect(createArticle.created).toBe(true);
    expect(createArticle.article.quotes.nodes.map((quote) => quote.speaker?.name)).toEqual([
      'Coastline Shipping',
    ]);

    const counter = countingFetch();
    const pager = clientFor(server, { fetch: counter.fetch });
    const headlines: string[] = [];
    for await (const article of pager.paginate.articles({ first: 1 })) {
      headlines.push(article.headline);
    }
    // Newest first.
    expect(headlines).toEqual([
      'Coastline told to clear the quay',
      "TikTok rejects Microsoft's offer for its US operations",
    ]);
    expect(counter.count()).toBe(2);

    const again = await editor.createArticle({ input });
    expect(again.createArticle.created).toBe(false);
  });

  it('extends a deadline with updateDeadline and reads the change back in its history', async () => {
    const { deadlines } = await editor.deadlines({ dueFrom: '2024-01-01' });
    const deadline = deadlines.nodes[0]!;
    const { articles } = await editor.articles({ search: 'quay' });
    const { updateDeadline } = await editor.updateDeadline({
      input: { id: deadline.id, article: articles.nodes[0]!.id, dueOn: '2024-05-15' },
    });
    expect(updateDeadline.change).toMatchObject({
      status: 'EXTENDED',
      previousStatus: 'PENDING',
      dueOn: '2024-05-15',
      previousDueOn: '2024-05-01',
    });
    const read = await editor.deadline({ id: deadline.id });
    expect(read.deadline!.history.nodes.map((change) => change.dueOn)).toEqual([
      '2024-05-01',
      '2024-05-15',
    ]);
  });

  it('reports every problem of an invalid input as BAD_USER_INPUT with its path', async () => {
    const error = await failure(
      editor.createArticle({ input: { ...input, headline: '', url: 'https://news.example/x' } }),
    );
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(JSON.stringify(error.errors[0]!.extensions['fields'])).toContain('headline');
  });
});
