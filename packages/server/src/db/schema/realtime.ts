import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { deadlines } from './deadlines';

/**
 * The outbox: one row per committed write that subscribers and webhooks hear about, inserted in
 * the write's own transaction. Ids are handed out under a transaction-scoped lock
 * (realtime/event.repository.ts), so id order is commit order and "after the last id I saw" never
 * skips a row that committed late.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_created_at_idx').on(t.createdAt)],
);

/**
 * How many days each pending deadline had left when the scheduler last looked, so "coming due"
 * is announced once per day crossed, by whichever instance claims the tick, across restarts.
 */
export const deadlineCountdowns = pgTable('deadline_countdowns', {
  deadlineId: integer('deadline_id')
    .primaryKey()
    .references(() => deadlines.id, { onDelete: 'cascade' }),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  daysLeft: integer('days_left').notNull(),
  announcedAt: timestamp('announced_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Endpoints an admin registered, with the topics they want and the secret deliveries are signed with. */
export const webhooks = pgTable('webhooks', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  url: text('url').notNull(),
  topics: text('topics').array().notNull(),
  secret: text('secret').notNull(),
  /** Events up to this id committed before the hook existed and are not delivered to it. */
  afterEventId: bigint('after_event_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The durable delivery queue: one row per hook and event, retried with backoff until delivered. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    /** PENDING, DELIVERED or FAILED (gave up). */
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_webhook_id_event_id_key').on(t.webhookId, t.eventId),
    index('webhook_deliveries_status_next_attempt_at_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** How far the outbox has been turned into deliveries: one row, claimed by one instance at a time. */
export const webhookCursor = pgTable('webhook_cursor', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
});

export type EventRow = typeof events.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
