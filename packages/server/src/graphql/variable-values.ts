// An operation's variables coerced once per request. The cost limit (access/query-cost) checks
// them before execution and the executor (graphql/compiled-execution) needs them to run: both
// get the request's own variables object from Apollo Server, so the second asks here for what
// the first worked out instead of coercing them again (a date variable is parsed and validated
// each time).
import { getVariableValues, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';

type Coerced = ReturnType<typeof getVariableValues>;

interface Known {
  schema: GraphQLSchema;
  definitions: readonly VariableDefinitionNode[];
  coerced: Coerced;
}

/** By the request's variables object; it goes with the request. */
const known = new WeakMap<object, Known>();

/** `getVariableValues`, remembered for the same variables object, schema and definitions. */
export function variableValues(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Record<string, unknown> | undefined,
): Coerced {
  if (!variables) return getVariableValues(schema, definitions, {});
  const found = known.get(variables);
  if (found && found.schema === schema && found.definitions === definitions) return found.coerced;
  const coerced = getVariableValues(schema, definitions, variables);
  known.set(variables, { schema, definitions, coerced });
  return coerced;
}
