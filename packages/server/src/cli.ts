// `pnpm dateline …`: operator commands on the configured database: DATABASE_URL, or the embedded
// one, through the running server when there is one (see openDatabase). This file only parses
// arguments and prints usage: every command's code (the database driver, the extraction engine,
// the services) is loaded when that command runs, so `--help` and usage errors answer at once.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ApiKeyService } from './access/api-key.service';
import type { Services } from './services';
import type { DatabaseHandle } from './db/client';
import type { CommandIO } from './ingestion/ingest.command';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  /** The words that name it: `['keys', 'create']`. */
  name: string[];
  summary: string;
  /** The argument synopsis after the name. */
  synopsis: string;
  /** Lines after the synopsis: what the arguments and options mean. */
  details: string[];
  options: Options;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number; what: string };
  run(args: { values: Values; positionals: string[]; io: CommandIO }): Promise<void>;
}

/** Wrong arguments: exit code 2, with the usage of the command meant. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A user-facing failure that is not a usage mistake: the message alone, exit code 1. */
class CommandFailure extends Error {}

const DATABASE_NOTE =
  'The database is DATABASE_URL, or the embedded one in DATELINE_DATA_DIR (./.dateline/data),\n' +
  'reached through the running server when one has it.';

const commands: Command[] = [
  {
    name: ['keys', 'create'],
    summary: 'Create an API key; it is printed once.',
    synopsis: '--role <reader|editor|admin> --name <name>',
    details: [],
    options: { role: { type: 'string' }, name: { type: 'string' } },
    positionals: { min: 0, max: 0, what: '' },
    async run({ values, io }) {
      const role = values['role'];
      const name = typeof values['name'] === 'string' ? values['name'].trim() : '';
      const roles = ['reader', 'editor', 'admin'];
      if (typeof role !== 'string' || !roles.includes(role)) {
        throw usageOf(this, `--role must be one of ${roles.join(', ')}.`);
      }
      if (!name) throw usageOf(this, '--name is required.');
      const { key, row } = await withKeys((keys) =>
        keys.create(name, role as 'reader' | 'editor' | 'admin'),
      );
      io.out(`Created ${row.role} key #${row.id} "${row.name}".`);
      io.out(`Key (shown only now; store it safely): ${key}`);
      io.out(`Use it as:  Authorization: Bearer ${key}`);
    },
  },
  {
    name: ['keys', 'list'],
    summary: 'List the API keys with their role and when they were last used.',
    synopsis: '',
    details: [],
    options: {},
    positionals: { min: 0, max: 0, what: '' },
    async run({ io }) {
      const rows = await withKeys((keys) => keys.list());
      if (rows.length === 0) {
        io.out('No API keys yet. Create one with: dateline keys create --role admin --name <name>');
      }
      for (const row of rows) {
        const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active';
        const used = row.lastUsedAt ? `last used ${row.lastUsedAt.toISOString()}` : 'never used';
        io.out(`#${row.id}\t${row.prefix}…\t${row.role}\t${row.name}\t${state}\t${used}`);
      }
    },
  },
  {
    name: ['keys', 'revoke'],
    summary: 'Revoke an API key.',
    synopsis: '<id or prefix>',
    details: [],
    options: {},
    positionals: { min: 1, max: 1, what: 'the key to revoke by id or prefix' },
    async run({ positionals: [target = ''], io }) {
      const revoked = await withKeys((keys) => keys.revoke(target));
      if (revoked.length === 0) {
        throw new CommandFailure(`No active key has id or prefix "${target}".`);
      }
      for (const row of revoked) io.out(`Revoked key #${row.id} "${row.name}".`);
    },
  },
  {
    name: ['ingest'],
    summary: 'Read article text into the database: a file, a folder of *.txt files, or stdin.',
    synopsis:
      '<file|directory|-> [--dry-run] [--json] [--published-at YYYY-MM-DD] [--url <url>] [--batch-size <n>]',
    details: [
      'A directory: its *.txt files, several to a transaction. A text already stored is',
      'recognised and skipped, so a run cut short is simply run again. -: the text on stdin.',
      '  --dry-run       show what would be extracted; store nothing',
      '  --json          print results as JSON (one line per file for a directory)',
      '  --published-at  the date of text without a "date YYYY-MM-DD Place:" header',
      "  --url           the article's address (one file or stdin only)",
      '  --batch-size    texts per transaction for a directory or stdin (default 100, 1-1000)',
    ],
    options: {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'published-at': { type: 'string' },
      url: { type: 'string' },
      'batch-size': { type: 'string' },
    },
    positionals: { min: 1, max: 1, what: 'one file, directory or - (stdin)' },
    async run({ values, positionals: [target = ''], io }) {
      const publishedAt = values['published-at'] as string | undefined;
      if (publishedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt)) {
        throw usageOf(this, '--published-at must be a date such as 2020-09-14.');
      }
      const batchSize = values['batch-size'] as string | undefined;
      if (
        batchSize !== undefined &&
        !(/^\d+$/.test(batchSize) && Number(batchSize) >= 1 && Number(batchSize) <= 1000)
      ) {
        throw usageOf(this, '--batch-size must be a whole number from 1 to 1000.');
      }
      const { ingestCommand, IngestCommandError } = await import('./ingestion/ingest.command.js');
      // Several texts (a folder or stdin) are read and linked on a worker thread, started now so
      // that it loads the extraction engine while this thread opens the database.
      const several = target === '-' || (existsSync(target) && statSync(target).isDirectory());
      const { workerReader } = await import('./ingestion/batch-reader.js');
      const options = {
        dryRun: values['dry-run'] === true,
        json: values['json'] === true,
        publishedAt,
        url: values['url'] as string | undefined,
        batchSize: batchSize === undefined ? undefined : Number(batchSize),
        reader: several ? workerReader() : undefined,
      };
      try {
        await withServices((services) => ingestCommand(services.ingestion, target, options, io));
      } catch (error) {
        if (error instanceof IngestCommandError) throw new CommandFailure(error.message);
        throw error;
      } finally {
        await options.reader?.close();
      }
    },
  },
  {
    name: ['migrate'],
    summary: 'Apply the pending database migrations (the server also does on start).',
    synopsis: '[--dry-run]',
    details: ['  --dry-run  list the migrations that would be applied; apply nothing'],
    options: { 'dry-run': { type: 'boolean' } },
    positionals: { min: 0, max: 0, what: '' },
    async run({ values, io }) {
      const [{ committedMigrations, migrateDatabase, pendingMigrations }, { loadEnv }] =
        await Promise.all([import('./db/migrate.js'), import('./env.js')]);
      const dryRun = values['dry-run'] === true;
      const list = (pending: readonly { tag: string }[]) => {
        io.out(`${pending.length} migration(s) would be applied (dry run, nothing applied):`);
        for (const migration of pending) io.out(`  ${migration.tag}`);
      };
      const env = loadEnv();
      if (dryRun && !env.databaseUrl && !existsSync(path.join(env.dataDir, 'PG_VERSION'))) {
        // A dry run creates nothing, not even the embedded database it would migrate.
        io.out(`No database in ${env.dataDir} yet: it would be created.`);
        list(committedMigrations());
        return;
      }
      await withDatabase(async (handle) => {
        const pending = await pendingMigrations(handle);
        if (pending.length === 0) {
          io.out('The database is up to date: no migration to apply.');
          return;
        }
        if (dryRun) {
          list(pending);
          return;
        }
        await migrateDatabase(handle);
        io.out(`Applied ${pending.length} migration(s):`);
        for (const migration of pending) io.out(`  ${migration.tag}`);
      });
    },
  },
  {
    name: ['search', 'reindex'],
    summary: 'Rebuild the Groonga search index (DATELINE_SEARCH=groonga) from the database.',
    synopsis: '',
    details: [
      'Loads every article into new Groonga tables, indexes them once, then switches every',
      'instance to them and drops the old ones. Writes made meanwhile stay queued and are',
      'delivered after. Groonga: DATELINE_GROONGA_URL (http://127.0.0.1:10041).',
    ],
    options: {},
    positionals: { min: 0, max: 0, what: '' },
    async run({ io }) {
      const [{ loadEnv }, { GroongaIndex, SearchUnavailableError }] = await Promise.all([
        import('./env.js'),
        import('./search/groonga-index.js'),
      ]);
      const env = loadEnv();
      await withDatabase(async (handle) => {
        await migrate(handle);
        const index = new GroongaIndex(handle, { url: env.groonga.url, timeoutMs: 60_000 });
        await index.register();
        const started = performance.now();
        try {
          const total = await index.reindex((done, all) =>
            io.progress(`Indexed ${done} of ${all} articles`),
          );
          const seconds = (performance.now() - started) / 1000;
          io.out(`Re-indexed ${total} articles into Groonga in ${seconds.toFixed(1)} s.`);
        } catch (error) {
          if (error instanceof SearchUnavailableError) {
            throw new CommandFailure(
              `Groonga at ${env.groonga.url} did not answer (${error.reason}). Start it, or set DATELINE_GROONGA_URL.`,
            );
          }
          throw error;
        }
      });
    },
  },
  {
    name: ['export'],
    summary: 'Write the news data (entities, articles, quotes, deadlines and history) as NDJSON.',
    synopsis: '[--out <file>]',
    details: [
      'One row a line, keyed by the stored ids; API keys are not exported.',
      '  --out  the file to write (standard output when absent); progress goes to stderr',
    ],
    options: { out: { type: 'string' } },
    positionals: { min: 0, max: 0, what: '' },
    async run({ values, io }) {
      const [{ exportData }, { TransferRepository }, { createWriteStream }] = await Promise.all([
        import('./transfer/transfer.command.js'),
        import('./transfer/transfer.repository.js'),
        import('node:fs'),
      ]);
      const file = values['out'] as string | undefined;
      await withDatabase(async (handle) => {
        await migrate(handle);
        const out = file ? createWriteStream(file) : process.stdout;
        const counts = await exportData(new TransferRepository(handle.db), out, (line) =>
          io.progress(line),
        );
        if (file)
          await new Promise((resolve, reject) =>
            out.end(() => resolve(undefined)).on('error', reject),
          );
        io.progress(`Exported ${describeCounts(counts)}${file ? ` to ${file}` : ''}.`);
      });
    },
  },
  {
    name: ['import'],
    summary: 'Load an export into the database; rows already there are left as they are.',
    synopsis: '<file|->',
    details: [
      'Rows are matched by their ids: importing the same export twice adds nothing. Meant for',
      'an empty database or the one the export came from. -: the export on stdin.',
    ],
    options: {},
    positionals: { min: 1, max: 1, what: 'the export file, or - for stdin' },
    async run({ positionals: [file = ''], io }) {
      const [
        { importData, TransferError },
        { TransferRepository },
        { createReadStream, existsSync },
      ] = await Promise.all([
        import('./transfer/transfer.command.js'),
        import('./transfer/transfer.repository.js'),
        import('node:fs'),
      ]);
      if (file !== '-' && !existsSync(file)) throw new CommandFailure(`No such file: ${file}`);
      await withDatabase(async (handle) => {
        await migrate(handle);
        const input = file === '-' ? process.stdin : createReadStream(file);
        try {
          const { read, added } = await importData(
            new TransferRepository(handle.db),
            input,
            (line) => io.progress(line),
          );
          io.out(
            `Imported ${describeCounts(read)}: ${
              Object.values(added).some((n) => n > 0)
                ? `${describeCounts(added)} new`
                : 'nothing new'
            }.`,
          );
        } catch (error) {
          if (error instanceof TransferError) throw new CommandFailure(error.message);
          throw error;
        }
      });
    },
  },
];

