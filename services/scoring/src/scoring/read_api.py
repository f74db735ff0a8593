"""ForecastService: protobuf <-> the read side (reads, agenda, explanations).

An application sees only the zones its credentials name; a zone or cell it may not see is
answered NOT_FOUND exactly as one that does not exist. Every answer comes from the latest forecast
the active model issued.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
import h3

from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import Clock, to_datetime
from civicpulse.runtime.errors import (
    FailedPrecondition,
    FieldProblem,
    InvalidArgument,
    NotFound,
    Precondition,
    Resource,
    time_problem,
)
from civicpulse.scoring.v1 import forecasts_pb2 as pb
from civicpulse.scoring.v1 import forecasts_pb2_grpc
from scoring import agenda, explanations
from scoring.feature_client import FeatureStoreClient, timestamp
from scoring.messages import BANDS, level_message, reason_message, track_record_message
from scoring.reads import ActiveModel, DailyValue, ForecastReads, HourlyValue, LatestForecast
from scoring.settings import ScoringSettings

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ForecastService"].full_name
READERS = {Role.OPERATOR, Role.SCHEDULER, Role.APPLICATION}
RIGHTS = method_rights(SERVICE_NAME, {m: READERS for m in ("ListZones", "GetForecast", "GetRiskMap", "GetAgenda", "GetHistory")})
FORECAST_DAYS = 30
FORECAST_HOURS = 72
MAX_PERIOD_DAYS = 366
CONFLICT_KINDS = {"overlap": pb.CONFLICT_KIND_OVERLAP, "over_capacity": pb.CONFLICT_KIND_OVER_CAPACITY}


@dataclass(frozen=True)
class ReadLimits:
    history_max_days: int
    max_zone_ids: int

    @classmethod
    def of(cls, settings: ScoringSettings) -> ReadLimits:
        return cls(settings.history_max_days, settings.max_zone_ids)


def geojson(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def cell_polygon(cell: str) -> dict:
    """The cell's hexagon as a GeoJSON Polygon: longitude, latitude, the ring closed."""
    ring = [[lng, lat] for lat, lng in h3.cell_to_boundary(cell)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(features: list[dict]) -> str:
    return geojson({"type": "FeatureCollection", "features": features})


def nothing_to_show(reason: str, message: str, subject: str) -> FailedPrecondition:
    return FailedPrecondition(message, (Precondition(reason, subject, message),), reason=reason)


class ForecastServicer(forecasts_pb2_grpc.ForecastServiceServicer):
    def __init__(
        self, reads: ForecastReads, features: FeatureStoreClient, city: CityProfile, limits: ReadLimits, clock: Clock
    ) -> None:
        self._reads = reads
        self._features = features
        self._city = city
        self._limits = limits
        self._clock = clock

    # --- who sees what ---------------------------------------------------------------------------

    def _visible(self) -> list[str]:
        """The zones the caller may see, sorted: an application its own, everyone else every zone."""
        identity = current_caller()
        zones = self._city.zones
        if identity.role is Role.APPLICATION:
            zones = frozenset(z for z in zones if identity.caller.may_see(z))
        return sorted(zones)

    def _zone(self, zone: str, field: str) -> str:
        """A zone the caller may see; NOT_FOUND alike for an unknown one and one it may not see."""
        hidden = _restricted() and not current_caller().caller.may_see(zone)
        if zone not in self._city.zones or hidden:
            raise NotFound(f"no zone {zone!r}", Resource("zone", zone), reason="ZONE_NOT_FOUND", metadata={"field": field})
        return zone

    def _zones(self, zone_ids: Iterable[str]) -> list[str]:
        """The zones a request names (checked), or every zone the caller may see."""
        zone_ids = list(zone_ids)
        if len(zone_ids) > self._limits.max_zone_ids:
            raise InvalidArgument(
                f"at most {self._limits.max_zone_ids} zone ids",
                (
                    FieldProblem(
                        "zone_ids", "too_many", f"at most {self._limits.max_zone_ids}; none means every zone you may see"
                    ),
                ),
            )
        if not zone_ids:
            return self._visible()
        return sorted({self._zone(z, "zone_ids") for z in zone_ids})

    def _cells_of(self, zones: list[str]) -> list[str]:
        """The cells of these zones, as the feature store is asked for them. None there means every
        cell: zones without a cell ask for one cell only, and the answer is kept to the zones anyway."""
        if set(zones) >= self._city.zones:
            return []
        return sorted(c for z in zones for c in self._city.zone_cells(z)) or [next(iter(self._city.cells))]

    def _cell(self, cell: str) -> str:
        if not h3.is_valid_cell(cell):
            raise InvalidArgument(
                f"{cell!r} is not an H3 cell", (FieldProblem("cell", "malformed", "an H3 cell index, e.g. 88446c0e3dfffff"),)
            )
        resolution = self._city.h3_resolution
        if h3.get_resolution(cell) != resolution or cell not in self._city.cells:
            raise InvalidArgument(
                f"{cell} is not an analysis cell of {self._city.name}",
                (FieldProblem("cell", "outside_study_area", f"a cell of resolution {resolution} inside the city's boundary"),),
            )
        zone = self._city.zone_of(cell)
        if _restricted() and not current_caller().caller.may_see(zone):
            raise _no_cell_forecast(cell)
        return cell

    # --- what there is to show -------------------------------------------------------------------

    async def _latest(self) -> tuple[ActiveModel, LatestForecast]:
        model = await self._reads.active_model()
        if model is None:
            raise nothing_to_show(
                "NO_ACTIVE_MODEL", "no active model: an operator trains one with TrainModel (or approves one)", "model/active"
            )
        latest = await self._reads.latest_forecast(model.version)
        if latest is None:
            raise nothing_to_show(
                "NOT_SCORED_YET",
                f"the active model {model.version} has not scored yet: an operator or the scheduler runs ScoreCells",
                f"model/{model.version}",
            )
        return model, latest

    def _levels(self, model: ActiveModel, period: str, kind: str = "cell") -> list[pb.LevelMeaning]:
        """What each level means for a cell, or for a zone when the model set zones' own thresholds."""
        key = "daily" if period == "day" else "hourly"
        if kind == "zone" and f"zone_{key}" in model.thresholds:
            key = f"zone_{key}"
        else:
            kind = "cell"
        meanings = explanations.level_meanings(model.thresholds[key], period, self._city.agenda.band, kind)
        return [level_message(m) for m in meanings]

    # --- methods ---------------------------------------------------------------------------------

    async def ListZones(self, request: pb.ListZonesRequest, context: grpc.aio.ServicerContext):
        city = self._city
        zones = []
        for zone in self._visible():
            cells = city.zone_cells(zone)
            zones.append(
                pb.Zone(
                    zone_id=zone,
                    name=city.zone_name(zone),
                    geometry_geojson=geojson(city.zone_geometry(zone)),
                    cell_count=len(cells),
                    cells=sorted(cells) if request.include_cells else [],
                    remainder=zone == city.remainder_zone,
                )
            )
        return pb.ListZonesResponse(city=city.name, boundary_geojson=geojson(city.boundary.model_dump()), zones=zones)

    async def GetForecast(self, request: pb.GetForecastRequest, context: grpc.aio.ServicerContext):
        place = request.WhichOneof("place")
        if place is None:
            raise InvalidArgument(
                "name a zone or a cell", (FieldProblem("place", "required", "zone_id (from ListZones) or cell (an H3 cell)"),)
            )
        if place == "zone_id":
            zone = self._zone(request.zone_id, "zone_id")
            cell = ""
        else:
            cell = self._cell(request.cell)
            zone = self._city.zone_of(cell)
        model, latest = await self._latest()
        if cell:
            hours = await self._reads.cell_hours(latest, cells=[cell])
            days = await self._reads.cell_days(latest, cells=[cell])
            explained = await self._reads.factors(latest, cells=[cell])
            if not days:
                raise _no_cell_forecast(cell)
        else:
            hours = await self._reads.zone_hours(latest, zones=[zone])
            days = await self._reads.zone_days(latest, zones=[zone])
            explained = await self._reads.factors(latest, zones=[zone])
            if not days:
                raise nothing_to_show(
                    "ZONE_NOT_SCORED",
                    f"zone {zone} has no cell in the forecast of {latest.issue_time:%Y-%m-%d %H:%M} UTC: no target event"
                    " there yet, so the study area does not reach it",
                    f"zone/{zone}",
                )
        first = min(days, key=lambda d: d.lead_day)
        band = self._city.agenda.band(first.risk_level)
        return pb.GetForecastResponse(
            kind=pb.PLACE_KIND_CELL if cell else pb.PLACE_KIND_ZONE,
            zone_id=zone,
            zone_name=self._city.zone_name(zone),
            cell=cell,
            origin=_origin(latest),
            hours=[
                pb.HourValue(target_time=timestamp(h.target_time), expected_count=h.expected_count, risk_level=h.risk_level)
                for h in hours
            ],
            days=[self._day(d) for d in days],
            risk_level=first.risk_level,
            band=BANDS[band],
            daily_levels=self._levels(model, "day", "cell" if cell else "zone"),
            hourly_levels=self._levels(model, "hour", "cell" if cell else "zone"),
            reasons=[reason_message(r) for r in explanations.reasons(f for e in explained for f in e.factors)],
            track_record=track_record_message(explanations.track_record(model.card, zone)),
        )

    async def GetRiskMap(self, request: pb.GetRiskMapRequest, context: grpc.aio.ServicerContext):
        kind = _kind(request.kind)
        when = request.WhichOneof("when")
        if when is None:
            raise InvalidArgument(
                "name an hour or a day",
                (FieldProblem("when", "required", "target_time (an hour of the next 72) or lead_day (1 to 30)"),),
            )
        if when == "lead_day":
            _lead_day(request.lead_day)
        model, latest = await self._latest()
        zones = self._visible()
        if when == "lead_day":
            period = "day"
            if kind == "zone":
                values = await self._reads.zone_days(latest, zones=zones, lead_day=request.lead_day)
            else:
                values = await self._reads.cell_days(latest, zones=zones, lead_day=request.lead_day)
        else:
            period = "hour"
            target_time = _target_time(request, latest.issue_time)
            if kind == "zone":
                values = await self._reads.zone_hours(latest, zones=zones, target_time=target_time)
            else:
                values = await self._reads.cell_hours(latest, zones=zones, target_time=target_time)
        features = [self._map_feature(kind, v) for v in values]
        return pb.GetRiskMapResponse(
            origin=_origin(latest), feature_collection_geojson=collection(features), levels=self._levels(model, period, kind)
        )

    async def GetAgenda(self, request: pb.GetAgendaRequest, context: grpc.aio.ServicerContext):
        if not 0 <= request.days <= FORECAST_DAYS:
            raise InvalidArgument(
                f"days lies in [0, {FORECAST_DAYS}]",
                (FieldProblem("days", "out_of_range", f"1 to {FORECAST_DAYS} days from day 1; 0 means {FORECAST_DAYS}"),),
            )
        days = request.days or FORECAST_DAYS
        zones = self._zones(request.zone_ids)
        model, latest = await self._latest()
        zone_days = await self._reads.zone_days(latest, zones=zones, through_day=days)
        events = await self._features.scheduled_events(
            latest.issue_time, latest.issue_time + timedelta(days=days), cells=self._cells_of(zones)
        )
        shown = agenda.agenda(
            [agenda.ZoneDay(d.zone, d.lead_day, d.window_start, d.expected_count, d.risk_level) for d in zone_days],
            [_scheduled(e) for e in events],
            self._city,
        )
        return pb.GetAgendaResponse(
            origin=_origin(latest),
            rows=[
                pb.AgendaRow(zone_id=row.zone, zone_name=row.zone_name, entries=[_entry(e) for e in row.entries])
                for row in shown.rows
            ],
            conflicts=[_conflict(c) for c in shown.conflicts],
            levels=self._levels(model, "day", "zone"),
            orange_from_level=self._city.agenda.orange_from_level,
            red_from_level=self._city.agenda.red_from_level,
        )

    async def GetHistory(self, request: pb.GetHistoryRequest, context: grpc.aio.ServicerContext):
        kind = _kind(request.kind)
        start, end = self._history_period(request)
        if not 0 <= request.period_days <= MAX_PERIOD_DAYS:
            raise InvalidArgument(
                f"period_days lies in [0, {MAX_PERIOD_DAYS}]",
                (FieldProblem("period_days", "out_of_range", f"0 (the whole period) to {MAX_PERIOD_DAYS} days"),),
            )
        zones = self._zones(request.zone_ids)
        counts = await self._features.observed_counts(start, end, cells=self._cells_of(zones), period_days=request.period_days)
        allowed = set(zones)
        rows = []
        if kind == "zone":
            for c in counts.zone_counts:
                if c.zone in allowed:
                    rows.append(pb.HistoryCount(place=c.zone, zone_id=c.zone, period_start=c.period_start, count=c.count))
        else:
            for c in counts.cell_counts:
                zone = self._city.zone_of(c.cell)
                if zone in allowed:
                    rows.append(pb.HistoryCount(place=c.cell, zone_id=zone, period_start=c.period_start, count=c.count))
        response = pb.GetHistoryResponse(counts=rows, min_published_count=counts.min_published_count)
        if counts.HasField("newest_event_at"):
            response.data_freshness.CopyFrom(counts.newest_event_at)
        if request.period_days == 0:
            response.feature_collection_geojson = collection(
                [
                    feature(
                        self._geometry(kind, r.place),
                        {"id": r.place, "name": self._name(kind, r.place), "zone_id": r.zone_id, "count": r.count},
                    )
                    for r in rows
                ]
            )
        return response

    # --- helpers ---------------------------------------------------------------------------------

    def _history_period(self, request: pb.GetHistoryRequest) -> tuple[datetime, datetime]:
        problems = []
        for name in ("start", "end"):
            if not request.HasField(name):
                problems.append(FieldProblem(name, "required", "a UTC midnight"))
            elif problem := time_problem(name, getattr(request, name)):
                problems.append(problem)
            elif getattr(request, name).seconds % 86400 or getattr(request, name).nanos:
                problems.append(FieldProblem(name, "not_whole_day", "a UTC midnight: history counts whole days"))
        if problems:
            raise InvalidArgument("the history's period is not whole days", tuple(problems))
        start, end = to_datetime(request.start), to_datetime(request.end)
        today = self._clock().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        if end <= start:
            raise InvalidArgument("end comes before start", (FieldProblem("end", "before_start", "a day after start"),))
        if start > today:
            raise InvalidArgument(
                "start lies in the future", (FieldProblem("start", "in_the_future", f"at the latest {today:%Y-%m-%d} (today)"),)
            )
        if end - start > timedelta(days=self._limits.history_max_days):
            raise InvalidArgument(
                f"at most {self._limits.history_max_days} days",
                (FieldProblem("end", "too_long", f"at most {self._limits.history_max_days} days after start"),),
            )
        return start, end

    def _day(self, d: DailyValue) -> pb.DayValue:
        return pb.DayValue(
            lead_day=d.lead_day,
            window_start=timestamp(d.window_start),
            local_date=agenda.local_date(d.window_start, self._city.tz),
            expected_count=d.expected_count,
            risk_level=d.risk_level,
            band=BANDS[self._city.agenda.band(d.risk_level)],
        )

    def _geometry(self, kind: str, place: str) -> dict:
        return self._city.zone_geometry(place) if kind == "zone" else cell_polygon(place)

    def _name(self, kind: str, place: str) -> str:
        return self._city.zone_name(place) if kind == "zone" else place

    def _map_feature(self, kind: str, value: DailyValue | HourlyValue) -> dict:
        return feature(
            self._geometry(kind, value.place),
            {
                "id": value.place,
                "name": self._name(kind, value.place),
                "zone_id": value.zone,
                "risk_level": value.risk_level,
                "band": self._city.agenda.band(value.risk_level),
                "expected_count": value.expected_count,
            },
        )


def _restricted() -> bool:
    return current_caller().role is Role.APPLICATION


def _no_cell_forecast(cell: str) -> NotFound:
    """The same answer for a cell outside the forecast and one the caller may not see."""
    return NotFound(f"no forecast for cell {cell}", Resource("cell", cell), reason="CELL_NOT_FOUND", metadata={"field": "cell"})


def _kind(kind: int) -> str:
    if kind == pb.PLACE_KIND_ZONE:
        return "zone"
    if kind == pb.PLACE_KIND_CELL:
        return "cell"
    raise InvalidArgument("kind is required", (FieldProblem("kind", "required", "PLACE_KIND_ZONE or PLACE_KIND_CELL"),))


def _lead_day(lead_day: int) -> int:
    if not 1 <= lead_day <= FORECAST_DAYS:
        raise InvalidArgument(
            f"lead_day lies in [1, {FORECAST_DAYS}]",
            (FieldProblem("lead_day", "out_of_range", f"1 (the 24 hours after the issue time) to {FORECAST_DAYS}"),),
        )
    return lead_day


def _target_time(request: pb.GetRiskMapRequest, issue_time: datetime) -> datetime:
    if problem := time_problem("target_time", request.target_time):
        raise InvalidArgument("target_time is out of range", (problem,))
    if request.target_time.seconds % 3600 or request.target_time.nanos:
        raise InvalidArgument(
            "target_time is not on the hour", (FieldProblem("target_time", "not_on_the_hour", "the start of an hour"),)
        )
    target_time = to_datetime(request.target_time)
    last = issue_time + timedelta(hours=FORECAST_HOURS - 1)
    if not issue_time <= target_time <= last:
        raise InvalidArgument(
            "target_time lies outside the forecast's 72 hours",
            (
                FieldProblem(
                    "target_time", "out_of_range", f"an hour from {issue_time:%Y-%m-%dT%H:%MZ} to {last:%Y-%m-%dT%H:%MZ}"
                ),
            ),
        )
    return target_time


def _origin(latest: LatestForecast) -> pb.ForecastOrigin:
    origin = pb.ForecastOrigin(issue_time=timestamp(latest.issue_time), model_version=latest.model_version)
    if latest.data_freshness is not None:
        origin.data_freshness.CopyFrom(timestamp(latest.data_freshness))
    return origin


def _scheduled(e) -> agenda.ScheduledEvent:
    return agenda.ScheduledEvent(
        event_key=e.event_key,
        category=e.category,
        organiser_type=e.organiser_type,
        expected_attendance=e.expected_attendance,
        cell=e.cell,
        area=e.area,
        starts_at=to_datetime(e.starts_at),
        ends_at=to_datetime(e.ends_at),
    )


def _entry(e: agenda.AgendaEntry) -> pb.AgendaEntry:
    return pb.AgendaEntry(
        local_date=e.local_date,
        lead_day=e.lead_day,
        risk_level=e.risk_level,
        band=BANDS[e.band],
        expected_count=e.expected_count,
        events=[
            pb.AgendaEvent(
                event_key=p.event.event_key,
                category=p.event.category,
                organiser_type=p.event.organiser_type,
                expected_attendance=p.event.expected_attendance,
                cell=p.event.cell,
                zone_id=p.zone,
                area=p.event.area,
                place=p.place,
                starts_at=timestamp(p.event.starts_at),
                ends_at=timestamp(p.event.ends_at),
                conflict_ids=p.conflict_ids,
            )
            for p in e.events
        ],
        has_conflict=e.has_conflict,
    )


def _conflict(c: agenda.Conflict) -> pb.Conflict:
    return pb.Conflict(
        conflict_id=c.conflict_id,
        kind=CONFLICT_KINDS[c.kind],
        event_keys=c.event_keys,
        zone_id=c.zone,
        area=c.area,
        local_dates=c.local_dates,
        expected_attendance=c.expected_attendance,
        capacity=c.capacity,
        words_en=c.words_en,
        words_fr=c.words_fr,
    )
