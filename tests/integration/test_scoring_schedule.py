"""Scoring on the clock: with SCHEDULE_MINUTES set, the service trains when it has no model,
scores every cell, publishes every zone's update, does it once whatever the number of
replicas, and stops promptly between runs."""

import asyncio
import logging
import random
from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Outgoing, Publisher
from feature_store.app import FeatureStoreApp
from feature_store.settings import FeatureStoreSettings
from scoring.app import ScoringApp
from scoring.settings import ScoringSettings
from support import CONFIG, eventually, scalar

pytestmark = pytest.mark.integration
NOW = datetime(2010, 5, 3, 12, tzinfo=UTC)
HORIZON = 6


def incident(number: int, cell: str, occurred_at: datetime) -> Outgoing:
    at = Timestamp()
    at.FromDatetime(occurred_at)
    event = events_pb2.PseudonymisedEvent(
        event_key=f"{number:032x}",
        partner="houston-police",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        occurred_at=at,
        cell=cell,
        count=1,
        received_at=at,
    )
    return Outgoing("events.v1.incident_report.theft", event.SerializeToString(), event.event_key)


@pytest.fixture
async def scoring_settings(nats_url, js, database_url, city):
    """A feature store holding five days of incidents in a dozen cells, and scoring settings for it."""
    common = dict(grpc_host="127.0.0.1", grpc_port=0, nats_url=nats_url, city_profile=CONFIG / "cities" / "houston.yaml")
    store = FeatureStoreApp(FeatureStoreSettings(**common, database_url=database_url))
    await store.start()
    rng = random.Random(7)
    busy = sorted(city.cells)[:12]
    history = [incident(i, rng.choice(busy), NOW - timedelta(minutes=rng.randrange(1, 5 * 24 * 60))) for i in range(400)]
    await Publisher(js).publish_batch(history)
    assert await eventually(lambda: _equals(database_url, "SELECT count(*) FROM features.events", len(history)), timeout=60)
    yield ScoringSettings(
        **common,
        database_url=database_url,
        feature_store_address=f"127.0.0.1:{store.grpc.port}",
        horizon_hours=HORIZON,
        training_days=3,
        training_step_hours=12,
        boost_rounds=10,
        schedule_minutes=60,
    )
    await store.stop()


async def test_scheduled_scoring_trains_when_it_has_no_model_then_scores_and_publishes_once(
    scoring_settings, js, database_url, city, caplog
):
    # Two replicas on the clock: the work is done once.
    replicas = [ScoringApp(scoring_settings, clock=lambda: NOW) for _ in range(2)]
    caplog.set_level(logging.INFO, logger="scoring.forecaster")
    try:
        for replica in replicas:
            await replica.start()
        expected_scores = len(city.cells) * HORIZON
        assert await eventually(
            lambda: _equals(database_url, "SELECT count(*) FROM scoring.risk_scores", expected_scores), timeout=60
        )
        assert await scalar(database_url, "SELECT count(*) FROM scoring.models") == 1
        assert await scalar(database_url, "SELECT min(issue_time) FROM scoring.risk_scores") == NOW
        assert await eventually(lambda: _scores_published(js, len(city.zones)), timeout=60)
        assert await eventually(lambda: _runs_logged(caplog, 2), timeout=60)
    finally:
        # Between runs the schedule waits on an event, not a sleep: stopping does not wait out the hour.
        for replica in replicas:
            await asyncio.wait_for(replica.stop(), timeout=60)
    outcomes = sorted(run.split(":")[0].split(" ")[0] for run in scheduled_runs(caplog))
    assert outcomes == ["skipped", "trained"], scheduled_runs(caplog)


async def test_the_schedule_retrains_once_the_model_is_old(scoring_settings, database_url):
    clock = [NOW]
    settings = scoring_settings.model_copy(update={"schedule_minutes": 0, "retrain_hours": 24})
    app = ScoringApp(settings, clock=lambda: clock[0])
    await app.start()
    try:
        first = await app.forecaster.scheduled_run()
        assert first.startswith("trained ") and "; scored 3801 cells" in first
        assert (await app.forecaster.scheduled_run()).startswith("skipped: 2010-05-03 12:00 is already scored")
        clock[0] = NOW + timedelta(hours=23)
        assert (await app.forecaster.scheduled_run()).startswith("scored ")  # the same model, a new hour
        clock[0] = NOW + timedelta(hours=24)
        last = await app.forecaster.scheduled_run()
        assert last.startswith("trained ") and last.split()[1] != first.split()[1]
    finally:
        await app.stop()
    assert await scalar(database_url, "SELECT count(*) FROM scoring.models") == 2
    assert await scalar(database_url, "SELECT count(DISTINCT issue_time) FROM scoring.cell_forecasts") == 3


def scheduled_runs(caplog) -> list[str]:
    return [r.args[0] for r in caplog.records if r.name == "scoring.forecaster" and r.msg == "scheduled run: %s"]


async def _runs_logged(caplog, n: int) -> bool:
    return len(scheduled_runs(caplog)) >= n


async def _equals(url: str, sql: str, expected: int) -> bool:
    return await scalar(url, sql) == expected


async def _scores_published(js, zones: int) -> bool:
    return (await js.stream_info("SCORES")).state.messages == zones
