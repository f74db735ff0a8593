-- With TimescaleDB, events are a hypertable partitioned by week. Continuous aggregates,
-- compression and retention policies come with their own migrations.
SELECT create_hypertable('features.events', by_range('occurred_at', INTERVAL '7 days'), migrate_data => true);