function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total === 0) return '0 rows';
  return `${total} rows (${Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ')})`;
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  const { migrateDatabase } = await import('./db/migrate.js');
  await migrateDatabase(handle);
}

function fullName(command: Command): string {
  return `dateline ${command.name.join(' ')}`;
}

function commandUsage(command: Command): string {
  return [
    `Usage: ${fullName(command)}${command.synopsis ? ` ${command.synopsis}` : ''}`,
    `  ${command.summary}`,
    ...command.details.map((line) => `  ${line}`),
  ].join('\n');
}

function groupUsage(group: string): string {
  const members = commands.filter((command) => command.name[0] === group);
  return [
    `Usage: dateline ${group} <${members.map((command) => command.name[1]).join('|')}> …`,
    ...members.map(
      (command) =>
        `  ${fullName(command)}${command.synopsis ? ` ${command.synopsis}` : ''}\n      ${command.summary}`,
    ),
    `Run \`dateline ${group} <command> --help\` for one command.`,
  ].join('\n');
}

const generalUsage = [
  'Usage: dateline <command> [options]',
  '',
  'Commands:',
  ...commands.map((command) => `  ${command.name.join(' ').padEnd(12)}  ${command.summary}`),
  '',
  'Run `dateline <command> --help` for its arguments and options.',
  DATABASE_NOTE,
].join('\n');

