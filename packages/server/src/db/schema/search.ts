import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Articles whose search document changed (written, re-mentioned or deleted) since the external
 * search engine last heard of them: rows are added by triggers in the write's own transaction
 * (migration 0012), only while `search_engine_index` names an index, and removed by the relay
 * (search/groonga-index.ts) once the engine acknowledged the article's current state.
 */
export const searchOutbox = pgTable('search_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  articleId: integer('article_id').notNull(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The external index this database feeds, when one is configured: one row, its name unique to
 * this database, so several Dateline databases can share one search server.
 */
export const searchEngineIndex = pgTable('search_engine_index', {
  id: integer('id').primaryKey(),
  engine: text('engine').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
