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
CREATE INDEX "redactions_case" ON "redactions" USING btree ("case_id");