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
ALTER TABLE "national_imports" ADD CONSTRAINT "national_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_ratings" ADD CONSTRAINT "national_ratings_import_id_national_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."national_imports"("id") ON DELETE cascade ON UPDATE no action;