// Look-ahead into a field's selection, so a resolver can fetch what its children will ask for in
// the same statement (an article page joined with its outlets) instead of one statement more.
// Only an optimisation: a wrong answer costs a statement or a join, never a wrong result.
import {
  Kind,
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** Per parsed document (Apollo reuses it across requests): field node → path → selected. */
const answers = new WeakMap<FieldNode, Map<string, boolean>>();

/** What look-ahead reads of a field's resolve info: its nodes and the document's fragments. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** The fields directly below a selection set, through fragments. */
function fieldsBelow(selectionSet: SelectionSetNode | undefined, info: Selection): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection): FieldNode[] => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection];
      case Kind.INLINE_FRAGMENT:
        return fieldsBelow(selection.selectionSet, info);
      case Kind.FRAGMENT_SPREAD:
        return fieldsBelow(info.fragments[selection.name.value]?.selectionSet, info);
    }
  });
}

/** The field nodes at `path` (field names) below a selection set, through fragments. */
function fieldsAt(
  selectionSet: SelectionSetNode | undefined,
  path: readonly string[],
  info: Selection,
): FieldNode[] {
  const [head, ...rest] = path;
  return fieldsBelow(selectionSet, info).flatMap((field) => {
    if (field.name.value !== head) return [];
    return rest.length === 0 ? [field] : fieldsAt(field.selectionSet, rest, info);
  });
}

/** Whether the current field's selection includes `path` (field names, through fragments). */
export function selects(info: Selection, ...path: string[]): boolean {
  const key = path.join('.');
  return info.fieldNodes.some((node) => {
    let cached = answers.get(node);
    if (!cached) answers.set(node, (cached = new Map<string, boolean>()));
    let answer = cached.get(key);
    if (answer === undefined) {
      answer = fieldsAt(node.selectionSet, path, info).length > 0;
      cached.set(key, answer);
    }
    return answer;
  });
}

/** Whether a connection's selection asks its nodes for `field`, through `nodes` or `edges.node`. */
export function nodesSelect(info: Selection, field: string): boolean {
  return selects(info, 'nodes', field) || selects(info, 'edges', 'node', field);
}

interface ChildField {
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

const childFields = new WeakMap<FieldNode, Map<string, ChildField | null>>();

function childField(
  info: GraphQLResolveInfo,
  field: string,
  paths: readonly (readonly string[])[],
  parentType: GraphQLNamedType | undefined,
): { args: Record<string, unknown>; selection: Selection } | undefined {
  const [first] = info.fieldNodes;
  if (!first) return undefined;
  let cached = childFields.get(first);
  if (!cached) childFields.set(first, (cached = new Map<string, ChildField | null>()));
  const cacheKey = `${paths.map((path) => path.join('.')).join('|')}`;
  let found = cached.get(cacheKey);
  if (found === undefined) {
    const nodes = info.fieldNodes.flatMap((node) =>
      paths.flatMap((path) => fieldsAt(node.selectionSet, path, info)),
    );
    const definition = isObjectType(parentType) ? parentType.getFields()[field] : undefined;
    found = nodes.length === 1 && nodes[0] && definition ? { node: nodes[0], definition } : null;
    cached.set(cacheKey, found);
  }
  if (!found) return undefined;
  try {
    return {
      args: getArgumentValues(found.definition, found.node, info.variableValues),
      selection: { fieldNodes: [found.node], fragments: info.fragments },
    };
  } catch {
    // Arguments the field itself will reject: it reports them when it runs.
    return undefined;
  }
}

/**
 * A connection's nodes' field `field` as the selection asks for it, when it asks exactly once
 * (through `nodes` or `edges.node`, fragments included): its arguments and its own selection.
 * Undefined otherwise.
 */
export function nodeField(
  info: GraphQLResolveInfo,
  field: string,
): { args: Record<string, unknown>; selection: Selection } | undefined {
  const connection = getNamedType(info.returnType);
  const nodeType = isObjectType(connection)
    ? getNamedType(connection.getFields()['nodes']?.type)
    : undefined;
  return childField(
    info,
    field,
    [
      ['nodes', field],
      ['edges', 'node', field],
    ],
    nodeType,
  );
}

/** The current object's field `field` as the selection asks for it, when it asks exactly once. */
export function objectField(
  info: GraphQLResolveInfo,
  field: string,
): { args: Record<string, unknown>; selection: Selection } | undefined {
  return childField(info, field, [[field]], getNamedType(info.returnType));
}

/**
 * What a type's resolvers read of its row, for each GraphQL field that is not simply the row field
 * of the same name: the row fields it reads (`[]`: none but the id, which every row keeps), or,
 * for a field whose object is a row nested in this one (a quote's joined speaker), the row fields
 * it reads, the nested row's name and that row's own reads.
 */
export interface RowReads {
  readonly [field: string]:
    readonly string[] | { fields: readonly string[]; row: string; reads: () => RowReads };
}

function addRowReads(
  names: Set<string>,
  selectionSet: SelectionSetNode | undefined,
  reads: RowReads,
  prefix: string,
  info: Selection,
): void {
  for (const field of fieldsBelow(selectionSet, info)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const read = reads[name];
    if (read === undefined) names.add(prefix + name);
    else if (Array.isArray(read)) for (const column of read) names.add(prefix + column);
    else {
      const nested = read as { fields: readonly string[]; row: string; reads: () => RowReads };
      for (const column of nested.fields) names.add(prefix + column);
      names.add(prefix + nested.row);
      addRowReads(names, field.selectionSet, nested.reads(), `${prefix}${nested.row}.`, info);
    }
  }
}

const connectionReadsCache = new WeakMap<FieldNode, Map<RowReads, string>>();

/**
 * The row fields a connection's selection reads of its rows, as a child page's `reads`
 * (db/child-page): what its nodes (through `nodes` or `edges.node`) read by `reads`, the edges'
 * own fields (the row fields of the same name), and `always` (what the cursor is made of).
 * Directives are not looked at: a skipped field costs a column, never a wrong answer.
 */
export function connectionReads(
  selection: Selection,
  reads: RowReads,
  always: readonly string[],
): string {
  const [first] = selection.fieldNodes;
  const cached =
    first && selection.fieldNodes.length === 1
      ? connectionReadsCache.get(first)?.get(reads)
      : undefined;
  if (cached !== undefined) return cached;
  const names = new Set(always);
  for (const node of selection.fieldNodes) {
    for (const field of fieldsBelow(node.selectionSet, selection)) {
      if (field.name.value === 'nodes') {
        addRowReads(names, field.selectionSet, reads, '', selection);
      } else if (field.name.value === 'edges') {
        for (const edgeField of fieldsBelow(field.selectionSet, selection)) {
          const name = edgeField.name.value;
          if (name === 'node') addRowReads(names, edgeField.selectionSet, reads, '', selection);
          else if (name !== 'cursor' && name !== '__typename') names.add(name);
        }
      }
    }
  }
  const answer = [...names].sort().join(',');
  if (first && selection.fieldNodes.length === 1) {
    let byReads = connectionReadsCache.get(first);
    if (!byReads) connectionReadsCache.set(first, (byReads = new Map<RowReads, string>()));
    byReads.set(reads, answer);
  }
  return answer;
}
