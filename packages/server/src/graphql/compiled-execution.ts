// Runs operations with graphql-jit: each parsed document is compiled once into a function that
// resolves the fields it selects, instead of being interpreted field by field on every request.
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { ErrorCode } from '../shared/errors';
import {
  BREAK,
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { invalidInput } from '../shared/validation';
import { executorSchema } from './executor-schema';
import { argumentSites, inputProblems, type ArgumentSite } from './input-checks';
import { variableValues } from './variable-values';

export interface ExecutionRequest {
  /** A parsed and validated document. */
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | undefined;
  contextValue: unknown;
}

export type Executor = (request: ExecutionRequest) => Promise<ExecutionResult>;

interface Compiled {
  /** The compiled operation, or the errors that kept it from compiling. */
  query: CompiledQuery | ExecutionResult;
  variables: readonly VariableDefinitionNode[];
  /** Fields whose arguments are checked for values the database cannot take. */
  checked: readonly ArgumentSite[];
}

/** Whether the document asks about the schema itself (`__schema`, `__type`) anywhere. */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function compiledExecutor(schema: GraphQLSchema): Executor {
  // Operations run on the executor's copy of the schema (node ids as leaves); introspection runs
  // on the API's, which is the one it describes.
  const executing = executorSchema(schema);
  // Apollo hands back the same parsed document for the same query text (its document cache), so
  // a document is compiled once per operation name and dropped with the document.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compile = (document: DocumentNode, operationName: string): Compiled => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map<string, Compiled>()));
    let entry = byName.get(operationName);
    if (!entry) {
      entry = {
        query: compileQuery(
          introspects(document) ? schema : executing,
          document,
          operationName || undefined,
        ),
        variables: getOperationAST(document, operationName || undefined)?.variableDefinitions ?? [],
        checked: argumentSites(schema, document, operationName || undefined),
      };
      byName.set(operationName, entry);
    }
    return entry;
  };
  return async ({ document, operationName, variables, contextValue }) => {
    // Subscriptions live on the WebSocket at the same URL; over HTTP one would resolve to nothing.
    if (
      getOperationAST(document, operationName || undefined)?.operation ===
      OperationTypeNode.SUBSCRIPTION
    ) {
      return {
        errors: [
          new GraphQLError(
            'Subscriptions are served over WebSocket (the graphql-ws protocol) at this URL, not over HTTP.',
            { extensions: { code: ErrorCode.BadRequest } },
          ),
        ],
      };
    }
    const { query, variables: definitions, checked } = compile(document, operationName ?? '');
    if (!isCompiledQuery(query)) return query;
    // Variables are checked by graphql-js first: its errors are the ones Apollo Server
    // recognises and answers as BAD_USER_INPUT with HTTP 400. The cost limit coerced them already.
    const coerced = variableValues(schema, definitions, variables);
    if (coerced.errors) return { errors: coerced.errors };
    const problems = inputProblems(checked, coerced.coerced);
    if (problems.length > 0) {
      const refusal = invalidInput(problems);
      return { errors: [new GraphQLError(refusal.message, { extensions: refusal.extensions })] };
    }
    const result = await query.query(undefined, contextValue, variables ?? {});
    const { data } = result;
    if (data) {
      // Once the response is written, the result tree is dropped (shared/context
      // releaseAfterResponse): Apollo's request context can outlive the request in the heap.
      (contextValue as { afterResponse?: (() => void)[] } | null)?.afterResponse?.push(() => {
        for (const key of Object.keys(data)) data[key] = null;
      });
    }
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  };
}

/**
 * graphql-jit leaves `extensions` undefined on an error whose cause has none (a database error,
 * a bug), and Apollo's error formatting then fails before formatError sees the error: the client
 * got the formatter's own TypeError. Such errors get an empty extensions object here.
 */
function withExtensions(error: GraphQLError): GraphQLError {
  if ((error.extensions as GraphQLError['extensions'] | undefined) !== undefined) return error;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? error,
  });
  Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}

/**
 * Apollo Server 5 has no executor option; its gateway interface is the supported way to swap
 * the executor, and swapping the executor is all this "gateway" does.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const execute = compiledExecutor(schema);
  let announce: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => {
        announce = undefined;
      };
    },
    load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return Promise.resolve({
        // The operation the client named, not the one Apollo resolved: when the name matches
        // none, Apollo resolved nothing and needs the executor's error to report it.
        executor: ({ document, request, context }) =>
          execute({
            document,
            operationName: request.operationName,
            variables: request.variables,
            contextValue: context,
          }),
      });
    },
    stop: () => Promise.resolve(),
  };
}
