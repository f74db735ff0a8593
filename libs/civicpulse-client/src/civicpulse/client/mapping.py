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
minutes_column: duration_min}` counts from the start.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import yaml
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, model_validator

from civicpulse.events.v1 import events_pb2


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Moment(Strict):
    column: str
    format: str | None = None
    timezone: str = "UTC"
    time_of_day: TimeOfDay | None = None
    # Whole days later, on the local calendar: the midnight that ends a day is its date + 1 day.
    add_days: int = 0

    def read(self, row: dict[str, str]) -> datetime | None:
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
        return moment + timedelta(days=self.add_days)  # wall-clock arithmetic: a local midnight stays one


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
        return start + timedelta(minutes=minutes or 0)


class Place(Strict):
    latitude: str | None = None  # columns
    longitude: str | None = None
    point: tuple[float, float] | None = None

    def read(self, row: dict[str, str]) -> events_pb2.GeoPoint | None:
        if self.point is not None:
            return events_pb2.GeoPoint(latitude=self.point[0], longitude=self.point[1])
        try:
            latitude, longitude = float(row.get(self.latitude, "")), float(row.get(self.longitude, ""))
        except ValueError:
            return None
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            return None
        return events_pb2.GeoPoint(latitude=latitude, longitude=longitude)


class Mapping(Strict):
    format: Literal["csv", "jsonl"] = "csv"
    kind: str
    partner_event_id: Value
    category: Value
    occurred_at: Moment | Literal["starts_at"] | None = None
    starts_at: Moment | None = None
    ends_at: Moment | Later | None = None
    location: Place | None = None
    address: Value | None = None
    free_text: Value | None = None
    count: Value | None = None
    expected_attendance: Value | None = None
    attributes: dict[str, Value] = {}

    @model_validator(mode="after")
    def _kind(self) -> Mapping:
        if f"EVENT_KIND_{self.kind.upper()}" not in events_pb2.EventKind.keys():
            known = ", ".join(k.removeprefix("EVENT_KIND_").lower() for k in events_pb2.EventKind.keys()[1:])
            raise ValueError(f"kind {self.kind!r} is not one of {known}")
        return self

    @classmethod
    def load(cls, path: Path) -> Mapping:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    def event(self, row: dict[str, str], number: int = 0) -> events_pb2.PartnerEvent:
        """The event of a row; `number` (from 1) fills a template's {row_number}."""
        # Unit separator: cannot occur in the file's text, so distinct rows give distinct digests.
        digest = hashlib.sha256("\x1f".join(row.values()).encode()).hexdigest()[:20]
        event = events_pb2.PartnerEvent(
            partner_event_id=self.partner_event_id.read(row, digest, number),
            kind=events_pb2.EventKind.Value(f"EVENT_KIND_{self.kind.upper()}"),
            category=self.category.read(row, digest, number),
        )
        for name in ("address", "free_text"):
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
        starts = self.starts_at.read(row) if self.starts_at else None
        moments = {"starts_at": starts, "ends_at": self._end(row, starts)}
        moments["occurred_at"] = (
            starts if self.occurred_at == "starts_at" else (self.occurred_at.read(row) if self.occurred_at else None)
        )
        for name, moment in moments.items():
            if moment is not None:
                stamp = Timestamp()
                stamp.FromDatetime(moment)
                getattr(event, name).CopyFrom(stamp)
        if self.location is not None and (point := self.location.read(row)) is not None:
            event.location.CopyFrom(point)
        return event

    def _end(self, row: dict[str, str], starts: datetime | None) -> datetime | None:
        if isinstance(self.ends_at, Later):
            return self.ends_at.read(row, starts)
        return self.ends_at.read(row) if self.ends_at else None


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
