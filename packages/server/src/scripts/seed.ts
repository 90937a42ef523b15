// `pnpm db:seed`: loads the sample article into the configured database; safe to run twice.
import { createServices } from '../services';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedSample } from '../db/seed';
import { loadEnv } from '../env';

async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(env);
  try {
    await migrateDatabase(database);
    const loaded = await seedSample(createServices(database.db));
    console.log(
      loaded
        ? 'Loaded the sample article.'
        : 'The sample article is already loaded; nothing to do.',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
