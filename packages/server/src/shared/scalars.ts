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

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a `YYYY-MM-DD` day of the (proleptic Gregorian) calendar. */
function isCalendarDate(value: unknown): value is string {
  const parts = typeof value === 'string' ? DATE_SHAPE.exec(value) : null;
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/**
 * A calendar date, `YYYY-MM-DD`. Output is checked without graphql-scalars' Date round trip
 * (a page of deadlines serialises dozens of dates, and the round trip was a few percent of such a
 * request's CPU); anything that is not a calendar date still fails with graphql-scalars' error.
 */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize: (value) => (isCalendarDate(value) ? value : LocalDateResolver.serialize(value)),
});

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
