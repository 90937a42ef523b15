import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { entities } from './entities';
import { tsvector } from './types';

export const articles = pgTable(
  'articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    headline: text('headline').notNull(),
    body: text('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    sourceId: integer('source_id').references(() => entities.id, { onDelete: 'set null' }),
    url: text('url'),
    language: text('language').notNull().default('en'),
    /** sha256 of the body (articles/article.rules.ts contentHash): identifies an article without a URL. */
    contentHash: text('content_hash').notNull(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, headline), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')`,
      ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_url_key').on(t.url),
    // Syndicated copies share text under different URLs; only URL-less articles are told apart
    // by their content.
    uniqueIndex('articles_content_hash_key')
      .on(t.contentHash)
      .where(sql`${t.url} is null`),
    index('articles_published_at_id_idx').on(t.publishedAt, t.id),
    index('articles_source_id_published_at_id_idx').on(t.sourceId, t.publishedAt, t.id),
    index('articles_search_idx').using('gin', t.search),
    check('articles_headline_length', sql`char_length(btrim(${t.headline})) between 1 and 500`),
    check('articles_body_length', sql`char_length(${t.body}) between 1 and 200000`),
    check('articles_language_format', sql`${t.language} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`),
    check('articles_url_format', sql`${t.url} is null or ${t.url} ~ '^https?://'`),
  ],
);

/** The places an article is datelined from, in the order the dateline gives them. */
export const articleDatelines = pgTable(
  'article_datelines',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    placeId: integer('place_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.position] }),
    index('article_datelines_place_id_idx').on(t.placeId),
    check('article_datelines_position_nonnegative', sql`${t.position} >= 0`),
  ],
);

/** Which entities an article mentions, how often and in which words. */
export const articleMentions = pgTable(
  'article_mentions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    mentionCount: integer('mention_count').notNull(),
    surfaceForms: text('surface_forms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The article's publication time, copied so an entity's articles page on one index. */
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.entityId] }),
    // mention_count rides along so a MENTIONS timeline is an index-only scan (analytics).
    index('article_mentions_entity_id_published_at_article_id_count_idx').on(
      t.entityId,
      t.publishedAt,
      t.articleId,
      t.mentionCount,
    ),
    check('article_mentions_count_positive', sql`${t.mentionCount} >= 1`),
  ],
);

export type ArticleMentionRow = typeof articleMentions.$inferSelect;

/**
 * How many articles mention both entities, once per pair (the lower id first), so a write stores
 * half the pairs it would in both directions; an entity's co-mentions are two index ranges in
 * count order (as `entity_id` and as `other_id`), merged. Kept by triggers on article_mentions
 * (migrations 0010 and 0013) in the writing transaction, whatever path writes the mentions.
 */
export const entityCoMentions = pgTable(
  'entity_co_mentions',
  {
    entityId: integer('entity_id').notNull(),
    otherId: integer('other_id').notNull(),
    articles: integer('articles').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.otherId] }),
    index('entity_co_mentions_entity_id_articles_other_id_idx').on(
      t.entityId,
      t.articles.desc(),
      t.otherId,
    ),
    index('entity_co_mentions_other_id_articles_entity_id_idx').on(
      t.otherId,
      t.articles.desc(),
      t.entityId,
    ),
    check('entity_co_mentions_ordered', sql`${t.entityId} < ${t.otherId}`),
  ],
);

export type EntityCoMentionRow = typeof entityCoMentions.$inferSelect;
