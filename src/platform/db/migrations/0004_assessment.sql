CREATE TABLE "case_completions" (
	"case_id" uuid NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_completions_case_id_pk" PRIMARY KEY("case_id")
);
--> statement-breakpoint
ALTER TABLE "case_completions" ADD CONSTRAINT "case_completions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_completions" ADD CONSTRAINT "case_completions_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;