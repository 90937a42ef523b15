import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKey, dateline, datelineRun } from '../testkit/cli';
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
const PIPED = 'articles-drug-recall-2022-11-16.txt';

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

/** Splits `dateline ingest … --json` output into file lines and the summary. */
function parseRun(output: string): { files: FileLine[]; summary: Summary } {
  const lines = output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FileLine | { summary: Summary });
  const files = lines.filter((line): line is FileLine => 'file' in line);
  const last = lines[lines.length - 1] as { summary: Summary };
  return { files, summary: last.summary };
}

async function ingestFolder(folder: string): Promise<{ files: FileLine[]; summary: Summary }> {
  return parseRun(await dateline(storage, 'ingest', folder, '--json'));
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
  // A later run over the same folder with one new file: the stored ones are recognised.
  copyFileSync(path.join(gold, LATER), path.join(folder, LATER));
  runs.push(await ingestFolder(folder));
  // The same texts one after another on stdin, and a new one after them.
  const piped = [...FIRST, LATER, PIPED].map((name) => readFileSync(path.join(gold, name), 'utf8'));
  const stdin = await datelineRun(storage, ['ingest', '-', '--json'], piped.join('\n'));
  expect(stdin).toMatchObject({ code: 0 });
  runs.push(parseRun(stdin.stdout));
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

  it('recognises the files an earlier run stored and stores only the new one', () => {
    const second = runs[1]!;
    expect(second.files.map((line) => [line.file, line.status])).toEqual([
      [FIRST[0], 'duplicate'],
      [FIRST[1], 'duplicate'],
      [LATER, 'created'],
    ]);
    expect(second.summary).toMatchObject({ created: 1, duplicate: 2, failed: 0 });
    expect(second.files[0]!.article!.id).toBe(runs[0]!.files[0]!.article!.id);
  });

  it('reads several articles one after another on stdin, storing only the new one', () => {
    const third = runs[2]!;
    expect(third.files.map((line) => [line.file, line.status])).toEqual([
      ['stdin #1', 'duplicate'],
      ['stdin #2', 'duplicate'],
      ['stdin #3', 'duplicate'],
      ['stdin #4', 'created'],
    ]);
    expect(third.summary).toMatchObject({ files: 4, created: 1, duplicate: 3, failed: 0 });
    const ids = (run: { files: FileLine[] }) => run.files.map((line) => line.article?.id);
    expect(ids(third).slice(0, 3)).toEqual([...ids(runs[0]!), ids(runs[1]!)[2]]);
  });

  describe('then served over HTTP', () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await startServer(storage);
    });
    afterAll(() => server.stop());

    it('serves the ingested articles with their extracted quotes', async () => {
      const stored = runs.flatMap((run) => run.files);
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
          .find(
            (candidate) =>
              candidate.article?.id === line.article?.id && candidate.status === 'created',
          );
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
