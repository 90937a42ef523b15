// The composition root: the one place that builds repositories, services and resolvers and wires
// them. Services get a unit of work (transactions with repositories bound to them), never a
// database handle; the CLI and the seed use the same services through createServices
// (services.ts, which loads no GraphQL).
import 'reflect-metadata';
import type { Logger } from 'pino';
import type { GraphQLSchema } from 'graphql';
import { AnalyticsResolver, EntityAnalyticsResolver } from './analytics/analytics.resolver';
import { ArticleResolver } from './articles/article.resolver';
import type { Database } from './db/client';
import { DeadlineChangeResolver, DeadlineResolver } from './deadlines/deadline.resolver';
import { EntityResolver } from './entities/entity.resolver';
import { IngestionResolver } from './ingestion/ingestion.resolver';
import { QuoteResolver } from './quotes/quote.resolver';
import { SubscriptionResolver } from './realtime/subscription.resolver';
import { WebhookResolver } from './realtime/webhook.resolver';
import { createSchema } from './schema';
import { createServices, type Services } from './services';
import type { ApiKeyService, Viewer } from './access/api-key.service';
import type { Repositories, RepositoryOptions } from './repositories';
import { createContext, type RequestContext } from './shared/context';
import { NodeResolver } from './shared/node.resolver';

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
