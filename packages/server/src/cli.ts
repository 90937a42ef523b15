// `pnpm dateline …`: operator commands. `keys create|list|revoke` manage API keys and `ingest`
// reads raw article text into the configured database: DATABASE_URL, or the embedded one, through
// the running server when there is one (see openDatabase).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isIsoDate } from '@dateline/extraction';
import { type ApiKeyService, type Role } from './access/api-key.service';
import { createServices, type Services } from './container';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { apiKeyRoles } from './db/schema';
import { loadEnv } from './env';
import { ingestCommand, type CommandIO } from './ingestion/ingest.command';

const usage = `Usage:
  dateline keys create --role <reader|editor|admin> --name <name>
  dateline keys list
  dateline keys revoke <id or prefix>
  dateline ingest <file|directory|-> [--dry-run] [--json] [--published-at YYYY-MM-DD] [--url <url>]
    A directory: its *.txt files, one at a time; files finished are listed in
    <directory>/.dateline-ingested and skipped next time. -: the text on stdin.
    --published-at: the date of text without a "date YYYY-MM-DD Place:" header.`;

class UsageError extends Error {}

async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const database = await openDatabase(env);
  try {
    await migrateDatabase(database);
    return await work(createServices(database.db));
  } finally {
    await database.close();
  }
}

function withKeys<T>(work: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  return withServices((services) => work(services.apiKeys));
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

export async function run(
  argv: string[],
  out: (line: string) => void,
  io: CommandIO = { ...processIO, out },
): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'published-at': { type: 'string' },
      url: { type: 'string' },
    },
  });
  const [group, command, target] = positionals;
  if (group === 'ingest') {
    if (!command || target !== undefined) {
      throw new UsageError(`Name one file, directory or - (stdin).\n\n${usage}`);
    }
    const publishedAt = values['published-at'];
    if (publishedAt !== undefined && !isIsoDate(publishedAt)) {
      throw new UsageError(`--published-at must be a date such as 2020-09-14.\n\n${usage}`);
    }
    const options = {
      dryRun: values['dry-run'] ?? false,
      json: values.json ?? false,
      publishedAt,
      url: values.url,
    };
    await withServices((services) => ingestCommand(services.ingestion, command, options, io));
    return;
  }
  if (group !== 'keys') throw new UsageError(usage);
  switch (command) {
    case 'create': {
      const role = values.role;
      const name = values.name?.trim();
      if (!role || !(apiKeyRoles as readonly string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${apiKeyRoles.join(', ')}.\n\n${usage}`);
      }
      if (!name) throw new UsageError(`--name is required.\n\n${usage}`);
      const { key, row } = await withKeys((keys) => keys.create(name, role as Role));
      out(`Created ${row.role} key #${row.id} "${row.name}".`);
      out(`Key (shown only now; store it safely): ${key}`);
      out(`Use it as:  Authorization: Bearer ${key}`);
      return;
    }
    case 'list': {
      const rows = await withKeys((keys) => keys.list());
      if (rows.length === 0)
        out('No API keys yet. Create one with: dateline keys create --role admin --name <name>');
      for (const row of rows) {
        const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active';
        const used = row.lastUsedAt ? `last used ${row.lastUsedAt.toISOString()}` : 'never used';
        out(`#${row.id}\t${row.prefix}…\t${row.role}\t${row.name}\t${state}\t${used}`);
      }
      return;
    }
    case 'revoke': {
      if (!target) throw new UsageError(`Name the key to revoke by id or prefix.\n\n${usage}`);
      const revoked = await withKeys((keys) => keys.revoke(target));
      if (revoked.length === 0) throw new UsageError(`No active key has id or prefix "${target}".`);
      for (const row of revoked) out(`Revoked key #${row.id} "${row.name}".`);
      return;
    }
    default:
      throw new UsageError(usage);
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
