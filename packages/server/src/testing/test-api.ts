// Runs GraphQL operations in-process against the real schema and a real database, with the
// executor the server uses, counting the SQL statements each operation issues.
import 'reflect-metadata';
import { parse, validate, type ExecutionResult, type GraphQLError } from 'graphql';
import { pino } from 'pino';
import type { Viewer } from '../access/api-key.service';
import { createContainer, type Container } from '../container';
import { seedSample } from '../db/seed';
import { compiledExecutor } from '../graphql/compiled-execution';
import type { GroongaIndex } from '../search/groonga-index';
import { DEFAULT_GROONGA_URL } from '../env';
import { prepareSearch, type SearchEngine } from '../search/search-engine';
import { openTestDatabase, testGroongaUrl, type TestDatabase } from './test-database';

type Execute = <T = Record<string, unknown>>(
  source: string,
  variables?: Record<string, unknown>,
  viewer?: Viewer | null,
) => Promise<ExecutionResult<T> & { statements: number }>;

export interface TestApi {
  database: TestDatabase;
  container: Container;
  /** Executes an operation; `statements` is how many SQL statements it issued. */
  execute: Execute;
  /**
   * Another server instance on the same database, with its own container and options (as a
   * second server in the same process would be); the database stays this one's to dispose.
   */
  instance(options: {
    search?: SearchEngine;
    /** Where this instance's Groonga is (TEST_GROONGA_URL by default). */
    groongaUrl?: string;
    /** GroongaOptions.tier: `always` sends every search the tier can serve through it. */
    groongaTier?: 'auto' | 'always' | 'never';
  }): Promise<Pick<TestApi, 'container' | 'execute'> & { groonga?: GroongaIndex | undefined }>;
  dispose(): Promise<void>;
}

export async function createTestApi(
  options: { sample?: boolean; search?: SearchEngine } = {},
): Promise<TestApi> {
  const counter = { statements: 0 };
  const database = await openTestDatabase({
    logger: { logQuery: () => void (counter.statements += 1) },
  });
  const instance: TestApi['instance'] = async (instanceOptions) => {
    const search = await prepareSearch(database.handle, instanceOptions.search ?? 'postgres', {
      groonga: {
        url: instanceOptions.groongaUrl ?? testGroongaUrl() ?? DEFAULT_GROONGA_URL,
        timeoutMs: 2_000,
        ...(instanceOptions.groongaTier !== undefined && { tier: instanceOptions.groongaTier }),
      },
    });
    const container = await createContainer(database.handle.db, search);
    return { container, execute: executor(container, counter), groonga: search.groonga };
  };
  const { container, execute } = await instance(options);
  if (options.sample ?? true) await seedSample(container.services);
  return { database, container, execute, instance, dispose: () => database.dispose() };
}

function executor(container: Container, counter: { statements: number }): Execute {
  const logger = pino({ level: 'silent' });
  const execute = compiledExecutor(container.schema);
  return async <T>(
    source: string,
    variables?: Record<string, unknown>,
    viewer: Viewer | null = null,
  ) => {
    counter.statements = 0;
    const document = parse(source);
    const invalid = validate(container.schema, document);
    if (invalid.length > 0) return { errors: invalid, statements: counter.statements };
    const result = (await execute({
      document,
      variables,
      contextValue: container.createContext({
        requestId: 'test',
        logger,
        viewer,
        clientAddress: '127.0.0.1',
      }),
    })) as ExecutionResult<T>;
    return { ...result, statements: counter.statements };
  };
}

/** The `extensions.code` of each error, for asserting on failures. */
export function errorCodes(result: Pick<ExecutionResult, 'errors'>): unknown[] {
  // Errors the compiled executor makes have no extensions object when there are none.
  return (result.errors ?? []).map(
    (error) => (error.extensions as GraphQLError['extensions'] | undefined)?.['code'],
  );
}

/** Viewers with each role, for calling mutations in tests. */
export const viewers = {
  reader: { keyId: 0, name: 'test reader', role: 'reader' },
  editor: { keyId: 0, name: 'test editor', role: 'editor' },
  admin: { keyId: 0, name: 'test admin', role: 'admin' },
} as const satisfies Record<string, Viewer>;
