-- The service's runtime role: reads and stores events, and deletes them when their retention ends.
-- The schema and tables belong to the migrations' owner: the runtime role cannot alter or drop them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'civicpulse_feature_store') THEN
        CREATE ROLE civicpulse_feature_store NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA features TO civicpulse_feature_store;
GRANT SELECT, INSERT, DELETE ON features.events, features.scheduled_events, features.event_keys TO civicpulse_feature_store;
