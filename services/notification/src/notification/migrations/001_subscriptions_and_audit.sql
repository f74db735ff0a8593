CREATE SCHEMA IF NOT EXISTS notification;

CREATE TABLE notification.subscriptions (
    subscriber     text        PRIMARY KEY,
    zones          text[]      NOT NULL,   -- empty: every zone
    min_risk_level smallint    NOT NULL CHECK (min_risk_level BETWEEN 1 AND 5),
    updated_at     timestamptz NOT NULL
);

-- The audit trail: what was sent to whom, and who read it. Append-only.
CREATE TABLE notification.deliveries (
    notification_id text        PRIMARY KEY,
    subscriber      text        NOT NULL,
    update_id       text        NOT NULL,
    zone            text        NOT NULL,
    max_risk_level  smallint    NOT NULL,
    model_version   text        NOT NULL,
    issue_time      timestamptz NOT NULL,
    delivered_at    timestamptz NOT NULL,
    UNIQUE (subscriber, update_id)
);

CREATE TABLE notification.acknowledgements (
    notification_id text        NOT NULL REFERENCES notification.deliveries,
    subscriber      text        NOT NULL,
    acknowledged_by text        NOT NULL,
    note            text        NOT NULL DEFAULT '',
    acknowledged_at timestamptz NOT NULL
);

CREATE FUNCTION notification.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log % is append-only', TG_TABLE_NAME;
END $$;

CREATE TRIGGER deliveries_append_only BEFORE UPDATE OR DELETE ON notification.deliveries
    FOR EACH ROW EXECUTE FUNCTION notification.forbid_change();
CREATE TRIGGER acknowledgements_append_only BEFORE UPDATE OR DELETE ON notification.acknowledgements
    FOR EACH ROW EXECUTE FUNCTION notification.forbid_change();
