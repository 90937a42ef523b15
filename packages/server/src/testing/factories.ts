// Bulk test data: articles that mention entities and carry quotes, with distinct publication times.
import { articleMentions, articles, entities, quotes } from '../db/schema';
import type { Database } from '../db/client';
import { contentHash } from '../db/seed';

export interface GeneratedArticles {
  articleIds: number[];
  entityIds: number[];
}

/**
 * Inserts `count` articles published one hour apart from `start`, each mentioning the same
 * three new entities and quoting two of them.
 */
export async function insertArticles(
  db: Database,
  count: number,
  start = new Date('2021-01-01T00:00:00Z'),
): Promise<GeneratedArticles> {
  const people = await db
    .insert(entities)
    .values([
      { name: 'Ada Example', kind: 'PERSON' },
      { name: 'Example Corp', kind: 'ORGANIZATION' },
      { name: 'Example Wire', kind: 'MEDIA_OUTLET' },
    ])
    .returning({ id: entities.id });
  const [ada, corp, wire] = people.map((row) => row.id) as [number, number, number];
  const articleIds: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const publishedAt = new Date(start.getTime() + index * 3_600_000);
    const headline = `Example story number ${index}`;
    const body = `"We are on track," Ada Example said of story ${index}. "Nothing changes," Example Corp said.`;
    const [row] = await db
      .insert(articles)
      .values({
        headline,
        body,
        publishedAt,
        sourceId: wire,
        contentHash: contentHash(headline, body),
      })
      .returning({ id: articles.id });
    const articleId = (row as { id: number }).id;
    articleIds.push(articleId);
    await db.insert(articleMentions).values([
      { articleId, entityId: ada, mentionCount: 2, surfaceForms: ['Ada Example'], publishedAt },
      { articleId, entityId: corp, mentionCount: 1, surfaceForms: ['Example Corp'], publishedAt },
      { articleId, entityId: wire, mentionCount: 1, surfaceForms: ['Example Wire'], publishedAt },
    ]);
    const first = 'We are on track,';
    const second = 'Nothing changes,';
    await db.insert(quotes).values([
      {
        articleId,
        text: first,
        direct: true,
        speakerId: ada,
        viaId: wire,
        reportedAt: publishedAt,
        spanStart: 1,
        spanEnd: 1 + first.length,
      },
      {
        articleId,
        text: second,
        direct: true,
        speakerId: corp,
        reportedAt: publishedAt,
        spanStart: body.indexOf(second),
        spanEnd: body.indexOf(second) + second.length,
      },
    ]);
  }
  return { articleIds, entityIds: [ada, corp, wire] };
}
