// `pnpm bench:ingest`: end-to-end throughput of `dateline ingest <folder>` with the built CLI (the
// script builds it first), on
// the embedded database (a fresh data directory) and on PostgreSQL (a fresh database on --pg,
// dropped afterwards). The folder is a smoke test on our own text: the gold articles and the
// sample fixture, copied over and over, each copy ending with a sentence of its own so that every
// file is a distinct article. With `--names varied` (the default) every copy after the first also
// renames the people, organisations and places the text names (every vowel swapped, another
// way in each copy: "Adam Mosseri" becomes "Adem Mussaro", then "Adem Missaru"…), so that, as in
// a folder of different stories, each copy brings entities the database does not hold yet; `--names same` keeps the names, so copies
// after the first link to what the first stored. With `--words 600` the texts are instead the
// ~600-word articles of `pnpm bench:extraction` (gold paragraphs joined and rotated), news-length
// rather than the gold texts' ~270 words. Each database gets two runs: the first stores
// the folder, the second finds every text already stored (what resuming a run cut short costs).
//
//   pnpm bench:ingest [--articles 400] [--names varied|same] [--words 600]
//                     [--pg postgres://postgres@127.0.0.1:5432] [--no-pg] [--no-embedded]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findEntityNames, parseArticleText } from '../packages/extraction/src';
import { buildBenchArticles } from '../packages/extraction/src/bench-extraction';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'packages/server/dist/cli.js');

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '400' },
    names: { type: 'string', default: 'varied' },
    words: { type: 'string' },
    pg: {
      type: 'string',
      default: process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    },
    'no-pg': { type: 'boolean', default: false },
    'no-embedded': { type: 'boolean', default: false },
  },
});

interface Summary {
  files: number;
  created: number;
  duplicate: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  cpuSeconds: number;
}

/** `count` distinct article texts in the fixture format, in a fresh folder. */
function buildFolder(count: number): string {
  const gold = join(ROOT, 'packages/extraction/gold');
  const sources = [
    ...['dev', 'test'].flatMap((set) =>
      readdirSync(join(gold, set))
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => join(gold, set, name)),
    ),
    join(ROOT, 'packages/server/fixtures/articles-tiktok-2020-09-14.txt'),
  ];
  const texts = args.words
    ? longTexts(count)
    : [...new Set(sources.map((file) => readFileSync(file, 'utf8').trimEnd()))];
  const nameWords = texts.map(wordsOfNames);
  const folder = mkdtempSync(join(tmpdir(), 'dateline-bench-ingest-'));
  for (let n = 0; n < count; n++) {
    // Long articles are each their own (count of them), so each is renamed its own way.
    const round = args.words ? n : Math.floor(n / texts.length);
    const text = texts[n % texts.length] as string;
    const renamed =
      round > 0 && args.names === 'varied'
        ? rename(text, nameWords[n % texts.length] as Set<string>, round)
        : text;
    const body = round === 0 ? text : `${renamed}\nThis report was revised ${round} times.`;
    writeFileSync(join(folder, `${String(n).padStart(5, '0')}.txt`), `${body}\n`);
  }
  return folder;
}

/** `count` articles of ~600 words (bench:extraction's), in the fixture format. */
function longTexts(count: number): string[] {
  if (args.words !== '600') throw new Error("--words: only 600 (bench:extraction's articles)");
  return buildBenchArticles(count).map(({ publishedOn, datelines, body }) => {
    const dateline = datelines.length > 0 ? `${datelines.join('/')}: ` : '';
    return `date ${publishedOn} ${dateline}${body}`;
  });
}

/** The capitalised words of the names the extractor finds in a text (in the fixture format). */
function wordsOfNames(text: string): Set<string> {
  const names = findEntityNames(parseArticleText(text));
  const words = new Set<string>();
  for (const { name, aliases } of names) {
    for (const word of [name, ...aliases].join(' ').split(/[^\p{L}]+/u)) {
      if (/^\p{Lu}\p{Ll}{2,}$/u.test(word)) words.add(word);
    }
  }
  return words;
}

/**
 * The orderings of the five vowels that move every one of them (44): copy `round` (from 1) maps
 * a e i o u to the round-th, so every name with a vowel changes in every copy, differently.
 */
const VOWEL_ORDERS = (function orders(rest: string): string[] {
  if (rest.length <= 1) return [rest];
  return [...rest].flatMap((first) => orders(rest.replace(first, '')).map((tail) => first + tail));
})('aeiou').filter((order) => [...order].every((vowel, index) => vowel !== 'aeiou'[index]));

/** `text` with the vowels of each of `words` replaced by copy `round`'s ordering of them. */
function rename(text: string, words: Set<string>, round: number): string {
  if (words.size === 0) return text;
  const order = VOWEL_ORDERS[(round - 1) % VOWEL_ORDERS.length] as string;
  const shift = (word: string): string =>
    word.replace(/[aeiou]/g, (vowel) => order['aeiou'.indexOf(vowel)] as string);
  const pattern = new RegExp(`\\b(${[...words].join('|')})\\b`, 'gu');
  return text.replace(pattern, (word) => shift(word));
}

function ingest(folder: string, env: Record<string, string>): Summary {
  // The Node flags `pnpm dateline` runs the CLI with.
  const run = spawnSync(
    process.execPath,
    ['--max-semi-space-size=64', '--interrupt-budget=600000', CLI, 'ingest', folder, '--json'],
    {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{"summary"')) {
    throw new Error(`dateline ingest failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  }
  return (JSON.parse(last) as { summary: Summary }).summary;
}

function report(database: string, runs: Summary[]): void {
  for (const [index, summary] of runs.entries()) {
    const what = index === 0 ? 'store' : 'again ';
    console.log(
      `${database.padEnd(9)} ${what} ${String(summary.files).padStart(5)} files: ` +
        `${summary.created} created, ${summary.duplicate} already stored, ${summary.failed} failed; ` +
        `${summary.seconds.toFixed(1)} s wall = ${summary.articlesPerSecond.toFixed(1)} articles/s; ` +
        `${summary.cpuSeconds.toFixed(1)} s CPU = ${(summary.files / summary.cpuSeconds).toFixed(1)} articles per CPU second`,
    );
  }
}

async function main(): Promise<void> {
  const count = Number(args.articles);
  const folder = buildFolder(count);
  if (args.names !== 'varied' && args.names !== 'same') throw new Error('--names: varied or same');
  const what = args.words
    ? `~${args.words}-word articles built from the gold texts`
    : 'gold texts and the sample';
  console.log(`${count} articles in ${folder} (${what}, copied with edits; names ${args.names})`);
  try {
    if (!args['no-embedded']) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-ingest-data-'));
      mkdirSync(dataDir, { recursive: true });
      try {
        const env = { DATELINE_DATA_DIR: dataDir, DATELINE_SEED_SAMPLE: 'false' };
        report('embedded', [ingest(folder, env), ingest(folder, env)]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    if (!args['no-pg']) {
      const name = `dateline_bench_ingest_${process.pid}`;
      const admin = new Client({ connectionString: args.pg });
      await admin.connect();
      await admin.query(`create database ${name}`);
      try {
        const url = new URL(args.pg);
        url.pathname = `/${name}`;
        const env = { DATABASE_URL: url.toString() };
        report('postgres', [ingest(folder, env), ingest(folder, env)]);
        console.log('(postgres: the CPU figure is the CLI process only, not the server)');
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
