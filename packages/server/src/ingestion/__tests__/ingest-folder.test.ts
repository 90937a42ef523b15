// Folder ingestion through the batched write path: a folder stored twice is stored once, a bad
// file costs only itself, and a folder stores what ingesting its texts one at a time stores.
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { createServices } from '../../services';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { tableCounts } from '../../testing/table-counts';
import { workerReader } from '../batch-reader';
import { batchRanges, ingestCommand, IngestCommandError, type CommandIO } from '../ingest.command';

/** The worker thread's script as `tsc -b` builds it (a worker runs JavaScript, not these sources). */
const BUILT_WORKER = join(__dirname, '../../../dist/ingestion/ingestion.worker.js');

const gold = join(__dirname, '../../../../extraction/gold/dev');
// Texts that share people, companies and places, so later ones link to what earlier ones created.
const NAMES = readdirSync(gold)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .slice(0, 12);

function folderOf(names: readonly string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'dateline-ingest-folder-'));
  for (const name of names) copyFileSync(join(gold, name), join(folder, name));
  return folder;
}

function capture(): CommandIO & { lines: string[]; progressLines: string[] } {
  const lines: string[] = [];
  const progressLines: string[] = [];
  return {
    lines,
    progressLines,
    out: (line) => lines.push(line),
    progress: (line) => progressLines.push(line),
    readStdin: () => Promise.resolve(''),
  };
}

const options = { dryRun: false, json: true };

/** What is stored, by names rather than ids, so two databases can be compared. */
async function snapshot(db: Database): Promise<unknown[]> {
  const result = await db.execute(sql`
    select a.content_hash, a.headline, a.published_at,
      (select json_agg(json_build_array(e.kind, e.name, m.mention_count, m.surface_forms)
                       order by e.kind, e.name)
         from article_mentions m join entities e on e.id = m.entity_id
        where m.article_id = a.id) as mentions,
      (select json_agg(p.name order by l.position)
         from article_datelines l join entities p on p.id = l.place_id
        where l.article_id = a.id) as datelines,
      (select json_agg(json_build_array(q.span_start, q.text, q.direct, s.name, v.name, q.channel,
                                        q.confidence) order by q.span_start, q.id)
         from quotes q left join entities s on s.id = q.speaker_id
              left join entities v on v.id = q.via_id
        where q.article_id = a.id) as quotes,
      (select json_agg(json_build_array(d.due_on, d.description, d.status, s.name, b.name,
                         (select json_agg(c.name order by c.name) from deadline_concerns dc
                            join entities c on c.id = dc.entity_id where dc.deadline_id = d.id))
                       order by d.due_on, d.description)
         from deadlines d join entities s on s.id = d.subject_id
              left join entities b on b.id = d.set_by_id
        where d.article_id = a.id) as deadlines
    from articles a order by a.content_hash`);
  return (result as { rows: unknown[] }).rows;
}

