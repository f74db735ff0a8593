"""The city profile: boundary, time zone, holidays, H3 resolution, zones, vocabulary, languages, the
signals free text is reduced to, and how the agenda bands risk levels."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import h3
import holidays
import yaml
from pydantic import BaseModel, ConfigDict, Field, PositiveInt, field_validator, model_validator

from civicpulse.runtime.zones import AREA_NAME, NAME_RULE, PROFILE_DIRECTORY, H3Zones, NamedZones, ZoneMap, ZoneSource


class HolidayCalendar(BaseModel):
    model_config = ConfigDict(extra="forbid")
    country: str
    subdivision: str | None = None


class Boundary(BaseModel):
    """A GeoJSON Polygon (lon, lat order, as GeoJSON says)."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern="^Polygon$")
    coordinates: list[list[tuple[float, float]]]


def polygon_cells(boundary: Boundary, resolution: int) -> frozenset[str]:
    """Every cell of the resolution whose centre lies inside the polygon."""
    outer, *holes = [[(lat, lon) for lon, lat in ring] for ring in boundary.coordinates]
    return frozenset(h3.polygon_to_cells(h3.LatLngPoly(outer, *holes), resolution))


class Target(BaseModel):
    """Events of one kind and some of its categories, counted as what the risk model forecasts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str
    categories: list[str] = Field(min_length=1)


SIGNAL_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
LANGUAGE = re.compile(r"[a-z]{2,3}")

# Kinds stored as point events with a count; scheduled events are announcements, not occurrences.
COUNTABLE_KINDS = frozenset(
    {"incident_report", "service_report", "citizen_request", "crowd_count", "traffic_disruption", "weather_observation"}
)


class Promotion(BaseModel):
    """How a trained model version becomes the one that scores."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # A version that passes the gate still waits for an operator's recorded approval.
    require_operator_approval: bool = False


class Agenda(BaseModel):
    """How the agenda colours a risk level (1 to 5): green below orange, orange below red."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    orange_from_level: int = Field(3, ge=2, le=5)
    red_from_level: int = Field(4, ge=2, le=5)

    @model_validator(mode="after")
    def _ordered(self) -> Agenda:
        if self.red_from_level < self.orange_from_level:
            raise ValueError(
                f"agenda: red_from_level ({self.red_from_level}) must not be below orange_from_level ({self.orange_from_level})"
            )
        return self

    def band(self, level: int) -> Literal["green", "orange", "red"]:
        if not 1 <= level <= 5:
            raise ValueError(f"a risk level is 1 to 5, not {level}")
        if level >= self.red_from_level:
            return "red"
        return "orange" if level >= self.orange_from_level else "green"


class Evaluation(BaseModel):
    """How a trained version is judged on the city's held-out time (docs/evaluation.md).

    The last `test_days` before a training issue time are the test period (daily issue times the
    model never saw); the `validation_days` before them stop boosting early and calibrate. A band
    whose test windows hold fewer than `min_independent_windows` non-overlapping windows is not
    judged (a next-24 h band not judged: no automatic promotion). A band whose predicted total is
    off the observed total by more than `bias_margin` (as a share) is listed where the model loses.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    test_days: int = Field(56, ge=7, le=365)
    validation_days: int = Field(28, ge=7, le=365)
    min_independent_windows: int = Field(28, ge=2)
    bias_margin: float = Field(0.05, gt=0, lt=1)


