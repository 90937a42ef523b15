// `pnpm db:generate --articles N [--seed S]`: fills the configured database with deterministic
// synthetic data for benchmarks (see db/generate.ts). Refuses a database that already has articles.
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { generateInBulk } from '../db/generate';
import { migrateDatabase } from '../db/migrate';
import { articles } from '../db/schema';
import { loadEnv } from '../env';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '20200914' },
    },
  });
  const total = Number(values.articles);
  if (!Number.isInteger(total) || total < 1)
    throw new Error('--articles must be a whole number of at least 1');
  const database = await openDatabase(loadEnv());
  try {
    await migrateDatabase(database);
    const [existing] = await database.db.select({ n: count() }).from(articles);
    if ((existing?.n ?? 0) > 0)
      throw new Error(
        `The database already has ${existing?.n} articles; generate into an empty one.`,
      );
    const started = performance.now();
    const result = await generateInBulk(database.db, {
      articles: total,
      seed: Number(values.seed),
      onProgress: (done) => process.stderr.write(`\r${done}/${total} articles`),
      onIndexing: (indexes) => process.stderr.write(`\nbuilding ${indexes} indexes`),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write('\n');
    console.log(
      `Generated ${result.articles} articles and ${result.entities} entities in ${seconds.toFixed(1)} s (${Math.round(result.articles / seconds)} articles/s).`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
