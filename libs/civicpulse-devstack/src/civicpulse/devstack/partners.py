"""The demo's partner systems: real Houston files turned into events as each partner would send them."""

from __future__ import annotations

import csv
import gzip
import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2

T = TypeVar("T")
HOUSTON = ZoneInfo("America/Chicago")
MINUTE_MAID_PARK = events_pb2.GeoPoint(latitude=29.7573, longitude=-95.3555)
FIRST_PITCH = {"D": (13, 5), "N": (19, 5)}


def _timestamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


def _category(offense: str) -> str:
    return "_".join(offense.strip().lower().split())


def _location(lat: str, lon: str) -> events_pb2.GeoPoint | None:
    try:
        return events_pb2.GeoPoint(latitude=float(lat), longitude=float(lon))
    except ValueError:
        return None


def houston_police_events(path: Path, limit: int | None = None) -> Iterator[events_pb2.PartnerEvent]:
    """One incident report per row, in file order. The police system has no row id of its own:
    the id is a digest of the row, so an exact duplicate row is the same event sent twice."""
    with gzip.open(path, "rt", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in islice(reader, limit):
            digest = hashlib.sha256("\x1f".join(row).encode()).hexdigest()[:20]
            event = events_pb2.PartnerEvent(
                partner_event_id=f"hpd-{digest}",
                kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
                category=_category(row[col["offense"]]),
                occurred_at=_timestamp(datetime.fromisoformat(row[col["time_utc"]]).replace(tzinfo=UTC)),
                address=row[col["address"]],
                count=int(row[col["number"]] or 1),
                attributes={"premise": row[col["location"]], "beat": row[col["beat"]]},
            )
            location = _location(row[col["lat"]], row[col["lon"]])
            if location is not None:
                event.location.CopyFrom(location)
            yield event


def astros_home_games(path: Path) -> Iterator[events_pb2.PartnerEvent]:
    """The events office's schedule: each home game with its venue, start, end and attendance."""
    with open(path, newline="", encoding="utf-8") as handle:
        for game in csv.DictReader(handle):
            hour, minute = FIRST_PITCH.get(game["day_night"], FIRST_PITCH["N"])
            day = datetime.fromisoformat(game["date"])
            starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=HOUSTON).astimezone(UTC)
            ends = starts + timedelta(minutes=int(game["duration_min"]))
            yield events_pb2.PartnerEvent(
                partner_event_id=f"astros-{game['date']}-{game['game_num']}",
                kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
                category="sports_match",
                occurred_at=_timestamp(starts),
                starts_at=_timestamp(starts),
                ends_at=_timestamp(ends),
                expected_attendance=int(game["attendance"] or 0),
                location=MINUTE_MAID_PARK,
                attributes={"venue": "Minute Maid Park", "home_team": game["home"], "visitor": game["visitor"]},
            )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
