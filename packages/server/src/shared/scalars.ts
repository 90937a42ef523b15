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
