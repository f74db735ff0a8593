"""A mapping file says how a partner's file becomes events; its format, every option with an
example, is docs/mappings.md. This module reads it (`Mapping.load`) and applies it to rows.

For a maintainer:

- The models mirror the YAML: `Mapping` holds the shared fields (`EventFields`), `kinds` the rules
  of a file of several kinds (`KindRule`: a `when` and the fields that differ). At load each kind
  is resolved into one `EventSpec` (shared fields, overridden by the kind's, each moment given the
  mapping's `daylight_saving` unless it has its own), so that reading a row looks nothing up.
  `Mapping.plan` holds them, computed once when the mapping is validated: a `model_copy(update=...)`
  would keep the original's plan, so make a changed mapping with `model_validate`.
- A row goes through `Mapping.map_row`: derived values, keep rules, skip rules, the first kind
  whose `when` holds, then the kind's fields. It answers a `MappedRow`: the event or the name of
  the rule that left the row out, and what the clock changes made of its times. `Mapping.read`
  maps a file's rows in order; `MappingTally` counts what it answered (rows, events by kind,
  skipped by rule, daylight-saving cases by field and resolution); `Mapping.events` and
  `Mapping.event` are the older, plainer readers built on it.
- A stagger makes the mapping remember earlier rows (`Bookings`), so a file is read in one pass
  in file order: asked to start after row n (a resumed load), `read` still maps the rows before
  it, without answering them, so that a resumed load gives the same events as a whole one.
- A value that cannot be read leaves its field unset (an unreadable number is sent as -1), so that
  ingestion names it in its answer, by the same reasons as any call's: the mapping never guesses.
- Local wall-clock times are made instants in `localize`: a time the clocks skipped is found by
  round-tripping through UTC, an ambiguous one by its two folds (PEP 495) having two offsets.
"""

from __future__ import annotations

import codecs
import csv
import functools
import gzip
import hashlib
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pyproj import Transformer
from pyproj.exceptions import CRSError

from civicpulse.events.v1 import events_pb2

# What a stagger remembers of the rows read so far: moment field -> key -> the latest moment with it.
Bookings = dict[str, dict[str, datetime]]
MOMENTS = ("starts_at", "ends_at", "occurred_at", "announced_at", "issued_at")  # starts_at first: others count from it
TEXTS = ("address", "free_text", "area", "organiser_type")
NUMBERS = ("count", "expected_attendance")
NO_KIND = "no_kind"  # the reason of a row that no kind's rule takes
TEMPLATE_NAMES = {"row_digest", "row_number"}
EPSG = re.compile(r"EPSG:\d+")
KNOWN_KINDS = [k.removeprefix("EVENT_KIND_").lower() for k in events_pb2.EventKind.keys()[1:]]


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


# --- times --------------------------------------------------------------------------------------


class DaylightSaving(Strict):
    """What a local wall-clock time that a clock change makes odd becomes. The defaults are what a
    zone-aware clock does (PEP 495's fold 0), so a mapping that says nothing reads as it always did."""

    # A time the clocks skipped (02:30 when they jump from 02:00 to 03:00): moved forward by the
    # gap (03:30), back by it (01:30), or left unset.
    nonexistent: Literal["shift_forward", "shift_backward", "reject"] = "shift_forward"
    # A time the clocks showed twice (02:30 when they fall back from 03:00 to 02:00): the first
    # (summer time), the second, or left unset.
    ambiguous: Literal["earlier", "later", "reject"] = "earlier"


class DaylightSavingCase(NamedTuple):
    """A time a clock change made odd, as counted: which field, which case, how it was resolved."""

    field: str
    case: Literal["nonexistent", "ambiguous"]
    resolution: str

    def __str__(self) -> str:
        return f"{self.field}: {self.case} -> {self.resolution}"


