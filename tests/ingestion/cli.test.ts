import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKey, dateline } from '../testkit/cli';
import { post } from '../testkit/graphql';
import { clientFor } from '../testkit/sdk';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

const gold = path.join(__dirname, '..', '..', 'packages', 'extraction', 'gold', 'dev');
const fixture = path.join(
  __dirname,
  '..',
  '..',
  'packages',
  'server',
  'fixtures',
  'articles-tiktok-2020-09-14.txt',
);
const FIRST = ['articles-airline-merger-2024-02-14.txt', 'articles-central-bank-2024-03-22.txt'];
const LATER = 'articles-port-strike-2021-03-05.txt';

interface FileLine {
  file: string;
  status: string;
  article?: { id: string; headline: string } | null;
  extraction?: { quotes: { direct: boolean; stored: boolean }[] };
}
interface Summary {
  files: number;
  created: number;
  duplicate: number;
  failed: number;
  skipped: number;
  articlesPerSecond: number;
}

/** Runs `dateline ingest <folder> --json` and splits its output into file lines and the summary. */
async function ingestFolder(folder: string): Promise<{ files: FileLine[]; summary: Summary }> {
  const lines = (await dateline(storage, 'ingest', folder, '--json'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FileLine | { summary: Summary });
  const files = lines.filter((line): line is FileLine => 'file' in line);
  const last = lines[lines.length - 1] as { summary: Summary };
  return { files, summary: last.summary };
}

let storage: ServerStorage;
let folder: string;
let editorKey: string;
const runs: { files: FileLine[]; summary: Summary }[] = [];

beforeAll(async () => {
  storage = await createStorage();
  folder = mkdtempSync(path.join(tmpdir(), 'dateline-ingest-'));
  for (const name of FIRST) copyFileSync(path.join(gold, name), path.join(folder, name));
  runs.push(await ingestFolder(folder));
  // A later run over the same folder with one new file: the finished ones are skipped.
  copyFileSync(path.join(gold, LATER), path.join(folder, LATER));
  runs.push(await ingestFolder(folder));
  // Without the state file every file is read again, and idempotency stores nothing new.
  unlinkSync(path.join(folder, '.dateline-ingested'));
  runs.push(await ingestFolder(folder));
  editorKey = await createKey(storage, 'editor', 'ingest bot');
}, 120_000);
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await storage.dispose();
});

describe('dateline ingest on a folder', () => {
  it('stores every article of the folder and reports the rate', () => {
    const [first] = runs;
    expect(first!.files.map((line) => [line.file, line.status])).toEqual(
      FIRST.map((name) => [name, 'created']),
    );
    expect(first!.summary).toMatchObject({ files: 2, created: 2, duplicate: 0, failed: 0 });
    expect(first!.summary.articlesPerSecond).toBeGreaterThan(0);
  });

  it('skips the files an earlier run finished and reads only the new one', () => {
    const second = runs[1]!;
    expect(second.files.map((line) => [line.file, line.status])).toEqual([
      [FIRST[0], 'skipped'],
      [FIRST[1], 'skipped'],
      [LATER, 'created'],
    ]);
    expect(second.summary).toMatchObject({ created: 1, skipped: 2, failed: 0 });
  });

  it('stores nothing new when every file is read again', () => {
    const third = runs[2]!;
    expect(third.summary).toMatchObject({ files: 3, created: 0, duplicate: 3, skipped: 0 });
    const ids = (run: { files: FileLine[] }) =>
      Object.fromEntries(run.files.map((line) => [line.file, line.article?.id]));
    expect(ids(third)).toEqual({ ...ids(runs[0]!), [LATER]: ids(runs[1]!)[LATER] });
  });

  describe('then served over HTTP', () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await startServer(storage);
    });
    afterAll(() => server.stop());

    it('serves the ingested articles with their extracted quotes', async () => {
      const stored = runs[2]!.files;
      for (const line of stored) {
        const response = await post<{
          node: { headline: string; quotes: { totalCount: number } } | null;
        }>(
          server.url,
          'query ($id: ID!) { node(id: $id) { ... on Article { headline quotes { totalCount } } } }',
          {
            id: line.article!.id,
          },
        );
        const expected = runs
          .flatMap((run) => run.files)
          .find((candidate) => candidate.file === line.file && candidate.status === 'created');
        expect(response.body.data!.node).toEqual({
          headline: line.article!.headline,
          quotes: { totalCount: expected!.extraction!.quotes.filter((q) => q.stored).length },
        });
      }
    });

    it('ingests through the SDK: a dry run of the sample text finds its six direct quotes', async () => {
      const editor = clientFor(server, { apiKey: editorKey });
      const { ingestArticle } = await editor.ingestArticle({
        input: { text: readFileSync(fixture, 'utf8'), dryRun: true },
      });
      expect(ingestArticle.article).toBeNull();
      const direct = ingestArticle.extraction.quotes.filter((quote) => quote.direct);
      expect(direct.map((quote) => quote.speaker?.name)).toEqual([
        'Microsoft',
        'Microsoft',
        'Adam Mosseri',
        'Adam Mosseri',
        'Government of China',
        'Ministry of Foreign Affairs of China',
      ]);
      expect(ingestArticle.extraction.deadlines.map((d) => [d.dueOn, d.setBy?.name])).toEqual([
        ['2020-09-20', 'Donald Trump'],
      ]);
    });
  });
});
