"""SQL of the read API: the active model and the latest forecast it issued, per cell and per zone.

Every read names the forecast (issue time and model version) it reads, so that one answer never
mixes two forecasts while a newer one is being stored. A stored forecast never changes, so its
zone totals are computed once and kept until a newer one is read; the active model's card is kept
while it stays active.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from civicpulse.runtime.model_card import ModelCard
from scoring.explain import Factor
from scoring.model import risk_levels


@dataclass(frozen=True)
class ActiveModel:
    version: str
    thresholds: dict[str, list[float]]  # "hourly", "daily": expected counts where levels 2..5 start
    card: ModelCard | None  # None when a version's card cannot be read


@dataclass(frozen=True)
class LatestForecast:
    issue_time: datetime
    model_version: str
    data_freshness: datetime | None  # time of the newest event the forecast saw


@dataclass(frozen=True)
class DailyValue:
    place: str  # a cell, or a zone
    zone: str
    lead_day: int
    window_start: datetime
    expected_count: float
    risk_level: int  # a zone's: its total among zones' totals (older models: its highest cell's)


@dataclass(frozen=True)
class HourlyValue:
    place: str
    zone: str
    target_time: datetime
    expected_count: float
    risk_level: int


@dataclass(frozen=True)
class CellFactors:
    cell: str
    zone: str
    factors: list[Factor]


@dataclass(frozen=True)
class ZoneTotals:
    """One forecast's values per zone: the sum of its cells, and that total's level."""

    forecast: LatestForecast
    days: dict[str, list[DailyValue]]  # zone -> lead days 1..30
    hours: dict[str, list[HourlyValue]]  # zone -> the 72 hours


class ForecastReads:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool
        self._active: ActiveModel | None = None
        self._totals: ZoneTotals | None = None
        self._totals_lock = asyncio.Lock()

    async def active_model(self) -> ActiveModel | None:
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT model_version FROM scoring.models WHERE status = 'active'")
            row = await cur.fetchone()
            if row is None:
                return None
            if self._active is None or self._active.version != row[0]:
                cur = await conn.execute("SELECT level_thresholds, card FROM scoring.models WHERE model_version = %s", row)
                thresholds, card = await cur.fetchone()
                self._active = ActiveModel(row[0], thresholds, _card(card))
        return self._active

    async def latest_forecast(self, version: str) -> LatestForecast | None:
        """The newest issue time `version` scored (every table of a forecast is written in one transaction)."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT issue_time, data_freshness FROM scoring.daily_scores WHERE model_version = %s"
                " ORDER BY issue_time DESC LIMIT 1",
                (version,),
            )
            row = await cur.fetchone()
        return LatestForecast(row[0], version, row[1]) if row else None

    async def cell_days(
        self,
        forecast: LatestForecast,
        cells: Collection[str] | None = None,
        zones: Collection[str] | None = None,
        lead_day: int | None = None,
    ) -> list[DailyValue]:
        """Per cell and lead day, of these cells and zones (None: every one)."""
        where, params = _where(forecast, cells=cells, zones=zones, lead_day=lead_day)
        query = sql.SQL(
            "SELECT cell, zone, lead_day, window_start, expected_count, risk_level FROM scoring.daily_scores"
            " WHERE {} ORDER BY cell, lead_day"
        ).format(where)
        return [DailyValue(*row) for row in await self._fetch(query, params)]

    async def zone_days(
        self,
        forecast: LatestForecast,
        zones: Collection[str] | None = None,
        lead_day: int | None = None,
        through_day: int | None = None,
    ) -> list[DailyValue]:
        """Per zone and lead day (one, or 1 to `through_day`): the sum of its cells, its highest
        cell's level, by zone then day."""
        totals = await self.zone_totals(forecast)
        return [
            value
            for zone in sorted(totals.days if zones is None else set(zones) & totals.days.keys())
            for value in totals.days[zone]
            if (lead_day is None or value.lead_day == lead_day) and (through_day is None or value.lead_day <= through_day)
        ]

    async def zone_totals(self, forecast: LatestForecast) -> ZoneTotals:
        """The forecast's values per zone, read once per forecast (scoring.zone_daily_scores and the
        hourly scores summed per zone)."""
        async with self._totals_lock:
            if self._totals is None or self._totals.forecast != forecast:
                where, params = _where(forecast)
                days: dict[str, list[DailyValue]] = {}
                query = sql.SQL(
                    "SELECT zone, zone, lead_day, window_start, expected_count, max_risk_level"
                    " FROM scoring.zone_daily_scores WHERE {} ORDER BY zone, lead_day"
                ).format(where)
                rows = await self._fetch(
                    sql.SQL("SELECT level_thresholds FROM scoring.models WHERE model_version = %s"), [forecast.model_version]
                )
                levels = zone_levels(rows[0][0] if rows else {})
                for zone, _, lead_day, start, count, top_cell in await self._fetch(query, params):
                    level = levels("zone_daily", count, top_cell)
                    days.setdefault(zone, []).append(DailyValue(zone, zone, lead_day, start, count, level))
                hours: dict[str, list[HourlyValue]] = {}
                query = sql.SQL(
                    "SELECT zone, zone, target_time, sum(expected_count), max(risk_level) FROM scoring.risk_scores"
                    " WHERE {} GROUP BY zone, target_time ORDER BY zone, target_time"
                ).format(where)
                for place, zone, t, count, top_cell in await self._fetch(query, params):
                    level = levels("zone_hourly", count, top_cell)
                    hours.setdefault(zone, []).append(HourlyValue(place, zone, t, float(count), level))
                self._totals = ZoneTotals(forecast, days, hours)
            return self._totals

    async def cell_hours(
        self,
        forecast: LatestForecast,
        cells: Collection[str] | None = None,
        zones: Collection[str] | None = None,
        target_time: datetime | None = None,
    ) -> list[HourlyValue]:
        where, params = _where(forecast, cells=cells, zones=zones, target_time=target_time)
        query = sql.SQL(
            "SELECT cell, zone, target_time, expected_count, risk_level FROM scoring.risk_scores WHERE {}"
            " ORDER BY cell, target_time"
        ).format(where)
        return [HourlyValue(*row) for row in await self._fetch(query, params)]

    async def zone_hours(
        self, forecast: LatestForecast, zones: Collection[str] | None = None, target_time: datetime | None = None
    ) -> list[HourlyValue]:
        """Per zone and hour: the sum of its cells, its highest cell's level, by zone then hour."""
        totals = await self.zone_totals(forecast)
        return [
            value
            for zone in sorted(totals.hours if zones is None else set(zones) & totals.hours.keys())
            for value in totals.hours[zone]
            if target_time is None or value.target_time == target_time
        ]

    async def factors(
        self, forecast: LatestForecast, cells: Collection[str] | None = None, zones: Collection[str] | None = None
    ) -> list[CellFactors]:
        """The explained cells (those with factors) among these cells or zones."""
        where, params = _where(forecast, cells=cells, zones=zones)
        query = sql.SQL(
            "SELECT cell, zone, factors FROM scoring.cell_forecasts WHERE {} AND factors <> '[]'::jsonb ORDER BY cell"
        ).format(where)
        return [
            CellFactors(cell, zone, [Factor(**f) for f in factors]) for cell, zone, factors in await self._fetch(query, params)
        ]

    async def _fetch(self, query: sql.Composed, params: list) -> list[tuple]:
        async with self._pool.connection() as conn:
            cur = await conn.execute(query, params)
            return await cur.fetchall()