def localize(wall: datetime, zone: ZoneInfo, rule: DaylightSaving) -> tuple[datetime | None, str | None, str | None]:
    """The instant of a local wall-clock time in `zone` (None: rejected), with the case it was
    ("nonexistent", "ambiguous" or None) and the resolution applied."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, None, None
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:  # no clock showed it
        case, resolution = "nonexistent", rule.nonexistent
        # Fold 0 keeps the offset from before the jump: 02:30 +01:00 is 03:30 +02:00.
        chosen = {"shift_forward": first, "shift_backward": second}.get(resolution)
    else:
        case, resolution = "ambiguous", rule.ambiguous
        chosen = {"earlier": first, "later": second}.get(resolution)
    return (None if chosen is None else chosen.astimezone(UTC).astimezone(zone)), case, resolution  # the wall time it is


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
    daylight_saving: DaylightSaving | None = None  # None: the mapping's

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone {name!r} is not an IANA time zone (e.g. Europe/Paris, America/Chicago)") from None
        return name

    def read(
        self, row: dict[str, str], booked: dict[str, datetime] | None = None, name: str = ""
    ) -> tuple[datetime | None, DaylightSavingCase | None, str]:
        """The row's moment (None: unreadable or rejected), the clock change it met if any and a note
        saying so; `booked`, this field's bookings so far, is what a stagger counts from."""
        text = row.get(self.column, "").strip()
        try:
            wall = datetime.strptime(text, self.format) if self.format else datetime.fromisoformat(text)
            if self.time_of_day is not None:
                hour, minute = map(int, self.time_of_day.values[row.get(self.time_of_day.column, "")].split(":"))
                wall = wall.replace(hour=hour, minute=minute)
        except (ValueError, KeyError):
            return None, None, ""
        wall += timedelta(days=self.add_days)  # on the wall clock: a local midnight stays one
        met, note = None, ""
        if wall.tzinfo is None:  # an offset in the text says the instant: no clock change to resolve
            zone = ZoneInfo(self.timezone)
            moment, case, resolution = localize(wall, zone, self.daylight_saving or DaylightSaving())
            if case is not None:
                met = DaylightSavingCase(name, case, resolution)
                said = "the clocks skipped it" if case == "nonexistent" else "the clocks showed it twice"
                became = "left unset" if moment is None else f"read as {moment.isoformat()}"
                note = f"{name}: {wall:%Y-%m-%d %H:%M} in {self.timezone} is {case} ({said}): {resolution}, {became}"
        else:
            moment = wall
        if moment is not None and self.stagger is not None:
            moment = self.stagger.apply(row, moment, {} if booked is None else booked)
        return moment, met, note


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


# --- places -------------------------------------------------------------------------------------


@functools.cache
def to_wgs84(crs: str) -> Transformer:
    """The conversion from `crs` to WGS 84, built once for all the rows (and mappings) that use it."""
    try:
        if not EPSG.fullmatch(crs):
            raise CRSError(crs)
        return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)  # x, y in; longitude, latitude out
    except CRSError:
        raise ValueError(f'crs {crs!r} is not an EPSG code pyproj knows (e.g. "EPSG:2154", Lambert 93)') from None


def on_earth(latitude: float, longitude: float) -> events_pb2.GeoPoint | None:
    if not (math.isfinite(latitude) and math.isfinite(longitude) and abs(latitude) <= 90 and abs(longitude) <= 180):
        return None
    return events_pb2.GeoPoint(latitude=latitude, longitude=longitude)


