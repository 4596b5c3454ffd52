ALTER TABLE "cases" ADD COLUMN "review_desistance" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_child_safety" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_other_people_safety" boolean;--> statement-breakpoint
-- A low SWB or RoSH classification ruling out the child's or other people's safety factors is now framework data
-- (caseFactors[].whenNotRecorded). Service frameworks stored before keep the rule they were rated by.
UPDATE "service_frameworks" SET "content" = jsonb_set("content", '{caseFactors}', (
  SELECT jsonb_agg(CASE
    WHEN f->>'id' = 'childSafety' AND NOT f ? 'whenNotRecorded'
      THEN f || '{"whenNotRecorded":[{"classification":"swb","ruledOutBy":["low"]}]}'::jsonb
    WHEN f->>'id' = 'otherPeopleSafety' AND NOT f ? 'whenNotRecorded'
      THEN f || '{"whenNotRecorded":[{"classification":"rosh","ruledOutBy":["low"]}]}'::jsonb
    ELSE f END ORDER BY ord)
  FROM jsonb_array_elements("content"->'caseFactors') WITH ORDINALITY AS e(f, ord)))
WHERE jsonb_typeof("content"->'caseFactors') = 'array' AND jsonb_array_length("content"->'caseFactors') > 0;
