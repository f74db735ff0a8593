"""From predictions to forecasts: risk levels, each cell's peak hour, zone updates. No I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from civicpulse.runtime.city import CityProfile
from civicpulse.scoring.v1 import scoring_pb2
from scoring.explain import top_factors
from scoring.feature_client import FeatureMatrix, timestamp
from scoring.model import TrainedModel, risk_levels
from scoring.repository import CellForecast


@dataclass
class Forecast:
    issue_time: datetime
    model_version: str
    rows: list[tuple]  # (cell, zone, target_time, expected_count, risk_level)
    cells: list[CellForecast]


def make_forecast(matrix: FeatureMatrix, model: TrainedModel, version: str, issue_time: datetime, city: CityProfile) -> Forecast:
    expected = model.predict(matrix.values)
    levels = risk_levels(expected, model.level_thresholds)
    cells = np.asarray(matrix.cells)
    zones = {cell: city.zone_of(cell) for cell in set(matrix.cells)}
    targets = [datetime.fromtimestamp(int(t), UTC) for t in matrix.target_times]
    rows = [
        (cell, zones[cell], target, float(count), int(level))
        for cell, target, count, level in zip(matrix.cells, targets, expected.tolist(), levels.tolist(), strict=True)
    ]
    # Each cell's peak hour: rows are cell-major, so a stable sort by cell keeps hours in order.
    order = np.lexsort((-expected, cells))
    first_of_cell = np.ones(len(order), bool)
    first_of_cell[1:] = cells[order][1:] != cells[order][:-1]
    peaks = order[first_of_cell]
    # Exact contributions cost about a millisecond a row: explain only the peaks worth notifying.
    explained = peaks[levels[peaks] >= 2]
    contributions = model.contributions(matrix.values[explained])
    factors = dict(zip(explained.tolist(), top_factors(contributions, model.feature_names), strict=True))
    forecasts = [
        CellForecast(
            cell=matrix.cells[i],
            zone=zones[matrix.cells[i]],
            peak_target_time=targets[i],
            expected_count=float(expected[i]),
            risk_level=int(levels[i]),
            factors=[
                {
                    "family": f.family.name,
                    "label_en": f.family.label_en,
                    "label_fr": f.family.label_fr,
                    "contribution": round(f.contribution, 4),
                }
                for f in factors.get(int(i), [])
            ],
        )
        for i in peaks.tolist()
    ]
    return Forecast(issue_time, version, rows, forecasts)


def zone_updates(
    forecast: Forecast, city: CityProfile, data_freshness: datetime | None, max_cells: int
) -> list[scoring_pb2.ZoneRiskUpdate]:
    """One update per zone of the city, listing its cells at level 2 or more, riskiest first."""
    by_zone: dict[str, list[CellForecast]] = {zone: [] for zone in sorted(city.zones)}
    for cell in forecast.cells:
        by_zone.setdefault(cell.zone, []).append(cell)
    updates = []
    for zone, cells in by_zone.items():
        at_risk = sorted((c for c in cells if c.risk_level >= 2), key=lambda c: -c.expected_count)[:max_cells]
        update = scoring_pb2.ZoneRiskUpdate(
            update_id=update_id(forecast.issue_time, forecast.model_version, zone),
            zone=zone,
            issue_time=timestamp(forecast.issue_time),
            model_version=forecast.model_version,
            max_risk_level=max((c.risk_level for c in cells), default=1),
            cells=[
                scoring_pb2.CellRisk(
                    cell=c.cell,
                    peak_target_time=timestamp(c.peak_target_time),
                    expected_count=c.expected_count,
                    risk_level=c.risk_level,
                    factors=[
                        scoring_pb2.Factor(
                            family=f["family"], label_en=f["label_en"], label_fr=f["label_fr"], contribution=f["contribution"]
                        )
                        for f in c.factors
                    ],
                )
                for c in at_risk
            ],
        )
        if data_freshness is not None:
            update.data_freshness.CopyFrom(timestamp(data_freshness))
        updates.append(update)
    return updates


def update_id(issue_time: datetime, version: str, zone: str) -> str:
    return hashlib.sha256(f"{issue_time.isoformat()}|{version}|{zone}".encode()).hexdigest()[:24]


def model_version(issue_time: datetime, model: TrainedModel) -> str:
    return f"{issue_time:%Y%m%dT%H}-{hashlib.sha256(model.serialise()).hexdigest()[:10]}"
