// The process logger. Credentials never reach a log line: the headers that carry them are
// censored by path, and anything shaped like an API key is blanked in the finished line, wherever
// it came from (a URL query, an error message, a failed statement's parameters).
import { pino, type DestinationStream, type Logger } from 'pino';

const CENSORED = '[redacted]';

/** Header paths in pino-http's request and response objects that carry credentials. */
export const credentialPaths = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'set-cookie',
].flatMap((header) => [`req.headers["${header}"]`, `res.headers["${header}"]`]);

// Our API keys are dl_ followed by base64url; eight characters already identify a key prefix.
const API_KEY_SHAPE = /dl_[A-Za-z0-9_-]{8,}/g;
// A bearer credential of any shape that slipped past the header paths (e.g. in a message).
const BEARER = /(Bearer\s+)[^\s"\\,]+/gi;

export function redactCredentials(line: string): string {
  return line.replace(API_KEY_SHAPE, `dl_${CENSORED}`).replace(BEARER, `$1${CENSORED}`);
}

export function createLogger(
  level: string,
  destination?: DestinationStream,
  base: Record<string, unknown> = { service: 'dateline' },
): Logger {
  return pino(
    {
      level,
      base,
      redact: { paths: credentialPaths, censor: CENSORED },
      hooks: { streamWrite: redactCredentials },
    },
    destination,
  );
}
