"""A mapping file says how a partner's file becomes events: which column feeds which field.

    kind: incident_report
    partner_event_id: {template: "hpd-{row_digest}"}    # {column}s, {row_digest}, {row_number}
    category: {column: offense, transform: slug}
    occurred_at: {column: time_utc, format: "%Y-%m-%d %H:%M:%S", timezone: UTC}
    location: {latitude: lat, longitude: lon}           # or {point: [29.7573, -95.3555]}
    count: {column: number, default: "1"}
    attributes: {premise: {column: location}}

A value that cannot be read (a time in another format, a coordinate that is not a number) leaves
its field unset, and an unreadable number is sent as -1, so that ingestion names it in its
answer: the file's problems are reported by the same reasons as any call's. Times: `format` is
a strptime format (ISO 8601 when absent), read in `timezone`; `time_of_day` adds an hour looked
up from another column (a game's day or night slot); `ends_at: {after: starts_at,
minutes_column: duration_min}` (or a fixed `minutes: 180`) counts elapsed minutes from the start.

Text fields (`partner_event_id`, `category`, `address`, `free_text`, `area`, `organiser_type`,
`count`, `expected_attendance`, the attributes, the parts of `contact: {name, phone, email}`)
are values: a `column`, a constant `value` or a `template`, with an optional `default`,
`transform`, `map` (with `otherwise`) and `prefix`. Moments (`occurred_at`, `starts_at`,
`ends_at`, `announced_at`, `issued_at`) are read as above; `occurred_at: starts_at` copies the
start. Beyond one column per field:

    derived: {team: {column: home, map: {CHN: cubs, CHA: whitesox}}}
        Values computed from the row, in order, and added to it under their names before anything
        else is read: a template can say {team}, a value `column: team` (a name the file already
        has is replaced). The row digest is still that of the file's own columns.
    skip: [{column: park_id, values: [TOK01]}]
        Rows left out: those where any rule's column (stripped) holds one of its values. They make
        no event; civicpulse-backfill counts them `skipped`.
    location: {column: park_id, points: {CHI11: [41.9484, -87.6553]}}
        The point named by a column's value; a value not listed leaves the location unset (ingestion
        then rejects the row, "location: required").
    starts_at: {..., stagger: {key: "{date}-{home}-{day_night}", minutes: 210}}
        Consecutive bookings of one slot (any moment may have it): a row whose key (a template) an
        earlier row already had is moved to `minutes` after that row's moment; the next one with
        the key counts from there. Elapsed time, as `ends_at: {after: ...}` counts it.

A stagger makes the mapping remember earlier rows, so a file is read in one pass in file order:
`Mapping.events` keeps that memory, and when asked to start after row n (a resumed load) still
runs the rows before it through the mapping, so that a resumed load gives the same events as a
whole one. `Mapping.event` reads a single row as the first of the file unless given the memory.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import yaml
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, model_validator

from civicpulse.events.v1 import events_pb2

# What a stagger remembers of the rows read so far: moment field -> key -> the latest moment with it.
Bookings = dict[str, dict[str, datetime]]
MOMENTS = ("starts_at", "ends_at", "occurred_at", "announced_at", "issued_at")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def later(moment: datetime, minutes: int) -> datetime:
    """`minutes` of elapsed time after `moment`, a clock change in between included (in UTC)."""
    return moment.astimezone(UTC) + timedelta(minutes=minutes)


class Value(Strict):
    """One text value: a column, a constant or a template over columns."""

    column: str | None = None
    value: str | None = None
    template: str | None = None
    default: str | None = None  # when the column is empty; a template, like `template`
    transform: Literal["slug", "lower", "strip"] | None = None
    map: dict[str, str] | None = None  # applied after the transform; values not listed pass unchanged...
    otherwise: str | None = None  # ...unless this is given
    prefix: str = ""
    omit_empty: bool = False  # attributes: leave out an empty value

    @model_validator(mode="after")
    def _one_source(self) -> Value:
        if sum(x is not None for x in (self.column, self.value, self.template)) != 1:
            raise ValueError("give one of column, value or template")
        return self

    def read(self, row: dict[str, str], digest: str, number: int = 0) -> str:
        if self.value is not None:
            text = self.value
        elif self.template is not None:
            text = self.template.format(row_digest=digest, row_number=number, **row)
        else:
            text = row.get(self.column, "")
        if not text.strip() and self.default is not None:
            text = self.default.format(row_digest=digest, row_number=number, **row)
        if self.transform == "slug":
            text = "_".join(text.strip().lower().split())
        elif self.transform == "lower":
            text = text.strip().lower()
        elif self.transform == "strip":
            text = text.strip()
        if self.map is not None:
            text = self.map.get(text, text if self.otherwise is None else self.otherwise)
        return self.prefix + text


class TimeOfDay(Strict):
    column: str
    values: dict[str, str]  # column value -> "HH:MM"


class Stagger(Strict):
    """Rows sharing `key` (a template over the row) are booked one after another, `minutes` apart."""

    key: str
    minutes: int

    def apply(self, row: dict[str, str], moment: datetime, booked: dict[str, datetime]) -> datetime:
        key = self.key.format(**row)
        if key in booked:
            moment = later(booked[key], self.minutes)
        booked[key] = moment
        return moment


class Moment(Strict):
    column: str
    format: str | None = None
    timezone: str = "UTC"
    time_of_day: TimeOfDay | None = None
    # Whole days later, on the local calendar: the midnight that ends a day is its date + 1 day.
    add_days: int = 0
    stagger: Stagger | None = None

    def read(self, row: dict[str, str], booked: dict[str, datetime] | None = None) -> datetime | None:
        """The row's moment; `booked`, this field's bookings so far, is what a stagger counts from."""
        text = row.get(self.column, "").strip()
        try:
            moment = datetime.strptime(text, self.format) if self.format else datetime.fromisoformat(text)
            if self.time_of_day is not None:
                hour, minute = map(int, self.time_of_day.values[row.get(self.time_of_day.column, "")].split(":"))
                moment = moment.replace(hour=hour, minute=minute)
        except (ValueError, KeyError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(self.timezone))
        moment += timedelta(days=self.add_days)  # wall-clock arithmetic: a local midnight stays one
        if self.stagger is not None:
            moment = self.stagger.apply(row, moment, {} if booked is None else booked)
        return moment


class Later(Strict):
    after: Literal["starts_at"]
    minutes_column: str | None = None
    minutes: int | None = None

    def read(self, row: dict[str, str], start: datetime | None) -> datetime | None:
        if start is None:
            return None
        try:
            minutes = int(row.get(self.minutes_column, "")) if self.minutes_column else self.minutes
        except ValueError:
            return None
        return later(start, minutes or 0)


class Place(Strict):
    """A point: from two columns, a constant, or looked up by a column's value."""

    latitude: str | None = None  # columns
    longitude: str | None = None
    point: tuple[float, float] | None = None
    column: str | None = None
    points: dict[str, tuple[float, float]] | None = None  # the column's value -> its point

    @model_validator(mode="after")
    def _one_source(self) -> Place:
        sources = [(self.latitude, self.longitude), (self.point, self.point), (self.column, self.points)]
        given = [pair for pair in sources if any(x is not None for x in pair)]
        if len(given) != 1 or None in given[0]:
            raise ValueError("give latitude and longitude, point, or column and points")
        return self

    def read(self, row: dict[str, str]) -> events_pb2.GeoPoint | None:
        if self.point is not None:
            return events_pb2.GeoPoint(latitude=self.point[0], longitude=self.point[1])
        if self.points is not None:
            point = self.points.get(row.get(self.column, "").strip())
            return None if point is None else events_pb2.GeoPoint(latitude=point[0], longitude=point[1])
        try:
            latitude, longitude = float(row.get(self.latitude, "")), float(row.get(self.longitude, ""))
        except ValueError:
            return None
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            return None
        return events_pb2.GeoPoint(latitude=latitude, longitude=longitude)


