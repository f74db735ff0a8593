"""The notification service's metrics and log lines, in-process on real PostgreSQL and NATS:
deliveries counted once each, streams open now, acknowledgements and their delay, the overdue
count from the audit log; one line per subscription, stream and acknowledgement, with neither a
token nor a note."""

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from prometheus_client import REGISTRY
from psycopg_pool import AsyncConnectionPool

from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.city import Notifications
from civicpulse.runtime.logging import JsonFormatter
from factories import risk_update_message
from notification.app import NotificationApp
from notification.overdue import OverdueNotifications
from notification.repository import NotificationRepository
from notification.settings import NotificationSettings
from support import CONFIG, IN_PROCESS, eventually

pytestmark = pytest.mark.integration
DISPATCH_TOKEN = "demo-police-dispatch-app-token"
DISPATCH = (("authorization", f"Bearer {DISPATCH_TOKEN}"),)
MEDIATION = (("authorization", "Bearer demo-mediation-team-app-token"),)
DELIVERED = datetime(2010, 9, 1, 6, tzinfo=UTC)  # the service's clock when the updates arrive
NOTE = "patrol sent to the corner"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def becomes(name: str, value: float) -> bool:
    async def check() -> bool:
        return sample(name) == value

    return await eventually(check)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def service(nats_url, database_url):
    clock = Clock(DELIVERED)
    settings = NotificationSettings(
        grpc_host="127.0.0.1",
        **IN_PROCESS,
        grpc_port=0,
        nats_url=nats_url,
        city_profile=CONFIG / "cities" / "houston.yaml",
        database_url=database_url,
    )
    app = NotificationApp(settings, clock=clock)
    await app.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
        yield app, clock, notification_pb2_grpc.NotificationServiceStub(channel)
    await app.stop()


async def test_deliveries_streams_and_acknowledgements_are_counted_and_logged(service, js, city, caplog):
    caplog.set_level(logging.INFO, logger="notification")
    app, clock, stub = service
    zone = sorted(city.zones)[0]  # one the mediation team may see
    sent = sample("civicpulse_notifications_sent_total")
    acknowledged = sample("civicpulse_notifications_acknowledged_total")
    waits, waited = (
        sample("civicpulse_notification_acknowledge_seconds_count"),
        sample("civicpulse_notification_acknowledge_seconds_sum"),
    )
    connected = sample("civicpulse_subscribers_connected")
    delivery_writes = sample("civicpulse_db_write_duration_seconds_count", operation="deliveries")
    ack_writes = sample("civicpulse_db_write_duration_seconds_count", operation="acknowledgement")

    await stub.CreateSubscription(pb.CreateSubscriptionRequest(zones=[zone], min_risk_level=3), metadata=DISPATCH, timeout=5)
    await stub.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=MEDIATION, timeout=5)
    publisher = Publisher(js)
    await publisher.publish_batch([risk_update_message(zone, 4, "u1"), risk_update_message(zone, 2, "u2")])
    assert await becomes("civicpulse_notifications_sent_total", sent + 3)  # u1 to both, u2 to the mediation team
    # The same update again under another message id: recorded once, so counted once.
    again = risk_update_message(zone, 4, "u1")
    await publisher.publish_batch([Outgoing(again.subject, again.payload, "u1-again"), risk_update_message(zone, 1, "u3")])
    assert await becomes("civicpulse_notifications_sent_total", sent + 4)
    await asyncio.sleep(0.5)
    assert sample("civicpulse_notifications_sent_total") == sent + 4
    assert sample("civicpulse_db_write_duration_seconds_count", operation="deliveries") > delivery_writes

    stream = stub.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH)
    first = await asyncio.wait_for(stream.read(), timeout=10)
    assert sample("civicpulse_subscribers_connected") == connected + 1
    stream.cancel()
    assert await becomes("civicpulse_subscribers_connected", connected)

    clock.now = DELIVERED + timedelta(seconds=90)
    request = pb.AcknowledgeRequest(notification_id=first.notification_id, note=NOTE)
    await stub.Acknowledge(request, metadata=DISPATCH, timeout=5)
    await stub.Acknowledge(request, metadata=DISPATCH, timeout=5)  # recorded, not counted again
    assert sample("civicpulse_notifications_acknowledged_total") == acknowledged + 1
    assert sample("civicpulse_notification_acknowledge_seconds_count") == waits + 1
    assert sample("civicpulse_notification_acknowledge_seconds_sum") == pytest.approx(waited + 90)
    assert sample("civicpulse_db_write_duration_seconds_count", operation="acknowledgement") == ack_writes + 2

    formatter = JsonFormatter("notification")
    lines = [json.loads(formatter.format(r)) for r in caplog.records if "event" in getattr(r, "fields", {})]
    by_event = {}
    for line in lines:
        by_event.setdefault(line["event"], []).append(line)
    saved = {(line["subscriber"], line["min_risk_level"]) for line in by_event["subscription_saved"]}
    assert saved == {("police-dispatch-app", 3), ("mediation-team-app", 1)}
    (opened,) = by_event["stream_opened"]
    (closed,) = by_event["stream_closed"]
    assert (opened["subscriber"], opened["min_risk_level"]) == ("police-dispatch-app", 3)
    assert closed["streamed"] == 1 and closed["min_risk_level"] == 3
    first_ack, second_ack = by_event["acknowledged"]
    assert (first_ack["first"], second_ack["first"]) == (True, False)
    assert first_ack["seconds_since_delivery"] == 90 and first_ack["note_given"] is True and first_ack["zone"] == zone
    everything = "\n".join(formatter.format(r) for r in caplog.records)
    assert DISPATCH_TOKEN not in everything and NOTE not in everything


