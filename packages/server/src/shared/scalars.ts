// Scalars with strict parsing: a malformed date is a validation error before any resolver runs.
import { GraphQLScalarType } from 'graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';

/** An instant, ISO 8601 with time zone (`2020-09-14T00:00:00.000Z`). */
export const DateTime = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description:
    'An instant in ISO 8601 / RFC 3339 form with a time zone, such as 2020-09-14T08:30:00Z; always returned in UTC.',
});

/** A calendar date, `YYYY-MM-DD`. */
export const LocalDate = LocalDateResolver;

export const EARLIEST_DATE = '0001-01-01';
export const LATEST_DATE = '9999-12-31';
const EARLIEST_INSTANT = Date.parse(`${EARLIEST_DATE}T00:00:00.000Z`);
const LATEST_INSTANT = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

/**
 * What a parsed value of each scalar must also satisfy to be stored or compared in PostgreSQL,
 * as the reason it is refused (null when it is fine). PostgreSQL refuses NUL in text, and both
 * it and ISO 8601 without a sign stop at four-digit years, so dates keep to years 1–9999.
 * graphql/input-checks applies these to every argument and input field before execution.
 */
export const storageRules: ReadonlyMap<string, (value: unknown) => string | null> = new Map<
  string,
  (value: unknown) => string | null
>([
  ['String', noNulCharacter],
  ['ID', noNulCharacter],
  [
    LocalDate.name,
    (value) =>
      typeof value === 'string' && (value < EARLIEST_DATE || value > LATEST_DATE)
        ? `must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`
        : null,
  ],
  [
    DateTime.name,
    (value) =>
      value instanceof Date &&
      !(value.getTime() >= EARLIEST_INSTANT && value.getTime() <= LATEST_INSTANT)
        ? `must be an instant from ${EARLIEST_DATE}T00:00:00Z to ${LATEST_DATE}T23:59:59Z`
        : null,
  ],
]);

function noNulCharacter(value: unknown): string | null {
  return typeof value === 'string' && value.includes('\u0000')
    ? 'must not contain the NUL character (U+0000)'
    : null;
}
