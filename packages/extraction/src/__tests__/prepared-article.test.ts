import { join } from 'node:path';
import { parseArticleText } from '../article-text.parser';
import { ArticleTextError } from '../errors';
import { extractArticle, findEntityNames, prepareArticle } from '../extractor';
import { GOLD_DIR, loadManifest } from '../gold-set';
import type { KnownEntity } from '../types';

const articles = loadManifest(join(GOLD_DIR, 'manifest.json')).map((c) => ({
  id: c.id,
  article: parseArticleText(c.raw),
}));

describe('finding the names of an article before extracting it', () => {
  it('lists the same names and aliases, in the same order, as the full extraction of every dev article', () => {
    for (const { id, article } of articles) {
      const full = extractArticle(article).entities.map((e) => ({
        name: e.name,
        aliases: e.aliases,
      }));
      expect({ id, names: findEntityNames(article) }).toEqual({ id, names: full });
    }
  });

  it('extracts a prepared article, with and without known entities, as it extracts the text itself', () => {
    for (const { article } of articles.slice(0, 12)) {
      const prepared = prepareArticle(article);
      const first = extractArticle(article);
      expect(findEntityNames(prepared)).toEqual(findEntityNames(article));
      expect(extractArticle(prepared)).toEqual(first);
      const known: KnownEntity[] = first.entities.map((e, i) => ({
        id: `entity-${i}`,
        name: e.name,
        kind: e.kind,
        aliases: e.aliases,
      }));
      const linked = extractArticle(prepared, known);
      expect(linked).toEqual(extractArticle(article, known));
      expect(linked.entities.some((e) => e.knownId !== undefined)).toBe(true);
    }
  });

  it('rejects a publication date that is not YYYY-MM-DD when preparing, as extraction does', () => {
    const bad = { body: 'Microsoft said so.', publishedOn: '14/09/2020' };
    expect(() => prepareArticle(bad)).toThrow(ArticleTextError);
    expect(() => findEntityNames(bad)).toThrow(ArticleTextError);
    expect(() => extractArticle(bad)).toThrow(ArticleTextError);
  });
});