function usageOf(command: Command, message: string): UsageError {
  return new UsageError(message, commandUsage(command));
}

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** Finds the command `argv` names and runs it; --help prints usage instead. */
export async function run(argv: string[], io: CommandIO): Promise<void> {
  const [first, second] = argv;
  if (first === undefined) throw new UsageError('Name a command.', generalUsage);
  if (isHelp(first) || first === 'help') {
    io.out(generalUsage);
    return;
  }
  const groups = new Set(commands.filter((c) => c.name.length > 1).map((c) => c.name[0]));
  let command: Command | undefined;
  let rest: string[];
  if (groups.has(first)) {
    if (second === undefined || isHelp(second)) {
      if (second === undefined) throw new UsageError(`Name a ${first} command.`, groupUsage(first));
      io.out(groupUsage(first));
      return;
    }
    command = commands.find((c) => c.name[0] === first && c.name[1] === second);
    if (!command) {
      throw new UsageError(`Unknown command "${first} ${second}".`, groupUsage(first));
    }
    rest = argv.slice(2);
  } else {
    command = commands.find((c) => c.name.length === 1 && c.name[0] === first);
    if (!command) {
      const what = first.startsWith('-') ? 'option' : 'command';
      throw new UsageError(`Unknown ${what} "${first}".`, generalUsage);
    }
    rest = argv.slice(1);
  }
  if (rest.some(isHelp)) {
    io.out(commandUsage(command));
    return;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    // No option is `multiple`, so no value is an array.
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    // parseArgs' messages end with advice about `--` that does not fit here.
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    throw usageOf(command, `${message.replace(/\.$/, '')}.`);
  }
  const { min, max, what } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw usageOf(
      command,
      max === 0
        ? `${fullName(command)} takes no arguments (got "${parsed.positionals.join(' ')}").`
        : `Name ${what}.`,
    );
  }
  await command.run({ ...parsed, io });
}

