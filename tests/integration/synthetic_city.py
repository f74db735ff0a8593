"""A synthetic history the baselines cannot read but a model can: incidents at a venue on the
days of its (every third day) events, and steady background incidents in a dozen other cells.

The hour-of-week mean and the hotspot only see the venue's average; a model that reads the
scheduled events puts the venue on top on event days and leaves it out on the others.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import h3
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Outgoing

DAYS = 60
VENUE_INCIDENTS = 8


def _ts(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def incident(key: str, cell: str, occurred_at: datetime) -> Outgoing:
    event = events_pb2.PseudonymisedEvent(
        event_key=key,
        partner="houston-police",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        occurred_at=_ts(occurred_at),
        cell=cell,
        count=1,
        received_at=_ts(occurred_at),
    )
    return _one("events.v1.incident_report.theft", event)


def match(key: str, cell: str, starts_at: datetime) -> Outgoing:
    event = events_pb2.PseudonymisedEvent(
        event_key=key,
        partner="houston-events-office",
        kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
        category="sports_match",
        cell=cell,
        starts_at=_ts(starts_at),
        ends_at=_ts(starts_at + timedelta(hours=3)),
        expected_attendance=30_000,
        received_at=_ts(starts_at),
    )
    return _one("events.v1.scheduled_event.sports_match", event)


def _one(subject: str, event: events_pb2.PseudonymisedEvent) -> Outgoing:
    """An EVENTS message carrying one event (pseudonymisation sends several; one is simplest here)."""
    return Outgoing(subject, events_pb2.PseudonymisedEventBatch(events=[event]).SerializeToString(), event.event_key)


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
                messages.append(incident(f"bg-{day}-{rank}-{k}", cell, midnight + timedelta(minutes=rng.randrange(1440))))
        if with_events and day % 3 == 0:
            kickoff = midnight + timedelta(hours=14)
            messages.append(match(f"match-{day}", venue, kickoff))
            for k in range(VENUE_INCIDENTS):
                messages.append(incident(f"venue-{day}-{k}", venue, kickoff + timedelta(minutes=rng.randrange(180))))
    return messages, venue


def _poisson(rng: random.Random, rate: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < rate:
        count += 1
        total += rng.expovariate(1.0)
    return count
