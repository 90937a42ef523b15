-- Co-mention rollup: for each ordered pair of entities, how many articles mention both. Triggers
-- on article_mentions keep it in the writing transaction for every path that writes mentions
-- (createArticle, ingestion, seed, import, the generator, merges, article and entity deletes).
-- Each trigger statement locks the touched articles, then adds the pairs the statement's new
-- mentions form and subtracts those its removed mentions formed, so writers that change the same
-- article queue and each sees the other's committed mentions; upserts in key order keep writers
-- of the same pairs from deadlocking. Pairs that reach zero are deleted.
-- The backfill reads every mention pair (minutes on millions of articles): no statement timeout.
SET LOCAL statement_timeout = 0;
--> statement-breakpoint
CREATE TABLE "entity_co_mentions" (
	"entity_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"articles" integer NOT NULL,
	CONSTRAINT "entity_co_mentions_not_self" CHECK ("entity_co_mentions"."entity_id" <> "entity_co_mentions"."other_id")
);
--> statement-breakpoint
INSERT INTO "entity_co_mentions" ("entity_id", "other_id", "articles")
SELECT a.entity_id, b.entity_id, count(*)::int
  FROM "article_mentions" a
  JOIN "article_mentions" b ON b.article_id = a.article_id AND b.entity_id <> a.entity_id
 GROUP BY a.entity_id, b.entity_id;
--> statement-breakpoint
ALTER TABLE "entity_co_mentions" ADD CONSTRAINT "entity_co_mentions_entity_id_other_id_pk" PRIMARY KEY("entity_id","other_id");
--> statement-breakpoint
CREATE INDEX "entity_co_mentions_entity_id_articles_other_id_idx" ON "entity_co_mentions" USING btree ("entity_id","articles" DESC NULLS LAST,"other_id");
--> statement-breakpoint
CREATE FUNCTION entity_co_mentions_shift(added_articles integer[], added_entities integer[],
                                         removed_articles integer[], removed_entities integer[])
RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  touched integer[];
  emptied_entities integer[];
  emptied_others integer[];
BEGIN
  SELECT array_agg(DISTINCT t.id ORDER BY t.id) INTO touched
    FROM unnest(coalesce(added_articles, '{}') || coalesce(removed_articles, '{}')) AS t(id);
  IF touched IS NULL THEN
    RETURN;
  END IF;
  -- A later statement sees mentions that a writer holding these locks committed meanwhile.
  PERFORM 1 FROM articles WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
  -- Pairs of unchanged mentions are the same before and after, so only pairs with an added
  -- mention are counted in and pairs with a removed one counted out.
  WITH added AS MATERIALIZED (
    SELECT * FROM unnest(added_articles, added_entities) AS a(article_id, entity_id)
  ), removed AS MATERIALIZED (
    SELECT * FROM unnest(removed_articles, removed_entities) AS r(article_id, entity_id)
  ), after AS MATERIALIZED (
    SELECT article_id, entity_id FROM article_mentions WHERE article_id = ANY (touched)
  ), kept AS MATERIALIZED (
    SELECT article_id, entity_id FROM after EXCEPT ALL SELECT article_id, entity_id FROM added
  ), delta AS (
    SELECT e, o, sum(n)::int AS n FROM (
      SELECT a.entity_id AS e, x.entity_id AS o, 1 AS n
        FROM added a JOIN after x ON x.article_id = a.article_id AND x.entity_id <> a.entity_id
      UNION ALL
      SELECT k.entity_id, a.entity_id, 1
        FROM kept k JOIN added a ON a.article_id = k.article_id AND a.entity_id <> k.entity_id
      UNION ALL
      SELECT r.entity_id, x.entity_id, -1
        FROM removed r
        JOIN (SELECT article_id, entity_id FROM kept UNION ALL SELECT article_id, entity_id FROM removed) AS x
          ON x.article_id = r.article_id AND x.entity_id <> r.entity_id
      UNION ALL
      SELECT k.entity_id, r.entity_id, -1
        FROM kept k JOIN removed r ON r.article_id = k.article_id AND r.entity_id <> k.entity_id
    ) AS pairs
    GROUP BY e, o
    HAVING sum(n) <> 0
  ), upserted AS (
    INSERT INTO entity_co_mentions AS c (entity_id, other_id, articles)
    SELECT e, o, n FROM delta ORDER BY e, o
    ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = c.articles + excluded.articles
    RETURNING c.entity_id, c.other_id, c.articles
  )
  SELECT array_agg(entity_id), array_agg(other_id) INTO emptied_entities, emptied_others
    FROM upserted WHERE articles <= 0;
  IF emptied_entities IS NOT NULL THEN
    DELETE FROM entity_co_mentions AS c
     USING unnest(emptied_entities, emptied_others) AS z(e, o)
     WHERE c.entity_id = z.e AND c.other_id = z.o AND c.articles <= 0;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION entity_co_mentions_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM entity_co_mentions_shift(
    (SELECT array_agg(article_id) FROM added), (SELECT array_agg(entity_id) FROM added), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION entity_co_mentions_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM entity_co_mentions_shift(
    NULL, NULL, (SELECT array_agg(article_id) FROM removed), (SELECT array_agg(entity_id) FROM removed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION entity_co_mentions_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Counts, words and publication times do not change which entities share an article.
  IF NOT EXISTS (SELECT article_id, entity_id FROM added EXCEPT ALL SELECT article_id, entity_id FROM removed)
     AND NOT EXISTS (SELECT article_id, entity_id FROM removed EXCEPT ALL SELECT article_id, entity_id FROM added) THEN
    RETURN NULL;
  END IF;
  PERFORM entity_co_mentions_shift(
    (SELECT array_agg(article_id) FROM added), (SELECT array_agg(entity_id) FROM added),
    (SELECT array_agg(article_id) FROM removed), (SELECT array_agg(entity_id) FROM removed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER entity_co_mentions_insert AFTER INSERT ON article_mentions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION entity_co_mentions_on_insert();
--> statement-breakpoint
CREATE TRIGGER entity_co_mentions_delete AFTER DELETE ON article_mentions
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION entity_co_mentions_on_delete();
--> statement-breakpoint
CREATE TRIGGER entity_co_mentions_update AFTER UPDATE ON article_mentions
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION entity_co_mentions_on_update();
