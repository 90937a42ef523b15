// Builds the repositories on a database or on a transaction; services use it to run several
// repositories in one transaction.
import { ApiKeyRepository } from './access/api-key.repository';
import { AnalyticsRepository } from './analytics/analytics.repository';
import { RateLimitRepository } from './access/rate-limit.repository';
import { ArticleRepository } from './articles/article.repository';
import type { Database } from './db/client';
import { DeadlineRepository } from './deadlines/deadline.repository';
import { EntityRepository } from './entities/entity.repository';
import { QuoteRepository } from './quotes/quote.repository';
import type { GroongaIndex } from './search/groonga-index';
import type { SearchEngine } from './search/search-engine';
import { EventRepository } from './realtime/event.repository';
import { WebhookRepository } from './realtime/webhook.repository';

export interface Repositories {
  articles: ArticleRepository;
  entities: EntityRepository;
  quotes: QuoteRepository;
  deadlines: DeadlineRepository;
  apiKeys: ApiKeyRepository;
  rateLimits: RateLimitRepository;
  analytics: AnalyticsRepository;
  /** The outbox: writes append what subscribers and webhooks hear about. */
  events: EventRepository;
  webhooks: WebhookRepository;
}

/** What a server instance chose at start-up that its repositories need. */
export interface RepositoryOptions {
  /** What orders relevance-ranked article search; `postgres` when not given. */
  search?: SearchEngine;
  /** The Groonga index when `search` is groonga (prepareSearch). */
  groonga?: GroongaIndex | undefined;
}

export function createRepositories(db: Database, options: RepositoryOptions = {}): Repositories {
  return {
    articles: new ArticleRepository(db, options.search, options.groonga),
    entities: new EntityRepository(db),
    quotes: new QuoteRepository(db),
    deadlines: new DeadlineRepository(db),
    apiKeys: new ApiKeyRepository(db),
    rateLimits: new RateLimitRepository(db),
    analytics: new AnalyticsRepository(db),
    events: new EventRepository(db),
    webhooks: new WebhookRepository(db),
  };
}