class Place(Strict):
    """A point: from two columns (WGS 84 degrees, or x/y in a `crs`), a constant, or looked up by a
    column's value."""

    latitude: str | None = None  # columns, in degrees (WGS 84)
    longitude: str | None = None
    x: str | None = None  # columns, easting and northing in `crs`
    y: str | None = None
    crs: str | None = None  # "EPSG:<code>"
    point: tuple[float, float] | None = None
    column: str | None = None
    points: dict[str, tuple[float, float]] | None = None  # the column's value -> its point
    decimal: Literal[".", ","] = "."  # the columns' decimal mark: "," in many European exports

    @model_validator(mode="after")
    def _one_source(self) -> Place:
        sources = [(self.latitude, self.longitude), (self.x, self.y, self.crs), (self.point,), (self.column, self.points)]
        given = [group for group in sources if any(x is not None for x in group)]
        if len(given) != 1 or None in given[0]:
            raise ValueError("give latitude and longitude, x, y and crs, point, or column and points")
        if self.crs is not None:
            to_wgs84(self.crs)  # an unknown code is refused at load
        return self

    def read(self, row: dict[str, str]) -> events_pb2.GeoPoint | None:
        if self.point is not None:
            return events_pb2.GeoPoint(latitude=self.point[0], longitude=self.point[1])
        if self.points is not None:
            point = self.points.get(row.get(self.column, "").strip())
            return None if point is None else events_pb2.GeoPoint(latitude=point[0], longitude=point[1])
        first, second = (self.latitude, self.longitude) if self.crs is None else (self.x, self.y)
        try:
            a, b = (float(row.get(name, "").replace(self.decimal, ".")) for name in (first, second))
        except ValueError:
            return None
        if self.crs is None:
            return on_earth(a, b)
        if not (math.isfinite(a) and math.isfinite(b)):
            return None
        longitude, latitude = to_wgs84(self.crs).transform(a, b)
        return on_earth(latitude, longitude)


# --- which rows -----------------------------------------------------------------------------------


def bound(value: object) -> object:
    """A date or time bound as YAML gives it (a date, a date-time, or ISO 8601 text), as a wall-clock time."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if isinstance(value, datetime) and value.tzinfo is not None:
        raise ValueError("a bound is a wall-clock time, compared with the column as written: give no offset")
    return value


class Condition(Strict):
    """A test on one column (stripped): one of `values`; a number from `min` to `max` (both
    included); or a date or time from `from` (included) until `until` (excluded), read with
    `format` (ISO 8601 when absent). A value that cannot be read as a number or time fails."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    column: str
    values: list[str] | None = None
    min: float | None = None
    max: float | None = None
    from_: datetime | None = Field(None, alias="from")
    until: datetime | None = None
    format: str | None = None

    @field_validator("from_", "until", mode="before")
    @classmethod
    def _wall_clock(cls, value: object) -> object:
        return bound(value)

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [self.values is not None, self.min is not None or self.max is not None, self.is_time]
        if sum(tests) != 1:
            raise ValueError(f"{self.column}: give values, min and/or max, or from and/or until (one of them)")
        if self.format is not None and self.from_ is None and self.until is None:
            raise ValueError(f"{self.column}: format reads the column for from/until; give one")
        if None not in (self.min, self.max) and self.min > self.max:
            raise ValueError(f"{self.column}: min {self.min} is above max {self.max}")
        if None not in (self.from_, self.until) and self.from_ >= self.until:
            raise ValueError(f"{self.column}: from {self.from_} is not before until {self.until}")
        return self

    @property
    def is_time(self) -> bool:
        return self.from_ is not None or self.until is not None

    def holds(self, row: dict[str, str]) -> bool:
        text = row.get(self.column, "").strip()
        if self.values is not None:
            return text in self.values
        try:
            if self.is_time:
                value = datetime.strptime(text, self.format) if self.format else datetime.fromisoformat(text)
                value = value.replace(tzinfo=None)
                return (self.from_ is None or value >= self.from_) and (self.until is None or value < self.until)
            number = float(text)
        except ValueError:
            return False
        return math.isfinite(number) and (self.min is None or number >= self.min) and (self.max is None or number <= self.max)


class Rule(Condition):
    """A keep or skip rule: a condition with a name, the one its skipped rows are counted under."""

    name: str | None = None  # default: keep[i] / skip[i]


