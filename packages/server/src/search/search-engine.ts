// Which full-text index answers relevance-ranked article search. `postgres` (the default, and the
// only one the embedded database has) ranks every match with ts_rank_cd over the GIN index: exact,
// but it reads every matching row, so a term in a fifth of a million articles takes seconds.
// `rum` keeps lexeme positions in a RUM index and returns matches already ordered by its rank
// (`search <=> query`), so the top 20 are read from the index without ranking every match.
// `groonga` asks a Groonga server, fed through a transactional outbox (groonga-index.ts), which
// ranks a million articles' matches in milliseconds.
// The choice belongs to a server instance: main.ts reads DATELINE_SEARCH, prepareSearch readies the
// engine on the database, and the container hands it to the repositories it builds, so two servers
// in one process can search with different engines.
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/client';
import { DEFAULT_GROONGA_URL } from '../env';
import { GroongaIndex, type GroongaOptions } from './groonga-index';

export type SearchEngine = 'postgres' | 'rum' | 'groonga';

/** A search engine ready for one server instance: what createContainer takes. */
export interface SearchSetup {
  search: SearchEngine;
  /** The Groonga index, when `search` is groonga. */
  groonga?: GroongaIndex;
}

/** The search could not be set up as configured; the message says what to do. */
export class SearchSetupError extends Error {}

/** The index the rum engine orders by; built at start-up when missing. */
export const RUM_INDEX = 'articles_search_rum_idx';

/**
 * Checks that the configured engine can run on this database and builds what it needs (the RUM
 * extension and index, once; building takes about 45 s per 100,000 articles). Fails clearly
 * rather than falling back: an operator who asked for rum should not get slow search silently.
 * Returns the engine, ready, for the container (createContainer's `search`).
 */
export async function prepareSearch(
  handle: DatabaseHandle,
  wanted: SearchEngine,
  options: { groonga?: GroongaOptions } = {},
): Promise<SearchSetup> {
  if (wanted === 'postgres') return { search: 'postgres' };
  if (wanted === 'groonga') {
    // Groonga need not be up: the index is registered (writes start queueing) and the relay
    // fills it once Groonga answers; until then searches answer SEARCH_UNAVAILABLE.
    const groonga = new GroongaIndex(handle, options.groonga ?? { url: DEFAULT_GROONGA_URL });
    await groonga.register();
    return { search: 'groonga', groonga };
  }
  if (handle.driver === 'embedded') {
    throw new SearchSetupError(
      'DATELINE_SEARCH=rum needs a PostgreSQL server (DATABASE_URL): the embedded database has no RUM extension. Unset DATELINE_SEARCH to use plain PostgreSQL full-text search.',
    );
  }
  const available: unknown = await handle.db.execute(
    sql`select 1 from pg_available_extensions where name = 'rum'`,
  );
  if ((available as { rows: unknown[] }).rows.length === 0) {
    throw new SearchSetupError(
      'DATELINE_SEARCH=rum, but the PostgreSQL server has no RUM extension installed (Debian/Ubuntu: apt-get install postgresql-15-rum, for your PostgreSQL version). Install it or unset DATELINE_SEARCH.',
    );
  }
  await handle.withExclusiveLock(RUM_LOCK_KEY, (db) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = 0`);
      await tx.execute(sql`create extension if not exists rum`);
      await tx.execute(
        sql`create index if not exists ${sql.identifier(RUM_INDEX)} on articles using rum (search rum_tsvector_ops)`,
      );
    }),
  );
  return { search: 'rum' };
}

/** Advisory lock key so that instances starting together build the index once. */
const RUM_LOCK_KEY = 71_140_014;