async function entityNames(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    select e.kind || ' ' || e.name || ' [' || coalesce(
      (select string_agg(alias, ', ' order by alias) from entity_aliases where entity_id = e.id),
      '') || ']' as entity
    from entities e order by 1`);
  return (result as { rows: { entity: string }[] }).rows.map((row) => row.entity);
}

async function eventCounts(db: Database): Promise<Record<string, number>> {
  const result = await db.execute(
    sql`select topic, count(*)::int as n from events group by topic order by topic`,
  );
  return Object.fromEntries(
    (result as { rows: { topic: string; n: number }[] }).rows.map((row) => [row.topic, row.n]),
  );
}

describe('batchRanges', () => {
  it('starts with ten texts and doubles up to the batch size', () => {
    const sizes = (total: number, size: number) =>
      batchRanges(total, size).map((range) => range.end - range.start);
    expect(sizes(400, 100)).toEqual([10, 20, 40, 80, 100, 100, 50]);
    expect(sizes(7, 100)).toEqual([7]);
    expect(sizes(14, 5)).toEqual([5, 5, 4]);
    expect(sizes(0, 100)).toEqual([]);
    const ranges = batchRanges(1234, 100);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(1234);
    for (const [index, range] of ranges.slice(1).entries()) {
      expect(range.start).toBe(ranges[index]!.end);
    }
  });
});

describe('dateline ingest <folder>', () => {
  let database: TestDatabase;
  const folders: string[] = [];

  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.dispose();
  });
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('stores each article once when the same folder is ingested twice', async () => {
    const folder = folderOf(NAMES);
    folders.push(folder);
    const { ingestion } = createServices(database.handle.db);
    const first = capture();
    await ingestCommand(ingestion, folder, options, first);
    const counts = await tableCounts(database.handle.db);
    const events = await eventCounts(database.handle.db);
    expect(counts['articles']).toBe(NAMES.length);
    expect(JSON.parse(first.lines.at(-1)!)).toMatchObject({
      summary: { files: NAMES.length, created: NAMES.length, duplicate: 0, failed: 0 },
    });
    // Every stored article, quote and deadline was announced once.
    expect(events).toEqual({
      'article.created': counts['articles'],
      'quote.created': counts['quotes'],
      ...(counts['deadlines']! > 0 && { 'deadline.changed': counts['deadlines'] }),
    });

    const second = capture();
    await ingestCommand(ingestion, folder, options, second);
    expect(JSON.parse(second.lines.at(-1)!)).toMatchObject({
      summary: { files: NAMES.length, created: 0, duplicate: NAMES.length, failed: 0 },
    });
    expect(await tableCounts(database.handle.db)).toEqual(counts);
    expect(await eventCounts(database.handle.db)).toEqual(events);
  }, 120_000);

  it('stores the rest of a folder with a malformed and an oversized file, and names them', async () => {
    const good = NAMES.slice(0, 3);
    const folder = folderOf(good);
    folders.push(folder);
    writeFileSync(join(folder, 'b-malformed.txt'), 'date 2024-13-45 Nowhere: A text with no day.');
    writeFileSync(
      join(folder, 'c-oversized.txt'),
      `date 2024-02-14 Paris: ${'Words that go on. '.repeat(12_000)}`,
    );
    const { ingestion } = createServices(database.handle.db);
    const io = capture();
    await expect(ingestCommand(ingestion, folder, options, io)).rejects.toThrow(IngestCommandError);
    expect(io.progressLines.filter((line) => line.includes('failed'))).toEqual([
      expect.stringContaining('b-malformed.txt: failed'),
      expect.stringContaining('c-oversized.txt: failed: the text: must be at most 200000'),
    ]);
    expect(JSON.parse(io.lines.at(-1)!)).toMatchObject({
      summary: { files: 5, created: 3, duplicate: 0, failed: 2 },
    });
    expect((await tableCounts(database.handle.db))['articles']).toBe(3);
  }, 120_000);

  it.each([
    // Ten, then the rest: both linked texts are in the second batch.
    ['in growing batches', NAMES.length, undefined, 'here'],
    ['in batches of 5, each read while the one before is stored', NAMES.length, 5, 'here'],
    // The first linked text ends the first batch (ten texts) and the second begins the next:
    // the second is linked while the first is being stored, to the Adam Mosseri that batch
    // creates.
    ['with each batch linked while the one before is stored', 9, undefined, 'here'],
    // The same, read and linked on the CLI's worker thread (the built one: run tsc -b first).
    ['on a worker thread', 9, undefined, 'worker'],
  ] as const)(
    'stores what ingesting the same texts one at a time stores (%s)',
    async (_, count, batchSize, where) => {
      const names = NAMES.slice(0, count);
      const folder = folderOf(names);
      folders.push(folder);
      // The second names by surname alone a man the first introduces: one at a time, it links to
      // the stored Adam Mosseri; in a batch, to the one the first text is about to create.
      const linked = [
        'date 2024-03-01 London: Adam Mosseri, the head of Instagram, said on Friday that the app would change. "We are listening to people," Mosseri said.\n',
        'date 2024-03-04 London: Instagram chief Mosseri told reporters on Monday that the change would come within weeks. "It is coming soon," said Mr Mosseri.\n',
      ];
      linked.forEach((text, index) => writeFileSync(join(folder, `zz-linked-${index}.txt`), text));
      const reader = where === 'worker' ? workerReader(BUILT_WORKER) : undefined;
      try {
        await ingestCommand(
          createServices(database.handle.db).ingestion,
          folder,
          { ...options, batchSize, reader },
          capture(),
        );
      } finally {
        await reader?.close();
      }
      expect(await entityNames(database.handle.db)).toContainEqual(
        expect.stringMatching(/^PERSON Adam Mosseri /),
      );
      expect(await entityNames(database.handle.db)).not.toContainEqual(
        expect.stringMatching(/^PERSON Mosseri /),
      );

      const alone = await openTestDatabase();
      try {
        const { ingestion } = createServices(alone.handle.db);
        for (const text of [
          ...names.map((name) => readFileSync(join(gold, name), 'utf8')),
          ...linked,
        ]) {
          await ingestion.ingest({ text });
        }
        expect(await snapshot(database.handle.db)).toEqual(await snapshot(alone.handle.db));
        expect(await entityNames(database.handle.db)).toEqual(await entityNames(alone.handle.db));
        expect(await tableCounts(database.handle.db)).toEqual(await tableCounts(alone.handle.db));
        expect(await eventCounts(database.handle.db)).toEqual(await eventCounts(alone.handle.db));
      } finally {
        await alone.dispose();
      }
    },
    180_000,
  );
});
