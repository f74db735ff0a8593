"""The database's roles, on a real PostgreSQL: the owner runs the migrations; each service runs as
a member of its own runtime role, which may do its job and nothing else. The audit trails take
INSERT and SELECT only, whatever the runtime role tries (UPDATE, DELETE, TRUNCATE, dropping the
triggers or the table)."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from civicpulse.db.migrate import migrate
from civicpulse.runtime import catalogue

pytestmark = pytest.mark.integration
SERVICES = tuple(s.database_role for s in catalogue.SERVICES if s.database)


@pytest.fixture
def roles_database(postgres):
    """A database owned by a role of its own, migrated by it, with a login role per service."""
    suffix = uuid.uuid4().hex[:8]
    owner, name = f"owner_{suffix}", f"roles_{suffix}"
    logins = {service: f"{service}_{suffix}" for service in SERVICES}
    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE")
        conn.execute(f"CREATE DATABASE {name} OWNER {owner}")
    return owner, name, logins


async def _prepare(postgres, roles_database) -> dict[str, str]:
    owner, name, logins = roles_database
    await migrate(postgres.dsn(name, user=owner))
    async with await psycopg.AsyncConnection.connect(postgres.dsn(name), autocommit=True) as conn:
        for service, login in logins.items():
            await conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE civicpulse_{service}")
    return {service: postgres.dsn(name, user=login) for service, login in logins.items()}


async def outcome(url: str, statement: str) -> str:
    """ "ok", or the SQLSTATE class name PostgreSQL refused it with."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        try:
            await conn.execute(statement)
            return "ok"
        except psycopg.errors.InsufficientPrivilege:
            return "refused"
        except psycopg.errors.RaiseException as exc:  # the append-only trigger
            return f"trigger: {exc.diag.message_primary}"


DELIVERY = (
    "INSERT INTO notification.deliveries (notification_id, subscriber, update_id, zone, max_risk_level, model_version,"
    " issue_time, delivered_at) VALUES ('n1', 'app', 'u1', 'z', 3, 'v1', now(), now())"
)
ACKNOWLEDGEMENT = (
    "INSERT INTO notification.acknowledgements (notification_id, subscriber, acknowledged_by, acknowledged_at)"
    " VALUES ('n1', 'app', 'app', now())"
)
NOTE = (
    "INSERT INTO notification.acknowledgement_notes (notification_id, subscriber, note, written_at)"
    " VALUES ('n1', 'app', 'x', now())"
)
MODEL = (
    "INSERT INTO scoring.models (model_version, trained_at, issue_time, feature_names, params, level_thresholds, booster)"
    " VALUES ('v1', now(), now(), '[]', '{}', '[]', '')"
)
DECISION = (
    "INSERT INTO scoring.model_decisions (model_version, decision, operator, note, decided_at)"
    " VALUES ('v1', 'rejected', 'demo-operator', '', now())"
)
JOB = (
    "INSERT INTO scoring.jobs (job_id, kind, state, requested_by, runner, created_at, issue_time, test_days)"
    " VALUES ('j1', 'training', 'queued', 'demo-operator', 'r1', now(), now(), 0)"
)

# (service, statement, expected), in order: what each runtime role may and may not do.
EXPECTED = [
    ("notification", DELIVERY, "ok"),
    ("notification", ACKNOWLEDGEMENT, "ok"),
    ("notification", NOTE, "ok"),
    ("notification", "SELECT count(*) FROM notification.acknowledgements", "ok"),
    ("notification", "UPDATE notification.acknowledgements SET acknowledged_by = 'someone'", "refused"),
    ("notification", "DELETE FROM notification.acknowledgements", "refused"),
    ("notification", "TRUNCATE notification.acknowledgements", "refused"),
    ("notification", "TRUNCATE notification.deliveries CASCADE", "refused"),
    ("notification", "DROP TRIGGER acknowledgements_append_only ON notification.acknowledgements", "refused"),
    ("notification", "ALTER TABLE notification.acknowledgements DISABLE TRIGGER ALL", "refused"),
    ("notification", "DROP TABLE notification.acknowledgements", "refused"),
    ("notification", "DELETE FROM notification.acknowledgement_notes", "ok"),  # comments can be erased
    ("notification", "SELECT count(*) FROM features.events", "refused"),
    ("notification", "SELECT count(*) FROM scoring.models", "refused"),
    ("scoring", MODEL, "ok"),
    ("scoring", "UPDATE scoring.models SET status = 'rejected'", "ok"),  # a version's status moves on
    ("scoring", DECISION, "ok"),
    ("scoring", "UPDATE scoring.model_decisions SET operator = 'someone'", "refused"),
    ("scoring", "DELETE FROM scoring.model_decisions", "refused"),
    ("scoring", "TRUNCATE scoring.model_decisions", "refused"),
    ("scoring", "SELECT count(*) FROM scoring.zone_daily_scores", "ok"),
    ("scoring", JOB, "ok"),
    ("scoring", "UPDATE scoring.jobs SET state = 'running', percent = 5", "ok"),  # a job's progress moves on
    ("scoring", "DELETE FROM scoring.jobs", "refused"),
    ("scoring", "SELECT count(*) FROM features.events", "refused"),
    ("scoring", "SELECT count(*) FROM notification.deliveries", "refused"),
    ("scoring", "CREATE TABLE scoring.mine (x int)", "refused"),
    ("feature_store", "SELECT count(*) FROM features.events", "ok"),
    ("feature_store", "DELETE FROM features.events WHERE false", "ok"),  # retention deletes
    ("feature_store", "UPDATE features.events SET category = 'x' WHERE false", "refused"),
    ("feature_store", "TRUNCATE features.events", "refused"),
    ("feature_store", "SELECT count(*) FROM notification.acknowledgements", "refused"),
    ("feature_store", "SELECT count(*) FROM scoring.models", "refused"),
    ("feature_store", "CREATE SCHEMA mine", "refused"),
]


async def test_each_runtime_role_may_do_its_job_and_the_audit_trails_only_grow(postgres, roles_database):
    urls = await _prepare(postgres, roles_database)
    seen = [(service, statement, await outcome(urls[service], statement)) for service, statement, _ in EXPECTED]
    assert seen == EXPECTED


async def test_even_the_owner_cannot_rewrite_an_audit_row(postgres, roles_database):
    owner, name, _ = roles_database
    urls = await _prepare(postgres, roles_database)
    await outcome(urls["notification"], DELIVERY)
    owner_url = postgres.dsn(name, user=owner)
    assert await outcome(owner_url, "UPDATE notification.deliveries SET zone = 'elsewhere'") == (
        "trigger: the audit log deliveries is append-only"
    )
