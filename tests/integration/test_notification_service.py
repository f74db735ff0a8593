"""The notification service in-process: subscriptions, the stream of notifications, the audit log."""

import asyncio
import os
import time

import grpc
import psycopg
import pytest
import yaml

from civicpulse.devstack.callers import MEDIATION_APP, MEDIATION_ZONES
from civicpulse.messaging.publisher import Publisher
from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from factories import risk_update_message
from notification.app import NotificationApp
from notification.settings import NotificationSettings
from support import CALLERS_FILE, CONFIG, IN_PROCESS

pytestmark = pytest.mark.integration
DISPATCH = (("authorization", "Bearer demo-police-dispatch-app-token"),)
MEDIATION = (("authorization", "Bearer demo-mediation-team-app-token"),)


@pytest.fixture
def callers_file(tmp_path):
    """This test's own copy of the demo callers, so that it can change an application's rights."""
    path = tmp_path / "callers.yaml"
    path.write_text(CALLERS_FILE.read_text())
    return path


@pytest.fixture
async def notification(nats_url, database_url, callers_file):
    app = NotificationApp(
        NotificationSettings(
            grpc_host="127.0.0.1",
            **{**IN_PROCESS, "callers_file": callers_file},
            grpc_port=0,
            nats_url=nats_url,
            city_profile=CONFIG / "cities" / "houston.yaml",
            database_url=database_url,
        )
    )
    app.callers()._recheck = 0  # a changed callers file is read at once, not within the second
    await app.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
        yield notification_pb2_grpc.NotificationServiceStub(channel)
    await app.stop()


async def test_subscribers_receive_matching_updates_and_acknowledge_them(notification, js, city, database_url):
    zone_a, zone_b = sorted(city.zones)[:2]
    await notification.CreateSubscription(
        pb.CreateSubscriptionRequest(zones=[zone_a], min_risk_level=3), metadata=DISPATCH, timeout=5
    )
    await notification.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=MEDIATION, timeout=5)
    await Publisher(js).publish_batch(
        [risk_update_message(zone_a, 4, "u1"), risk_update_message(zone_a, 2, "u2"), risk_update_message(zone_b, 5, "u3")]
    )

    stream = notification.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH)
    first = await asyncio.wait_for(stream.read(), timeout=10)
    assert first.update.update_id == "u1" and first.subscriber == "police-dispatch-app"
    stream.cancel()

    mediation = notification.Subscribe(pb.SubscribeRequest(), metadata=MEDIATION)
    got = [await asyncio.wait_for(mediation.read(), timeout=10) for _ in range(3)]
    mediation.cancel()
    assert sorted(n.update.update_id for n in got) == ["u1", "u2", "u3"]

    ack = await notification.Acknowledge(
        pb.AcknowledgeRequest(notification_id=first.notification_id, note="patrol sent"), metadata=DISPATCH, timeout=5
    )
    assert ack.acknowledged_at.seconds > 0 and ack.acknowledged_by == "police-dispatch-app"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        # Another subscriber's notification is not found for this one.
        await notification.Acknowledge(
            pb.AcknowledgeRequest(notification_id=first.notification_id), metadata=MEDIATION, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await notification.Acknowledge(
            pb.AcknowledgeRequest(notification_id=first.notification_id, note="x" * 1001), metadata=DISPATCH, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT and violations(caught.value) == [("note", "too_long")]
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute("SELECT subscriber, count(*) FROM notification.deliveries GROUP BY 1 ORDER BY 1")
        assert await cur.fetchall() == [("mediation-team-app", 3), ("police-dispatch-app", 1)]
        # Who acknowledged comes from the credentials; the comment lives apart, erasable.
        cur = await conn.execute("SELECT acknowledged_by FROM notification.acknowledgements")
        assert await cur.fetchall() == [("police-dispatch-app",)]
        cur = await conn.execute("SELECT subscriber, note FROM notification.acknowledgement_notes")
        assert await cur.fetchall() == [("police-dispatch-app", "patrol sent")]


def violations(error: grpc.aio.AioRpcError) -> list[tuple[str, str]]:
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    bad = error_details_pb2.BadRequest()
    rpc_status.from_call(error).details[0].Unpack(bad)
    return [(v.field, v.reason) for v in bad.field_violations]


async def test_an_application_sees_only_the_zones_its_credentials_name(notification, js, city, callers_file):
    zones = sorted(city.zones)
    mine, other = zones[0], zones[MEDIATION_ZONES]  # the mediation team sees the first three zones
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await notification.CreateSubscription(
            pb.CreateSubscriptionRequest(zones=[mine, other], min_risk_level=1), metadata=MEDIATION, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED and other in caught.value.details()

    # Subscribed to "every zone": every zone it may see, and no other, in fan-out and catch-up.
    await notification.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=MEDIATION, timeout=5)
    await Publisher(js).publish_batch([risk_update_message(other, 5, "z1"), risk_update_message(mine, 4, "z2")])
    (got,) = await read(notification.Subscribe(pb.SubscribeRequest(), metadata=MEDIATION), 1)
    assert got.update.update_id == "z2"

    # Rights withdrawn in the callers file: no new delivery, no catch-up of what was delivered.
    document = yaml.safe_load(callers_file.read_text())
    document["callers"][MEDIATION_APP]["zones"] = [zones[1]]
    callers_file.write_text(yaml.safe_dump(document))
    os.utime(callers_file, ns=(time.time_ns(), time.time_ns() + 10**9))
    await Publisher(js).publish_batch([risk_update_message(mine, 5, "z3"), risk_update_message(zones[1], 5, "z4")])
    (got,) = await read(notification.Subscribe(pb.SubscribeRequest(), metadata=MEDIATION), 1)
    assert got.update.update_id == "z4"


async def read(stream, count: int) -> list[pb.SubscribeResponse]:
    got = [await asyncio.wait_for(stream.read(), timeout=10) for _ in range(count)]
    stream.cancel()
    return got


async def test_a_reconnecting_application_resumes_after_its_last_notification(notification, js, city):
    zone = sorted(city.zones)[0]
    await notification.CreateSubscription(
        pb.CreateSubscriptionRequest(zones=[zone], min_risk_level=1), metadata=DISPATCH, timeout=5
    )
    await Publisher(js).publish_batch([risk_update_message(zone, 3, "r1"), risk_update_message(zone, 4, "r2")])
    first, second = await read(notification.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH), 2)
    assert [first.update.update_id, second.update.update_id] == ["r1", "r2"]
    assert 0 < first.sequence < second.sequence

    # Disconnected after r1: r2 is delivered again, r1 is not.
    (again,) = await read(notification.Subscribe(pb.SubscribeRequest(after_sequence=first.sequence), metadata=DISPATCH), 1)
    assert (again.update.update_id, again.sequence) == ("r2", second.sequence)

    # Up to date: only what arrives after the reconnection.
    resumed = notification.Subscribe(pb.SubscribeRequest(after_sequence=second.sequence), metadata=DISPATCH)
    await Publisher(js).publish_batch([risk_update_message(zone, 5, "r3")])
    (latest,) = await read(resumed, 1)
    assert latest.update.update_id == "r3" and latest.sequence > second.sequence


async def test_invalid_subscriptions_name_the_field(notification):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await notification.CreateSubscription(
            pb.CreateSubscriptionRequest(zones=["nowhere"], min_risk_level=9), metadata=DISPATCH, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    status = rpc_status.from_call(caught.value)
    bad = error_details_pb2.BadRequest()
    status.details[0].Unpack(bad)
    assert [v.field for v in bad.field_violations] == ["zones", "min_risk_level"]
