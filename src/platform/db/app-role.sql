-- The application's role, yj_app: reads and writes the data, appends to the audit trail and the record of
-- redactions, and nothing more. Run as the tables' owner, in the application's database, after
-- `yj-inspect db migrate`; it is safe to run again after every migration.
GRANT USAGE ON SCHEMA public, drizzle TO yj_app;
GRANT SELECT ON drizzle.__drizzle_migrations TO yj_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO yj_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO yj_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO yj_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO yj_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events, redactions FROM yj_app;