async def test_overdue_counts_what_nobody_acknowledged_in_time(service, js, city, database_url, caplog):
    caplog.set_level(logging.INFO, logger="notification.overdue")
    app, clock, stub = service
    zone = sorted(city.zones)[0]
    await stub.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=DISPATCH, timeout=5)
    await stub.CreateSubscription(pb.CreateSubscriptionRequest(min_risk_level=1), metadata=MEDIATION, timeout=5)
    sent = sample("civicpulse_notifications_sent_total")
    await Publisher(js).publish_batch([risk_update_message(zone, 4, "o1"), risk_update_message(zone, 5, "o2")])
    assert await becomes("civicpulse_notifications_sent_total", sent + 4)

    stream = stub.Subscribe(pb.SubscribeRequest(), metadata=DISPATCH)
    first = await asyncio.wait_for(stream.read(), timeout=10)
    stream.cancel()
    await stub.Acknowledge(pb.AcknowledgeRequest(notification_id=first.notification_id), metadata=DISPATCH, timeout=5)

    expected = Notifications(acknowledge_within_minutes=15, overdue_for_hours=24)
    async with AsyncConnectionPool(database_url, min_size=1, max_size=2) as pool:
        callers = app.callers()
        overdue = OverdueNotifications(NotificationRepository(pool), expected, callers.get, clock)
        clock.now = DELIVERED + timedelta(minutes=14)
        assert await overdue.count() == 0  # still within the delay
        assert sample("civicpulse_notifications_overdue") == 0
        clock.now = DELIVERED + timedelta(minutes=16)
        assert await overdue.count() == 3  # four delivered, one acknowledged
        assert sample("civicpulse_notifications_overdue") == 3
        # An application without credentials any more cannot acknowledge: its notifications no longer count.
        only_dispatch = OverdueNotifications(
            NotificationRepository(pool), expected, lambda s: callers.get(s) if s == "police-dispatch-app" else None, clock
        )
        assert await only_dispatch.count() == 1
        clock.now = DELIVERED + timedelta(hours=25)
        assert await overdue.count() == 0  # long replaced by later forecasts
    changes = [
        r.fields["by_subscriber"] for r in caplog.records if getattr(r, "fields", {}).get("event") == "notifications_overdue"
    ]
    assert {"police-dispatch-app": 1, "mediation-team-app": 2} in changes and changes[-1] == {}
