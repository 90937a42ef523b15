// Errors a client can act on. Each carries a stable code from @dateline/schema; anything else
// that escapes a resolver is masked as INTERNAL_SERVER_ERROR (see formatError in server.ts).
import { ErrorCode } from '@dateline/schema';
import { GraphQLError } from 'graphql';

export { ErrorCode };

export interface FieldProblem {
  /** Path of the offending argument or input field, e.g. `["input", "quotes", 2, "text"]`. */
  path: (string | number)[];
  message: string;
}

export function badUserInput(message: string, fields: FieldProblem[] = []): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, ...(fields.length > 0 && { fields }) },
  });
}

export function invalidId(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.InvalidId, fields: [{ path: [argument], message }] },
  });
}

export function invalidCursor(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.InvalidCursor, fields: [{ path: [argument], message }] },
  });
}
