-- Risk updates to publish, written in the transaction that stores their scores: scores stored
-- are scores published, even when the bus is down at that moment or the process dies right after.
CREATE TABLE scoring.outbox (
    update_id    text        PRIMARY KEY,
    subject      text        NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON scoring.outbox (created_at) WHERE published_at IS NULL;
