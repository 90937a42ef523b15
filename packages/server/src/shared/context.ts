// The per-request GraphQL context: who is asking, the request id for logs, and fresh loaders.
import type { Logger } from 'pino';
import { ArticleLoaders } from '../articles/article.loaders';
import type { ArticleRepository } from '../articles/article.repository';
import { DeadlineLoaders } from '../deadlines/deadline.loaders';
import type { DeadlineRepository } from '../deadlines/deadline.repository';
import { EntityLoaders } from '../entities/entity.loaders';
import type { EntityRepository } from '../entities/entity.repository';
import { QuoteLoaders } from '../quotes/quote.loaders';
import type { QuoteRepository } from '../quotes/quote.repository';
import { LoaderCache } from './loaders';

export interface Repositories {
  articles: ArticleRepository;
  entities: EntityRepository;
  quotes: QuoteRepository;
  deadlines: DeadlineRepository;
}

export interface Loaders {
  articles: ArticleLoaders;
  entities: EntityLoaders;
  quotes: QuoteLoaders;
  deadlines: DeadlineLoaders;
}

export interface RequestContext {
  requestId: string;
  logger: Logger;
  loaders: Loaders;
}

export function createLoaders(repositories: Repositories): Loaders {
  const cache = new LoaderCache();
  return {
    articles: new ArticleLoaders(repositories.articles, cache),
    entities: new EntityLoaders(repositories.entities, cache),
    quotes: new QuoteLoaders(repositories.quotes, cache),
    deadlines: new DeadlineLoaders(repositories.deadlines, cache),
  };
}

export function createContext(
  repositories: Repositories,
  request: { requestId: string; logger: Logger },
): RequestContext {
  return { ...request, loaders: createLoaders(repositories) };
}
