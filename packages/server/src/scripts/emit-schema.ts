// Writes packages/schema/schema.graphql from the resolvers; with --check, fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import 'reflect-metadata';
import path from 'node:path';
import { openEmbedded } from '../db/client';
import { createContainer } from '../container';
import { printSortedSchema } from '../schema';

const target = path.join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

async function main(): Promise<void> {
  // Building the schema touches no table; an unopened in-memory database is never queried.
  const database = await openEmbedded();
  const { schema } = await createContainer(database.db);
  await database.close();
  const sdl = printSortedSchema(schema);
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // A missing file is as stale as a different one.
    }
    if (committed !== sdl) {
      console.error(
        `${path.relative(process.cwd(), target)} is stale: run \`pnpm schema:emit\` and commit it.`,
      );
      process.exit(1);
    }
    console.log('schema.graphql is up to date.');
    return;
  }
  writeFileSync(target, sdl);
  console.log(`Wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
