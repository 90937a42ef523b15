// The composition root: the one place that builds repositories and resolvers and wires them.
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
import { createSchema } from './schema';
import { ApiKeyService, type Viewer } from './access/api-key.service';
import { createRepositories, type Repositories } from './repositories';
import { createContext, type RequestContext } from './shared/context';
import { NodeResolver } from './shared/node.resolver';

export interface Container {
  repositories: Repositories;
  schema: GraphQLSchema;
  apiKeys: ApiKeyService;
  createContext(request: {
    requestId: string;
    logger: Logger;
    viewer: Viewer | null;
    clientAddress: string;
  }): RequestContext;
}

export async function createContainer(db: Database): Promise<Container> {
  const repositories = createRepositories(db);
  const articles = new ArticleService(db);
  const { analytics } = repositories;
  const resolvers = new Map<Function, object>([
    [NodeResolver, new NodeResolver()],
    [ArticleResolver, new ArticleResolver(repositories.articles, articles)],
    [EntityResolver, new EntityResolver(repositories.entities, new EntityService(db))],
    [QuoteResolver, new QuoteResolver(repositories.quotes, new QuoteService(db))],
    [DeadlineResolver, new DeadlineResolver(repositories.deadlines, new DeadlineService(db))],
    [DeadlineChangeResolver, new DeadlineChangeResolver()],
    [AnalyticsResolver, new AnalyticsResolver(analytics)],
    [EntityAnalyticsResolver, new EntityAnalyticsResolver(analytics)],
    [
      IngestionResolver,
      new IngestionResolver(new IngestionService(articles, repositories.entities)),
    ],
  ]);
  const schema = await createSchema(resolvers);
  return {
    repositories,
    schema,
    apiKeys: new ApiKeyService(repositories.apiKeys),
    createContext: (request) => createContext(repositories, request),
  };
}
