// The `dateline` commands an operator runs beside the server: usage and help, migrations without
// a server, and export/import of the news data. Each test runs the built CLI as a process.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { datelineRun, type CliRun } from '../testkit/cli';
import { createStorage, type ServerStorage } from '../testkit/server';

const gold = path.join(__dirname, '..', '..', 'packages', 'extraction', 'gold', 'dev');
const ARTICLES = [
  'articles-airline-merger-2024-02-14.txt',
  'articles-central-bank-2024-03-22.txt',
  'articles-port-strike-2021-03-05.txt',
];
const LATER = 'articles-drug-recall-2022-11-16.txt';

const storages: ServerStorage[] = [];
let scratch: string;

async function storage(): Promise<ServerStorage> {
  const created = await createStorage();
  storages.push(created);
  return created;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'));
});
afterAll(async () => {
  for (const created of storages) await created.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('dateline usage', () => {
  const noDatabase = { env: { DATELINE_DATA_DIR: path.join(tmpdir(), 'dateline-never-opened') } };
  const run = (...args: string[]): Promise<CliRun> => datelineRun(noDatabase, args);

  it.each([
    [['--help'], 'Usage: dateline <command>'],
    [['help'], 'Usage: dateline <command>'],
    [['keys', '--help'], 'Usage: dateline keys <create|list|revoke>'],
    [['keys', 'create', '--help'], 'Usage: dateline keys create --role'],
    [['keys', 'revoke', '-h'], 'Usage: dateline keys revoke <id or prefix>'],
    [['ingest', '--help'], 'Usage: dateline ingest <file|directory|->'],
    [['migrate', '--help'], 'Usage: dateline migrate [--dry-run]'],
    [['export', '--help'], 'Usage: dateline export [--out <file>]'],
    [['import', '--help'], 'Usage: dateline import <file|->'],
  ])('prints the usage of `dateline %j` and exits 0', async (args, usage) => {
    const result = await run(...args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(usage);
  });

  it.each([
    [['frobnicate'], 'dateline: Unknown command "frobnicate".', 'Usage: dateline <command>'],
    [['--verbose'], 'dateline: Unknown option "--verbose".', 'Usage: dateline <command>'],
    [['keys', 'rotate'], 'dateline: Unknown command "keys rotate".', 'Usage: dateline keys'],
    [
      ['keys', 'create', '--rol', 'admin'],
      "dateline: Unknown option '--rol'.",
      'Usage: dateline keys create',
    ],
    [['ingest'], 'dateline: Name one file, directory or - (stdin).', 'Usage: dateline ingest'],
    [
      ['ingest', '-', '--batch-size', '0'],
      'dateline: --batch-size must be a whole number from 1 to 1000.',
      'Usage: dateline ingest',
    ],
    [
      ['migrate', 'now'],
      'dateline: dateline migrate takes no arguments',
      'Usage: dateline migrate',
    ],
  ])(
    'refuses `dateline %j` with one line and the usage, exit code 2',
    async (args, error, usage) => {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const [first, blank, usageLine] = result.stderr.split('\n');
      expect(first).toContain(error);
      expect(blank).toBe('');
      expect(usageLine).toContain(usage);
    },
  );
});

describe('dateline migrate', () => {
  it('lists the pending migrations on a dry run, applies nothing, then applies them', async () => {
    const fresh = await storage();
    const dry = await datelineRun(fresh, ['migrate', '--dry-run']);
    expect(dry.code).toBe(0);
    const dataDir = fresh.env['DATELINE_DATA_DIR'];
    let lines = dry.stdout.trim().split('\n');
    if (dataDir) {
      // The embedded database is not even created by a dry run.
      expect(lines[0]).toBe(`No database in ${dataDir} yet: it would be created.`);
      expect(readdirSync(dataDir)).toEqual([]);
      lines = lines.slice(1);
    }
    expect(lines[0]).toMatch(/^\d+ migration\(s\) would be applied \(dry run, nothing applied\):$/);
    expect(lines.slice(1)).toContain('  0000_extensions');
    // Nothing was applied: a second dry run lists the same.
    expect((await datelineRun(fresh, ['migrate', '--dry-run'])).stdout).toBe(dry.stdout);

    const applied = await datelineRun(fresh, ['migrate']);
    expect(applied.code).toBe(0);
    expect(applied.stdout.trim().split('\n').slice(1)).toEqual(lines.slice(1));
    const after = await datelineRun(fresh, ['migrate', '--dry-run']);
    expect(after.stdout).toBe('The database is up to date: no migration to apply.\n');
  });
});

describe('dateline export and import', () => {
  let exported: string;
  let target: ServerStorage;

  beforeAll(async () => {
    const source = await storage();
    const folder = path.join(scratch, 'articles');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const name of ARTICLES) copyFileSync(path.join(gold, name), path.join(folder, name));
    expect(await datelineRun(source, ['ingest', folder])).toMatchObject({ code: 0 });
    const file = path.join(scratch, 'first.ndjson');
    const result = await datelineRun(source, ['export', '--out', file]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(`to ${file}.`);
    exported = readFileSync(file, 'utf8');
    target = await storage();
  }, 240_000);

  it('exports every kind of row, keyed, one JSON object a line', () => {
    const lines = exported.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ dateline: 'export', version: 1 });
    const tables = new Set(
      lines.slice(1).map((line) => (JSON.parse(line) as { table: string }).table),
    );
    for (const table of ['entities', 'entity_aliases', 'articles', 'article_mentions', 'quotes']) {
      expect(tables).toContain(table);
    }
    expect(tables).toContain('deadlines');
    expect(tables).toContain('deadline_changes');
  });

  it('imports into an empty database and exports the same bytes again', async () => {
    const imported = await datelineRun(target, ['import', path.join(scratch, 'first.ndjson')]);
    expect(imported.code).toBe(0);
    const rows = exported.trim().split('\n').length - 1;
    expect(imported.stdout).toContain(`Imported ${rows} rows`);
    expect(imported.stdout).toContain(`: ${rows} rows (`);
    const again = await datelineRun(target, ['export']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(exported);
  });

  it('changes nothing when the same export is imported a second time, from stdin', async () => {
    const second = await datelineRun(target, ['import', '-'], exported);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing new');
    expect((await datelineRun(target, ['export'])).stdout).toBe(exported);
  });

  it('stores new articles after an import without colliding with the imported ids', async () => {
    const file = path.join(scratch, LATER);
    copyFileSync(path.join(gold, LATER), file);
    const result = await datelineRun(target, ['ingest', file, '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { created: boolean }).created).toBe(true);
  });

  it('refuses a file that is not an export, storing nothing', async () => {
    const file = path.join(scratch, 'not-an-export.ndjson');
    writeFileSync(file, '{"hello":"world"}\n');
    const result = await datelineRun(target, ['import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: not a dateline export');
  });
});