class Notifications(BaseModel):
    """What the city expects of the applications that receive its risk notifications.

    A notification not acknowledged within `acknowledge_within_minutes` of its delivery is overdue
    (an alert says so). One older than `overdue_for_hours` no longer counts: hourly forecasts have
    replaced it many times over, and it would hold the alert for good.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    acknowledge_within_minutes: int = Field(15, ge=1, le=24 * 60)
    overdue_for_hours: int = Field(24, ge=1, le=30 * 24)

    @model_validator(mode="after")
    def _window_longer_than_delay(self) -> Notifications:
        if self.overdue_for_hours * 60 <= self.acknowledge_within_minutes:
            raise ValueError(
                f"notifications: overdue_for_hours ({self.overdue_for_hours} h) must be longer than"
                f" acknowledge_within_minutes ({self.acknowledge_within_minutes} min)"
            )
        return self


class CityProfile(BaseModel):
    # populate_by_name: a dumped profile (zone_source) validates again like the file (zones).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str
    timezone: str
    holidays: HolidayCalendar
    h3_resolution: int = Field(8, ge=5, le=10)
    # Named zones (`zones:` in the file): a GeoJSON file of the city's districts beside the profile.
    # Without it, zones are the coarse H3 parents of the analysis cells at zone_resolution.
    zone_source: ZoneSource | None = Field(None, alias="zones")
    zone_resolution: int = Field(6, ge=0, le=9)
    boundary: Boundary
    # Controlled vocabulary: event kind (lower snake, e.g. incident_report) -> categories.
    vocabulary: dict[str, list[str]]
    # Who may organise a scheduled event (the organiser_type partners give).
    organiser_types: list[str] = []
    # Named areas partners may give instead of a point (a venue, a square, a district): name ->
    # GeoJSON Polygon. An event in an area is counted in the area's centre cell.
    areas: dict[str, Boundary] = {}
    # How many people a named area holds (a stadium's seats): area name -> people.
    area_capacities: dict[str, PositiveInt] = {}
    agenda: Agenda = Agenda()
    # What the risk model forecasts: counts of these (kind, categories) per cell and hour.
    targets: list[Target] = Field(min_length=1)
    promotion: Promotion = Promotion()
    evaluation: Evaluation = Evaluation()
    notifications: Notifications = Notifications()
    # The languages people write to the city in (ISO 639 codes): what free text is read in.
    languages: list[str] = Field(["en"], min_length=1)
    # What free text is reduced to, per kind: a signal (lower snake) -> the words and phrases that
    # show it, in the city's languages, with their variants (plurals, spellings); matched whole,
    # ignoring case and accents, and counted. Only these counts go on; the text does not.
    signals: dict[str, dict[str, list[str]]] = {}
    # Names of the city's places (districts, streets, venues): not people, left in scrubbed text.
    place_names: list[str] = []

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)
        return value

    @model_validator(mode="after")
    def _targets_can_be_trained(self) -> CityProfile:
        """A target the store cannot count would train on nothing: refuse the profile at start."""
        for target in self.targets:
            if target.kind not in COUNTABLE_KINDS:
                raise ValueError(f"targets: kind {target.kind!r} cannot be a target (countable kinds: {sorted(COUNTABLE_KINDS)})")
            if target.kind not in self.vocabulary:
                raise ValueError(f"targets: kind {target.kind!r} is not in the vocabulary")
            unknown = sorted(set(target.categories) - set(self.vocabulary[target.kind]))
            if unknown:
                raise ValueError(f"targets: categories {unknown} are not in the vocabulary of {target.kind!r}")
        return self

    @model_validator(mode="after")
    def _signals_declared(self) -> CityProfile:
        for code in self.languages:
            if not LANGUAGE.fullmatch(code):
                raise ValueError(f"languages: {code!r} is not an ISO 639 code such as fr or en")
        for kind, terms in self.signals.items():
            if kind not in self.vocabulary:
                raise ValueError(f"signals: kind {kind!r} is not in the vocabulary")
            for term, variants in terms.items():
                if not SIGNAL_NAME.fullmatch(term):
                    raise ValueError(f"signals.{kind}: {term!r} must be lower snake case (at most 32 characters)")
                if not variants or not all(v.strip() for v in variants):
                    raise ValueError(f"signals.{kind}.{term}: give at least one word or phrase, none empty")
        return self

    @model_validator(mode="after")
    def _areas_inside(self) -> CityProfile:
        for name in self.areas:
            if not AREA_NAME.fullmatch(name):
                raise ValueError(f"areas: {name!r} must be {NAME_RULE}")
            if self.area_cell(name) not in self.cells:
                raise ValueError(f"areas: the centre of {name!r} lies outside the city boundary")
        unknown = sorted(set(self.area_capacities) - set(self.areas))
        if unknown:
            raise ValueError(f"area_capacities: {unknown} are not named in areas")
        return self

    @model_validator(mode="after")
    def _zones_readable(self) -> CityProfile:
        """Read the zones at load: a wrong or missing file stops the service at start."""
        self._zones  # noqa: B018
        return self

    @classmethod
    def load(cls, path: Path) -> CityProfile:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        # The zones file is named relative to the profile (a ConfigMap mounts both in one directory).
        return cls.model_validate(document, context={PROFILE_DIRECTORY: path.absolute().parent})

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def cells(self) -> frozenset[str]:
        """Every analysis cell whose centre lies inside the boundary."""
        return polygon_cells(self.boundary, self.h3_resolution)

    def area_cells(self, name: str) -> frozenset[str]:
        """The cells of a named area: those whose centre it holds, and always its centre cell."""
        return polygon_cells(self.areas[name], self.h3_resolution) | {self.area_cell(name)}

    def area_cell(self, name: str) -> str:
        """Where an event given by area is counted: the cell holding the mean of the area's vertices."""
        return self._area_centres[name]

    @cached_property
    def _area_centres(self) -> dict[str, str]:
        centres = {}
        for name, area in self.areas.items():
            ring = area.coordinates[0][:-1] or area.coordinates[0]
            centres[name] = self.cell_of(sum(lat for _, lat in ring) / len(ring), sum(lon for lon, _ in ring) / len(ring))
        return centres

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays(self.holidays.country, subdiv=self.holidays.subdivision)

    def cell_of(self, latitude: float, longitude: float) -> str:
        return h3.latlng_to_cell(latitude, longitude, self.h3_resolution)

    def area_capacity(self, name: str) -> int | None:
        """How many people the named area holds, None when the profile does not say."""
        if name not in self.areas:
            raise KeyError(name)
        return self.area_capacities.get(name)

    @cached_property
    def _zones(self) -> ZoneMap:
        if self.zone_source is None:
            return H3Zones(self.cells, self.zone_resolution)
        return NamedZones(self.zone_source, self.cells, self.h3_resolution)

    @property
    def zones(self) -> frozenset[str]:
        """Every zone id: named zones (with the remainder) or the H3 parents of the cells."""
        return self._zones.zones

    @property
    def remainder_zone(self) -> str | None:
        """The zone of the cells no named zone holds; None with H3 zones."""
        return self._zones.remainder_zone

    def zone_of(self, cell: str) -> str:
        """The zone holding the cell's centre (a lookup); outside every named zone, the remainder."""
        return self._zones.zone_of(cell)

    def zone_name(self, zone: str) -> str:
        """The zone's name in the city's language (an H3 zone's is its id). KeyError if unknown."""
        return self._zones.zone_name(zone)

    def zone_geometry(self, zone: str) -> dict[str, Any]:
        """The zone as a GeoJSON geometry (longitude, latitude); the remainder's is the union of its
        cells. KeyError if unknown."""
        return self._zones.zone_geometry(zone)

    def zone_cells(self, zone: str) -> frozenset[str]:
        """The study area's cells in the zone (empty for a named zone outside it). KeyError if unknown."""
        return self._zones.zone_cells(zone)

    def is_holiday(self, day: date) -> bool:
        return day in self._holidays

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)
