// What makes two articles one. With a URL, the URL; without one, the body: the same text is the
// same article however it arrives (createArticle, ingestion with a derived headline, the seed).
import { createHash } from 'node:crypto';

/**
 * sha256 of the body exactly as stored, UTF-8: the headline is left out because ingestion
 * derives one when none is given, and nothing is trimmed or folded so that the migration that
 * recomputed stored hashes in SQL (0005) agrees with this byte for byte.
 */
export function contentHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
