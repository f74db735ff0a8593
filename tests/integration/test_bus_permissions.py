"""Every bus user against every subject that matters, on a real nats-server with TLS and the
platform's users (messaging/permissions.py): each may do its own job and nothing else, and a
client without credentials, or without TLS, is not let in at all."""

from __future__ import annotations

import asyncio
import json
import ssl

import nats
import pytest
from nats.js.api import ConsumerConfig, RetentionPolicy

from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.messaging.connection import BusAccess, connect
from civicpulse.messaging.permissions import USERS, authorization, inbox_prefix
from civicpulse.messaging.provision import provision
from civicpulse.messaging.topology import ALL_STREAMS, StreamSpec
from support import REPO_ROOT

pytestmark = pytest.mark.integration
TIMEOUT = 0.5  # a refused request gets no answer: it times out, and the server says why apart
PASSWORDS = {u.name: f"password-of-{u.name}" for u in USERS}
# A stream of no use but to be updated and deleted.
PROBE = StreamSpec("PROBE", "probe.v1", RetentionPolicy.LIMITS, 60, 60, "probe")


def _publish(subject: str):
    async def act(nc, js):
        await js.publish(subject, b"probe", timeout=TIMEOUT)

    return act


async def _read_raw_as_pseudonymisation(nc, js):
    # Pseudonymisation's own durable consumer: the only way into RAW.
    config = ConsumerConfig(durable_name="pseudonymisation", filter_subject="raw.v1.>", ack_wait=30)
    await js.add_consumer("RAW", config, timeout=TIMEOUT)
    subscription = await js.pull_subscribe_bind("pseudonymisation", "RAW")
    await subscription.fetch(1, timeout=TIMEOUT)


async def _snoop_raw_with_a_consumer_of_its_own(nc, js):
    await js.add_consumer("RAW", ConsumerConfig(name="snoop", filter_subject="raw.v1.>"), timeout=TIMEOUT)


async def _get_a_raw_message(nc, js):
    await js.get_msg("RAW", 1)


def _subscribe(subject: str):
    async def act(nc, js):
        await nc.subscribe(subject)
        await nc.flush(timeout=TIMEOUT)
        await asyncio.sleep(0.2)  # the server's refusal arrives as an asynchronous error

    return act


async def _read_texts_as_the_feature_store(nc, js):
    # The feature store's own durable consumer on TEXTS: the only reader of kept texts.
    config = ConsumerConfig(durable_name="feature-store", filter_subject="texts.v1.>", ack_wait=30)
    await js.add_consumer("TEXTS", config, timeout=TIMEOUT)
    subscription = await js.pull_subscribe_bind("feature-store", "TEXTS")
    await subscription.fetch(1, timeout=TIMEOUT)


async def _follow_notifications(nc, js):
    subscription = await js.subscribe("notify.v1.probe-app", stream="NOTIFICATIONS", ordered_consumer=True)
    await subscription.next_msg(timeout=1)


async def _read_dead_letters(nc, js):
    await js.get_msg("DEADLETTER", 1)


async def _update_a_stream(nc, js):
    await js.update_stream(PROBE.config())


async def _delete_a_stream(nc, js):
    await js.delete_stream("PROBE")


ACTIONS = {
    "publish raw.v1": _publish("raw.v1.probe-partner.incident_report"),
    "publish events.v1": _publish("events.v1.incident_report.probe"),
    "publish texts.v1": _publish("texts.v1.service_report"),
    "read TEXTS (the feature store's consumer)": _read_texts_as_the_feature_store,
    "publish scores.v1": _publish("scores.v1.probe-zone"),
    "publish notify.v1": _publish("notify.v1.probe-app"),
    "publish deadletter.v1.feature-store": _publish("deadletter.v1.feature-store"),
    "read RAW (pseudonymisation's consumer)": _read_raw_as_pseudonymisation,
    "read RAW (a consumer of its own)": _snoop_raw_with_a_consumer_of_its_own,
    "read a RAW message by sequence": _get_a_raw_message,
    "subscribe raw.v1.> (core)": _subscribe("raw.v1.>"),
    "subscribe another user's inbox": _subscribe(f"{inbox_prefix('someone-else')}.>"),
    "follow notifications": _follow_notifications,
    "read dead letters": _read_dead_letters,
    "update a stream": _update_a_stream,
    "delete a stream": _delete_a_stream,
}

# What the architecture says, written out in full: each user's own job and nothing else.
ALLOWED = {
    "provision": {"update a stream"},
    "ingestion": {"publish raw.v1"},
    "pseudonymisation": {"read RAW (pseudonymisation's consumer)", "publish events.v1", "publish texts.v1"},
    "feature-store": {"publish deadletter.v1.feature-store", "read TEXTS (the feature store's consumer)"},
    "scoring": {"publish scores.v1"},
    "notification": {"publish notify.v1", "follow notifications"},
    "deadletters": {"read dead letters", "publish events.v1", "publish scores.v1"},
}


