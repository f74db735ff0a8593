"""Scoring on the clock: with SCHEDULE_MINUTES set, the service trains when it has no model,
scores every cell, publishes every zone's update, does it once whatever the number of
replicas, and stops promptly between runs."""

import asyncio
import logging
from datetime import timedelta

import pytest
from synthetic_city import HISTORY_END

from scoring.app import ScoringApp
from support import eventually, scalar

pytestmark = pytest.mark.integration
NOW = HISTORY_END  # local midnight in Houston


@pytest.fixture
async def scoring_settings(feature_store_with_history):
    """A feature store holding 60 days of synthetic history, and scoring settings for it."""
    return await feature_store_with_history()


async def study_area_cells(database_url) -> int:
    return await scalar(database_url, "SELECT count(DISTINCT cell) FROM scoring.daily_scores")


async def test_scheduled_scoring_trains_when_it_has_no_model_then_scores_and_publishes_once(
    scoring_settings, js, database_url, city, caplog
):
    # Two replicas on the clock: the work is done once.
    replicas = [ScoringApp(scoring_settings, clock=lambda: NOW) for _ in range(2)]
    caplog.set_level(logging.INFO, logger="civicpulse.runtime.app")
    try:
        for replica in replicas:
            await replica.start()
        assert await eventually(lambda: _scores_published(js, len(city.zones)), timeout=120)
        cells = await study_area_cells(database_url)
        assert cells > 12
        assert await scalar(database_url, "SELECT count(*) FROM scoring.risk_scores") == cells * 72
        assert await scalar(database_url, "SELECT count(*) FROM scoring.daily_scores") == cells * 30
        assert await scalar(database_url, "SELECT count(*) FROM scoring.models WHERE status = 'active'") == 1
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
        assert first.startswith("trained ") and "(active); scored " in first, first
        assert (await app.forecaster.scheduled_run()).startswith("skipped: 2010-05-03 05:00 is already scored")
        clock[0] = NOW + timedelta(hours=23)
        assert (await app.forecaster.scheduled_run()).startswith("scored ")  # the same model, a new hour
        clock[0] = NOW + timedelta(hours=24)
        last = await app.forecaster.scheduled_run()
        assert last.startswith("trained ") and last.split()[1] != first.split()[1]
    finally:
        await app.stop()
    assert await scalar(database_url, "SELECT count(*) FROM scoring.models") == 2
    assert await scalar(database_url, "SELECT count(*) FROM scoring.models WHERE status = 'active'") == 1
    assert await scalar(database_url, "SELECT count(DISTINCT issue_time) FROM scoring.cell_forecasts") == 3


def scheduled_runs(caplog) -> list[str]:
    return [r.args[1] for r in caplog.records if r.msg == "%s: %s" and r.args[0] == "scheduled run"]


async def _runs_logged(caplog, n: int) -> bool:
    return len(scheduled_runs(caplog)) >= n


async def _scores_published(js, zones: int) -> bool:
    return (await js.stream_info("SCORES")).state.messages == zones
