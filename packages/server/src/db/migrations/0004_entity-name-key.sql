ALTER TABLE "entities" ADD COLUMN "name_key" text GENERATED ALWAYS AS (lower(btrim(regexp_replace(name, '[[:space:]]+', ' ', 'g')))) STORED NOT NULL;--> statement-breakpoint
-- Databases written before this key can hold several entities of one kind whose names differ only
-- in case or spacing (concurrent find-or-create made them). They are told apart here, not merged:
-- whether two same-named entities are one (a race) or two (two people called John Smith) is an
-- editor's call, and merging is the service's job (mergeEntities moves mentions, quotes, deadlines
-- and relations). The oldest keeps its name, as find-or-create already linked new articles to the
-- oldest; each younger one becomes "Name (#id)" and keeps its old name as an alias, so searches
-- still find it and an admin can merge it with mergeEntities. Nothing is lost.
INSERT INTO "entity_aliases" ("entity_id", "alias")
SELECT "e"."id", "e"."name" FROM "entities" "e"
WHERE EXISTS (SELECT 1 FROM "entities" "o" WHERE "o"."name_key" = "e"."name_key" AND "o"."kind" = "e"."kind" AND "o"."id" < "e"."id")
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "entities" "e"
SET "name" = left("e"."name", 300 - char_length(' (#' || "e"."id" || ')')) || ' (#' || "e"."id" || ')', "updated_at" = now()
WHERE EXISTS (SELECT 1 FROM "entities" "o" WHERE "o"."name_key" = "e"."name_key" AND "o"."kind" = "e"."kind" AND "o"."id" < "e"."id");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_name_key_kind_key" ON "entities" USING btree ("name_key","kind");
