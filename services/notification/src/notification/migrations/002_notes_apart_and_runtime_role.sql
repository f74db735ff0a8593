-- Comments on acknowledgements live apart from the audit trail, so that they can be erased
-- (a comment may name someone); the audit row keeps who acknowledged and when.
CREATE TABLE notification.acknowledgement_notes (
    notification_id text        NOT NULL,
    subscriber      text        NOT NULL,
    note            text        NOT NULL CHECK (char_length(note) BETWEEN 1 AND 1000),
    written_at      timestamptz NOT NULL
);
CREATE INDEX acknowledgement_notes_by_notification ON notification.acknowledgement_notes (notification_id);

INSERT INTO notification.acknowledgement_notes (notification_id, subscriber, note, written_at)
    SELECT notification_id, subscriber, left(note, 1000), acknowledged_at
    FROM notification.acknowledgements WHERE note <> '';
ALTER TABLE notification.acknowledgements DROP COLUMN note;

-- The service's runtime role: what it needs and no more. The audit tables are INSERT and SELECT
-- only (no UPDATE, DELETE or TRUNCATE); the schema, the tables and their triggers belong to the
-- migrations' owner, so the runtime role cannot drop or alter them either.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'civicpulse_notification') THEN
        CREATE ROLE civicpulse_notification NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA notification TO civicpulse_notification;
GRANT SELECT, INSERT, UPDATE ON notification.subscriptions TO civicpulse_notification;
GRANT SELECT, INSERT ON notification.deliveries, notification.acknowledgements TO civicpulse_notification;
GRANT SELECT, INSERT, DELETE ON notification.acknowledgement_notes TO civicpulse_notification;
