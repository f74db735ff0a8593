-- Each source's own fields. Events: the named area a partner gave instead of a point (the cell is
-- then its centre cell), the period a record covers (a crowd count's time bucket, a forecast's
-- validity) and a forecast's issue time, so that a feature can use only forecasts issued before
-- the moment it speaks for. Scheduled events: the named area, who organises, when it was announced.
ALTER TABLE features.events ADD COLUMN area text NOT NULL DEFAULT '';
ALTER TABLE features.events ADD COLUMN ends_at timestamptz;
ALTER TABLE features.events ADD COLUMN issued_at timestamptz;
ALTER TABLE features.scheduled_events ADD COLUMN area text NOT NULL DEFAULT '';
ALTER TABLE features.scheduled_events ADD COLUMN organiser_type text NOT NULL DEFAULT '';
ALTER TABLE features.scheduled_events ADD COLUMN announced_at timestamptz;
