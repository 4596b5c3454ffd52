-- The audit trail stays append-only, with one exception: inside redact_audit_text, for a redaction recorded in
-- the same transaction, an event's before/after may be rewritten, and none of its other columns.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND EXISTS (
       SELECT 1 FROM redactions r
       WHERE r.id = nullif(current_setting('yj.redaction', true), '')::bigint AND r.tx = txid_current()
     )
     AND (NEW.id, NEW.at, NEW.user_id, NEW.action, NEW.subject_type, NEW.subject_id, NEW.inspection_id, NEW.request_id)
       IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.user_id, OLD.action, OLD.subject_type, OLD.subject_id, OLD.inspection_id, OLD.request_id)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
--> statement-breakpoint
-- Replaces a text with [redacted] in the before/after of the inspection's audit events; returns how many changed.
-- The text is matched as JSON writes it, so quotes and new lines in it match too.
CREATE FUNCTION redact_audit_text(p_redaction bigint, p_inspection uuid, p_text text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  quoted text := to_jsonb(p_text)::text;
  needle text := substr(quoted, 2, length(quoted) - 2);
  changed integer;
BEGIN
  IF length(p_text) < 3 THEN
    RAISE EXCEPTION 'a redacted text has at least 3 characters';
  END IF;
  PERFORM set_config('yj.redaction', p_redaction::text, true);
  UPDATE audit_events SET
    before = CASE WHEN strpos(before::text, needle) > 0 THEN replace(before::text, needle, '[redacted]')::jsonb ELSE before END,
    after = CASE WHEN strpos(after::text, needle) > 0 THEN replace(after::text, needle, '[redacted]')::jsonb ELSE after END
  WHERE inspection_id = p_inspection AND (strpos(before::text, needle) > 0 OR strpos(after::text, needle) > 0);
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('yj.redaction', '', true);
  RETURN changed;
END;
$$;
--> statement-breakpoint
-- The record of redactions is itself append-only.
CREATE FUNCTION redactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'redactions is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER redactions_no_update_or_delete
  BEFORE UPDATE OR DELETE ON redactions
  FOR EACH ROW EXECUTE FUNCTION redactions_append_only();
