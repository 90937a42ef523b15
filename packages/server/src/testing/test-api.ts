// Runs GraphQL operations in-process against the real schema and a real database, with the
// executor the server uses, counting the SQL statements each operation issues.
import 'reflect-metadata';
import { parse, validate, type ExecutionResult, type GraphQLError } from 'graphql';
import { pino } from 'pino';
import type { Viewer } from '../access/api-key.service';
import { createContainer, type Container } from '../container';
import { seedSample } from '../db/seed';
import { compiledExecutor } from '../graphql/compiled-execution';
import { openTestDatabase, type TestDatabase } from './test-database';

export interface TestApi {
  database: TestDatabase;
  container: Container;
  /** Executes an operation; `statements` is how many SQL statements it issued. */
  execute<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<ExecutionResult<T> & { statements: number }>;
  dispose(): Promise<void>;
}

export async function createTestApi(options: { sample?: boolean } = {}): Promise<TestApi> {
  let statements = 0;
  const database = await openTestDatabase({ logger: { logQuery: () => void (statements += 1) } });
  const container = await createContainer(database.handle.db);
  if (options.sample ?? true) await seedSample(container.services);
  const logger = pino({ level: 'silent' });
  const execute = compiledExecutor(container.schema);
  return {
    database,
    container,
    async execute<T>(
      source: string,
      variables?: Record<string, unknown>,
      viewer: Viewer | null = null,
    ) {
      statements = 0;
      const document = parse(source);
      const invalid = validate(container.schema, document);
      if (invalid.length > 0) return { errors: invalid, statements };
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
      return { ...result, statements };
    },
    dispose: () => database.dispose(),
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
