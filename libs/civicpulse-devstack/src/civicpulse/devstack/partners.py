"""The demo's partner systems: real Houston and Chicago files turned into events as each partner would send them."""

from __future__ import annotations

import csv
import gzip
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
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

# Chicago: config/cities/chicago.yaml and config/partners-chicago.yaml.
# Demo-only tokens, as devstack/callers.py gives every caller of the local stack.
CHICAGO_311_TOKEN = "demo-chicago-311-token"
CHICAGO_WEATHER_TOKEN = "demo-chicago-weather-token"
CHICAGO_EVENTS_OFFICE_TOKEN = "demo-chicago-events-office-token"
CHICAGO = ZoneInfo("America/Chicago")
CHICAGO_CENTRE = events_pb2.GeoPoint(latitude=41.8781, longitude=-87.6298)
# Retrosheet park id -> (venue, location). Home teams: CHN the Cubs, CHA the White Sox.
CHICAGO_PARKS = {
    "CHI11": ("Wrigley Field", events_pb2.GeoPoint(latitude=41.9484, longitude=-87.6553)),
    "CHI12": ("U.S. Cellular Field", events_pb2.GeoPoint(latitude=41.8299, longitude=-87.6338)),
}
# Home games the teams played away from Chicago: not the city's events, left out on purpose.
PARKS_AWAY_FROM_CHICAGO = {"TOK01": "Tokyo Dome (the Cubs' 2000-03-30 opener against the Mets)"}
CHICAGO_TEAMS = {"CHN": "cubs", "CHA": "whitesox"}
# Typical first pitch in Chicago (not in the file); the schedule books a 3-hour slot per game.
CHICAGO_FIRST_PITCH = {"D": (13, 20), "N": (19, 10)}
GAME_SLOT = timedelta(hours=3)
# Between the two games of a doubleheader played in the same day or night slot.
DOUBLEHEADER_BREAK = timedelta(minutes=30)


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


def _chicago_midnight(day: date) -> datetime:
    """Midnight starting `day` in Chicago, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=CHICAGO).astimezone(UTC)


def _chicago_date(text: str) -> datetime | None:
    """Midnight starting the Chicago date `text` (YYYY-MM-DD), in UTC; None when unreadable."""
    try:
        return _chicago_midnight(date.fromisoformat(text.strip()))
    except ValueError:
        return None


def chicago_311_requests(path: Path, limit: int | None = None) -> Iterator[events_pb2.PartnerEvent]:
    """One citizen request per row of the 311 export, in file order; nothing is skipped.

    - The file has the request's date only, no time of day: `occurred_at` is local midnight
      starting `Creation_Date` (America/Chicago), in UTC. An unreadable date leaves it unset, so
      ingestion rejects the event. Stray dates (2000, 2010, 2015-01-01) are sent as they are.
    - `partner_event_id` is `chi311-` + `Service_Request_Number`. A number repeated on several rows
      (the same request exported again with another completion date) is the same event sent again,
      which ingestion counts as a duplicate. A row without a number gets a digest of the row.
    - A status ending in "- Dup" means the city closed the request as a duplicate of another one.
      It is still a resident's call, so it is sent as its own event, marked `duplicate: "true"`
      (the agreement keeps that attribute): the store can count or drop them, nothing is lost here.
    - A row without coordinates gets no location, so ingestion rejects it (`location: required`).
    """
    with gzip.open(path, "rt", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in islice(reader, limit):
            number = row[col["Service_Request_Number"]].strip()
            if not number:
                number = "row-" + hashlib.sha256("\x1f".join(row).encode()).hexdigest()[:20]
            attributes = {"duplicate": "true" if row[col["Status"]].strip().endswith("- Dup") else "false"}
            nature = row[col["What_is_the_Nature_of_this_Code_Violation"]].strip()
            if nature:
                attributes["nature"] = nature
            event = events_pb2.PartnerEvent(
                partner_event_id=f"chi311-{number}",
                kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
                category=_category(row[col["Type_of_Service_Request"]]),
                address=row[col["Street_Address"]],
                count=1,
                attributes=attributes,
            )
            occurred = _chicago_date(row[col["Creation_Date"]])
            if occurred is not None:
                event.occurred_at.CopyFrom(_timestamp(occurred))
            location = _location(row[col["Latitude"]], row[col["Longitude"]])
            if location is not None:
                event.location.CopyFrom(location)
            yield event


def chicago_daily_weather(path: Path) -> Iterator[events_pb2.PartnerEvent]:
    """One city-wide `daily` weather observation per row, located at the city centre.

    The values summarise a whole local day (the maximum temperature is known only once the day
    is over), so `occurred_at` is the midnight that ends the day, in UTC: a feature built from
    events before an issue time never sees a day's weather before the day is complete. The day
    described is in the `date` attribute. Values are passed on as the file writes them.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        for day in csv.DictReader(handle):
            ends = _chicago_midnight(date.fromisoformat(day["date"]) + timedelta(days=1))
            yield events_pb2.PartnerEvent(
                partner_event_id=f"chicago-weather-{day['date']}",
                kind=events_pb2.EVENT_KIND_WEATHER_OBSERVATION,
                category="daily",
                occurred_at=_timestamp(ends),
                location=CHICAGO_CENTRE,
                count=1,
                attributes={
                    "date": day["date"],
                    "temperature_max_f": day["temperatureMax"],
                    "precipitation_intensity": day["precipIntensity"],
                    "wind_speed": day["windSpeed"],
                    "humidity": day["humidity"],
                },
            )


