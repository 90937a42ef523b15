// The composition root: the one place that builds repositories, services and resolvers and wires
// them. Services get a unit of work (transactions with repositories bound to them), never a
// database handle; the CLI and the seed use the same services through createServices.
import 'reflect-metadata';
import type { Logger } from 'pino';
import type { GraphQLSchema } from 'graphql';
import { AnalyticsResolver, EntityAnalyticsResolver } from './analytics/analytics.resolver';
import { ArticleResolver } from './articles/article.resolver';
import { ArticleService } from './articles/article.service';
import type { Database } from './db/client';
import { DeadlineChangeResolver, DeadlineResolver } from './deadlines/deadline.resolver';
import { DeadlineService } from './deadlines/deadline.service';
import { EntityResolver } from './entities/entity.resolver';
import { EntityService } from './entities/entity.service';
import { IngestionResolver } from './ingestion/ingestion.resolver';
import { IngestionService } from './ingestion/ingestion.service';
import { QuoteResolver } from './quotes/quote.resolver';
import { QuoteService } from './quotes/quote.service';
import { SubscriptionResolver } from './realtime/subscription.resolver';
import { WebhookResolver } from './realtime/webhook.resolver';
import { createSchema } from './schema';
import { ApiKeyService, type Viewer } from './access/api-key.service';
import { unitOfWork, type UnitOfWork } from './db/transaction';
import { createRepositories, type Repositories, type RepositoryOptions } from './repositories';
import { createContext, type RequestContext } from './shared/context';
import { NodeResolver } from './shared/node.resolver';

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

export interface Container {
  repositories: Repositories;
  services: Services;
  schema: GraphQLSchema;
  apiKeys: ApiKeyService;
  createContext(request: {
    requestId: string;
    logger: Logger;
    viewer: Viewer | null;
    clientAddress: string;
  }): RequestContext;
}

export async function createContainer(
  db: Database,
  options: RepositoryOptions = {},
): Promise<Container> {
  const services = createServices(db, options);
  const { repositories } = services.work;
  const { analytics } = repositories;
  const resolvers = new Map<Function, object>([
    [NodeResolver, new NodeResolver()],
    [ArticleResolver, new ArticleResolver(repositories.articles, services.articles)],
    [EntityResolver, new EntityResolver(repositories.entities, services.entities)],
    [QuoteResolver, new QuoteResolver(repositories.quotes, services.quotes)],
    [DeadlineResolver, new DeadlineResolver(repositories.deadlines, services.deadlines)],
    [DeadlineChangeResolver, new DeadlineChangeResolver()],
    [AnalyticsResolver, new AnalyticsResolver(analytics)],
    [EntityAnalyticsResolver, new EntityAnalyticsResolver(analytics)],
    [IngestionResolver, new IngestionResolver(services.ingestion)],
    [SubscriptionResolver, new SubscriptionResolver()],
    [WebhookResolver, new WebhookResolver(repositories.webhooks)],
  ]);
  const schema = await createSchema(resolvers);
  return {
    repositories,
    services,
    schema,
    apiKeys: services.apiKeys,
    createContext: (request) => createContext(repositories, request),
  };
}
