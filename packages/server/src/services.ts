// The domain services on a database, without the GraphQL layer: what the server's container
// builds its resolvers on, and all the CLI's commands need (so they load no resolvers or schema).
import type { Database } from './db/client';
import { ApiKeyService } from './access/api-key.service';
import { ArticleService } from './articles/article.service';
import { DeadlineService } from './deadlines/deadline.service';
import { EntityService } from './entities/entity.service';
import { IngestionService } from './ingestion/ingestion.service';
import { QuoteService } from './quotes/quote.service';
import { unitOfWork, type UnitOfWork } from './db/transaction';
import { createRepositories, type Repositories, type RepositoryOptions } from './repositories';

export interface Services {
  work: UnitOfWork<Repositories>;
  articles: ArticleService;
  entities: EntityService;
  quotes: QuoteService;
  deadlines: DeadlineService;
  ingestion: IngestionService;
  apiKeys: ApiKeyService;
}

/**
 * The services on `db`, with repositories read outside transactions shared between them.
 * `options` are this instance's (the search engine prepareSearch readied); nothing is global.
 */
export function createServices(db: Database, options: RepositoryOptions = {}): Services {
  const work = unitOfWork(db, (on) => createRepositories(on, options));
  const { repositories } = work;
  const articles = new ArticleService(work);
  return {
    work,
    articles,
    entities: new EntityService(work),
    quotes: new QuoteService(work),
    deadlines: new DeadlineService(work),
    ingestion: new IngestionService(articles, repositories.entities, repositories.articles),
    apiKeys: new ApiKeyService(repositories.apiKeys),
  };
}
