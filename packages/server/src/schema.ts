// Builds the executable GraphQL schema from the resolver classes the container made.

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ArticleResolver } from './articles/article.resolver';
import { DeadlineChangeResolver, DeadlineResolver } from './deadlines/deadline.resolver';
import { EntityResolver } from './entities/entity.resolver';
import { QuoteResolver } from './quotes/quote.resolver';
import { NodeResolver } from './shared/node.resolver';

export const resolverClasses = [
  NodeResolver,
  ArticleResolver,
  EntityResolver,
  QuoteResolver,
  DeadlineResolver,
  DeadlineChangeResolver,
] as const;

export type ResolverInstances = Map<Function, object>;

export async function createSchema(instances: ResolverInstances): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolverClasses,
    container: {
      get: (someClass: Function) => {
        const instance = instances.get(someClass);
        if (!instance) throw new Error(`No instance of ${someClass.name} in the container`);
        return instance;
      },
    },
    // Arguments are checked explicitly where they are used, with our own error codes.
    validate: false,
  });
}

/** The SDL clients see, sorted so the committed file diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
