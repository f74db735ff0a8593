CREATE SCHEMA IF NOT EXISTS scoring;

-- The model registry: every model, how it was trained and how it did on held-out time.
CREATE TABLE scoring.models (
    model_version   text        PRIMARY KEY,
    trained_at      timestamptz NOT NULL,
    issue_time      timestamptz NOT NULL,
    feature_names   jsonb       NOT NULL,
    params          jsonb       NOT NULL,
    -- Expected-count thresholds of risk levels 2..5.
    level_thresholds jsonb      NOT NULL,
    metrics         jsonb       NOT NULL,
    booster         bytea       NOT NULL
);

-- Hourly expected counts per cell, for every forecast issued.
CREATE TABLE scoring.risk_scores (
    issue_time     timestamptz NOT NULL,
    model_version  text        NOT NULL REFERENCES scoring.models,
    cell           text        NOT NULL,
    zone           text        NOT NULL,
    target_time    timestamptz NOT NULL,
    expected_count real        NOT NULL,
    risk_level     smallint    NOT NULL CHECK (risk_level BETWEEN 1 AND 5),
    PRIMARY KEY (issue_time, model_version, cell, target_time)
);

-- Each cell's peak hour in a forecast, with the reasons in plain words.
CREATE TABLE scoring.cell_forecasts (
    issue_time       timestamptz NOT NULL,
    model_version    text        NOT NULL REFERENCES scoring.models,
    cell             text        NOT NULL,
    zone             text        NOT NULL,
    peak_target_time timestamptz NOT NULL,
    expected_count   real        NOT NULL,
    risk_level       smallint    NOT NULL,
    factors          jsonb       NOT NULL,
    data_freshness   timestamptz,
    PRIMARY KEY (issue_time, model_version, cell)
);
