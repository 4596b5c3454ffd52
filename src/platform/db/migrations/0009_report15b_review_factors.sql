ALTER TABLE "cases" ADD COLUMN "review_desistance" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_child_safety" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_other_people_safety" boolean;