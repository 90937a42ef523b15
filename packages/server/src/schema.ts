// Builds the executable GraphQL schema from the resolver classes the container made.
import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
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
  const schema = await buildSchema({
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
  return describeRoots(schema);
}

/** type-graphql cannot describe the root types; every type in our schema carries a description. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) return schema;
  const config = schema.toConfig();
  const describedQuery = new GraphQLObjectType({
    ...query.toConfig(),
    description: 'Reads: articles, entities, quotes and deadlines, and any object by global ID.',
  });
  return new GraphQLSchema({
    ...config,
    query: describedQuery,
    types: config.types.filter((type) => type.name !== query.name),
  });
}

/** The SDL clients see, sorted so the committed file diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
