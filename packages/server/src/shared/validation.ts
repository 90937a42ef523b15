// Checks on read arguments that the GraphQL type system cannot express.
import { badUserInput } from './errors';

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
