// The per-request GraphQL context: who is asking, the request id for logs, and fresh loaders.
import type { Logger } from 'pino';
import { AnalyticsLoaders } from '../analytics/analytics.loaders';
import { ArticleLoaders } from '../articles/article.loaders';
import { DeadlineLoaders } from '../deadlines/deadline.loaders';
import { EntityLoaders } from '../entities/entity.loaders';
import { QuoteLoaders } from '../quotes/quote.loaders';
import type { Repositories } from '../repositories';
import type { Viewer } from '../access/api-key.service';
import { ChildLoaders } from './child-field';
import { LoaderCache } from './loaders';

export interface Loaders {
  articles: ArticleLoaders;
  entities: EntityLoaders;
  quotes: QuoteLoaders;
  deadlines: DeadlineLoaders;
  analytics: AnalyticsLoaders;
  /** Child pages and values (shared/child-field), for fields and their parents' prefetches. */
  children: ChildLoaders;
}

export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The API key's holder; null for an anonymous caller. */
  viewer: Viewer | null;
  /** The caller's address, for per-address limits on anonymous requests. */
  clientAddress: string;
  loaders: Loaders;
}

export function createLoaders(repositories: Repositories): Loaders {
  const cache = new LoaderCache();
  return {
    articles: new ArticleLoaders(repositories.articles, cache),
    entities: new EntityLoaders(repositories.entities, cache),
    quotes: new QuoteLoaders(repositories.quotes, cache),
    deadlines: new DeadlineLoaders(repositories.deadlines, cache),
    analytics: new AnalyticsLoaders(repositories.analytics, cache),
    children: new ChildLoaders(repositories, cache),
  };
}

export function createContext(
  repositories: Repositories,
  request: { requestId: string; logger: Logger; viewer: Viewer | null; clientAddress: string },
): RequestContext {
  return { ...request, loaders: createLoaders(repositories) };
}
