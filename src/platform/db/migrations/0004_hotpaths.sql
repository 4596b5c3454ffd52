ALTER TABLE "cases" ADD COLUMN "change_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "change_count" integer DEFAULT 0 NOT NULL;