DROP INDEX "articles_content_hash_key";--> statement-breakpoint
CREATE UNIQUE INDEX "articles_content_hash_key" ON "articles" USING btree ("content_hash") WHERE "articles"."url" is null;