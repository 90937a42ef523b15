DROP INDEX "entities_name_trgm_idx";--> statement-breakpoint
DROP INDEX "entity_aliases_alias_trgm_idx";--> statement-breakpoint
CREATE INDEX "entities_name_trgm_idx" ON "entities" USING gin ("name" gin_trgm_ops) WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "entity_aliases_alias_trgm_idx" ON "entity_aliases" USING gin ("alias" gin_trgm_ops) WITH (fastupdate=off);