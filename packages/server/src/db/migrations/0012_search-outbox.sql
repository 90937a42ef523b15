CREATE TABLE "search_engine_index" (
	"id" integer PRIMARY KEY NOT NULL,
	"engine" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The outbox is filled in the write's own transaction, by statement triggers, and only while an
-- external index is configured (a row in search_engine_index): a database searched by PostgreSQL
-- alone keeps no queue. A search document is an article's headline, body, publication time,
-- outlet and the entities it mentions, so writes to any of those queue the article.
CREATE FUNCTION search_outbox_queue(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NOT NULL AND EXISTS (SELECT 1 FROM search_engine_index) THEN
    INSERT INTO search_outbox (article_id) SELECT DISTINCT unnest(ids);
    -- Wakes the relays at commit (one notification per transaction, however many statements).
    PERFORM pg_notify('dateline_search_outbox', '');
  END IF;
END
$$;
--> statement-breakpoint
-- One function per table: which transition tables exist depends on the trigger's event, and only
-- the branch for that event reads them.
CREATE FUNCTION search_outbox_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_outbox_queue((SELECT array_agg(id) FROM added));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_outbox_queue((SELECT array_agg(id) FROM removed));
  ELSE
    PERFORM search_outbox_queue((
      SELECT array_agg(a.id) FROM added a JOIN removed r ON r.id = a.id
       WHERE (a.headline, a.body, a.published_at, a.source_id)
             IS DISTINCT FROM (r.headline, r.body, r.published_at, r.source_id)));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION search_outbox_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_outbox_queue((SELECT array_agg(article_id) FROM added));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_outbox_queue((SELECT array_agg(article_id) FROM removed));
  ELSE
    PERFORM search_outbox_queue((
      SELECT array_agg(article_id) FROM (
        SELECT article_id, entity_id FROM added EXCEPT SELECT article_id, entity_id FROM removed
        UNION
        SELECT article_id, entity_id FROM removed EXCEPT SELECT article_id, entity_id FROM added) AS moved));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_articles_insert AFTER INSERT ON articles
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_articles();
--> statement-breakpoint
CREATE TRIGGER search_outbox_articles_delete AFTER DELETE ON articles
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_articles();
--> statement-breakpoint
CREATE TRIGGER search_outbox_articles_update AFTER UPDATE ON articles
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_articles();
--> statement-breakpoint
CREATE TRIGGER search_outbox_mentions_insert AFTER INSERT ON article_mentions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_mentions();
--> statement-breakpoint
CREATE TRIGGER search_outbox_mentions_delete AFTER DELETE ON article_mentions
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_mentions();
--> statement-breakpoint
CREATE TRIGGER search_outbox_mentions_update AFTER UPDATE ON article_mentions
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_mentions();
