-- Change counters for the ratings cache: every change to what the ratings are computed from bumps a counter
-- in the same transaction, so a cached rating is valid exactly while (inspection count, sum of case counts)
-- is unchanged. Triggers, so that no writer (page, API, CLI, import, retention job) can forget.
CREATE OR REPLACE FUNCTION yj_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.change_count = OLD.change_count THEN
    NEW.change_count := OLD.change_count + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_changed BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION yj_case_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION yj_inspection_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.change_count = OLD.change_count THEN
    NEW.change_count := OLD.change_count + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER inspections_changed BEFORE UPDATE ON inspections FOR EACH ROW EXECUTE FUNCTION yj_inspection_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION yj_answers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET change_count = change_count + 1 WHERE id IN (SELECT DISTINCT case_id FROM changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER answers_inserted AFTER INSERT ON answers REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_answers_changed();
--> statement-breakpoint
CREATE TRIGGER answers_updated AFTER UPDATE ON answers REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_answers_changed();
--> statement-breakpoint
CREATE TRIGGER answers_deleted AFTER DELETE ON answers REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_answers_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION yj_inspection_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE inspections SET change_count = change_count + 1 WHERE id IN (SELECT DISTINCT inspection_id FROM changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_inserted AFTER INSERT ON cases REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER cases_deleted AFTER DELETE ON cases REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER judgements_inserted AFTER INSERT ON judgements REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER judgements_updated AFTER UPDATE ON judgements REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER judgements_deleted AFTER DELETE ON judgements REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER discretion_inserted AFTER INSERT ON discretion_decisions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER discretion_updated AFTER UPDATE ON discretion_decisions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER discretion_deleted AFTER DELETE ON discretion_decisions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER snapshots_inserted AFTER INSERT ON rating_snapshots REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER snapshots_updated AFTER UPDATE ON rating_snapshots REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER snapshots_deleted AFTER DELETE ON rating_snapshots REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION yj_inspection_inputs_changed();
