// Batched reads for article fields; one statement per field and argument set per request.
import type DataLoader from 'dataloader';
import type { Keyset } from '../db/keyset';
import type { EntityKindValue, EntityRow } from '../db/schema';
import {
  childrenByParent,
  countsByParent,
  groupByKeys,
  rowsById,
  type LoaderCache,
} from '../shared/loaders';
import type {
  ArticleRepository,
  ArticleSummaryRow,
  MentionedArticleRow,
} from './article.repository';

export class ArticleLoaders {
  constructor(
    private readonly repository: ArticleRepository,
    private readonly cache: LoaderCache,
  ) {}

  /** Articles without their bodies; Article.body loads a body when it is asked for. */
  get byId(): DataLoader<number, ArticleSummaryRow | null> {
    return rowsById(this.cache, 'articles.byId', (ids) => this.repository.summariesByIds(ids));
  }

  get body(): DataLoader<number, string | null> {
    return this.cache.get('articles.body', async (ids: readonly number[]) => {
      const bodies = new Map(
        (await this.repository.bodiesByIds(ids)).map((row) => [row.id, row.body]),
      );
      return ids.map((id) => bodies.get(id) ?? null);
    });
  }

  get datelines(): DataLoader<number, EntityRow[]> {
    return this.cache.get('articles.datelines', async (ids: readonly number[]) =>
      groupByKeys(
        ids,
        await this.repository.datelinesByArticleIds(ids),
        (row) => row.articleId,
        (row) => row.place,
      ),
    );
  }

  byEntity(keyset: Keyset): DataLoader<number, MentionedArticleRow[]> {
    return childrenByParent(this.cache, `articles.byEntity:${JSON.stringify(keyset)}`, (ids) =>
      this.repository.pageByEntityIds(ids, keyset),
    );
  }

  get countByEntity(): DataLoader<number, number> {
    return countsByParent(this.cache, 'articles.countByEntity', (ids) =>
      this.repository.countByEntityIds(ids),
    );
  }

  countMentionedEntities(
    kinds: readonly EntityKindValue[] | undefined,
  ): DataLoader<number, number> {
    return countsByParent(
      this.cache,
      `articles.countMentionedEntities:${JSON.stringify(kinds)}`,
      (ids) => this.repository.countMentionedEntities(ids, kinds),
    );
  }
}
