"""The notification service in-process: subscriptions, the stream of notifications, the audit log."""

import asyncio
from datetime import UTC, datetime

import grpc
import psycopg
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.scoring.v1 import scoring_pb2
from notification.app import NotificationApp
from notification.settings import NotificationSettings
from support import CONFIG

pytestmark = pytest.mark.integration
DISPATCH = (("authorization", "Bearer demo-police-dispatch-app-token"),)
MEDIATION = (("authorization", "Bearer demo-mediation-team-app-token"),)


@pytest.fixture
async def notification(nats_url, database_url):
    app = NotificationApp(
        NotificationSettings(
            grpc_host="127.0.0.1",
            grpc_port=0,
            nats_url=nats_url,
            city_profile=CONFIG / "cities" / "houston.yaml",
            database_url=database_url,
            subscribers_file=CONFIG / "subscribers.yaml",
        )
    )
    await app.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
        yield notification_pb2_grpc.NotificationServiceStub(channel)
    await app.stop()


def update(zone: str, level: int, update_id: str) -> Outgoing:
    issued = Timestamp()
    issued.FromDatetime(datetime(2010, 9, 1, 5, tzinfo=UTC))
    message = scoring_pb2.ZoneRiskUpdate(
        update_id=update_id, zone=zone, issue_time=issued, model_version="v1", max_risk_level=level
    )
    return Outgoing(f"scores.v1.{zone}", message.SerializeToString(), update_id)


async def test_subscribers_receive_matching_updates_and_acknowledge_them(notification, js, city, database_url):
    zone_a, zone_b = sorted(city.zones)[:2]
    await notification.CreateSubscription(
        pb.CreateSubscriptionRequest(zones=[zone_a], min_risk_level=3), metadata=DISPATCH, timeout=5
    )
    await notification.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=MEDIATION, timeout=5)
    await Publisher(js).publish_batch([update(zone_a, 4, "u1"), update(zone_a, 2, "u2"), update(zone_b, 5, "u3")])

    stream = notification.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH)
    first = await asyncio.wait_for(stream.read(), timeout=10)
    assert first.update.update_id == "u1" and first.subscriber == "police-dispatch-app"
    stream.cancel()

    mediation = notification.Subscribe(pb.SubscribeRequest(), metadata=MEDIATION)
    got = [await asyncio.wait_for(mediation.read(), timeout=10) for _ in range(3)]
    mediation.cancel()
    assert sorted(n.update.update_id for n in got) == ["u1", "u2", "u3"]

    ack = await notification.Acknowledge(
        pb.AcknowledgeRequest(notification_id=first.notification_id, acknowledged_by="dispatch-desk-2"),
        metadata=DISPATCH,
        timeout=5,
    )
    assert ack.acknowledged_at.seconds > 0
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        # Another subscriber's notification is not found for this one.
        await notification.Acknowledge(
            pb.AcknowledgeRequest(notification_id=first.notification_id, acknowledged_by="x"), metadata=MEDIATION, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute("SELECT subscriber, count(*) FROM notification.deliveries GROUP BY 1 ORDER BY 1")
        assert await cur.fetchall() == [("mediation-team-app", 3), ("police-dispatch-app", 1)]
        cur = await conn.execute("SELECT acknowledged_by FROM notification.acknowledgements")
        assert await cur.fetchall() == [("dispatch-desk-2",)]


async def read(stream, count: int) -> list[pb.SubscribeResponse]:
    got = [await asyncio.wait_for(stream.read(), timeout=10) for _ in range(count)]
    stream.cancel()
    return got


async def test_a_reconnecting_application_resumes_after_its_last_notification(notification, js, city):
    zone = sorted(city.zones)[0]
    await notification.CreateSubscription(
        pb.CreateSubscriptionRequest(zones=[zone], min_risk_level=1), metadata=DISPATCH, timeout=5
    )
    await Publisher(js).publish_batch([update(zone, 3, "r1"), update(zone, 4, "r2")])
    first, second = await read(notification.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH), 2)
    assert [first.update.update_id, second.update.update_id] == ["r1", "r2"]
    assert 0 < first.sequence < second.sequence

    # Disconnected after r1: r2 is delivered again, r1 is not.
    (again,) = await read(notification.Subscribe(pb.SubscribeRequest(after_sequence=first.sequence), metadata=DISPATCH), 1)
    assert (again.update.update_id, again.sequence) == ("r2", second.sequence)

    # Up to date: only what arrives after the reconnection.
    resumed = notification.Subscribe(pb.SubscribeRequest(after_sequence=second.sequence), metadata=DISPATCH)
    await Publisher(js).publish_batch([update(zone, 5, "r3")])
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