@pytest.fixture(scope="module")
def bus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bus")
    ca = CertificateAuthority(directory / "tls")
    server_cert, client_cert = ca.issue("nats"), ca.issue("probe-client")
    server = NatsServer(
        directory / "nats", tls=(server_cert.cert_file, server_cert.key_file, ca.ca_file), authorization=authorization(PASSWORDS)
    )
    server.start()
    context = ssl.create_default_context(cafile=str(ca.ca_file))
    context.load_cert_chain(str(client_cert.cert_file), str(client_cert.key_file))

    async def prepare():
        nc = await connect(BusAccess(server.url, "provision", PASSWORDS["provision"], context), "probe-provision")
        js = nc.jetstream()
        await provision(js, specs=(*ALL_STREAMS, PROBE))
        await nc.close()
        # Something in each stream a reader could take.
        for user, subject in (
            ("ingestion", "raw.v1.p.incident_report"),
            ("notification", "notify.v1.probe-app"),
            ("pseudonymisation", "texts.v1.service_report"),
        ):
            nc = await connect(BusAccess(server.url, user, PASSWORDS[user], context), "probe-seed")
            await nc.jetstream().publish(subject, b"seed", timeout=2)
            await nc.close()
        nc = await connect(BusAccess(server.url, "feature-store", PASSWORDS["feature-store"], context), "probe-seed")
        await nc.jetstream().publish("deadletter.v1.feature-store", b"seed", timeout=2)
        await nc.close()

    asyncio.run(prepare())
    yield server, context, ca
    server.stop()


async def attempt(server, context, user: str, action) -> str:
    """ "allowed", or "refused: <what the server said>"."""
    errors: list[str] = []

    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    nc = await nats.connect(
        server.url,
        user=user,
        password=PASSWORDS[user],
        tls=context,
        inbox_prefix=inbox_prefix(user),
        error_cb=on_error,
        allow_reconnect=False,
    )
    try:
        await action(nc, nc.jetstream(timeout=TIMEOUT))
        await nc.flush(timeout=TIMEOUT)
        outcome = "allowed"
    except Exception as exc:  # a refused request times out; the reason arrives as an error
        outcome = f"refused: {type(exc).__name__}"
    finally:
        await asyncio.sleep(0.05)
        await nc.close()
    violations = [e for e in errors if "permissions violation" in e.lower()]
    if violations:
        return f"refused: {violations[0]}"
    return outcome


async def test_each_bus_user_may_do_its_own_job_and_nothing_else(bus):
    server, context, _ = bus
    matrix = {}
    for user in USERS:  # one user's attempts at once: each on its own connection
        outcomes = await asyncio.gather(*(attempt(server, context, user.name, act) for act in ACTIONS.values()))
        matrix[user.name] = dict(zip(ACTIONS, outcomes, strict=True))
    out = REPO_ROOT / ".run" / "security"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bus_permissions.json").write_text(json.dumps(matrix, indent=2))
    allowed = {user: {name for name, outcome in row.items() if outcome == "allowed"} for user, row in matrix.items()}
    assert allowed == ALLOWED, json.dumps(matrix, indent=2)
    # Each refusal is the server's: a permissions violation naming the subject.
    for user, row in matrix.items():
        for name, outcome in row.items():
            if name not in ALLOWED[user]:
                assert "permissions violation" in outcome, (user, name, outcome)


async def test_no_one_gets_in_without_a_user_or_without_tls(bus):
    server, context, ca = bus
    with pytest.raises(nats.errors.Error, match="Authorization Violation"):
        await nats.connect(server.url, tls=context, allow_reconnect=False, max_reconnect_attempts=0, connect_timeout=2)
    with pytest.raises(nats.errors.Error, match="Authorization Violation"):
        await nats.connect(
            server.url, user="ingestion", password="guessed", tls=context, allow_reconnect=False, connect_timeout=2
        )
    # TLS without a client certificate: the server requires one.
    bare = ssl.create_default_context(cafile=str(ca.ca_file))
    with pytest.raises(Exception):  # noqa: B017 - the handshake or the connection fails, depending on timing
        await nats.connect(
            server.url, user="ingestion", password=PASSWORDS["ingestion"], tls=bare, allow_reconnect=False, connect_timeout=2
        )
    # Plaintext to a TLS server.
    with pytest.raises(Exception):  # noqa: B017
        await nats.connect(
            server.url.replace("tls://", "nats://"),
            user="ingestion",
            password=PASSWORDS["ingestion"],
            tls=None,
            allow_reconnect=False,
            connect_timeout=2,
        )


def test_the_printed_authorization_block_is_what_the_local_stack_runs(capsys, monkeypatch):
    from civicpulse.messaging import permissions

    monkeypatch.setattr("sys.argv", ["civicpulse-bus-permissions"])
    permissions.cli()
    printed = capsys.readouterr().out
    assert "$INGESTION_PASSWORD" in printed and '"raw.v1.>"' in printed
    assert [u["user"] for u in authorization(PASSWORDS)["users"]] == [u.name for u in USERS]
