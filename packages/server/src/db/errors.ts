// Turns constraint violations that slip past validation into errors a client can act on, never
// a raw SQL message, and tells an unreachable database from a bug.
import { ErrorCode } from '@dateline/schema';
import { DomainError } from '../shared/domain-error';

interface PgErrorLike {
  code?: string;
  constraint?: string;
}

function pgError(error: unknown): PgErrorLike | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code))
      return candidate;
    current = candidate.cause;
  }
  return null;
}

// SQLSTATEs of a database that is restarting, shutting down, out of connections or unreachable.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres and its pool report a lost connection or a checkout timeout with a message only.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /is not queryable$/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error/,
];

/**
 * Whether `error` (or one it wraps) says the database cannot be reached right now, as opposed to
 * a bug or bad data: a retry in a few seconds may succeed. The one list of such failures.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // GraphQL errors wrap what a resolver threw in originalError; drizzle uses cause.
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}

/** The constraint a unique violation was about, if `error` is one. */
export function uniqueViolation(error: unknown): string | null {
  const pg = pgError(error);
  return pg?.code === '23505' ? (pg.constraint ?? '') : null;
}

/**
 * A deadlock (40P01) or serialization failure (40001): PostgreSQL aborted the transaction only
 * because another one ran at the same time, so running it again can succeed.
 */
export function retryableConflict(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === '40P01' || code === '40001';
}

const messages: Record<string, string> = {
  entities_wikidata_id_key: 'Another entity already has this Wikidata id.',
  entities_name_key_kind_key: 'Another entity of this kind already has this name.',
  articles_url_key: 'Another article already has this URL.',
  entity_relations_from_type_to_key: 'This relation already exists.',
  entity_relations_not_self: 'An entity cannot be related to itself.',
  quotes_via_not_speaker: 'A quote cannot come via its own speaker.',
  quotes_span_matches_text: 'The quote span does not match the quote text.',
};

/** A DomainError for a constraint violation, or null for any other error. */
export function translateDatabaseError(error: unknown): DomainError | null {
  const pg = pgError(error);
  if (!pg?.code) return null;
  const constraint = pg.constraint ?? '';
  const known = messages[constraint];
  switch (pg.code) {
    case '23505':
      return new DomainError(
        ErrorCode.Conflict,
        known ?? 'This would duplicate data already stored.',
      );
    case '23503':
      return new DomainError(
        ErrorCode.Conflict,
        known ??
          'This is still referenced by other data, or refers to something that does not exist.',
      );
    case '23514':
    case '23502':
    case '22001':
    case '22007':
    case '22008':
    case '22P02':
      return new DomainError(
        ErrorCode.BadUserInput,
        known ?? 'A value is out of the range this field accepts.',
      );
    default:
      return null;
  }
}
