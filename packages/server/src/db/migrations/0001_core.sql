CREATE TYPE "public"."deadline_status" AS ENUM('PENDING', 'MET', 'MISSED', 'EXTENDED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."entity_kind" AS ENUM('PERSON', 'ORGANIZATION', 'GOVERNMENT', 'COUNTRY', 'PLACE', 'MEDIA_OUTLET', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."quote_channel" AS ENUM('STATEMENT', 'INTERVIEW', 'PRESS_BRIEFING', 'PRESS_CONFERENCE', 'SOCIAL_MEDIA', 'SPEECH', 'TESTIMONY', 'FILING', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."relation_type" AS ENUM('OWNS', 'LEADS', 'PART_OF', 'MEMBER_OF', 'WORKS_FOR', 'LOCATED_IN', 'SPEAKS_FOR');--> statement-breakpoint
CREATE TABLE "entities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "entity_kind" NOT NULL,
	"title" text,
	"wikidata_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_name_length" CHECK (char_length(btrim("entities"."name")) between 1 and 300),
	CONSTRAINT "entities_title_length" CHECK ("entities"."title" is null or char_length("entities"."title") between 1 and 300),
	CONSTRAINT "entities_wikidata_id_format" CHECK ("entities"."wikidata_id" is null or "entities"."wikidata_id" ~ '^Q[1-9][0-9]*$')
);
--> statement-breakpoint
CREATE TABLE "entity_aliases" (
	"entity_id" integer NOT NULL,
	"alias" text NOT NULL,
	CONSTRAINT "entity_aliases_entity_id_alias_pk" PRIMARY KEY("entity_id","alias"),
	CONSTRAINT "entity_aliases_alias_length" CHECK (char_length(btrim("entity_aliases"."alias")) between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "entity_relations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entity_relations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_id" integer NOT NULL,
	"type" "relation_type" NOT NULL,
	"to_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_relations_from_type_to_key" UNIQUE("from_id","type","to_id"),
	CONSTRAINT "entity_relations_not_self" CHECK ("entity_relations"."from_id" <> "entity_relations"."to_id")
);
--> statement-breakpoint
CREATE TABLE "article_datelines" (
	"article_id" integer NOT NULL,
	"position" integer NOT NULL,
	"place_id" integer NOT NULL,
	CONSTRAINT "article_datelines_article_id_position_pk" PRIMARY KEY("article_id","position"),
	CONSTRAINT "article_datelines_position_nonnegative" CHECK ("article_datelines"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "article_mentions" (
	"article_id" integer NOT NULL,
	"entity_id" integer NOT NULL,
	"mention_count" integer NOT NULL,
	"surface_forms" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_mentions_article_id_entity_id_pk" PRIMARY KEY("article_id","entity_id"),
	CONSTRAINT "article_mentions_count_positive" CHECK ("article_mentions"."mention_count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"headline" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"source_id" integer,
	"url" text,
	"language" text DEFAULT 'en' NOT NULL,
	"content_hash" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, headline), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_headline_length" CHECK (char_length(btrim("articles"."headline")) between 1 and 500),
	CONSTRAINT "articles_body_length" CHECK (char_length("articles"."body") between 1 and 200000),
	CONSTRAINT "articles_language_format" CHECK ("articles"."language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
	CONSTRAINT "articles_url_format" CHECK ("articles"."url" is null or "articles"."url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quotes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"text" text NOT NULL,
	"direct" boolean NOT NULL,
	"speaker_id" integer NOT NULL,
	"speaker_title" text,
	"cue" text,
	"channel" "quote_channel",
	"via_id" integer,
	"spoken_on" date,
	"reported_at" timestamp with time zone NOT NULL,
	"span_start" integer NOT NULL,
	"span_end" integer NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_text_length" CHECK (char_length("quotes"."text") between 1 and 10000),
	CONSTRAINT "quotes_span_matches_text" CHECK ("quotes"."span_start" >= 0 and "quotes"."span_end" - "quotes"."span_start" = char_length("quotes"."text")),
	CONSTRAINT "quotes_cue_length" CHECK ("quotes"."cue" is null or char_length("quotes"."cue") between 1 and 100),
	CONSTRAINT "quotes_speaker_title_length" CHECK ("quotes"."speaker_title" is null or char_length("quotes"."speaker_title") between 1 and 300),
	CONSTRAINT "quotes_via_not_speaker" CHECK ("quotes"."via_id" is null or "quotes"."via_id" <> "quotes"."speaker_id")
);
--> statement-breakpoint
CREATE TABLE "deadline_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deadline_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"deadline_id" integer NOT NULL,
	"article_id" integer,
	"status" "deadline_status" NOT NULL,
	"due_on" date NOT NULL,
	"previous_status" "deadline_status",
	"previous_due_on" date,
	"note" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_changes_previous_together" CHECK (("deadline_changes"."previous_status" is null) = ("deadline_changes"."previous_due_on" is null)),
	CONSTRAINT "deadline_changes_note_length" CHECK ("deadline_changes"."note" is null or char_length("deadline_changes"."note") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "deadline_concerns" (
	"deadline_id" integer NOT NULL,
	"entity_id" integer NOT NULL,
	CONSTRAINT "deadline_concerns_deadline_id_entity_id_pk" PRIMARY KEY("deadline_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"description" text NOT NULL,
	"due_on" date NOT NULL,
	"set_by_id" integer,
	"subject_id" integer NOT NULL,
	"consequence" text,
	"evidence" text,
	"status" "deadline_status" DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_description_length" CHECK (char_length(btrim("deadlines"."description")) between 1 and 1000),
	CONSTRAINT "deadlines_consequence_length" CHECK ("deadlines"."consequence" is null or char_length("deadlines"."consequence") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "entity_aliases" ADD CONSTRAINT "entity_aliases_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_relations" ADD CONSTRAINT "entity_relations_from_id_entities_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_relations" ADD CONSTRAINT "entity_relations_to_id_entities_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_datelines" ADD CONSTRAINT "article_datelines_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_datelines" ADD CONSTRAINT "article_datelines_place_id_entities_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_mentions" ADD CONSTRAINT "article_mentions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_mentions" ADD CONSTRAINT "article_mentions_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_source_id_entities_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_speaker_id_entities_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_via_id_entities_id_fk" FOREIGN KEY ("via_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_changes" ADD CONSTRAINT "deadline_changes_deadline_id_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."deadlines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_changes" ADD CONSTRAINT "deadline_changes_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_concerns" ADD CONSTRAINT "deadline_concerns_deadline_id_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."deadlines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_concerns" ADD CONSTRAINT "deadline_concerns_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_set_by_id_entities_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_subject_id_entities_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_wikidata_id_key" ON "entities" USING btree ("wikidata_id");--> statement-breakpoint
CREATE INDEX "entities_name_id_idx" ON "entities" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "entities_kind_name_id_idx" ON "entities" USING btree ("kind","name","id");--> statement-breakpoint
CREATE INDEX "entities_name_trgm_idx" ON "entities" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "entity_aliases_alias_trgm_idx" ON "entity_aliases" USING gin ("alias" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "entity_relations_to_id_idx" ON "entity_relations" USING btree ("to_id","id");--> statement-breakpoint
CREATE INDEX "entity_relations_from_id_idx" ON "entity_relations" USING btree ("from_id","id");--> statement-breakpoint
CREATE INDEX "article_datelines_place_id_idx" ON "article_datelines" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "article_mentions_entity_id_published_at_article_id_idx" ON "article_mentions" USING btree ("entity_id","published_at","article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_url_key" ON "articles" USING btree ("url");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_content_hash_key" ON "articles" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "articles_published_at_id_idx" ON "articles" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "articles_source_id_published_at_id_idx" ON "articles" USING btree ("source_id","published_at","id");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "quotes_article_id_span_idx" ON "quotes" USING btree ("article_id","span_start","id");--> statement-breakpoint
CREATE INDEX "quotes_reported_at_id_idx" ON "quotes" USING btree ("reported_at","id");--> statement-breakpoint
CREATE INDEX "quotes_speaker_id_reported_at_id_idx" ON "quotes" USING btree ("speaker_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "quotes_via_id_reported_at_id_idx" ON "quotes" USING btree ("via_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "quotes_search_idx" ON "quotes" USING gin ("search");--> statement-breakpoint
CREATE INDEX "deadline_changes_deadline_id_id_idx" ON "deadline_changes" USING btree ("deadline_id","id");--> statement-breakpoint
CREATE INDEX "deadline_changes_article_id_idx" ON "deadline_changes" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "deadline_concerns_entity_id_idx" ON "deadline_concerns" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "deadlines_due_on_id_idx" ON "deadlines" USING btree ("due_on","id");--> statement-breakpoint
CREATE INDEX "deadlines_status_due_on_id_idx" ON "deadlines" USING btree ("status","due_on","id");--> statement-breakpoint
CREATE INDEX "deadlines_article_id_idx" ON "deadlines" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "deadlines_set_by_id_due_on_idx" ON "deadlines" USING btree ("set_by_id","due_on","id");--> statement-breakpoint
CREATE INDEX "deadlines_subject_id_due_on_idx" ON "deadlines" USING btree ("subject_id","due_on","id");