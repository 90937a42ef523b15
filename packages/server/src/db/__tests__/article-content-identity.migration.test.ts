// Upgrading a database whose content hashes covered headline and body to hashes of the body.
import { createHash } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { contentHash } from '../../articles/article.rules';
import { migrateDatabase } from '../migrate';
import { articles } from '../schema';
import { migrationsBefore } from '../../testing/older-migrations';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

let database: TestDatabase;
let older: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  older = migrationsBefore('article-content-identity');
  database = await openTestDatabase({ migrationsFolder: older.folder });
});
afterAll(async () => {
  await database.dispose();
  older.remove();
});

/** The hash as it was: headline and body, trimmed. */
const oldHash = (headline: string, body: string) =>
  createHash('sha256').update(`${headline.trim()}\n${body.trim()}`).digest('hex');

describe('the article content identity migration', () => {
  it('rehashes stored articles by body as the service does, leaving older same-text copies without a URL their old hash', async () => {
    const body = 'Żaneta Vell said the port reopens on Tuesday. 🚢';
    const rows = [
      { headline: 'Port reopens', body, url: null },
      { headline: 'Vell port to reopen', body, url: null },
      { headline: 'Port reopens', body, url: 'https://news.example/port' },
      { headline: 'Other news', body: 'Something else entirely.', url: null },
    ];
    await database.handle.db.insert(articles).values(
      rows.map((row) => ({
        ...row,
        publishedAt: new Date('2024-01-01T00:00:00Z'),
        contentHash: oldHash(row.headline, row.body),
      })),
    );

    await migrateDatabase(database.handle);

    const stored = await database.handle.db
      .select({ contentHash: articles.contentHash })
      .from(articles)
      .orderBy(asc(articles.id));
    expect(stored.map((row) => row.contentHash)).toEqual([
      contentHash(body),
      oldHash('Vell port to reopen', body),
      contentHash(body),
      contentHash('Something else entirely.'),
    ]);
  });
});
