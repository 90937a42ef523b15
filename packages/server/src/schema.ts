// Builds the executable GraphQL schema from the resolver classes the container made.
import 'reflect-metadata';
import {
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './access/authentication';
import { AnalyticsResolver, EntityAnalyticsResolver } from './analytics/analytics.resolver';
import { ArticleResolver } from './articles/article.resolver';
import { DeadlineChangeResolver, DeadlineResolver } from './deadlines/deadline.resolver';
import { EntityResolver } from './entities/entity.resolver';
import { IngestionResolver } from './ingestion/ingestion.resolver';
import { QuoteResolver } from './quotes/quote.resolver';
import { SubscriptionResolver } from './realtime/subscription.resolver';
import { WebhookResolver } from './realtime/webhook.resolver';
import { NodeResolver } from './shared/node.resolver';
import { resolveNodeType } from './shared/node.type';
import { callResolversDirectly } from './graphql/direct-resolvers';

export const resolverClasses = [
  NodeResolver,
  ArticleResolver,
  EntityResolver,
  QuoteResolver,
  DeadlineResolver,
  DeadlineChangeResolver,
  IngestionResolver,
  AnalyticsResolver,
  EntityAnalyticsResolver,
  SubscriptionResolver,
  WebhookResolver,
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
    authChecker,
    // Every subscription brings its own `subscribe` over the outbox (realtime/), so type-graphql's
    // topic pub/sub is never used; it insists on one when a schema has subscriptions.
    pubSub: {
      publish: () => {
        throw new Error('Events are published through the outbox, not type-graphql pub/sub.');
      },
      subscribe: () => {
        throw new Error('Subscriptions listen to the outbox, not type-graphql pub/sub.');
      },
    },
  });
  // type-graphql wraps resolveType in an async function; the compiled executor
  // (graphql/compiled-execution) needs the type at once, and the Node tag gives it at once.
  const node = schema.getType('Node');
  if (isInterfaceType(node)) node.resolveType = resolveNodeType;
  callResolversDirectly(schema, (someClass) => instances.get(someClass));
  return describeRoots(schema);
}

/** type-graphql cannot describe the root types; every type in our schema carries a description. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const describe = (type: GraphQLObjectType | null | undefined, description: string) =>
    type ? new GraphQLObjectType({ ...type.toConfig(), description }) : undefined;
  const query = describe(
    config.query,
    'Reads: articles, entities, quotes and deadlines, and any object by global ID.',
  );
  const mutation = describe(
    config.mutation,
    'Writes. Each takes one input and returns a payload; each needs an API key whose role allows it.',
  );
  const subscription = describe(
    config.subscription,
    'Events over WebSocket (graphql-ws protocol, same /graphql URL): each committed write, once, in commit order.',
  );
  const roots = new Set([config.query?.name, config.mutation?.name, config.subscription?.name]);
  return new GraphQLSchema({
    ...config,
    query,
    mutation,
    subscription,
    types: config.types.filter((type) => !roots.has(type.name)),
  });
}

/** The SDL clients see, sorted so the committed file diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
