// Values the GraphQL types accept but the database cannot take (a NUL character, the year 0) are
// refused here, once for every argument, input field, list item and variable of an operation,
// before anything executes; the rules themselves live with the scalars (shared/scalars.ts).
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { FieldProblem } from '../shared/errors';
import { storageRules } from '../shared/scalars';

/** A field of the operation that is given arguments which may hold a checked scalar. */
export interface ArgumentSite {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/** Whether values of `type` can contain a scalar that has a storage rule. */
function holdsCheckedScalar(type: GraphQLInputType, seen = new Set<GraphQLNamedType>()): boolean {
  const named = getNamedType(type);
  if (seen.has(named)) return false;
  seen.add(named);
  if (isScalarType(named)) return storageRules.has(named.name);
  if (isInputObjectType(named)) {
    return Object.values(named.getFields()).some((field) => holdsCheckedScalar(field.type, seen));
  }
  return false;
}

/**
 * The fields of the operation (fragments included) whose arguments need checking. Computed once
 * per document and operation; arguments do not depend on where a fragment is spread.
 */
export function argumentSites(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): ArgumentSite[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const sites: ArgumentSite[] = [];
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fields =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields() : {};
        const field = fields[selection.name.value];
        if (!field) continue;
        const checked = selection.arguments?.some((argument) => {
          const definition = field.args.find((arg) => arg.name === argument.name.value);
          return definition !== undefined && holdsCheckedScalar(definition.type);
        });
        if (checked) sites.push({ field, node: selection });
        if (selection.selectionSet) collect(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        collect(selection.selectionSet, condition);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          collect(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
        }
      }
    }
  };
  collect(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  return sites;
}

function walk(
  value: unknown,
  type: GraphQLInputType,
  path: (string | number)[],
  problems: FieldProblem[],
): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return walk(value, type.ofType, path, problems);
  if (isListType(type)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, type.ofType, [...path, index], problems));
    }
    return;
  }
  if (isInputObjectType(type)) {
    const record = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      if (field.name in record)
        walk(record[field.name], field.type, [...path, field.name], problems);
    }
    return;
  }
  if (isScalarType(type)) {
    const problem = storageRules.get(type.name)?.(value);
    if (problem) problems.push({ path, message: problem });
  }
}

/** Every stored-value problem in the arguments of `sites`, each with its argument path. */
export function inputProblems(
  sites: readonly ArgumentSite[],
  variables: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const { field, node } of sites) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      // Arguments that do not coerce are reported by execution, with its own message.
      continue;
    }
    for (const argument of field.args) {
      if (!(argument.name in values)) continue;
      const found: FieldProblem[] = [];
      walk(values[argument.name], argument.type, [argument.name], found);
      for (const problem of found) {
        // The same argument path under two fields is reported once.
        const key = `${problem.path.join('.')}:${problem.message}`;
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(problem);
        }
      }
    }
  }
  return problems;
}
