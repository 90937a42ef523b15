// Input validation with zod: every problem in an input is reported at once, each with the path
// of the offending field, as one BAD_USER_INPUT error.
import { ErrorCode } from '@dateline/schema';
import type { z } from 'zod';
import { DomainError } from './domain-error';
import type { FieldProblem } from './errors';

export function validateInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root = 'input',
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(
    parsed.error.issues.map((issue) => ({
      path: [
        root,
        ...issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
      ],
      message: issue.message,
    })),
  );
}

/** One BAD_USER_INPUT error for a list of problems, its message naming the first few. */
export function invalidInput(problems: FieldProblem[]): DomainError {
  const shown = problems
    .slice(0, 3)
    .map((problem) => `${problem.path.join('.')}: ${problem.message}`)
    .join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return new DomainError(ErrorCode.BadUserInput, `Invalid input. ${shown}${more}.`, problems);
}

/** Collects problems while checking an input, then throws them together. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(path: (string | number)[], message: string): void {
    this.list.push({ path, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw invalidInput(this.list);
  }
}
