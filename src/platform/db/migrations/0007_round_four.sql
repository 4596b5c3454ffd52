CREATE TABLE "national_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_ratings" (
	"import_id" uuid NOT NULL,
	"la_ref" text NOT NULL,
	"la_name" text NOT NULL,
	"score" integer,
	"published_rating" text NOT NULL,
	"rating" text,
	"publication_date" date NOT NULL,
	"report_url" text NOT NULL,
	"caveats" jsonb NOT NULL,
	CONSTRAINT "national_ratings_import_id_la_ref_pk" PRIMARY KEY("import_id","la_ref")
);
--> statement-breakpoint
CREATE TABLE "panel_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"members" uuid[] NOT NULL,
	"standards_considered" text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"inspection_id" uuid,
	"role" text,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "demo_note" text;--> statement-breakpoint
ALTER TABLE "discretion_decisions" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "national_imports" ADD CONSTRAINT "national_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_ratings" ADD CONSTRAINT "national_ratings_import_id_national_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."national_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_meetings" ADD CONSTRAINT "panel_meetings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_meetings" ADD CONSTRAINT "panel_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "panel_meetings_inspection" ON "panel_meetings" USING btree ("inspection_id","held_on");