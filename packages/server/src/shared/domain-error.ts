// Errors raised below the GraphQL layer (services, repositories) that a client can act on.
// graphql-js copies `extensions` of a thrown error onto the GraphQL error, so these reach the
// client with their code without the lower layers importing graphql.
import type { ErrorCode } from '@dateline/schema';
import type { FieldProblem } from './errors';

export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** More for the client to act on, e.g. the id of the entity a CONFLICT is with. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get extensions(): Record<string, unknown> {
    return {
      code: this.code,
      ...(this.fields.length > 0 && { fields: this.fields }),
      ...this.details,
    };
  }
}
