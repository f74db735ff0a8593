-- The registry: one status per version, its card, and an append-only trail of decisions.
ALTER TABLE scoring.models
    ADD COLUMN status        text  NOT NULL DEFAULT 'retired'
        CHECK (status IN ('rejected', 'awaiting_approval', 'active', 'retired')),
    ADD COLUMN card          jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN card_markdown text  NOT NULL DEFAULT '',
    ADD COLUMN features      jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN families      jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN calibration   jsonb NOT NULL DEFAULT '[0, 1]',
    ADD COLUMN gate_reason   text  NOT NULL DEFAULT '';
ALTER TABLE scoring.models DROP COLUMN metrics;
-- At most one version scores at a time.
CREATE UNIQUE INDEX models_one_active ON scoring.models ((true)) WHERE status = 'active';

CREATE TABLE scoring.model_decisions (
    id            bigserial   PRIMARY KEY,
    model_version text        NOT NULL REFERENCES scoring.models,
    decision      text        NOT NULL
        CHECK (decision IN ('rejected', 'awaiting_approval', 'promoted', 'approved', 'rolled_back', 'retired')),
    operator      text        NOT NULL,
    note          text        NOT NULL DEFAULT '',
    decided_at    timestamptz NOT NULL
);
CREATE FUNCTION scoring.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'scoring.model_decisions is append-only';
END $$;
CREATE TRIGGER model_decisions_append_only BEFORE UPDATE OR DELETE ON scoring.model_decisions
    FOR EACH ROW EXECUTE FUNCTION scoring.refuse_change();

-- Daily expected counts per cell for days 1-30 of every forecast issued.
CREATE TABLE scoring.daily_scores (
    issue_time     timestamptz NOT NULL,
    model_version  text        NOT NULL REFERENCES scoring.models,
    cell           text        NOT NULL,
    zone           text        NOT NULL,
    lead_day       smallint    NOT NULL CHECK (lead_day BETWEEN 1 AND 30),
    window_start   timestamptz NOT NULL,
    expected_count real        NOT NULL,
    risk_level     smallint    NOT NULL CHECK (risk_level BETWEEN 1 AND 5),
    -- Time of the newest event the forecast saw.
    data_freshness timestamptz,
    PRIMARY KEY (issue_time, model_version, cell, lead_day)
);

-- The same forecasts per zone: expected counts of each day summed over the zone's cells.
CREATE VIEW scoring.zone_daily_scores AS
SELECT issue_time, model_version, zone, lead_day, window_start, sum(expected_count) AS expected_count,
       max(risk_level) AS max_risk_level, count(*) AS cells, max(data_freshness) AS data_freshness
FROM scoring.daily_scores
GROUP BY issue_time, model_version, zone, lead_day, window_start;
