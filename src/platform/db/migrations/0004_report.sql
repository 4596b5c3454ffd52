ALTER TABLE "report_contents" ADD COLUMN "diversity" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_contents" ADD COLUMN "signatory_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_contents" ADD COLUMN "signatory_role" text DEFAULT '' NOT NULL;