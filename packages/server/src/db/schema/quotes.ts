import { getTableColumns, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { entities } from './entities';
import { quoteChannel } from './enums';
import { tsvector } from './types';

export const quotes = pgTable(
  'quotes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    direct: boolean('direct').notNull(),
    /** Null for an unattributed quote: the words are reported but nobody is named as saying them. */
    speakerId: integer('speaker_id').references(() => entities.id, { onDelete: 'restrict' }),
    speakerTitle: text('speaker_title'),
    cue: text('cue'),
    channel: quoteChannel('channel'),
    viaId: integer('via_id').references(() => entities.id, { onDelete: 'restrict' }),
    spokenOn: date('spoken_on', { mode: 'string' }),
    /** The publication time of the article, copied so quote lists page on one index. */
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    /** Character offsets (Unicode code points) into the article body, end exclusive. */
    spanStart: integer('span_start').notNull(),
    spanEnd: integer('span_end').notNull(),
    /** How sure the extractor was of the quote and its speaker (0–1); null when entered by hand. */
    confidence: real('confidence'),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english'::regconfig, text)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('quotes_article_id_span_idx').on(t.articleId, t.spanStart, t.id),
    index('quotes_reported_at_id_idx').on(t.reportedAt, t.id),
    // article_id rides along so "what did X say about Y" finds the articles from the index alone.
    index('quotes_speaker_id_reported_at_id_article_id_idx').on(
      t.speakerId,
      t.reportedAt,
      t.id,
      t.articleId,
    ),
    index('quotes_via_id_reported_at_id_idx').on(t.viaId, t.reportedAt, t.id),
    index('quotes_search_idx').using('gin', t.search),
    check('quotes_text_length', sql`char_length(${t.text}) between 1 and 10000`),
    check(
      'quotes_span_matches_text',
      sql`${t.spanStart} >= 0 and ${t.spanEnd} - ${t.spanStart} = char_length(${t.text})`,
    ),
    check('quotes_cue_length', sql`${t.cue} is null or char_length(${t.cue}) between 1 and 100`),
    check(
      'quotes_speaker_title_length',
      sql`${t.speakerTitle} is null or char_length(${t.speakerTitle}) between 1 and 300`,
    ),
    check(
      'quotes_confidence_range',
      sql`${t.confidence} is null or (${t.confidence} >= 0 and ${t.confidence} <= 1)`,
    ),
    check('quotes_via_not_speaker', sql`${t.viaId} is null or ${t.viaId} <> ${t.speakerId}`),
  ],
);

/** What reads select of a quote: not its search vector or creation time. */
const { search: _search, createdAt: _created, ...quoteReadColumns } = getTableColumns(quotes);
export const quoteColumns = quoteReadColumns;
export type QuoteRow = Omit<typeof quotes.$inferSelect, 'search' | 'createdAt'>;