class Contact(Strict):
    name: Value | None = None
    phone: Value | None = None
    email: Value | None = None


# --- the event's fields ---------------------------------------------------------------------------


class EventFields(Strict):
    """The fields of an event, as a mapping shares them and a kind's rule overrides them."""

    partner_event_id: Value | None = None
    category: Value | None = None
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

    def given(self) -> dict[str, object]:
        """The fields this block gives (attributes apart: they are merged by name)."""
        given = {name: getattr(self, name) for name in EventFields.model_fields if name != "attributes"}
        return {name: value for name, value in given.items() if value is not None}


class EventSpec(EventFields):
    """One kind's event, resolved at load: what a row of that kind becomes."""

    kind: str
    partner_event_id: Value
    category: Value

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KNOWN_KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KNOWN_KINDS)}")
        return kind

    @property
    def remembers_rows(self) -> bool:
        return any(isinstance(spec := getattr(self, name), Moment) and spec.stagger for name in MOMENTS)

    def event(
        self, row: dict[str, str], digest: str, number: int, booked: Bookings
    ) -> tuple[events_pb2.PartnerEvent, list[DaylightSavingCase], list[str]]:
        """The row's event, with the clock changes its moments met and notes saying so."""
        event = events_pb2.PartnerEvent(
            partner_event_id=self.partner_event_id.read(row, digest, number),
            kind=events_pb2.EventKind.Value(f"EVENT_KIND_{self.kind.upper()}"),
            category=self.category.read(row, digest, number),
        )
        for name in TEXTS:
            if (spec := getattr(self, name)) is not None:
                setattr(event, name, spec.read(row, digest, number))
        for name in NUMBERS:
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
        met, notes = [], []
        moments: dict[str, datetime | None] = {}
        for name in MOMENTS:
            spec = getattr(self, name)
            if isinstance(spec, Moment):
                moments[name], case, note = spec.read(row, booked.setdefault(name, {}), name)
                if case is not None:
                    met.append(case)
                    notes.append(note)
            elif isinstance(spec, Later):
                moments[name] = spec.read(row, moments["starts_at"])
            else:
                moments[name] = moments["starts_at"] if spec == "starts_at" else None
            if moments[name] is not None:
                stamp = Timestamp()
                stamp.FromDatetime(moments[name])
                getattr(event, name).CopyFrom(stamp)
        if self.location is not None and (point := self.location.read(row)) is not None:
            event.location.CopyFrom(point)
        return event, met, notes


class KindRule(EventFields):
    """One kind of a file of several: the rows it takes (`when`; none: every row that reaches it)
    and the fields that differ from the shared ones."""

    kind: str
    when: Condition | None = None


# --- what a row became, and the counts --------------------------------------------------------------


@dataclass(frozen=True)
class MappedRow:
    """What the mapping made of one row: its event, or the name of the rule that left it out."""

    number: int  # from 1, in file order
    event: events_pb2.PartnerEvent | None
    skipped_by: str | None  # a keep or skip rule's name, or NO_KIND; None when there is an event
    notes: tuple[str, ...] = ()  # in words, for a person: why it was skipped, what a clock change did
    kind: str | None = None  # the event's kind, as the mapping names it (incident_report)
    daylight_saving: tuple[DaylightSavingCase, ...] = ()  # the odd times met, one per field


