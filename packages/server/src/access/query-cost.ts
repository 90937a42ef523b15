// What a query may cost, computed before it runs, GitHub-style: every connection counts the nodes
// it may return (first or last, 20 by default) multiplied through the connections around it.
// Plain object fields are free: per-request loaders batch them.
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../shared/pagination';

function isConnection(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith('Connection');
}

function isObjectList(type: GraphQLOutputType): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  return isListType(unwrapped) && isObjectType(getNamedType(unwrapped));
}

const connectionEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // A connection's edges and nodes are its page, already counted by the connection.
  if (type.name.endsWith('Connection')) return childComplexity;
  if (isConnection(field.type)) {
    const size = Number(args['first'] ?? args['last'] ?? DEFAULT_PAGE_SIZE);
    return Math.max(1, Number.isFinite(size) ? size : DEFAULT_PAGE_SIZE) * (1 + childComplexity);
  }
  if (field.name === 'nodes' && Array.isArray(args['ids'])) {
    return args['ids'].length * (1 + childComplexity);
  }
  if (isObjectList(field.type)) return 1 + childComplexity;
  return childComplexity;
};

/** The requested cost of an operation: how many nodes it could return at most. */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return Math.max(
    1,
    getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName && { operationName }),
      // Aggregates declare their own cost (a timeline's buckets, a top list's size).
      estimators: [fieldExtensionsEstimator(), connectionEstimator],
    }),
  );
}

/** The actual cost of a response: how many objects it holds. */
export function actualCost(data: unknown): number {
  if (data === null || typeof data !== 'object') return 0;
  let objects = 0;
  if (Array.isArray(data)) {
    for (const item of data) objects += actualCost(item);
    return objects;
  }
  objects = 1;
  for (const key in data) objects += actualCost((data as Record<string, unknown>)[key]);
  return objects;
}
