ALTER TABLE "quotes" ALTER COLUMN "speaker_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "confidence" real;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_confidence_range" CHECK ("quotes"."confidence" is null or ("quotes"."confidence" >= 0 and "quotes"."confidence" <= 1));