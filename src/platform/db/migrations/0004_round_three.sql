CREATE TABLE "case_completions" (
	"case_id" uuid NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_completions_case_id_pk" PRIMARY KEY("case_id")
);
--> statement-breakpoint
CREATE TABLE "service_frameworks" (
	"key" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"source" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_answers" (
	"case_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"answer" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"answered_by" uuid NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_answers_case_id_question_id_pk" PRIMARY KEY("case_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "moderation_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"moderator_id" uuid NOT NULL,
	"selected_by" uuid,
	"draw_seed" integer,
	"draw_percent" integer,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_decisions" (
	"case_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"first_answer" text NOT NULL,
	"first_evidence" text NOT NULL,
	"first_by" uuid,
	"second_answer" text NOT NULL,
	"second_evidence" text NOT NULL,
	"second_by" uuid,
	"decided_answer" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_decisions_case_id_question_id_pk" PRIMARY KEY("case_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "redactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"redacted_by" uuid NOT NULL,
	"redacted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tx" bigint DEFAULT txid_current() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_feedback" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"framework_id" text NOT NULL,
	"frequency" text NOT NULL,
	"standards" jsonb,
	"selection" text NOT NULL,
	"per_case_manager" integer,
	"confidence" real,
	"margin" real,
	"auditors" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"population_size" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone DEFAULT now() + interval '90 days' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "change_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "change_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_contents" ADD COLUMN "diversity" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_contents" ADD COLUMN "signatory_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_contents" ADD COLUMN "signatory_role" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
ALTER TABLE "case_completions" ADD CONSTRAINT "case_completions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_completions" ADD CONSTRAINT "case_completions_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_frameworks" ADD CONSTRAINT "service_frameworks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_frameworks" ADD CONSTRAINT "service_frameworks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_answers" ADD CONSTRAINT "moderation_answers_case_id_moderation_cases_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."moderation_cases"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_answers" ADD CONSTRAINT "moderation_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_selected_by_users_id_fk" FOREIGN KEY ("selected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_case_id_moderation_cases_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."moderation_cases"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_first_by_users_id_fk" FOREIGN KEY ("first_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_second_by_users_id_fk" FOREIGN KEY ("second_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_feedback" ADD CONSTRAINT "qa_feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_feedback" ADD CONSTRAINT "qa_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_programmes" ADD CONSTRAINT "qa_programmes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_programmes" ADD CONSTRAINT "qa_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rounds" ADD CONSTRAINT "qa_rounds_programme_id_qa_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."qa_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rounds" ADD CONSTRAINT "qa_rounds_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_frameworks_version" ON "service_frameworks" USING btree ("organisation_id","framework_id","version");--> statement-breakpoint
CREATE INDEX "moderation_cases_inspection" ON "moderation_cases" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "redactions_case" ON "redactions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_rounds_inspection" ON "qa_rounds" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_identity" ON "users" USING btree ("oidc_issuer","oidc_subject");