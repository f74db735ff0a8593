-- The service's runtime role. The registry's decisions are an audit trail: INSERT and SELECT only
-- (no UPDATE, DELETE or TRUNCATE). The schema, tables and triggers belong to the migrations' owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'civicpulse_scoring') THEN
        CREATE ROLE civicpulse_scoring NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA scoring TO civicpulse_scoring;
GRANT SELECT, INSERT, UPDATE ON scoring.models, scoring.outbox TO civicpulse_scoring;
GRANT SELECT, INSERT, DELETE ON scoring.risk_scores, scoring.cell_forecasts, scoring.daily_scores TO civicpulse_scoring;
GRANT SELECT, INSERT ON scoring.model_decisions TO civicpulse_scoring;
GRANT USAGE ON SEQUENCE scoring.model_decisions_id_seq TO civicpulse_scoring;
GRANT SELECT ON scoring.zone_daily_scores TO civicpulse_scoring;
