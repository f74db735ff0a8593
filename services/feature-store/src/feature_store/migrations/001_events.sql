-- Pseudonymised events: places (H3 cells) and times, never people.
CREATE SCHEMA IF NOT EXISTS features;

CREATE TABLE features.events (
    event_key    text        NOT NULL,
    partner      text        NOT NULL,
    kind         text        NOT NULL,
    category     text        NOT NULL,
    cell         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    count        integer     NOT NULL CHECK (count > 0),
    received_at  timestamptz NOT NULL,
    attributes   jsonb       NOT NULL DEFAULT '{}',
    -- The partition column must be in the key of a hypertable; event_key alone identifies the event.
    PRIMARY KEY (event_key, occurred_at)
);
CREATE INDEX events_category_time ON features.events (category, occurred_at);

CREATE TABLE features.scheduled_events (
    event_key           text        PRIMARY KEY,
    partner             text        NOT NULL,
    category            text        NOT NULL,
    cell                text        NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    expected_attendance bigint      NOT NULL DEFAULT 0,
    received_at         timestamptz NOT NULL,
    attributes          jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX scheduled_events_time ON features.scheduled_events (starts_at, ends_at);
