-- The trace each risk update continues: the W3C traceparent of the scoring call that stored it, so
-- that a relay round after a bus outage still publishes the update into its score's trace.
ALTER TABLE scoring.outbox ADD COLUMN traceparent text;