@dataclass
class MappingTally:
    """Counts of what a mapping made of the rows it was given."""

    rows: int = 0
    events_by_kind: Counter[str] = field(default_factory=Counter)
    skipped_by_rule: Counter[str] = field(default_factory=Counter)
    daylight_saving: Counter[DaylightSavingCase] = field(default_factory=Counter)

    @classmethod
    def of(cls, mapped: Iterable[MappedRow]) -> MappingTally:
        tally = cls()
        for row in mapped:
            tally.add(row)
        return tally

    def add(self, row: MappedRow) -> None:
        self.rows += 1
        if row.event is None:
            self.skipped_by_rule[row.skipped_by] += 1
        else:
            self.events_by_kind[row.kind] += 1
        self.daylight_saving.update(row.daylight_saving)

    @property
    def events(self) -> int:
        return sum(self.events_by_kind.values())

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_rule.values())

    def as_dict(self) -> dict:
        """JSON-ready: daylight-saving cases as "<field>: <case> -> <resolution>"."""
        return {
            "rows": self.rows,
            "events_by_kind": dict(sorted(self.events_by_kind.items())),
            "skipped_by_rule": dict(sorted(self.skipped_by_rule.items())),
            "daylight_saving": {str(case): n for case, n in sorted(self.daylight_saving.items())},
        }


# --- the mapping ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A mapping's rules in the order a row meets them, resolved at load."""

    keep: tuple[tuple[str, Rule], ...]  # (name, rule)
    skip: tuple[tuple[str, Rule], ...]
    kinds: tuple[tuple[Condition | None, EventSpec], ...]  # (when, what the row becomes)


class CsvDialect(Strict):
    """How a CSV file is written: many exports (French ones among them) separate with `;` and are
    not in UTF-8."""

    delimiter: str = Field(",", min_length=1, max_length=1)
    encoding: str = "utf-8"

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r} (e.g. utf-8, latin-1, cp1252)") from None
        return value


