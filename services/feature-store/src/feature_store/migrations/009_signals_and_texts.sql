-- Free text no longer lives with events. An event carries the signals its text showed (signal ->
-- count, as the city profile declares them); a text kept for a purpose its agreement declares
-- (strictly scrubbed) lives in its own table, deleted after the agreement's short text retention.
-- Texts stored with events before had no declared purpose: they are deleted with their column.
ALTER TABLE features.events ADD COLUMN signals jsonb NOT NULL DEFAULT '{}';
ALTER TABLE features.events DROP COLUMN text;

CREATE TABLE features.event_texts (
    event_key text PRIMARY KEY,
    partner text NOT NULL,
    kind text NOT NULL,
    category text NOT NULL,
    received_at timestamptz NOT NULL,
    key_id text NOT NULL DEFAULT '',
    policy_version text NOT NULL DEFAULT '',
    text text NOT NULL DEFAULT '',
    attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX event_texts_retention ON features.event_texts (partner, kind, received_at);

GRANT SELECT, INSERT, DELETE ON features.event_texts TO civicpulse_feature_store;