def zone_levels(thresholds: dict[str, list[float]]):
    """How a zone's total becomes its level: among zones' totals, by the thresholds its model set
    for zones; a model trained without them gives its riskiest cell's level."""

    def level(period: str, total: float, top_cell: int) -> int:
        if period not in thresholds:
            return int(top_cell)
        return int(risk_levels(np.asarray([float(total)]), thresholds[period])[0])

    return level


def _card(stored: dict) -> ModelCard | None:
    """The card as typed; None for a version stored without one or in a layout it no longer reads
    (its track record is then not judged, rather than the forecast refused)."""
    try:
        return ModelCard.from_dict(stored) if stored else None
    except (KeyError, TypeError, ValueError):
        return None


def _where(
    forecast: LatestForecast,
    cells: Collection[str] | None = None,
    zones: Collection[str] | None = None,
    lead_day: int | None = None,
    target_time: datetime | None = None,
    through_day: int | None = None,
) -> tuple[sql.Composed, list]:
    clauses = [sql.SQL("issue_time = %s"), sql.SQL("model_version = %s")]
    params: list = [forecast.issue_time, forecast.model_version]
    for column, value in (("cell", cells), ("zone", zones)):
        if value is not None:
            clauses.append(sql.SQL("{} = ANY(%s)").format(sql.Identifier(column)))
            params.append(list(value))
    for column, value in (("lead_day", lead_day), ("target_time", target_time)):
        if value is not None:
            clauses.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
            params.append(value)
    if through_day is not None:
        clauses.append(sql.SQL("lead_day <= %s"))
        params.append(through_day)
    return sql.SQL(" AND ").join(clauses), params
