-- An article's content hash becomes the sha256 of its body alone (articles/article.rules.ts), so
-- the same text is one article however it arrived; it was the hash of headline and body, which
-- let ingestion (which derives a headline) store a second copy of a seeded article. Stored hashes
-- are recomputed byte for byte as contentHash does. Where several articles without a URL share a
-- body, only the oldest takes the new hash: the others keep their old one, which stays unique, so
-- the unique index holds and no article is dropped or merged by a migration.
WITH "rehashed" AS (
  SELECT "id", "url",
         encode(sha256(convert_to("body", 'UTF8')), 'hex') AS "hash",
         row_number() OVER (
           PARTITION BY "url" IS NULL, encode(sha256(convert_to("body", 'UTF8')), 'hex')
           ORDER BY "id"
         ) AS "position"
  FROM "articles"
)
UPDATE "articles" SET "content_hash" = "rehashed"."hash"
FROM "rehashed"
WHERE "articles"."id" = "rehashed"."id"
  AND ("rehashed"."url" IS NOT NULL OR "rehashed"."position" = 1);