class Skip(Strict):
    """Rows left out: those whose `column` (stripped) holds one of `values`."""

    column: str
    values: list[str]

    def matches(self, row: dict[str, str]) -> bool:
        return row.get(self.column, "").strip() in self.values


class Contact(Strict):
    name: Value | None = None
    phone: Value | None = None
    email: Value | None = None


class Mapping(Strict):
    format: Literal["csv", "jsonl"] = "csv"
    kind: str
    derived: dict[str, Value] = {}
    skip: list[Skip] = []
    partner_event_id: Value
    category: Value
    occurred_at: Moment | Literal["starts_at"] | None = None
    starts_at: Moment | None = None
    ends_at: Moment | Later | None = None
    announced_at: Moment | None = None
    issued_at: Moment | None = None
    location: Place | None = None
    area: Value | None = None
    address: Value | None = None
    free_text: Value | None = None
    organiser_type: Value | None = None
    contact: Contact | None = None
    count: Value | None = None
    expected_attendance: Value | None = None
    attributes: dict[str, Value] = {}

    @model_validator(mode="after")
    def _kind(self) -> Mapping:
        if f"EVENT_KIND_{self.kind.upper()}" not in events_pb2.EventKind.keys():
            known = ", ".join(k.removeprefix("EVENT_KIND_").lower() for k in events_pb2.EventKind.keys()[1:])
            raise ValueError(f"kind {self.kind!r} is not one of {known}")
        if taken := sorted({"row_digest", "row_number"} & self.derived.keys()):
            raise ValueError(f"derived: {', '.join(taken)} is a template's own name")
        return self

    @classmethod
    def load(cls, path: Path) -> Mapping:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    @property
    def remembers_rows(self) -> bool:
        """Whether an event depends on the rows before it (a stagger)."""
        return any(isinstance(spec := getattr(self, name), Moment) and spec.stagger for name in MOMENTS)

    def events(self, rows: Iterable[dict[str, str]], after: int = 0) -> Iterator[tuple[int, events_pb2.PartnerEvent | None]]:
        """Each row's number (from 1) and event (None: a skip rule leaves it out), in file order,
        from row `after` + 1 on. The rows before it are still read when the mapping remembers rows."""
        booked: Bookings = {}
        replay = self.remembers_rows
        for number, row in enumerate(rows, 1):
            if number > after:
                yield number, self.event(row, number, booked)
            elif replay:
                self.event(row, number, booked)  # not sent again: only what later rows count from

    def event(self, row: dict[str, str], number: int = 0, booked: Bookings | None = None) -> events_pb2.PartnerEvent | None:
        """The event of a row, or None when a skip rule leaves it out; `number` (from 1) fills a
        template's {row_number}, `booked` is what the earlier rows booked (none: the row is the first)."""
        # Unit separator: cannot occur in the file's text, so distinct rows give distinct digests.
        digest = hashlib.sha256("\x1f".join(row.values()).encode()).hexdigest()[:20]
        row = dict(row)
        for name, spec in self.derived.items():
            row[name] = spec.read(row, digest, number)
        if any(rule.matches(row) for rule in self.skip):
            return None
        event = events_pb2.PartnerEvent(
            partner_event_id=self.partner_event_id.read(row, digest, number),
            kind=events_pb2.EventKind.Value(f"EVENT_KIND_{self.kind.upper()}"),
            category=self.category.read(row, digest, number),
        )
        for name in ("address", "free_text", "area", "organiser_type"):
            if (spec := getattr(self, name)) is not None:
                setattr(event, name, spec.read(row, digest, number))
        for name in ("count", "expected_attendance"):
            if (spec := getattr(self, name)) is not None:
                text = spec.read(row, digest, number).strip()
                try:
                    setattr(event, name, int(text))
                except ValueError:
                    setattr(event, name, -1)  # unreadable: ingestion answers "<field>: out_of_range"
        for name, spec in self.attributes.items():
            value = spec.read(row, digest, number)
            if value or not spec.omit_empty:
                event.attributes[name] = value
        if self.contact is not None:
            parts = {name: spec.read(row, digest, number) for name, spec in self.contact if spec is not None}
            if any(parts.values()):
                event.contact.CopyFrom(events_pb2.Contact(**parts))
        for name, moment in self._moments(row, {} if booked is None else booked).items():
            if moment is not None:
                stamp = Timestamp()
                stamp.FromDatetime(moment)
                getattr(event, name).CopyFrom(stamp)
        if self.location is not None and (point := self.location.read(row)) is not None:
            event.location.CopyFrom(point)
        return event

    def _moments(self, row: dict[str, str], booked: Bookings) -> dict[str, datetime | None]:
        moments: dict[str, datetime | None] = {}
        for name in MOMENTS:  # starts_at first: ends_at and occurred_at may count from it
            spec = getattr(self, name)
            if isinstance(spec, Moment):
                moments[name] = spec.read(row, booked.setdefault(name, {}))
            elif isinstance(spec, Later):
                moments[name] = spec.read(row, moments["starts_at"])
            else:
                moments[name] = moments["starts_at"] if spec == "starts_at" else None
        return moments


def open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", newline="", encoding="utf-8")
    return open(path, newline="", encoding="utf-8")


def rows(path: Path, file_format: str) -> Iterator[dict[str, str]]:
    """The file's rows as text columns, in file order."""
    with open_text(path) as handle:
        if file_format == "csv":
            yield from csv.DictReader(handle)
        else:
            for line in handle:
                if line.strip():
                    yield {key: "" if value is None else str(value) for key, value in json.loads(line).items()}
