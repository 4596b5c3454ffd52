ALTER TABLE "inspections" ADD COLUMN "notice_date" date;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "evidence_due" date;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "second_week_start" date;