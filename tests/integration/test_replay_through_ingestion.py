"""Replaying partner files through the real ingestion service, as the demo does."""

import pytest

from civicpulse.lab.replay import replay
from civicpulse.lab.sources import city_sources

pytestmark = pytest.mark.integration
HOUSTON = city_sources("houston")


async def test_replay_tallies_every_answer(ingestion_app):
    target = f"127.0.0.1:{ingestion_app.grpc.port}"
    events = list(HOUSTON.source("houston-police").events(40))
    events.append(events[0])  # the partner sends one event twice
    events[5].ClearField("location")
    tally = await replay(target, "demo-houston-police-token", events, batch_size=7, concurrency=3)
    # One of the first 40 rows lies outside the city: refused at the door.
    expected = {"location: required": 1, "location: outside_city": 1}
    assert (tally.sent, tally.duplicate, dict(tally.rejected)) == (41, 1, expected)
    assert tally.accepted == 38
    games = await replay(target, "demo-houston-events-office-token", HOUSTON.source("houston-events-office").events(5))
    assert (games.sent, games.accepted) == (5, 5)


async def test_a_refused_call_raises_instead_of_miscounting(ingestion_app):
    events = HOUSTON.source("houston-police").events(3)
    with pytest.raises(RuntimeError, match="UNAUTHENTICATED"):
        await replay(f"127.0.0.1:{ingestion_app.grpc.port}", "not-a-token", events)