/** Opens the configured database, applies pending migrations, and closes it when `work` ends. */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const [{ loadEnv }, { openDatabase }] = await Promise.all([
    import('./env.js'),
    import('./db/client.js'),
  ]);
  const database = await openDatabase(loadEnv());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const [{ createServices }, { migrateDatabase }] = await Promise.all([
    import('./services.js'),
    import('./db/migrate.js'),
  ]);
  return withDatabase(async (database) => {
    await migrateDatabase(database);
    return work(createServices(database.db));
  });
}

/**
 * The key service as createServices builds it, without loading the rest (the extraction engine
 * and the GraphQL types are most of the CLI's start-up time and keys need neither).
 */
async function withKeys<T>(work: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  const [{ ApiKeyService }, { createRepositories }, { migrateDatabase }] = await Promise.all([
    import('./access/api-key.service.js'),
    import('./repositories.js'),
    import('./db/migrate.js'),
  ]);
  return withDatabase(async (database) => {
    await migrateDatabase(database);
    return work(new ApiKeyService(createRepositories(database.db).apiKeys));
  });
}

const processIO: CommandIO = {
  out: (line) => console.log(line),
  progress: (line) => console.error(line),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

if (require.main === module) {
  run(process.argv.slice(2), processIO).catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`dateline: ${error.message}\n\n${error.usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
