CREATE TABLE "population_cases" (
	"inspection_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"domain" text NOT NULL,
	"disposal" text,
	"start_date" date,
	"sex" text,
	"ethnicity" text,
	"disability" text,
	"looked_after" text,
	"age" integer,
	"rosh" text,
	"swb" text,
	"case_manager" text,
	"local_authority" text,
	"line" integer NOT NULL,
	CONSTRAINT "population_cases_inspection_id_ref_pk" PRIMARY KEY("inspection_id","ref")
);
--> statement-breakpoint
CREATE TABLE "population_imports" (
	"inspection_id" uuid PRIMARY KEY NOT NULL,
	"case_count" integer NOT NULL,
	"mapping" jsonb NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population_mappings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sample_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"options" jsonb NOT NULL,
	"seed" bigint NOT NULL,
	"result" jsonb NOT NULL,
	"drawn_by" uuid,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sample_replacements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"ineligible_ref" text NOT NULL,
	"reason" text NOT NULL,
	"replacement_ref" text,
	"replaced_by" uuid,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "case_manager" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "start_date" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "interview_planned" date;--> statement-breakpoint
ALTER TABLE "population_cases" ADD CONSTRAINT "population_cases_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_imports" ADD CONSTRAINT "population_imports_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_imports" ADD CONSTRAINT "population_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_mappings" ADD CONSTRAINT "population_mappings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_mappings" ADD CONSTRAINT "population_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_draws" ADD CONSTRAINT "sample_draws_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_draws" ADD CONSTRAINT "sample_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_replacements" ADD CONSTRAINT "sample_replacements_draw_id_sample_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."sample_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_replacements" ADD CONSTRAINT "sample_replacements_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_replacements" ADD CONSTRAINT "sample_replacements_replaced_by_users_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sample_draws_inspection" ON "sample_draws" USING btree ("inspection_id","drawn_at");