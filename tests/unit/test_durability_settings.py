"""What makes an acknowledgement survive a crash, as settings: the bus syncs before it acknowledges
(the local stack's nats-server and the chart's NATS example alike), every database session has its
lock and idle-in-transaction timeouts, and the database's refusals to wait are transient."""

from __future__ import annotations

import json

import psycopg.errors
import yaml

from civicpulse.db.pool import SESSION_TIMEOUTS, SessionTimeouts
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.messaging.consumer import is_transient
from civicpulse.runtime.errors import dependency_failure
from support import REPO_ROOT

CHART = REPO_ROOT / "charts" / "civicpulse"


def test_the_nats_chart_example_syncs_every_write_before_acknowledging_it():
    values = yaml.safe_load((CHART / "examples" / "nats-values.yaml").read_text())
    jetstream = values["config"]["jetstream"]
    assert jetstream["merge"] == {"sync_interval": "always"}
    assert jetstream["fileStore"]["pvc"]["size"] and values["config"]["cluster"]["replicas"] == 3
    durability = (CHART / "README.md").read_text().split("\n## Durability\n", 1)[1].split("\n## ", 1)[0]
    for claim in ("sync_interval: always", "synchronous_commit", "ACCEPTED", "quorum", "nats.streamReplicas=3"):
        assert claim in durability, claim


def test_the_local_nats_server_syncs_unless_asked_not_to(tmp_path):
    durable, fast = NatsServer(tmp_path / "durable"), NatsServer(tmp_path / "fast", durable=False)
    for server in (durable, fast):
        server.base_dir.mkdir()
    assert json.loads(durable._write_config().read_text())["jetstream"] == {
        "store_dir": str(durable.store_dir),
        "sync_interval": "always",
    }
    assert "sync_interval" not in json.loads(fast._write_config().read_text())["jetstream"]


def test_every_session_of_the_pool_has_its_lock_and_idle_in_transaction_timeouts():
    assert SESSION_TIMEOUTS.options() == "-c lock_timeout=5000 -c idle_in_transaction_session_timeout=30000"
    assert SessionTimeouts(0.25, 2).options() == "-c lock_timeout=250 -c idle_in_transaction_session_timeout=2000"


def test_a_lock_timeout_and_a_session_ended_idle_in_its_transaction_are_retried_never_dead_lettered():
    for error in (
        psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
        psycopg.errors.IdleInTransactionSessionTimeout("terminating connection due to idle-in-transaction timeout"),
    ):
        refusal = dependency_failure(error)
        assert refusal is not None and refusal.reason == "DATABASE_BUSY" and refusal.code.name == "UNAVAILABLE"
        assert is_transient(error)
    assert dependency_failure(psycopg.errors.UniqueViolation("duplicate key")) is None  # the data's fault: not retried
