// Checks the GraphQL type system cannot express: read arguments, and write inputs with zod, every
// problem in an input reported at once, each with the path of the offending field, as one
// BAD_USER_INPUT error.
import { ErrorCode } from '@dateline/schema';
import type { z } from 'zod';
import { DomainError } from './domain-error';
import { badUserInput, type FieldProblem } from './errors';

export const MAX_SEARCH_LENGTH = 200;

/** A search string: trimmed, 1–200 characters; undefined when not given. */
export function searchArgument(
  value: string | null | undefined,
  argument: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw badUserInput(`"${argument}" must not be empty; omit it to list everything.`, [
      { path: [argument], message: 'must not be empty' },
    ]);
  }
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(
      `"${argument}" is ${trimmed.length} characters long; at most ${MAX_SEARCH_LENGTH} are allowed.`,
      [{ path: [argument], message: `must be at most ${MAX_SEARCH_LENGTH} characters` }],
    );
  }
  return trimmed;
}

/** An integer within bounds, with a message that names the argument. */
export function intInRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`"${argument}" must be between ${min} and ${max}; got ${value}.`, [
      { path: [argument], message: `must be between ${min} and ${max}` },
    ]);
  }
  return value;
}

/** Refuses a range whose start is after its end. */
export function orderedRange<T extends string | Date>(
  from: T | null | undefined,
  to: T | null | undefined,
  fromArgument: string,
  toArgument: string,
): void {
  if (from && to && from > to) {
    throw badUserInput(`"${fromArgument}" must not be after "${toArgument}".`, [
      { path: [fromArgument], message: `must not be after ${toArgument}` },
    ]);
  }
}

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