def chicago_home_games(path: Path) -> Iterator[events_pb2.PartnerEvent]:
    """The events office's schedule of Cubs and White Sox home games, in file order.

    Start times are not in the file: a day game starts at 13:20 and a night game at 19:10
    America/Chicago; the second game of a doubleheader played in the same slot as the first starts
    30 minutes after the first one's 3-hour slot. Every game is booked for 3 hours.
    `expected_attendance` is the file's attendance (0 on the first game of some doubleheaders,
    where the file gives one attendance for both). Games played away from Chicago (the 2000
    opener in Tokyo) are left out; an unknown park stops the replay.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        games = list(csv.DictReader(handle))
    # (date, home team) -> (day_night, start) of the games already scheduled that day.
    booked: dict[tuple[str, str], list[tuple[str, datetime]]] = defaultdict(list)
    for game in games:
        park = game["park_id"]
        if park in PARKS_AWAY_FROM_CHICAGO:
            continue
        where = f"game {game['date']}-{game['game_num']} of {game['home']}"
        if park not in CHICAGO_PARKS:
            raise ValueError(f"{where}: unknown park {park!r}")
        if game["home"] not in CHICAGO_TEAMS:
            raise ValueError(f"{where}: unknown home team")
        if game["day_night"] not in CHICAGO_FIRST_PITCH:
            raise ValueError(f"{where}: day_night must be D or N, not {game['day_night']!r}")
        hour, minute = CHICAGO_FIRST_PITCH[game["day_night"]]
        day = date.fromisoformat(game["date"])
        starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHICAGO).astimezone(UTC)
        same_slot = [s for slot, s in booked[(game["date"], game["home"])] if slot == game["day_night"]]
        if same_slot:
            starts = max(same_slot) + GAME_SLOT + DOUBLEHEADER_BREAK
        booked[(game["date"], game["home"])].append((game["day_night"], starts))
        venue, location = CHICAGO_PARKS[park]
        yield events_pb2.PartnerEvent(
            partner_event_id=f"{CHICAGO_TEAMS[game['home']]}-{game['date']}-{game['game_num']}",
            kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
            category="sports_match",
            occurred_at=_timestamp(starts),
            starts_at=_timestamp(starts),
            ends_at=_timestamp(starts + GAME_SLOT),
            expected_attendance=int(game["attendance"] or 0),
            location=location,
            attributes={"venue": venue, "home_team": game["home"], "visitor": game["visitor"]},
        )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), consuming `items` lazily; never an empty list."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
