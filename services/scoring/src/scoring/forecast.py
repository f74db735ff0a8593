"""From predictions to forecasts: risk levels, each cell's peak hour, zone updates. No I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.model_card import FeatureFamily, ModelCard
from civicpulse.scoring.v1 import scoring_pb2
from scoring import explanations
from scoring.explain import Factor, top_factors
from scoring.feature_client import FeatureMatrix, timestamp
from scoring.messages import level_message, track_record_message
from scoring.model import TrainedModel, risk_levels
from scoring.repository import CellForecast

HOURLY_DAYS = 3  # hourly expected counts for the first 72 hours


@dataclass
class Forecast:
    issue_time: datetime
    model_version: str
    rows: list[tuple]  # hourly: (cell, zone, target_time, expected_count, risk_level)
    daily_rows: list[tuple]  # (cell, zone, lead_day, window_start, expected_count, risk_level)
    cells: list[CellForecast]
    zone_daily: dict[str, list[float]]  # zone -> expected count of each of the 30 days


def make_forecast(
    matrix: FeatureMatrix,
    model: TrainedModel,
    version: str,
    issue_time: datetime,
    city: CityProfile,
    families: list[FeatureFamily],
) -> Forecast:
    """Daily expected counts for days 1-30; the first three days spread over their hours by each cell's profile."""
    expected = model.predict(matrix.values)
    daily_levels = risk_levels(expected, model.level_thresholds["daily"])
    zones = {cell: city.zone_of(cell) for cell in set(matrix.cells.tolist())}
    starts = [datetime.fromtimestamp(int(t), UTC) for t in matrix.window_starts]
    daily_rows = [
        (cell, zones[cell], int(lead), start, float(count), int(level))
        for cell, lead, start, count, level in zip(
            matrix.cells, matrix.lead_days.tolist(), starts, expected.tolist(), daily_levels.tolist(), strict=True
        )
    ]
    zone_daily: dict[str, list[float]] = {}
    totals: dict[str, float] = {}
    for cell, zone, lead, _, count, _ in daily_rows:
        zone_daily.setdefault(zone, [0.0] * 30)[lead - 1] += count
        totals[cell] = totals.get(cell, 0.0) + count

    near = np.flatnonzero(matrix.lead_days <= HOURLY_DAYS)
    hourly = expected[near, None] * matrix.hourly.shares[near]  # [rows, 24]
    hourly_levels = risk_levels(hourly.ravel(), model.level_thresholds["hourly"]).reshape(hourly.shape)
    rows = []
    peak: dict[str, tuple[float, int, int]] = {}  # cell -> (expected, row in `near`, hour)
    for k, i in enumerate(near.tolist()):
        cell, start = matrix.cells[i], int(matrix.window_starts[i])
        for hour in range(24):
            value = float(hourly[k, hour])
            rows.append((cell, zones[cell], datetime.fromtimestamp(start + 3600 * hour, UTC), value, int(hourly_levels[k, hour])))
            if cell not in peak or value > peak[cell][0]:
                peak[cell] = (value, k, hour)
    # Exact contributions cost about a millisecond a row: explain only the peaks worth notifying.
    worth = [cell for cell, (_, k, hour) in peak.items() if hourly_levels[k, hour] >= 2]
    explained_rows = np.array([near[peak[cell][1]] for cell in worth], np.int64)
    contributions = model.contributions(matrix.values[explained_rows])
    factors = dict(zip(worth, top_factors(contributions, matrix.features, families), strict=True))
    forecasts = []
    for cell, (value, k, hour) in sorted(peak.items()):
        start = int(matrix.window_starts[near[k]])
        forecasts.append(
            CellForecast(
                cell=cell,
                zone=zones[cell],
                peak_target_time=datetime.fromtimestamp(start + 3600 * hour, UTC),
                expected_count=value,
                risk_level=int(hourly_levels[k, hour]),
                expected_count_30d=totals.get(cell, 0.0),
                factors=[replace(f, contribution=round(f.contribution, 4)) for f in factors.get(cell, [])],
            )
        )
    return Forecast(issue_time, version, rows, daily_rows, forecasts, zone_daily)


def zone_updates(
    forecast: Forecast,
    city: CityProfile,
    data_freshness: datetime | None,
    max_cells: int,
    card: ModelCard | None = None,
    hourly_thresholds: list[float] | None = None,
) -> list[scoring_pb2.ZoneRiskUpdate]:
    """One update per zone of the city, listing its cells at level 2 or more, riskiest first, with
    what a level means, the reasons in words and the model's track record in the zone (`card`)."""
    meanings = explanations.level_meanings(hourly_thresholds, "hour", city.agenda.band) if hourly_thresholds else []
    levels = [level_message(m) for m in meanings]
    by_zone: dict[str, list[CellForecast]] = {zone: [] for zone in sorted(city.zones)}
    for cell in forecast.cells:
        by_zone.setdefault(cell.zone, []).append(cell)
    updates = []
    for zone, cells in by_zone.items():
        at_risk = sorted((c for c in cells if c.risk_level >= 2), key=lambda c: -c.expected_count)[:max_cells]
        update = scoring_pb2.ZoneRiskUpdate(
            zone=zone,
            zone_name=city.zone_name(zone),
            hourly_levels=levels,
            track_record=track_record_message(explanations.track_record(card, zone)),
            issue_time=timestamp(forecast.issue_time),
            model_version=forecast.model_version,
            max_risk_level=max((c.risk_level for c in cells), default=1),
            daily_expected_counts=forecast.zone_daily.get(zone, []),
            cells=[
                scoring_pb2.CellRisk(
                    cell=c.cell,
                    peak_target_time=timestamp(c.peak_target_time),
                    expected_count=c.expected_count,
                    risk_level=c.risk_level,
                    expected_count_30d=c.expected_count_30d,
                    factors=factor_messages(c.factors),
                )
                for c in at_risk
            ],
        )
        if data_freshness is not None:
            update.data_freshness.CopyFrom(timestamp(data_freshness))
        update.update_id = update_id(update)
        updates.append(update)
    return updates


def factor_messages(factors: list[Factor]) -> list[scoring_pb2.Factor]:
    """A cell's factors with their share of its explained change and in words (none when nothing moved)."""
    said = {r.family: r for r in explanations.reasons(factors)}
    messages = []
    for f in factors:
        message = scoring_pb2.Factor(family=f.family, label_en=f.label_en, label_fr=f.label_fr, contribution=f.contribution)
        if (r := said.get(f.family)) is not None:
            message.share, message.raises, message.words_en, message.words_fr = r.share, r.raises, r.words_en, r.words_fr
        messages.append(message)
    return messages


def update_id(update: scoring_pb2.ZoneRiskUpdate) -> str:
    """A digest of the update's content: the same forecast published again is recognised as a
    duplicate, a changed one (fresher data, other levels) is a new update."""
    return hashlib.sha256(update.SerializeToString(deterministic=True)).hexdigest()[:24]


def model_version(issue_time: datetime, model: TrainedModel) -> str:
    return f"{issue_time:%Y%m%dT%H}-{hashlib.sha256(model.serialise()).hexdigest()[:10]}"
