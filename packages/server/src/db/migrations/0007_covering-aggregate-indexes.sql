-- Covering indexes for analytics: a MENTIONS timeline sums mention_count and "what did X say
-- about Y" joins a speaker's quotes to their articles, both from the index alone (index-only
-- scans). Each replaces an index with the same leading columns, which the lists keep using.
DROP INDEX "article_mentions_entity_id_published_at_article_id_idx";--> statement-breakpoint
DROP INDEX "quotes_speaker_id_reported_at_id_idx";--> statement-breakpoint
CREATE INDEX "article_mentions_entity_id_published_at_article_id_count_idx" ON "article_mentions" USING btree ("entity_id","published_at","article_id","mention_count");--> statement-breakpoint
CREATE INDEX "quotes_speaker_id_reported_at_id_article_id_idx" ON "quotes" USING btree ("speaker_id","reported_at","id","article_id");