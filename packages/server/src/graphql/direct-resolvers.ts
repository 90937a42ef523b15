// Field resolvers called straight from the schema. type-graphql wraps each resolver method in a
// function that, on every call, sorts the method's parameter list, builds a resolver-data object
// and a middleware chain and copies the parent into an instance of its class: about a fifth of
// what a feed request allocates, for some 360 calls that only read the parent and the context.
// Methods without middlewares or roles whose parameters are the parent, the context, the info and
// arguments of scalar and enum types get a resolver that calls them directly, with the arguments
// made into the same class instances; everything else keeps type-graphql's.
import {
  GraphQLObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Param = (
  root: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: GraphQLResolveInfo,
) => unknown;
type Metadata = ReturnType<typeof getMetadataStorage>;
type Method = (...params: unknown[]) => unknown;

interface ResolverDefinition {
  target: Function;
  methodName: string;
  schemaName: string;
  params?: readonly {
    kind: string;
    index: number;
    propertyName?: string | undefined;
    name?: string;
    getType?: (() => unknown) | undefined;
    validateSettings?: unknown;
    validateFn?: unknown;
  }[];
  roles?: readonly unknown[];
  middlewares?: readonly unknown[];
}

/** Whether type-graphql would turn a value of this type into a class instance. */
function isInputClass(storage: Metadata, type: unknown): boolean {
  return storage.inputTypes.some((input) => input.target === type);
}

/**
 * type-graphql's instance for an @ArgsType class whose fields are all scalars or enums (whose
 * values it passes through as they are): the class with the given arguments assigned, less the
 * fields it declares and the client did not give. Null for any other class.
 */
function argsInstance(
  storage: Metadata,
  argsClass: unknown,
): ((args: Record<string, unknown>) => object) | null {
  if (typeof argsClass !== 'function') return null;
  let declares = false;
  for (
    let type: unknown = argsClass;
    typeof type === 'function';
    type = Object.getPrototypeOf(type)
  ) {
    const metadata = storage.argumentTypes.find((argsType) => argsType.target === type);
    if (!metadata) continue;
    declares = true;
    if ((metadata.fields ?? []).some((field) => isInputClass(storage, field.getType())))
      return null;
  }
  if (!declares) return null;
  const Class = argsClass as new () => Record<string, unknown>;
  // type-graphql's instance is `new Class()`, less the fields left undefined that the client did
  // not give, with the arguments assigned. Built here from what a fresh instance holds, worked out
  // once: deleting fields turned every instance into a slow dictionary-mode object.
  const fresh = new Class();
  const fields = Object.keys(fresh);
  const declared = new Set(fields);
  // A default that is an object would be shared by every instance: the generic way then.
  if (fields.some((key) => typeof fresh[key] === 'object' && fresh[key] !== null)) {
    return (args) => {
      const instance = new Class();
      for (const key of Object.keys(instance)) {
        if (instance[key] === undefined && !(key in args)) delete instance[key];
      }
      return Object.assign(instance, args);
    };
  }
  const prototype = Class.prototype as object;
  return (args) => {
    const instance = Object.create(prototype) as Record<string, unknown>;
    for (const key of fields) {
      if (key in args) instance[key] = args[key];
      else if (fresh[key] !== undefined) instance[key] = fresh[key];
    }
    for (const key of Object.keys(args)) {
      if (!declared.has(key)) instance[key] = args[key];
    }
    return instance;
  };
}

/** How one parameter is read, or null when only type-graphql knows how. */
function paramReader(
  storage: Metadata,
  param: NonNullable<ResolverDefinition['params']>[number],
): Param | null {
  if (param.validateSettings !== undefined || param.validateFn !== undefined) return null;
  switch (param.kind) {
    case 'root':
      // A typed @Root() would be copied into an instance of that class.
      if (param.propertyName !== undefined || (param.getType && param.getType() !== Object)) {
        return null;
      }
      return (root) => root;
    case 'context': {
      const property = param.propertyName;
      return property === undefined
        ? (_root, _args, context) => context
        : (_root, _args, context) => (context as Record<string, unknown>)[property];
    }
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'args': {
      const instance = argsInstance(storage, param.getType?.());
      return instance && ((_root, args) => instance(args));
    }
    case 'arg': {
      const name = param.name;
      if (name === undefined || isInputClass(storage, param.getType?.())) return null;
      return (_root, args) => args[name];
    }
    default:
      return null;
  }
}

function directResolver(
  storage: Metadata,
  instance: object,
  definition: ResolverDefinition,
): GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> | null {
  if ((definition.roles?.length ?? 0) > 0 || (definition.middlewares?.length ?? 0) > 0) {
    return null;
  }
  const method = (instance as Record<string, unknown>)[definition.methodName];
  if (typeof method !== 'function') return null;
  const readers: Param[] = [];
  for (const param of [...(definition.params ?? [])].sort((a, b) => a.index - b.index)) {
    const reader = paramReader(storage, param);
    if (!reader || param.index !== readers.length) return null;
    readers.push(reader);
  }
  const call = method as Method;
  const [first, second, third] = readers;
  switch (readers.length) {
    case 0:
      return () => call.call(instance);
    case 1:
      return (root, args, context, info) => call.call(instance, first!(root, args, context, info));
    case 2:
      return (root, args, context, info) =>
        call.call(instance, first!(root, args, context, info), second!(root, args, context, info));
    case 3:
      return (root, args, context, info) =>
        call.call(
          instance,
          first!(root, args, context, info),
          second!(root, args, context, info),
          third!(root, args, context, info),
        );
    default:
      return (root, args, context, info) =>
        call.apply(
          instance,
          readers.map((read) => read(root, args, context, info)),
        );
  }
}

/**
 * Replaces type-graphql's wrapper on field resolvers and root fields with a direct call where
 * that call gets the same parameters. `instanceOf` gives the resolver instance
 * type-graphql's container would give.
 */
export function callResolversDirectly(
  schema: GraphQLSchema,
  instanceOf: (resolverClass: Function) => object | undefined,
): void {
  const storage = getMetadataStorage();
  // The object types each class stands for: its own, and those of the classes extending it.
  const typeNames = new Map<Function, string[]>();
  for (const objectType of storage.objectTypes) {
    for (
      let type: unknown = objectType.target;
      typeof type === 'function' && type !== Function.prototype;
      type = Object.getPrototypeOf(type)
    ) {
      const names = typeNames.get(type) ?? [];
      names.push(objectType.name);
      typeNames.set(type, names);
    }
  }
  const candidates = new Map<string, ResolverDefinition[]>();
  const add = (typeName: string, definition: ResolverDefinition) => {
    const key = `${typeName}.${definition.schemaName}`;
    candidates.set(key, [...(candidates.get(key) ?? []), definition]);
  };
  for (const definition of storage.fieldResolvers) {
    if (definition.kind !== 'external' || !definition.getObjectType) continue;
    for (const name of typeNames.get(definition.getObjectType()) ?? []) add(name, definition);
  }
  const query = schema.getQueryType();
  if (query) for (const definition of storage.queries) add(query.name, definition);

  for (const [key, definitions] of candidates) {
    // Two methods for one field: which one type-graphql chose is its business.
    if (definitions.length !== 1) continue;
    const definition = definitions[0]!;
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) continue;
    const field = type.getFields()[fieldName];
    const instance = instanceOf(definition.target);
    if (!field?.resolve || !instance) continue;
    const resolve = directResolver(storage, instance, definition);
    if (resolve) field.resolve = resolve;
  }
}
