// @dateline/schema: the contract of the Dateline GraphQL API, for the server, the SDK and any
// tool that runs its own codegen.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export { ErrorCode, errorCodes, isErrorCode } from './error-codes';

/** Absolute path of `schema.graphql`, the SDL of the Dateline API. */
export const schemaPath: string = path.join(__dirname, '..', 'schema.graphql');

/** Reads the SDL of the Dateline API. */
export function readSchemaSDL(): string {
  return readFileSync(schemaPath, 'utf8');
}

/** The SDL of the Dateline API, for tools that take the schema as a string. */
export const schemaSDL: string = readSchemaSDL();
