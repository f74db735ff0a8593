"""The whole stack as processes, on a slice of the real Houston data: every event accounted for,
a model trained and evaluated, every cell scored, notifications streamed to a police application."""

from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest

from civicpulse.devstack.profiles import SHORT_HELD_OUT, profile_variant
from civicpulse.devstack.stack import LocalStack
from civicpulse.lab.scenario import EVENTS_OFFICE, EVENTS_OFFICE_TOKEN, POLICE, POLICE_TOKEN, run_scenario
from civicpulse.lab.sources import city_sources
from civicpulse.messaging import topology

pytestmark = pytest.mark.e2e
# January to mid-April 2010: enough history to train, validate and judge a model on held-out days.
SLICE = 45_000


async def test_replay_train_score_notify(tmp_path, city):
    houston = city_sources("houston")
    police = list(houston.source(POLICE).events(SLICE))
    last = max(e.occurred_at.ToDatetime() for e in police)
    issue_time = datetime(last.year, last.month, last.day, tzinfo=ZoneInfo("America/Chicago"))
    games = list(houston.source(EVENTS_OFFICE).events(10))
    # Shorter held-out periods fit the slice's two months; the code path is the demo's.
    stack = LocalStack(
        tmp_path / "stack",
        city_profile=profile_variant(LocalStack.city_profile, tmp_path, SHORT_HELD_OUT),
        overrides={"scoring": {"TRAINING_STEP_HOURS": "24"}},
    )
    async with stack:
        summary = await run_scenario(
            stack, [(POLICE_TOKEN, police), (EVENTS_OFFICE_TOKEN, games)], issue_time, min_risk_level=2, settle_timeout=120
        )
        async with await psycopg.AsyncConnection.connect(stack.database_url) as conn:
            cur = await conn.execute("SELECT count(DISTINCT cell), count(*) FROM scoring.risk_scores")
            distinct_cells, score_rows = await cur.fetchone()
            cur = await conn.execute("SELECT count(DISTINCT cell), count(*) FROM scoring.daily_scores")
            daily_cells, daily_rows = await cur.fetchone()
            cur = await conn.execute("SELECT count(*) FROM scoring.cell_forecasts WHERE risk_level >= 2 AND factors = '[]'")
            unexplained = (await cur.fetchone())[0]
        logs = {name: p.log_tail(2000) for name, p in stack.processes.items()}

    assert summary.events_sent == SLICE + len(games)
    assert summary.events_accounted, summary
    assert summary.events_stored + summary.events_duplicate + sum(summary.events_rejected.values()) == summary.events_sent
    assert (summary.events_lost, summary.events_doubled) == (0, 0)
    assert summary.events_stored + summary.events_dead_lettered == summary.events_accepted
    # The slice holds rows without coordinates, rows outside the city and exact duplicates.
    assert summary.events_rejected.get("ingestion: location: required", 0) > 0
    assert summary.events_rejected.get("ingestion: location: outside_city", 0) > 0
    assert summary.events_duplicate > 0
    assert summary.model_version and summary.training_rows > 0
    assert summary.model_status == "active", summary.gate_reason
    assert summary.model_ratios["day1"]["ratio"] > 1.0 and summary.model_ratios["day1"]["best_baseline_name"]
    # Every cell of the study area (cells with history and their neighbours), hourly for 72 h and daily for 30 days.
    assert 1000 < summary.cells_scored == distinct_cells == daily_cells < len(city.cells)
    assert score_rows == summary.scores_stored == summary.cells_scored * 72
    assert daily_rows == summary.daily_scores_stored == summary.cells_scored * 30
    assert summary.zones_published == len(city.zones)
    assert unexplained == 0
    assert summary.notifications_received == summary.notifications_audited > 0
    # Personal data never reached a service log downstream of pseudonymisation.
    sample_address = next(e.address for e in police if e.address)
    downstream = [bus.service for bus in topology.BUS if topology.RAW not in bus.streams]
    assert len(downstream) == 3
    for name in downstream:
        assert sample_address not in logs[name]
