-- One stored copy per event key, whatever its times and however late the resend: the key registry
-- is what an insert must win first. (A hypertable's unique keys must hold its time column, so
-- the events table alone cannot say it.)
CREATE TABLE features.event_keys (
    event_key   text        PRIMARY KEY,
    occurred_at timestamptz NOT NULL
);
INSERT INTO features.event_keys (event_key, occurred_at)
SELECT DISTINCT ON (event_key) event_key, occurred_at FROM features.events ORDER BY event_key, occurred_at;
