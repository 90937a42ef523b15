// Look-ahead into a field's selection, so a resolver can fetch what its children will ask for in
// the same statement (an article page joined with its outlets) instead of one statement more.
// Only an optimisation: a wrong answer costs a statement or a join, never a wrong result.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Per parsed document (Apollo reuses it across requests): field node → path → selected. */
const answers = new WeakMap<FieldNode, Map<string, boolean>>();

function selectsPath(
  selectionSet: SelectionSetNode | undefined,
  path: readonly string[],
  info: GraphQLResolveInfo,
): boolean {
  if (!selectionSet) return false;
  const [head, ...rest] = path;
  return selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return (
          selection.name.value === head &&
          (rest.length === 0 || selectsPath(selection.selectionSet, rest, info))
        );
      case Kind.INLINE_FRAGMENT:
        return selectsPath(selection.selectionSet, path, info);
      case Kind.FRAGMENT_SPREAD:
        return selectsPath(info.fragments[selection.name.value]?.selectionSet, path, info);
    }
  });
}

/** Whether the current field's selection includes `path` (field names, through fragments). */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  const key = path.join('.');
  return info.fieldNodes.some((node) => {
    let cached = answers.get(node);
    if (!cached) answers.set(node, (cached = new Map<string, boolean>()));
    let answer = cached.get(key);
    if (answer === undefined) {
      answer = selectsPath(node.selectionSet, path, info);
      cached.set(key, answer);
    }
    return answer;
  });
}

/** Whether a connection's selection asks its nodes for `field`, through `nodes` or `edges.node`. */
export function nodesSelect(info: GraphQLResolveInfo, field: string): boolean {
  return selects(info, 'nodes', field) || selects(info, 'edges', 'node', field);
}
