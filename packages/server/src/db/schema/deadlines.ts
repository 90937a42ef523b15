import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { entities } from './entities';
import { deadlineStatus } from './enums';

export const deadlines = pgTable(
  'deadlines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The article that first reported the deadline. */
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    setById: integer('set_by_id').references(() => entities.id, { onDelete: 'restrict' }),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    consequence: text('consequence'),
    evidence: text('evidence'),
    status: deadlineStatus('status').notNull().default('PENDING'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deadlines_due_on_id_idx').on(t.dueOn, t.id),
    index('deadlines_status_due_on_id_idx').on(t.status, t.dueOn, t.id),
    index('deadlines_article_id_idx').on(t.articleId),
    index('deadlines_set_by_id_due_on_idx').on(t.setById, t.dueOn, t.id),
    index('deadlines_subject_id_due_on_idx').on(t.subjectId, t.dueOn, t.id),
    check(
      'deadlines_description_length',
      sql`char_length(btrim(${t.description})) between 1 and 1000`,
    ),
    check(
      'deadlines_consequence_length',
      sql`${t.consequence} is null or char_length(${t.consequence}) between 1 and 1000`,
    ),
  ],
);

/** Other entities a deadline is about (TikTok, for the deadline ByteDance faces). */
export const deadlineConcerns = pgTable(
  'deadline_concerns',
  {
    deadlineId: integer('deadline_id')
      .notNull()
      .references(() => deadlines.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.deadlineId, t.entityId] }),
    index('deadline_concerns_entity_id_idx').on(t.entityId),
  ],
);

/**
 * Every change to a deadline's status or due date, in order; the first row records the
 * deadline as first reported.
 */
export const deadlineChanges = pgTable(
  'deadline_changes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    deadlineId: integer('deadline_id')
      .notNull()
      .references(() => deadlines.id, { onDelete: 'cascade' }),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    status: deadlineStatus('status').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    previousStatus: deadlineStatus('previous_status'),
    previousDueOn: date('previous_due_on', { mode: 'string' }),
    note: text('note'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deadline_changes_deadline_id_id_idx').on(t.deadlineId, t.id),
    index('deadline_changes_article_id_idx').on(t.articleId),
    check(
      'deadline_changes_previous_together',
      sql`(${t.previousStatus} is null) = (${t.previousDueOn} is null)`,
    ),
    check(
      'deadline_changes_note_length',
      sql`${t.note} is null or char_length(${t.note}) between 1 and 2000`,
    ),
  ],
);

export type DeadlineRow = typeof deadlines.$inferSelect;
export type DeadlineChangeRow = typeof deadlineChanges.$inferSelect;
