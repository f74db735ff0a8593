-- Each pseudonym carries the id of the key that made it (keys rotate by epoch), and an event may
-- keep its partner's free text, scrubbed, when its policy says so.
ALTER TABLE features.events ADD COLUMN key_id text NOT NULL DEFAULT '';
ALTER TABLE features.events ADD COLUMN text text NOT NULL DEFAULT '';
ALTER TABLE features.scheduled_events ADD COLUMN key_id text NOT NULL DEFAULT '';
