"""Replaying partner files through the real ingestion service, as the demo does."""

from itertools import islice

import pytest

from civicpulse.devstack.partners import astros_home_games, houston_police_events
from civicpulse.devstack.replay import replay
from support import REPO_ROOT

pytestmark = pytest.mark.integration
DATA = REPO_ROOT / "datasets" / "houston"


async def test_replay_tallies_every_answer(ingestion_app):
    target = f"127.0.0.1:{ingestion_app.grpc.port}"
    events = list(houston_police_events(DATA / "houston_crime_2010_ggmap.csv.gz", limit=40))
    events.append(events[0])  # the partner sends one event twice
    events[5].ClearField("location")
    tally = await replay(target, "demo-houston-police-token", events, batch_size=7, concurrency=3)
    # One of the first 40 rows lies outside the city: refused at the door.
    expected = {"location: required": 1, "location: outside_city": 1}
    assert (tally.sent, tally.duplicate, dict(tally.rejected)) == (41, 1, expected)
    assert tally.accepted == 38
    games = await replay(
        target, "demo-houston-events-office-token", islice(astros_home_games(DATA / "astros_home_games_2010_retrosheet.csv"), 5)
    )
    assert (games.sent, games.accepted) == (5, 5)


async def test_a_refused_call_raises_instead_of_miscounting(ingestion_app):
    events = houston_police_events(DATA / "houston_crime_2010_ggmap.csv.gz", limit=3)
    with pytest.raises(RuntimeError, match="UNAUTHENTICATED"):
        await replay(f"127.0.0.1:{ingestion_app.grpc.port}", "not-a-token", events)
