// The schema the compiled executor runs, which differs from the API's in one way: a node type's
// `id` is a leaf read straight off the row and serialised as the type's global ID, instead of a
// field resolver called once per object. graphql-jit calls a resolver through closures, an
// arguments object and a resolve-info object with its path, so a feed page's ~240 ids cost far
// more as resolvers than as leaves. Clients never see this schema: Apollo validates against the
// API's, introspection runs against the API's, and the answers are the same strings.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLFieldConfig,
  type GraphQLSchema,
} from 'graphql';
import { nodeTypes, toGlobalId, type NodeTypeName } from '../shared/ids';

/**
 * Extensions of a field whose value is the parent row's `id` as `type`'s global ID: its resolver
 * is `toGlobalId(type, row.id)` and nothing else, so the executor may read it as a leaf.
 */
export function globalIdOfRow(type: NodeTypeName): { globalIdOfRow: NodeTypeName } {
  return { globalIdOfRow: type };
}

function globalIdType(field: { extensions?: unknown }): NodeTypeName | undefined {
  const type = (field.extensions as { globalIdOfRow?: unknown } | null | undefined)?.globalIdOfRow;
  return nodeTypes.find((name) => name === type);
}

/** The executor's copy of `schema`: every field marked `globalIdOfRow` a leaf (see above). */
export function executorSchema(schema: GraphQLSchema): GraphQLSchema {
  const leaves = new Map<NodeTypeName, GraphQLScalarType>();
  const leafOf = (type: NodeTypeName): GraphQLScalarType => {
    let leaf = leaves.get(type);
    if (!leaf) {
      leaf = new GraphQLScalarType({
        name: `${type}GlobalIdOfRow`,
        serialize: (id) => toGlobalId(type, id as number),
      });
      leaves.set(type, leaf);
    }
    return leaf;
  };
  const asLeaf = (
    field: GraphQLFieldConfig<unknown, unknown>,
  ): GraphQLFieldConfig<unknown, unknown> => {
    const type = globalIdType(field);
    if (!type) return field;
    const { resolve: _resolve, ...rest } = field;
    return { ...rest, type: new GraphQLNonNull(leafOf(type)) };
  };
  const copy = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: asLeaf,
    [MapperKind.INTERFACE_FIELD]: asLeaf,
  });
  return leaves.size > 0 ? copy : schema;
}
