// The schema the compiled executor runs, which differs from the API's in one way: a node type's
// `id` is a leaf read straight off the row and serialised as the type's global ID, instead of a
// field resolver called once per object. graphql-jit calls a resolver through closures, an
// arguments object and a resolve-info object with its path, so a feed page's ~240 ids cost far
// more as resolvers than as leaves. Clients never see this schema: Apollo validates against the
// API's, introspection runs against the API's, and the answers are the same strings.
import {
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLUnionType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgumentConfig,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLNamedType,
  type GraphQLType,
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
  let changed = false;
  const copies = new Map<string, GraphQLNamedType>();
  const named = <T extends GraphQLNamedType>(type: T): T =>
    (copies.get(type.name) as T | undefined) ?? type;
  const wrapped = <T extends GraphQLType>(type: T): T => {
    if (isNonNullType(type)) return new GraphQLNonNull(wrapped(type.ofType)) as T;
    if (isListType(type)) return new GraphQLList(wrapped(type.ofType)) as T;
    return named(type as GraphQLNamedType) as T;
  };
  const args = (map: GraphQLFieldConfigArgumentMap): GraphQLFieldConfigArgumentMap =>
    Object.fromEntries(
      Object.entries(map).map(([name, arg]): [string, GraphQLArgumentConfig] => [
        name,
        { ...arg, type: wrapped(arg.type) },
      ]),
    );
  const fields = (
    map: Record<string, GraphQLFieldConfig<unknown, unknown>>,
  ): Record<string, GraphQLFieldConfig<unknown, unknown>> =>
    Object.fromEntries(
      Object.entries(map).map(([name, field]): [string, GraphQLFieldConfig<unknown, unknown>] => {
        const leaf = globalIdType(field);
        if (leaf) {
          changed = true;
          const { resolve: _resolve, ...rest } = field;
          return [
            name,
            { ...rest, type: new GraphQLNonNull(leafOf(leaf)), args: args(field.args ?? {}) },
          ];
        }
        return [name, { ...field, type: wrapped(field.type), args: args(field.args ?? {}) }];
      }),
    );

  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    // Scalars and enums refer to no other type: the copy shares them.
    if (isScalarType(type) || isEnumType(type)) continue;
    if (isObjectType(type)) {
      const config = type.toConfig();
      copies.set(
        type.name,
        new GraphQLObjectType({
          ...config,
          interfaces: () => config.interfaces.map(named),
          fields: () => fields(config.fields),
        }),
      );
    } else if (isInterfaceType(type)) {
      const config = type.toConfig();
      copies.set(
        type.name,
        new GraphQLInterfaceType({
          ...config,
          interfaces: () => config.interfaces.map(named),
          fields: () => fields(config.fields),
        }),
      );
    } else if (isUnionType(type)) {
      const config = type.toConfig();
      copies.set(
        type.name,
        new GraphQLUnionType({ ...config, types: () => config.types.map(named) }),
      );
    } else if (isInputObjectType(type)) {
      const config = type.toConfig();
      copies.set(
        type.name,
        new GraphQLInputObjectType({
          ...config,
          fields: () =>
            Object.fromEntries(
              Object.entries(config.fields).map(([name, field]) => [
                name,
                { ...field, type: wrapped(field.type) },
              ]),
            ),
        }),
      );
    }
  }
  const config = schema.toConfig();
  const copy = new GraphQLSchema({
    ...config,
    query: config.query && named(config.query),
    mutation: config.mutation && named(config.mutation),
    subscription: config.subscription && named(config.subscription),
    types: config.types.map(named),
    directives: config.directives.map((directive) => directive),
  });
  // Resolve the thunks now, so the copy is complete before any request.
  for (const type of Object.values(copy.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type)) type.getFields();
    if (isInputObjectType(type)) type.getFields();
  }
  return changed ? copy : schema;
}
