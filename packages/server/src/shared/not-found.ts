import { ErrorCode } from '@dateline/schema';
import { DomainError } from './domain-error';

/** NOT_FOUND for an input field that names an object that does not exist. */
export function notFound(what: string, ...path: (string | number)[]): DomainError {
  return new DomainError(ErrorCode.NotFound, `No ${what} has the ID given in ${path.join('.')}.`, [
    { path, message: `no ${what} with this ID` },
  ]);
}
