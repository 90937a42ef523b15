import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { generateData } from '../generate';
import { tableCounts } from '../../testing/table-counts';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

let first: TestDatabase;
let second: TestDatabase;
beforeAll(async () => {
  first = await openTestDatabase();
  second = await openTestDatabase();
});
afterAll(async () => {
  await first.dispose();
  await second.dispose();
});

describe('the benchmark data generator', () => {
  it('makes the same realistic data from the same seed', async () => {
    await generateData(first.handle.db, { articles: 60, seed: 7 });
    await generateData(second.handle.db, { articles: 60, seed: 7 });
    const counts = await tableCounts(first.handle.db);
    expect(await tableCounts(second.handle.db)).toEqual(counts);
    expect(counts).toMatchObject({ articles: 60, entities: 20, deadlines: 6 });
    expect(counts['quotes']).toBe(60 * 5);
    expect(counts['articleMentions']).toBeGreaterThanOrEqual(60 * 4);
    const headlines = sql`select string_agg(headline, '|' order by id) as all from articles`;
    const [a] = await rows(first.handle.db, headlines);
    const [b] = await rows(second.handle.db, headlines);
    expect(a).toEqual(b);
  });

  it('writes articles of about 600 words whose quote spans point at the quoted words', async () => {
    const [spans] = await rows<{ bad: number }>(
      first.handle.db,
      sql`select count(*)::int as bad from quotes q join articles a on a.id = q.article_id
          where substr(a.body, q.span_start + 1, q.span_end - q.span_start) <> q.text`,
    );
    expect(spans!.bad).toBe(0);
    const [length] = await rows<{ words: number }>(
      first.handle.db,
      sql`select avg(array_length(regexp_split_to_array(body, '\\s+'), 1))::int as words from articles`,
    );
    expect(length!.words).toBeGreaterThan(500);
    expect(length!.words).toBeLessThan(700);
  });
});
