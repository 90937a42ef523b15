-- Co-mentions stored once per pair, the lower entity id first, instead of in both directions:
-- the trigger behind every mentions write upserts half the rows (the largest share of storing an
-- ingested batch on the embedded database). An entity's co-mentions are now read from two index
-- ranges in count order, as entity_id and as other_id, merged.
-- Dropping the reversed half reads the whole rollup (minutes on millions of articles).
SET LOCAL statement_timeout = 0;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION entity_co_mentions_shift(added_articles integer[], added_entities integer[],
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
  -- mention are counted in and pairs with a removed one counted out. Each pair once, lower id
  -- first: an added (or removed) mention pairs with the higher ids of its article in the first
  -- join of each half and with the lower ids of the unchanged mentions in the second.
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
        FROM added a JOIN after x ON x.article_id = a.article_id AND x.entity_id > a.entity_id
      UNION ALL
      SELECT k.entity_id, a.entity_id, 1
        FROM kept k JOIN added a ON a.article_id = k.article_id AND a.entity_id > k.entity_id
      UNION ALL
      SELECT r.entity_id, x.entity_id, -1
        FROM removed r
        JOIN (SELECT article_id, entity_id FROM kept UNION ALL SELECT article_id, entity_id FROM removed) AS x
          ON x.article_id = r.article_id AND x.entity_id > r.entity_id
      UNION ALL
      SELECT k.entity_id, r.entity_id, -1
        FROM kept k JOIN removed r ON r.article_id = k.article_id AND r.entity_id > k.entity_id
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
DELETE FROM "entity_co_mentions" WHERE "entity_id" > "other_id";
--> statement-breakpoint
ALTER TABLE "entity_co_mentions" DROP CONSTRAINT "entity_co_mentions_not_self";
--> statement-breakpoint
ALTER TABLE "entity_co_mentions" ADD CONSTRAINT "entity_co_mentions_ordered" CHECK ("entity_co_mentions"."entity_id" < "entity_co_mentions"."other_id");
--> statement-breakpoint
CREATE INDEX "entity_co_mentions_other_id_articles_entity_id_idx" ON "entity_co_mentions" USING btree ("other_id","articles" DESC NULLS LAST,"entity_id");