class Mapping(EventFields):
    format: Literal["csv", "jsonl"] = "csv"
    csv: CsvDialect = CsvDialect()
    kind: str | None = None  # one kind for every row, or...
    kinds: list[KindRule] = []  # ...the first rule whose `when` holds
    derived: dict[str, Value] = {}
    keep: list[Rule] = []
    skip: list[Rule] = []
    daylight_saving: DaylightSaving = DaylightSaving()

    @model_validator(mode="after")
    def _resolve(self) -> Mapping:
        if taken := sorted(TEMPLATE_NAMES & self.derived.keys()):
            raise ValueError(f"derived: {', '.join(taken)} is a template's own name")
        self.plan  # noqa: B018 -- resolved now: a mistake is the load's error, not the first row's
        return self

    @functools.cached_property
    def plan(self) -> Plan:
        keep = tuple((rule.name or f"keep[{i}]", rule) for i, rule in enumerate(self.keep))
        skip = tuple((rule.name or f"skip[{i}]", rule) for i, rule in enumerate(self.skip))
        names = Counter(name for name, _ in keep + skip)
        if twice := sorted(name for name, n in names.items() if n > 1 or name == NO_KIND):
            raise ValueError(f"rule names {', '.join(twice)}: each name once, and not {NO_KIND!r} (rows no kind takes)")
        if (self.kind is None) == (not self.kinds):
            raise ValueError("give kind (every row is one kind) or kinds (a rule per kind), not both")
        rules = self.kinds or [KindRule(kind=self.kind)]
        for i, rule in enumerate(rules[:-1]):
            if rule.when is None:
                raise ValueError(f"kinds[{i}] ({rule.kind}) has no `when`: it takes every row, so only the last one may")
        return Plan(keep, skip, tuple((rule.when, self._spec(i, rule)) for i, rule in enumerate(rules)))

    def _spec(self, i: int, rule: KindRule) -> EventSpec:
        fields = {**self.given(), **rule.given(), "attributes": {**self.attributes, **rule.attributes}}
        for name in MOMENTS:  # a moment without a rule of its own takes the mapping's
            if isinstance(moment := fields.get(name), Moment) and moment.daylight_saving is None:
                fields[name] = moment.model_copy(update={"daylight_saving": self.daylight_saving})
        try:
            return EventSpec(kind=rule.kind, **fields)
        except ValidationError as error:
            where = f"kinds[{i}] ({rule.kind})" if self.kinds else "the mapping"
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'kind'}: {e['msg']}" for e in error.errors())
            raise ValueError(f"{where}: {problems} (a field is given once for all kinds or in each kind)") from None

    @classmethod
    def load(cls, path: Path) -> Mapping:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    def rows(self, path: Path) -> Iterator[dict[str, str]]:
        """The file's rows as this mapping says the file is written (format, delimiter, encoding)."""
        return rows(path, self.format, self.csv)

    @property
    def event_kinds(self) -> tuple[str, ...]:
        """The kinds this mapping makes, in rule order, each once."""
        return tuple(dict.fromkeys(spec.kind for _, spec in self.plan.kinds))

    @property
    def remembers_rows(self) -> bool:
        """Whether an event depends on the rows before it (a stagger)."""
        return any(spec.remembers_rows for _, spec in self.plan.kinds)

    def read(self, rows: Iterable[dict[str, str]], after: int = 0) -> Iterator[MappedRow]:
        """What each row became, in file order, from row `after` + 1 on. The rows before it are
        still read when the mapping remembers rows, and not answered."""
        booked: Bookings = {}
        replay = self.remembers_rows
        for number, row in enumerate(rows, 1):
            if number > after:
                yield self.map_row(row, number, booked)
            elif replay:
                self.map_row(row, number, booked)  # not answered again: only what later rows count from

    def events(self, rows: Iterable[dict[str, str]], after: int = 0) -> Iterator[tuple[int, events_pb2.PartnerEvent | None]]:
        """Each row's number (from 1) and event (None: a rule left it out), as `read`."""
        for mapped in self.read(rows, after):
            yield mapped.number, mapped.event

    def event(self, row: dict[str, str], number: int = 0, booked: Bookings | None = None) -> events_pb2.PartnerEvent | None:
        """The event of a row, or None when a rule leaves it out, as `map_row`."""
        return self.map_row(row, number, booked).event

    def map_row(self, row: dict[str, str], number: int = 0, booked: Bookings | None = None) -> MappedRow:
        """What a row becomes; `number` (from 1) fills a template's {row_number}, `booked` is what
        the earlier rows booked (none: the row is the first)."""
        # Unit separator: cannot occur in the file's text, so distinct rows give distinct digests.
        digest = hashlib.sha256("\x1f".join(row.values()).encode()).hexdigest()[:20]
        row = dict(row)
        for name, spec in self.derived.items():
            row[name] = spec.read(row, digest, number)
        plan = self.plan
        for name, rule in plan.keep:
            if not rule.holds(row):
                return MappedRow(number, None, name, (f"skipped: keep rule {name} does not hold",))
        for name, rule in plan.skip:
            if rule.holds(row):
                return MappedRow(number, None, name, (f"skipped: skip rule {name} holds",))
        spec = next((spec for when, spec in plan.kinds if when is None or when.holds(row)), None)
        if spec is None:
            return MappedRow(number, None, NO_KIND, ("skipped: no kind's `when` holds",))
        event, met, notes = spec.event(row, digest, number, {} if booked is None else booked)
        return MappedRow(number, event, None, tuple(notes), spec.kind, tuple(met))


def open_text(path: Path, encoding: str = "utf-8") -> io.TextIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", newline="", encoding=encoding)
    return open(path, newline="", encoding=encoding)


def rows(path: Path, file_format: str, dialect: CsvDialect | None = None) -> Iterator[dict[str, str]]:
    """The file's rows as text columns, in file order (a CSV file as `dialect` says it is written:
    `Mapping.rows` reads a file as its mapping declares)."""
    dialect = dialect or CsvDialect()
    with open_text(path, dialect.encoding if file_format == "csv" else "utf-8") as handle:
        if file_format == "csv":
            yield from csv.DictReader(handle, delimiter=dialect.delimiter)
        else:
            for line in handle:
                if line.strip():
                    yield {key: "" if value is None else str(value) for key, value in json.loads(line).items()}
