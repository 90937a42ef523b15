// Bulk test data: articles that mention entities and carry quotes, with distinct publication
// times, stored through ArticleService like every other article.
import type { Services } from '../services';
import { toGlobalId } from '../shared/ids';

export interface GeneratedArticles {
  articleIds: number[];
  entityIds: number[];
}

/**
 * Stores `count` articles published one hour apart from `start`, each mentioning the same three
 * entities (found or created by name) and quoting two of them.
 */
export async function insertArticles(
  services: Pick<Services, 'work' | 'articles'>,
  count: number,
  start = new Date('2021-01-01T00:00:00Z'),
): Promise<GeneratedArticles> {
  const people = await services.work.transaction(async ({ entities }) => [
    (await entities.findOrCreate('Ada Example', 'PERSON')).entity.id,
    (await entities.findOrCreate('Example Corp', 'ORGANIZATION')).entity.id,
    (await entities.findOrCreate('Example Wire', 'MEDIA_OUTLET')).entity.id,
  ]);
  const [ada, corp, wire] = people.map((id) => ({ id: toGlobalId('Entity', id) })) as [
    { id: string },
    { id: string },
    { id: string },
  ];
  const articleIds: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const { article } = await services.articles.create({
      headline: `Example story number ${index}`,
      body: `"We are on track," Ada Example said of story ${index}. "Nothing changes," Example Corp said.`,
      publishedAt: new Date(start.getTime() + index * 3_600_000),
      source: wire,
      mentions: [
        { entity: ada, mentionCount: 2, surfaceForms: ['Ada Example'] },
        { entity: corp, mentionCount: 1, surfaceForms: ['Example Corp'] },
        { entity: wire, mentionCount: 1, surfaceForms: ['Example Wire'] },
      ],
      quotes: [
        { text: 'We are on track,', direct: true, speaker: ada, via: wire, spanStart: 1 },
        { text: 'Nothing changes,', direct: true, speaker: corp },
      ],
    });
    articleIds.push(article.id);
  }
  return { articleIds, entityIds: people };
}
