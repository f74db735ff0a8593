"""The demo's partner systems: real Houston files turned into events as each partner would send them."""

from __future__ import annotations

import csv
import gzip
import hashlib
import math
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
    """A point only when both coordinates are real numbers; otherwise none, so ingestion rejects the event."""
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    return events_pb2.GeoPoint(latitude=latitude, longitude=longitude)


def _utc(text: str) -> datetime | None:
    """The file's `time_utc` (naive, UTC); None when unreadable, so ingestion rejects the event."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _count(text: str, line: int) -> int:
    text = text.strip()
    if not text:
        return 1
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"police file line {line}: `number` is not an integer: {text!r}") from None


def houston_police_events(path: Path, limit: int | None = None) -> Iterator[events_pb2.PartnerEvent]:
    """One incident report per row, in file order. The police system has no row id of its own:
    the id is a digest of the row, so an exact duplicate row is the same event sent twice."""
    with gzip.open(path, "rt", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in islice(reader, limit):
            # Unit separator: cannot occur in the CSV text, so distinct rows give distinct digests.
            digest = hashlib.sha256("\x1f".join(row).encode()).hexdigest()[:20]
            event = events_pb2.PartnerEvent(
                partner_event_id=f"hpd-{digest}",
                kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
                category=_category(row[col["offense"]]),
                address=row[col["address"]],
                count=_count(row[col["number"]], reader.line_num),
                attributes={"premise": row[col["location"]], "beat": row[col["beat"]]},
            )
            occurred = _utc(row[col["time_utc"]])
            if occurred is not None:
                event.occurred_at.CopyFrom(_timestamp(occurred))
            location = _location(row[col["lat"]], row[col["lon"]])
            if location is not None:
                event.location.CopyFrom(location)
            yield event


def astros_home_games(path: Path) -> Iterator[events_pb2.PartnerEvent]:
    """The events office's schedule: each home game with its venue, start, end and attendance."""
    with open(path, newline="", encoding="utf-8") as handle:
        for game in csv.DictReader(handle):
            if game["day_night"] not in FIRST_PITCH:
                raise ValueError(f"game {game['date']}-{game['game_num']}: day_night must be D or N, not {game['day_night']!r}")
            hour, minute = FIRST_PITCH[game["day_night"]]
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
    """Consecutive lists of `size` items (the last may be shorter), consuming `items` lazily; never an empty list."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
