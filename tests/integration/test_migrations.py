import psycopg
import pytest

from civicpulse.db.migrate import migrate

pytestmark = pytest.mark.integration


async def test_migrations_apply_once_and_in_order(empty_database, postgres):
    applied = await migrate(empty_database)
    assert any(line.startswith("feature-store 001_events") for line in applied)
    assert any(line.startswith("scoring 001_") for line in applied)
    assert any(line.startswith("notification 001_") for line in applied)
    timescale_lines = [line for line in applied if line.endswith(".timescaledb")]
    assert bool(timescale_lines) == postgres.timescaledb_available
    assert await migrate(empty_database) == []
    async with await psycopg.AsyncConnection.connect(empty_database) as conn:
        cur = await conn.execute("SELECT count(*) FROM public.civicpulse_migrations")
        assert (await cur.fetchone())[0] == len(applied)


async def test_only_named_services_are_migrated(empty_database):
    applied = await migrate(empty_database, ["scoring"])
    assert applied and all(line.startswith("scoring ") for line in applied)
    with pytest.raises(SystemExit, match="no migrations registered for nope"):
        await migrate(empty_database, ["nope"])


async def test_the_audit_log_is_append_only(database_url):
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        await conn.execute("INSERT INTO notification.deliveries VALUES ('n1', 'app', 'u1', 'z', 3, 'v1', now(), now())")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            await conn.execute("UPDATE notification.deliveries SET max_risk_level = 1")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            await conn.execute("DELETE FROM notification.deliveries")
