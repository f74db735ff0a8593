-- When each event was written: with received_at (set by ingestion), how long the path took.
ALTER TABLE features.events ADD COLUMN stored_at timestamptz NOT NULL DEFAULT clock_timestamp();
