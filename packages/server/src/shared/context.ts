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
  /** Drops every loader and what it read. */
  release(): void;
}

export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The API key's holder; null for an anonymous caller. */
  viewer: Viewer | null;
  /** The caller's address, for per-address limits on anonymous requests. */
  clientAddress: string;
  loaders: Loaders;
  /**
   * Run once the response is written (graphql/http-handler): each drops something the request
   * holds, so that nothing keeps its rows and results alive after it (see releaseAfterResponse).
   */
  afterResponse: (() => void)[];
}

export function createLoaders(repositories: Repositories): Loaders {
  const cache = new LoaderCache();
  const children = new ChildLoaders(repositories, cache);
  return {
    articles: new ArticleLoaders(repositories.articles, cache),
    entities: new EntityLoaders(repositories.entities, cache),
    quotes: new QuoteLoaders(repositories.quotes, cache),
    deadlines: new DeadlineLoaders(repositories.deadlines, cache),
    analytics: new AnalyticsLoaders(repositories.analytics, cache),
    children,
    release: () => {
      cache.clear();
      children.clear();
    },
  };
}

export function createContext(
  repositories: Repositories,
  request: { requestId: string; logger: Logger; viewer: Viewer | null; clientAddress: string },
): RequestContext {
  const loaders = createLoaders(repositories);
  return { ...request, loaders, afterResponse: [() => loaders.release()] };
}

/**
 * Runs what the request left to do once its response is written. Apollo Server's gateway
 * interface hands the executor an object literal with a getter and a setter over the request's
 * context (makeGatewayGraphQLRequestContext). V8 keeps what such accessors reach alive through
 * young-generation collections until the next full collection (each such literal gets a hidden
 * class of its own, in the old generation): a request's rows, loaders and result were copied and
 * promoted by every scavenge until then, about a fifth of what a feed request allocates
 * (bench/executor-gc.ts). Dropping them here leaves that object holding little.
 */
export function releaseAfterResponse(context: RequestContext): void {
  for (const release of context.afterResponse.splice(0)) release();
}
