// What a query may cost, computed before it runs, GitHub-style: every connection counts the nodes
// it may return (first or last, 20 by default) multiplied through the connections around it.
// Plain object fields are free: per-request loaders batch them.
import {
  Kind,
  TypeInfo,
  getNamedType,
  getOperationAST,
  isListType,
  isNonNullType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLOutputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { variableValues } from '../graphql/variable-values';
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

/** Arguments `connectionEstimator` reads, by the kind of field that takes them. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * The variables an operation's cost can depend on: those in arguments the estimators read (a
 * connection's first and last, the ids of `nodes`, any argument of a field that declares its own
 * cost) and in directives (@include and @skip drop fields). A filter or a date is not among them.
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const relevant = new Set<string>();
  // Whether each enclosing argument (innermost last) is one the cost depends on.
  const arguments_: boolean[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter(node) {
          const field = typeInfo.getFieldDef();
          const read =
            typeInfo.getDirective() !== null ||
            field === null ||
            field === undefined ||
            field.extensions['complexity'] !== undefined ||
            (isConnection(field.type) && PAGE_ARGUMENTS.has(node.name.value)) ||
            (field.name === 'nodes' && node.name.value === 'ids');
          arguments_.push(read || arguments_.at(-1) === true);
        },
        leave() {
          arguments_.pop();
        },
      },
      Variable(node, _key, parent) {
        // A variable's definition names it; only its uses count.
        if ((parent as { kind?: string } | undefined)?.kind === Kind.VARIABLE_DEFINITION) return;
        if (arguments_.length === 0 || arguments_.at(-1) === true) relevant.add(node.name.value);
      },
    }),
  );
  return [...relevant].sort();
}

/** Costs remembered per operation, for this many sets of the variables the cost depends on. */
const COSTS_PER_OPERATION = 256;

interface OperationCosts {
  variables: string[];
  definitions: readonly VariableDefinitionNode[];
  costs: Map<string, number>;
}

/**
 * `requestedCost` remembered per document and operation: most operations' cost depends on few of
 * their variables (page sizes), often on none, so a request with other variables (an entity's id,
 * a date) reuses the cost computed for the first. Variables are still checked on every request:
 * those that do not fit the operation throw as `requestedCost` does.
 */
export class RequestedCosts {
  private readonly operations = new WeakMap<DocumentNode, Map<string, OperationCosts>>();

  constructor(private readonly schema: GraphQLSchema) {}

  of(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
  ): number {
    let byName = this.operations.get(document);
    if (!byName) this.operations.set(document, (byName = new Map<string, OperationCosts>()));
    let operation = byName.get(operationName ?? '');
    if (!operation) {
      operation = {
        variables: costVariables(this.schema, document),
        definitions: getOperationAST(document, operationName)?.variableDefinitions ?? [],
        costs: new Map(),
      };
      byName.set(operationName ?? '', operation);
    }
    const given = variables ?? {};
    const key = operation.variables
      .map((name) => (name in given ? JSON.stringify(given[name]) : '-'))
      .join(',');
    const known = operation.costs.get(key);
    if (known === undefined) {
      const cost = requestedCost(this.schema, document, variables, operationName);
      if (operation.costs.size >= COSTS_PER_OPERATION) operation.costs.clear();
      operation.costs.set(key, cost);
      return cost;
    }
    const { errors } = variableValues(this.schema, operation.definitions, variables);
    const [error]: readonly GraphQLError[] = errors ?? [];
    if (error) throw error;
    return known;
  }
}

/** The actual cost of a response: how many objects it holds. */
export function actualCost(data: unknown): number {
  return data !== null && typeof data === 'object' ? objectsIn(data) : 0;
}

/** The objects in `value` and below it; values that are not objects are skipped without a call. */
function objectsIn(value: object): number {
  let objects = 0;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (item !== null && typeof item === 'object') objects += objectsIn(item);
    }
    return objects;
  }
  objects = 1;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') objects += objectsIn(item);
  }
  return objects;
}
