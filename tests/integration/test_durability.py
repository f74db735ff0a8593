"""Acknowledgements that survive a crash, and sessions that cannot hold the others.

The local servers are durable unless asked not to be: a row committed before `kill -9` of the
PostgreSQL postmaster is there after crash recovery, a message JetStream acknowledged before
`kill -9` of nats-server is there after its restart. A session of the pool waits at most its lock
timeout for a row another one holds, and a session idle inside its transaction is ended so that
its locks go: both failures are transient (retried, never dead-lettered).
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
import uuid

import psycopg
import pytest

from civicpulse.db.pool import SESSION_TIMEOUTS, SessionTimeouts, open_pool
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.postgres import DURABILITY_SETTINGS, PostgresServer
from civicpulse.messaging.connection import connect
from civicpulse.messaging.consumer import is_transient
from civicpulse.runtime.errors import dependency_failure
from support import process_alive

pytestmark = pytest.mark.integration


def durability(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", (list(DURABILITY_SETTINGS),))
        return dict(rows.fetchall())


def jetstream_config(server: NatsServer) -> dict:
    with urllib.request.urlopen(f"{server.monitor_url}/varz", timeout=5) as answer:
        return json.load(answer)["jetstream"]["config"]


def test_postgresql_is_durable_unless_asked_and_a_commit_survives_kill_9_of_the_postmaster(tmp_path, postgres):
    assert durability(postgres.dsn()) == dict.fromkeys(DURABILITY_SETTINGS, "off")  # the tests' fast server, asked
    with PostgresServer(tmp_path / "pg") as server:
        assert durability(server.dsn()) == dict.fromkeys(DURABILITY_SETTINGS, "on")
        dsn = server.create_database("crash")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE TABLE acknowledged (n int PRIMARY KEY)")
            for n in range(200):  # each its own commit, each acknowledged to us
                conn.execute("INSERT INTO acknowledged VALUES (%s)", (n,))
        postmaster = server._postmaster_pid()
        server.crash()
        assert postmaster is not None and not process_alive(postmaster)
        server.start()  # the same cluster on the same port: crash recovery
        assert "automatic recovery in progress" in server.log_path.read_text()
        with psycopg.connect(dsn) as conn:
            assert conn.execute("SELECT count(*) FROM acknowledged").fetchone()[0] == 200


async def test_nats_syncs_before_acknowledging_unless_asked_and_an_acknowledged_message_survives_kill_9(tmp_path):
    with NatsServer(tmp_path / "fast", durable=False) as fast:
        assert jetstream_config(fast).get("sync_always", False) is False  # omitted when false
    server = NatsServer(tmp_path / "nats").start()
    try:
        assert jetstream_config(server)["sync_always"] is True
        nc = await connect(server.url, "durability")
        js = nc.jetstream()
        await js.add_stream(name="ACKED", subjects=["acked.>"])
        for n in range(100):
            await js.publish(f"acked.{n}", b"x")  # returns once the server acknowledged it
        await nc.close()
        server.crash()
        server.start()  # the same store directory
        nc = await connect(server.url, "durability")
        try:
            assert (await nc.jetstream().stream_info("ACKED")).state.messages == 100
        finally:
            await nc.close()
    finally:
        server.stop()


async def _row(database_url: str) -> str:
    table = f"held_{uuid.uuid4().hex[:8]}"
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        await conn.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, n int)")
        await conn.execute(f"INSERT INTO {table} VALUES (1, 0)")
    return table


async def test_a_write_waiting_on_a_held_row_fails_as_transient_within_the_lock_timeout(database_url):
    table = await _row(database_url)
    holder, writer = await open_pool(database_url, "holder"), await open_pool(database_url, "writer")
    try:
        async with writer.connection() as conn:
            shown = [
                (await (await conn.execute(f"SHOW {name}")).fetchone())[0]
                for name in ("lock_timeout", "idle_in_transaction_session_timeout")
            ]
        assert shown == ["5s", "30s"] and SESSION_TIMEOUTS == SessionTimeouts(5.0, 30.0)
        async with holder.connection() as held:
            await held.execute(f"UPDATE {table} SET n = n + 1 WHERE id = 1")  # holds the row, then sleeps
            started = time.monotonic()
            with pytest.raises(psycopg.Error) as failed:
                async with writer.connection() as conn:
                    await conn.execute(f"UPDATE {table} SET n = n + 10 WHERE id = 1")
            waited = time.monotonic() - started
            await asyncio.sleep(0.1)
        assert failed.value.sqlstate == "55P03"
        assert SESSION_TIMEOUTS.lock_seconds - 0.5 < waited < SESSION_TIMEOUTS.lock_seconds + 3
        assert dependency_failure(failed.value).reason == "DATABASE_BUSY" and is_transient(failed.value)
    finally:
        await holder.close()
        await writer.close()


async def test_a_session_idle_in_its_transaction_is_ended_its_locks_released_and_its_failure_is_transient(database_url):
    table = await _row(database_url)
    timeouts = SessionTimeouts(lock_seconds=5.0, idle_in_transaction_seconds=1.0)
    holder, writer = await open_pool(database_url, "holder", timeouts=timeouts), await open_pool(database_url, "writer")
    try:
        with pytest.raises(psycopg.Error) as ended:
            async with holder.connection() as held:
                await held.execute(f"UPDATE {table} SET n = n + 1 WHERE id = 1")
                await asyncio.sleep(timeouts.idle_in_transaction_seconds + 1.5)  # a paused replica, in its transaction
                # The other writer is not held: the session was ended and its lock released.
                started = time.monotonic()
                async with writer.connection() as conn:
                    await conn.execute(f"UPDATE {table} SET n = n + 10 WHERE id = 1")
                assert time.monotonic() - started < 1.0
                await held.execute(f"UPDATE {table} SET n = n + 100 WHERE id = 1")  # the replica wakes up
        assert dependency_failure(ended.value) is not None and is_transient(ended.value), repr(ended.value)
        async with writer.connection() as conn:
            assert (await (await conn.execute(f"SELECT n FROM {table}")).fetchone())[0] == 10
    finally:
        await holder.close()
        await writer.close()
