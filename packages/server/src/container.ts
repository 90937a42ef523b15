// The composition root: the one place that builds repositories and resolvers and wires them.
import 'reflect-metadata';
import type { Logger } from 'pino';
import type { GraphQLSchema } from 'graphql';
import { ArticleRepository } from './articles/article.repository';
import { ArticleResolver } from './articles/article.resolver';
import type { Database } from './db/client';
import { DeadlineRepository } from './deadlines/deadline.repository';
import { DeadlineChangeResolver, DeadlineResolver } from './deadlines/deadline.resolver';
import { EntityRepository } from './entities/entity.repository';
import { EntityResolver } from './entities/entity.resolver';
import { QuoteRepository } from './quotes/quote.repository';
import { QuoteResolver } from './quotes/quote.resolver';
import { createSchema } from './schema';
import { createContext, type Repositories, type RequestContext } from './shared/context';
import { NodeResolver } from './shared/node.resolver';

export interface Container {
  repositories: Repositories;
  schema: GraphQLSchema;
  createContext(request: { requestId: string; logger: Logger }): RequestContext;
}

export function createRepositories(db: Database): Repositories {
  return {
    articles: new ArticleRepository(db),
    entities: new EntityRepository(db),
    quotes: new QuoteRepository(db),
    deadlines: new DeadlineRepository(db),
  };
}

export async function createContainer(db: Database): Promise<Container> {
  const repositories = createRepositories(db);
  const resolvers = new Map<Function, object>([
    [NodeResolver, new NodeResolver()],
    [ArticleResolver, new ArticleResolver(repositories.articles)],
    [EntityResolver, new EntityResolver(repositories.entities)],
    [QuoteResolver, new QuoteResolver(repositories.quotes)],
    [DeadlineResolver, new DeadlineResolver(repositories.deadlines)],
    [DeadlineChangeResolver, new DeadlineChangeResolver()],
  ]);
  const schema = await createSchema(resolvers);
  return {
    repositories,
    schema,
    createContext: (request) => createContext(repositories, request),
  };
}
