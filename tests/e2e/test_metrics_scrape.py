"""Every service's /metrics scraped over TLS while a slice of the Houston data flows through the
whole stack (replay, train, score, notify; one poison event dead-lettered), then after: each family
civicpulse.runtime.metrics declares is exposed, and its values agree with what the run did."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest
from chart_support import monitoring_metric_names
from metrics_support import FAMILIES, console_status, exposition_names, families, samples, scrape, total

from civicpulse.devstack.profiles import SHORT_HELD_OUT, profile_variant
from civicpulse.devstack.stack import LocalStack
from civicpulse.lab.faults import REFUSE_THE_POISON, events_with_poison, partners_with_a_loose_attribute
from civicpulse.lab.scenario import DISPATCH_APP_TOKEN, EVENTS_OFFICE, EVENTS_OFFICE_TOKEN, POLICE, POLICE_TOKEN, run_scenario
from civicpulse.lab.sources import city_sources
from civicpulse.messaging import topology
from civicpulse.notification.v1 import notification_pb2, notification_pb2_grpc
from civicpulse.runtime.catalogue import SERVICES
from support import bearer

pytestmark = pytest.mark.e2e
SLICE = 45_000  # as the pipeline test: enough history to train a model that passes its gate
INGEST = "/civicpulse.ingestion.v1.IngestionService/IngestEvents"


def value(text: str, name: str, **labels: str) -> float:
    found = samples(text, name, **labels)
    assert found, f"no sample {name}{labels}"
    return sum(v for _, v in found)


async def scrape_while(stack: LocalStack, running: asyncio.Event, every: float = 2.0) -> list[dict[str, str]]:
    """Scrapes every few seconds until `running` is cleared: what a Prometheus would see during the run."""
    seen = []
    while running.is_set():
        seen.append(await scrape(stack))
        await asyncio.sleep(every)
    return seen


async def test_every_family_is_scraped_over_tls_with_sensible_values(tmp_path):
    houston = city_sources("houston")
    police = events_with_poison(SLICE)
    last = max(e.occurred_at.ToDatetime() for e in police)
    issue_time = datetime(last.year, last.month, last.day, tzinfo=ZoneInfo("America/Chicago"))
    games = list(houston.source(EVENTS_OFFICE).events(10))
    stack = LocalStack(
        tmp_path / "stack",
        city_profile=profile_variant(LocalStack.city_profile, tmp_path, SHORT_HELD_OUT),
        partners_file=partners_with_a_loose_attribute(tmp_path / "partners.yaml"),
        overrides={"scoring": {"TRAINING_STEP_HOURS": "24"}},
    )
    started = time.time()
    async with stack:
        async with await psycopg.AsyncConnection.connect(stack.database_url, autocommit=True) as conn:
            await conn.execute(REFUSE_THE_POISON)
        running = asyncio.Event()
        running.set()
        during = asyncio.create_task(scrape_while(stack, running))
        notified: list[str] = []
        try:
            summary = await run_scenario(
                stack,
                [(POLICE_TOKEN, police), (EVENTS_OFFICE_TOKEN, games)],
                issue_time,
                min_risk_level=2,
                settle_timeout=120,
                show=lambda note: notified.append(note.notification_id),
            )
        finally:
            running.clear()
        scrapes_during = await during
        assert summary.model_status == "active", summary.gate_reason
        assert notified, "no notification reached the application"
        # A person reads a notification while the application is connected; the console refuses a
        # request without a session.
        assert await asyncio.to_thread(console_status, stack, "/api/session") == 401
        async with stack.endpoint("notification").channel() as channel:
            notifications = notification_pb2_grpc.NotificationServiceStub(channel)
            stream = notifications.Subscribe(notification_pb2.SubscribeRequest(), metadata=bearer(DISPATCH_APP_TOKEN))
            first = await stream.read()
            await notifications.Acknowledge(
                notification_pb2.AcknowledgeRequest(notification_id=first.notification_id), metadata=bearer(DISPATCH_APP_TOKEN)
            )
            texts = await scrape(stack)
            stream.cancel()
        # The backlog drains: every durable's gauges come to zero once the run has settled.
        for _ in range(40):
            settled = await scrape(stack)
            backlog = sum(
                total(settled[bus.service], name, stream=sub.stream.name, durable=sub.durable)
                for bus in topology.BUS
                for sub in bus.subscriptions
                for name in ("civicpulse_consumer_pending_messages", "civicpulse_consumer_ack_pending_messages")
            )
            if backlog == 0:
                break
            await asyncio.sleep(0.5)
    now = time.time()

    # Every process answered over TLS during the run and after, and exposes every declared family.
    assert set(texts) == {spec.name for spec in SERVICES}
    assert scrapes_during and all(set(s) == set(texts) for s in scrapes_during)
    assert any(total(s["ingestion"], "civicpulse_requests_total", method=INGEST, code="OK") > 0 for s in scrapes_during)
    for name, text in texts.items():
        assert families(text) >= set(FAMILIES), (name, set(FAMILIES) - families(text))
    # The chart's dashboard and alert rules query only what the running services export.
    queried = monitoring_metric_names()
    assert queried and queried <= exposition_names(texts), queried - exposition_names(texts)

    # Calls: by method and status, with their latency.
    ingestion = texts["ingestion"]
    ingest_calls = value(ingestion, "civicpulse_requests_total", method=INGEST, code="OK")
    assert ingest_calls > 0
    assert value(ingestion, "civicpulse_request_duration_seconds_count", method=INGEST) == ingest_calls
    assert not samples(ingestion, "civicpulse_requests_total", method="/grpc.health.v1.Health/Check")
    notification = texts["notification"]
    for method in ("CreateSubscription", "Acknowledge"):
        assert (
            value(
                notification,
                "civicpulse_requests_total",
                method=f"/civicpulse.notification.v1.NotificationService/{method}",
                code="OK",
            )
            >= 1
        )
    assert total(texts["scoring"], "civicpulse_requests_total", code="OK") > 0  # training and scoring, as the scheduler
    assert total(texts["feature-store"], "civicpulse_requests_total", code="OK") > 0  # scoring reads its matrices
    assert value(texts["console"], "civicpulse_requests_total", method="GET /api/session", code="401") == 1

    # Events at the door, by outcome: the same books as the partners' replies.
    assert value(ingestion, "civicpulse_events_total", outcome="accepted") == summary.events_accepted
    assert total(ingestion, "civicpulse_events_total", outcome="duplicate") == summary.events_duplicate
    refused_at_door = sum(v for k, v in summary.events_rejected.items() if k.startswith("ingestion: "))
    assert total(ingestion, "civicpulse_events_total", outcome="rejected") == refused_at_door > 0
    assert all(labels["partner"] in (POLICE, EVENTS_OFFICE) for labels, _ in samples(ingestion, "civicpulse_events_total"))
    newest = samples(ingestion, "civicpulse_partner_last_event_received_timestamp_seconds", partner=POLICE)
    assert newest and all(started <= v <= now for _, v in newest)
    assert value(ingestion, "civicpulse_partner_expected_interval_seconds", partner=POLICE) > 0

    # The bus: each durable's backlog and health, where it is consumed; the poison dead-lettered once.
    for bus in topology.BUS:
        text = settled[bus.service]
        for sub in bus.subscriptions:
            labels = {"stream": sub.stream.name, "durable": sub.durable}
            assert value(text, "civicpulse_consumer_pending_messages", **labels) == 0
            assert value(text, "civicpulse_consumer_ack_pending_messages", **labels) == 0
            assert value(text, "civicpulse_consumer_healthy", **labels) == 1
            assert value(text, "civicpulse_consumer_redeliveries_total", **labels) >= 0
    dead = {name: samples(text, "civicpulse_dead_letters_total") for name, text in texts.items()}
    assert value(texts["feature-store"], "civicpulse_dead_letters_total", stage="feature-store", reason="unstorable") == 1
    assert sum(v for found in dead.values() for _, v in found) == summary.events_dead_lettered

    # The database's writes, pseudonymisation's withheld fields.
    assert value(texts["feature-store"], "civicpulse_db_write_duration_seconds_count", operation="events") > 0
    assert total(texts["pseudonymisation"], "civicpulse_fields_withheld_total", partner=POLICE) > 0

    # The model: version, age, gate, training time; scores on schedule.
    scoring = texts["scoring"]
    assert value(scoring, "civicpulse_model_version") > 0
    assert started <= value(scoring, "civicpulse_model_trained_timestamp_seconds") <= now
    assert value(scoring, "civicpulse_model_retrain_period_seconds") >= 0
    assert value(scoring, "civicpulse_model_decisions_total", outcome="promoted") >= 1
    assert value(scoring, "civicpulse_training_duration_seconds_count") >= 1
    assert started <= value(scoring, "civicpulse_scores_last_run_timestamp_seconds") <= now
    assert value(scoring, "civicpulse_score_period_seconds") >= 0

    # Notifications: sent, acknowledged and how long it took, overdue, subscribers connected.
    assert value(notification, "civicpulse_notifications_sent_total") >= summary.notifications_received > 0
    assert value(notification, "civicpulse_notifications_acknowledged_total") == 1
    assert value(notification, "civicpulse_notification_acknowledge_seconds_count") == 1
    assert value(notification, "civicpulse_notifications_overdue") >= 0
    assert value(notification, "civicpulse_subscribers_connected") >= 1

    # No label carries an event id, an address or a token.
    sent = {e.partner_event_id for e in police} | {e.address for e in police if e.address} | {POLICE_TOKEN, DISPATCH_APP_TOKEN}
    label_values = {v for text in texts.values() for labels, _ in samples(text, "") for v in labels.values()}
    assert label_values and not (label_values & sent)
