import { bigint, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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

export type EventRow = typeof events.$inferSelect;
