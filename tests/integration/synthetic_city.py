"""A synthetic history the baselines cannot read but a model can: incidents at a venue on the
days of its (every third day) events, and steady background incidents in a dozen other cells.

The hour-of-week mean and the hotspot only see the venue's average; a model that reads the
scheduled events puts the venue on top on event days and leaves it out on the others.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import h3

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Outgoing
from factories import events_message, incident_message, pseudonymised_event

DAYS = 60
HISTORY_END = datetime(2010, 5, 3, 5, tzinfo=UTC)  # a local midnight in Houston
VENUE_INCIDENTS = 8


def match(key: str, cell: str, starts_at: datetime) -> Outgoing:
    """A sports match for 30,000 in `cell`, alone in an EVENTS message."""
    event = pseudonymised_event(
        key,
        partner="houston-events-office",
        kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
        category="sports_match",
        occurred_at=None,
        count=None,
        cell=cell,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        expected_attendance=30_000,
        received_at=starts_at,
    )
    return events_message(event, msg_id=key)


def history(city, end: datetime, seed: int = 7, with_events: bool = True, days: int = DAYS) -> tuple[list[Outgoing], str]:
    """Messages for the EVENTS stream over the `days` before `end` (a local midnight), and the venue cell."""
    rng = random.Random(seed)
    venue = city.cell_of(29.7573, -95.3555)
    far = [c for c in sorted(city.cells) if h3.grid_distance(c, venue) > 6]
    background = rng.sample(far, 12)
    messages: list[Outgoing] = []
    for day in range(days):
        midnight = end - timedelta(days=days - day)
        for rank, cell in enumerate(background):
            rate = 1.0 + rank / 6  # 1 to about 3 a day, steady: the baselines rank these right
            for k in range(_poisson(rng, rate)):
                at = midnight + timedelta(minutes=rng.randrange(1440))
                messages.append(incident_message(f"bg-{day}-{rank}-{k}", cell=cell, occurred_at=at))
        if with_events and day % 3 == 0:
            kickoff = midnight + timedelta(hours=14)
            messages.append(match(f"match-{day}", venue, kickoff))
            for k in range(VENUE_INCIDENTS):
                at = kickoff + timedelta(minutes=rng.randrange(180))
                messages.append(incident_message(f"venue-{day}-{k}", cell=venue, occurred_at=at))
    return messages, venue


def _poisson(rng: random.Random, rate: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < rate:
        count += 1
        total += rng.expovariate(1.0)
    return count
