import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const apiKeyRoles = ['reader', 'editor', 'admin'] as const;
export type ApiKeyRoleValue = (typeof apiKeyRoles)[number];
export const apiKeyRole = pgEnum('api_key_role', apiKeyRoles);

/** API keys, stored only as a SHA-256 hash; the key itself is shown once, at creation. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    role: apiKeyRole('role').notNull(),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    index('api_keys_prefix_idx').on(t.prefix),
    check('api_keys_name_length', sql`char_length(btrim(${t.name})) between 1 and 200`),
  ],
);

/**
 * Query cost spent per caller in the current one-minute window. Kept in the database so every
 * server instance sees the same budget.
 */
export const rateLimitWindows = pgTable('rate_limit_windows', {
  subject: text('subject').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  spent: integer('spent').notNull(),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
