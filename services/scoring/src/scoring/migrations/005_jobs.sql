-- Long work as operations: a training starts as a job and is followed by its row, from any replica.
-- The process that runs a job writes its progress here; `runner` names that process (see jobs.py).
CREATE TABLE scoring.jobs (
    job_id        text        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('training')),
    state         text        NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    -- What it is doing, in words; percent never goes down.
    stage         text        NOT NULL DEFAULT '',
    percent       smallint    NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    rows_read     bigint      NOT NULL DEFAULT 0,
    rows_expected bigint      NOT NULL DEFAULT 0,
    requested_by  text        NOT NULL,
    runner        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    -- What was asked.
    issue_time    timestamptz NOT NULL,
    test_days     integer     NOT NULL,
    -- When failed: the status code, ErrorInfo reason and words the call would have answered.
    error_code    text,
    error_reason  text,
    error_message text,
    -- When a training succeeded: its figures and model card.
    result        jsonb,
    CHECK ((state = 'failed') = (error_code IS NOT NULL)),
    CHECK ((state = 'succeeded') = (result IS NOT NULL))
);
CREATE INDEX jobs_newest ON scoring.jobs (created_at DESC, job_id DESC);
CREATE INDEX jobs_unfinished ON scoring.jobs (runner) WHERE state IN ('queued', 'running');

-- The runtime role starts jobs and moves them on; it never deletes one.
GRANT SELECT, INSERT, UPDATE ON scoring.jobs TO civicpulse_scoring;
