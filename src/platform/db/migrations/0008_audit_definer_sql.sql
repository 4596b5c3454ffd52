-- The application may run as a role that cannot update the audit trail (the README's recipe): a recorded
-- redaction still rewrites before/after, because the one function that does it runs as the tables' owner.
ALTER FUNCTION redact_audit_text(bigint, uuid, text) SECURITY DEFINER SET search_path = public, pg_temp;
