"""The local stack's real servers (PostgreSQL, NATS JetStream) start, serve and stop cleanly."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid

import psycopg
import pytest

from civicpulse.devstack import processes
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.ports import free_port, port_open
from civicpulse.devstack.postgres import PostgresServer, PostgresStartError
from civicpulse.devstack.processes import ManagedProcess, ProcessStartError
from support import pids_mentioning, process_alive

pytestmark = pytest.mark.integration


def test_free_port_is_bindable():
    port = free_port()
    assert 1024 <= port <= 65535
    assert not port_open(port)


def test_postgres_server_lifecycle(tmp_path):
    server = PostgresServer(tmp_path / "pg")
    with server:
        assert server.running
        port = server.port
        assert port is not None and port_open(port)
        data_dir = server.data_dir
        assert data_dir is not None and (data_dir / "PG_VERSION").exists()
        assert server.dsn() == f"postgresql://postgres@127.0.0.1:{port}/postgres"
        assert pids_mentioning(str(data_dir)), "postgres should be running on the data dir"

        name = f"devstack_{uuid.uuid4().hex[:12]}"
        dsn = server.create_database(name)
        assert dsn == server.dsn(name)
        with psycopg.connect(dsn) as conn:
            row = conn.execute("SELECT current_database(), 6 * 7").fetchone()
            assert row == (name, 42)
            settings = dict(
                conn.execute(
                    "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                    (["fsync", "max_connections", "listen_addresses"],),
                ).fetchall()
            )
        assert settings == {"fsync": "on", "max_connections": "200", "listen_addresses": "127.0.0.1"}
        assert isinstance(server.timescaledb_available, bool)
        assert server in processes.registered()

    assert not server.running
    assert not port_open(port), "the port still accepts connections after stop()"
    assert pids_mentioning(str(data_dir)) == [], "a postgres process survived stop()"
    assert server not in processes.registered()
    server.stop()  # a second stop is harmless


def test_nats_server_jetstream_roundtrip(tmp_path):
    import nats

    server = NatsServer(tmp_path / "nats")
    server.start()
    try:
        pid = server.pid
        assert pid is not None and process_alive(pid)
        assert server.url == f"nats://127.0.0.1:{server.port}"
        stream = f"DEVSTACK_{uuid.uuid4().hex[:10].upper()}"
        subject = f"devstack.{stream.lower()}"

        async def roundtrip() -> bytes:
            nc = await nats.connect(server.url, connect_timeout=5)
            try:
                js = nc.jetstream()
                await js.add_stream(name=stream, subjects=[subject])
                ack = await js.publish(subject, b"hello devstack")
                assert ack.stream == stream
                sub = await js.pull_subscribe(subject, durable="reader", stream=stream)
                msgs = await sub.fetch(1, timeout=5)
                await msgs[0].ack()
                return msgs[0].data
            finally:
                await nc.close()

        assert asyncio.run(roundtrip()) == b"hello devstack"
        assert (tmp_path / "nats" / "jetstream").is_dir()
        assert (tmp_path / "nats" / "nats.log").is_file()
    finally:
        server.stop()

    assert not process_alive(pid), "nats-server survived stop()"
    assert not port_open(server.port)
    assert pids_mentioning(str(tmp_path / "nats" / "jetstream")) == []
    server.stop()  # a second stop is harmless


def test_postgres_failed_start_is_clear_and_leaves_nothing_running(tmp_path):
    missing = tmp_path / "no-such-bindir"
    server = PostgresServer(tmp_path / "pg", bin_dir=missing)
    with pytest.raises(PostgresStartError, match="no-such-bindir"):
        server.start()
    assert not server.running
    assert server not in processes.registered()
    assert pids_mentioning(str(tmp_path)) == []


def test_postgres_dies_during_startup_reports_log_and_cleans_up(tmp_path):
    # An invalid setting makes the postmaster exit right after launch: the error
    # must carry the server's own message and nothing may keep running.
    server = PostgresServer(tmp_path / "pg", settings={"shared_buffers": "not-a-size"})
    with pytest.raises(PostgresStartError, match="shared_buffers") as excinfo:
        server.start()
    assert "exited with code" in str(excinfo.value)
    assert not server.running
    assert server not in processes.registered()
    assert server.data_dir is None  # its temporary cluster directory is gone too
    assert pids_mentioning(str(tmp_path)) == []
    assert pids_mentioning("not-a-size") == []


def test_postgres_port_in_use_is_refused(tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        server = PostgresServer(tmp_path / "pg", port=port)
        with pytest.raises(PostgresStartError, match="already in use"):
            server.start()
    assert not server.running
    assert server not in processes.registered()
    assert pids_mentioning(str(tmp_path)) == []


def test_managed_process_stops_whole_group_and_reports_log(tmp_path):
    log = tmp_path / "child.log"
    # A shell that ignores SIGTERM and forks a grandchild: stop() must escalate
    # to SIGKILL and take the grandchild (same process group) down too.
    marker = f"devstack-{uuid.uuid4().hex[:8]}"
    proc = ManagedProcess(
        "stubborn",
        ["sh", "-c", f"trap '' TERM; sleep 300 & echo started {marker} $!; wait; echo never"],
        log_path=log,
    )
    proc.start()
    try:
        assert proc.alive and proc in processes.registered()
        for _ in range(100):
            if "started" in proc.log_tail():
                break
            time.sleep(0.02)
        assert f"started {marker}" in proc.log_tail()
        grandchild = int(proc.log_tail().split()[-1])
        assert process_alive(grandchild)
    finally:
        t0 = time.monotonic()
        proc.stop(timeout=0.5)
    assert time.monotonic() - t0 < 5
    assert not proc.alive
    assert not process_alive(grandchild), "the grandchild in the process group survived"
    assert proc not in processes.registered()
    assert pids_mentioning(marker) == []
    proc.stop()  # idempotent


def test_managed_process_missing_binary(tmp_path):
    proc = ManagedProcess("ghost", [str(tmp_path / "does-not-exist")], log_path=tmp_path / "g.log")
    with pytest.raises(ProcessStartError, match="ghost"):
        proc.start()
    assert not proc.alive
    assert proc not in processes.registered()


def test_free_ports_are_distinct():
    from civicpulse.devstack.ports import free_ports

    for _ in range(20):
        ports = free_ports(5)
        assert len(set(ports)) == 5
