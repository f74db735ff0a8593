-- Scheduled events keep when they were written too: the path's end is the last row written.
ALTER TABLE features.scheduled_events ADD COLUMN stored_at timestamptz NOT NULL DEFAULT clock_timestamp();
