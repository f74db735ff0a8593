"""Train a version and judge it on held-out time against the baselines: the model card's figures.

`features` is anything with the feature-store client's `matrix(...)` coroutine, so the same code
runs against the service or in process (the evaluation harness and tests).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

import numpy as np

from civicpulse.runtime.baselines import BASELINE_METHODS, BASELINES
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.model_card import Band, Evaluation, FeatureDefinition, FeatureFamily, Hourly, TrainingFacts
from scoring.errors import CannotTrain
from scoring.evaluation import (
    DEVIANCE_FLOOR,
    band_metrics,
    by_zone,
    event_error,
    poisson_deviance,
    reliability_table,
    rounded,
    zone_series,
)
from scoring.feature_client import FeatureMatrix
from scoring.model import Dataset, TrainedModel, level_thresholds, train
from scoring.plan import BANDS, LEAD_DAYS, TRAINING_LEAD_DAYS, Plan, rows_within

HOURLY_LEAD_DAYS = [1, 2, 3]
TEST_BATCH = 7  # test issue times fetched at once: memory stays bounded whatever the period
SIGNAL_SAMPLE_ROWS = 20_000
# The band whose zones the card follows day by day: one window of 24 hours per issue date.
ZONE_SERIES_BAND = "day1"
# The days one window of each band spans (lead days 8-30: 23): daily issue times fewer days apart
# than this have overlapping windows, which the intervals and the count of independent windows heed.
WINDOW_DAYS = {name: max(leads) - min(leads) + 1 for name, leads in BANDS.items()}


class MatrixSource(Protocol):
    async def matrix(
        self,
        issue_times: list[datetime],
        lead_days: list[int],
        labels: bool,
        hourly: bool = False,
        study_area_as_of: datetime | None = None,
        on_rows: Callable[[Sequence[int]], None] | None = None,
    ) -> FeatureMatrix: ...


# The stages of a training, in words, and the percent each one ends at.
READING_TRAINING = ("reading the feature matrix: training rows", 40)
READING_VALIDATION = ("reading the feature matrix: validation rows", 50)
TRAINING = ("training", 60)
JUDGING = ("judging against the baselines on held-out time", 95)
WRITING_CARD = ("writing the model card", 99)


class Progress:
    """What a training says of itself as it goes: its stage in words, a percent that never goes down,
    and the feature rows read. Rows expected in all are estimated from the rows read so far per
    (issue time, lead day), times the pairs the plan reads; exact once the work ends.

    Written by the training on the event loop; whoever follows it reads `snapshot()`."""

    def __init__(self) -> None:
        self.stage = "reading what the feature store holds"
        self.percent = 0
        self.rows_read = 0
        self.rows_expected = 0
        self._start = self._end = 0
        self._units = self._done = 0
        self._pairs_total = self._pairs_read = 0

    def snapshot(self) -> tuple[str, int, int, int]:
        return self.stage, self.percent, self.rows_read, self.rows_expected

    def expect(self, plan: Plan) -> None:
        test = len(LEAD_DAYS) + len(HOURLY_LEAD_DAYS)  # each test issue time: daily and hourly windows
        fitting = len(plan.training) * len(TRAINING_LEAD_DAYS) + len(plan.validation) * len(LEAD_DAYS)
        self._pairs_total = fitting + len(plan.test) * test

    def enter(self, stage: tuple[str, int], units: int = 0) -> None:
        """A new stage, up to its percent, in `units` steps (issue times read) or at once."""
        self.stage, end = stage
        self._start, self._end = self.percent, end
        self._units, self._done = units, 0
        if not units:
            self._rise(self._start)

    def reader(self, lead_days: int) -> Callable[[Sequence[int]], None]:
        """Hears one matrix's rows: each new issue time is a step of the stage."""
        seen: set[int] = set()

        def read(issue_times: Sequence[int]) -> None:
            new = set(issue_times) - seen
            seen.update(new)
            self.rows_read += len(issue_times)
            self._pairs_read += len(new) * lead_days
            self._done += len(new)
            if self._pairs_read:
                estimate = round(self.rows_read / self._pairs_read * self._pairs_total)
                self.rows_expected = max(self.rows_read, estimate)
            if self._units:
                self._rise(self._start + (self._end - self._start) * min(self._done, self._units) // self._units)

        return read

    def finish(self) -> None:
        self.rows_expected = self.rows_read
        self._rise(100)

    def _rise(self, percent: int) -> None:
        self.percent = max(self.percent, min(100, percent))


@dataclass
class BandData:
    """Per band: [issue time, cell] sums of each method's score and of the actual counts."""

    issue_times: list[int] = field(default_factory=list)  # unix seconds, one per row of the arrays
    scores: dict[str, list[np.ndarray]] = field(default_factory=dict)
    actual: list[np.ndarray] = field(default_factory=list)
    attendance: list[np.ndarray] = field(default_factory=list)


@dataclass(frozen=True)
class Fitted:
    model: TrainedModel
    facts: TrainingFacts
    features: list[FeatureDefinition]
    families: list[FeatureFamily]


def dataset(matrix: FeatureMatrix, mask: np.ndarray) -> Dataset:
    return Dataset(matrix.feature_names, matrix.values[mask], matrix.labels[mask])


async def fit(
    features: MatrixSource, plan: Plan, rounds: int, max_depth: int, learning_rate: float, progress: Progress | None = None
) -> Fitted:
    progress = progress or Progress()
    progress.expect(plan)
    progress.enter(READING_TRAINING, len(plan.training))
    training = await features.matrix(
        plan.training, TRAINING_LEAD_DAYS, labels=True, on_rows=progress.reader(len(TRAINING_LEAD_DAYS))
    )
    progress.enter(READING_VALIDATION, len(plan.validation))
    validation = await features.matrix(plan.validation, LEAD_DAYS, labels=True, on_rows=progress.reader(len(LEAD_DAYS)))
    train_rows = rows_within(training.issue_times, training.lead_days, plan.validation_start)
    check_rows = rows_within(validation.issue_times, validation.lead_days, plan.test_start)
    if training.labels[train_rows].sum() == 0:
        raise CannotTrain(
            f"no target event in the training period ({plan.training[0]:%Y-%m-%d} to {plan.validation_start:%Y-%m-%d}):"
            " nothing to learn",
            plan.issue_time,
        )
    progress.enter(TRAINING)
    model, facts = await asyncio.to_thread(
        train, dataset(training, train_rows), dataset(validation, check_rows), rounds, max_depth, learning_rate
    )
    return Fitted(model, facts, training.features, training.families)


async def evaluate(
    features: MatrixSource,
    plan: Plan,
    model: TrainedModel,
    city: CityProfile,
    progress: Progress | None = None,
    min_published_count: int = 1,
) -> Evaluation:
    """Rolling daily issue times over the test period, model and baselines on the same cells and windows.
    The card's daily zone series withhold observed counts below `min_published_count`."""
    progress = progress or Progress()
    progress.enter(JUDGING, 2 * len(plan.test))  # each test issue time is read twice: daily and hourly windows
    bands = {name: BandData() for name in BANDS}
    cells: np.ndarray | None = None
    hourly_model, hourly_baseline, hourly_actual, hourly_event = [], [], [], []
    daily_predictions, signal_rows = [], []
    zone_daily, zone_hourly = [], []  # zones' totals, whose levels are set apart from the cells'
    for first in range(0, len(plan.test), TEST_BATCH):
        issue_times = plan.test[first : first + TEST_BATCH]
        matrix = await features.matrix(
            issue_times, LEAD_DAYS, labels=True, study_area_as_of=plan.test_start, on_rows=progress.reader(len(LEAD_DAYS))
        )
        predicted = model.predict(matrix.values)
        cells = _cells_of(matrix) if cells is None else cells
        daily_predictions.append(predicted)
        row_zones = zones_of(matrix.cells, city)
        zone_daily.append(zone_sums(predicted[:, None], row_zones, matrix.issue_times, matrix.lead_days))
        signal_rows.append(matrix.values[:: max(1, len(predicted) // 4000)])
        for name, leads in BANDS.items():
            _collect_band(bands[name], matrix, predicted, leads, plan, cells)
        hourly = await features.matrix(
            issue_times,
            HOURLY_LEAD_DAYS,
            labels=True,
            hourly=True,
            study_area_as_of=plan.test_start,
            on_rows=progress.reader(len(HOURLY_LEAD_DAYS)),
        )
        within = rows_within(hourly.issue_times, hourly.lead_days, plan.issue_time)
        columns = hourly.hourly
        hourly_model.append((model.predict(hourly.values)[:, None] * columns.shares)[within])
        zone_hourly.append(
            zone_sums(
                hourly_model[-1], zones_of(hourly.cells[within], city), hourly.issue_times[within], hourly.lead_days[within]
            )
        )
        hourly_baseline.append(columns.dow_hour_mean[within])
        hourly_actual.append(columns.labels[within])
        hourly_event.append(columns.attendance_near[within] > 0)
    assert cells is not None
    zones = [city.zone_of(c) for c in cells]
    judged = {}
    for name, data in bands.items():
        if not data.actual:  # the test period is shorter than the band: nothing to judge it on
            judged[name] = Band.not_judged(WINDOW_DAYS[name])
            continue
        series_tz = city.tz if name == ZONE_SERIES_BAND else None
        judged[name] = _judge_band(data, zones, WINDOW_DAYS[name], series_tz, min_published_count)
    model_hourly, baseline_hourly, actual_hourly, event_hours = (
        np.concatenate(x).ravel() for x in (hourly_model, hourly_baseline, hourly_actual, hourly_event)
    )
    hourly_72h = Hourly(
        cell_hours=int(actual_hourly.size),
        deviance={
            "model": poisson_deviance(actual_hourly, model_hourly, floor=DEVIANCE_FLOOR),
            "dow_hour_mean": poisson_deviance(actual_hourly, baseline_hourly, floor=DEVIANCE_FLOOR),
        },
        scheduled_event_hours={
            "model": event_error(model_hourly, actual_hourly, event_hours),
            "dow_hour_mean": event_error(baseline_hourly, actual_hourly, event_hours),
        },
    )
    all_daily = np.concatenate(daily_predictions)
    all_hourly = model_hourly.ravel()
    model.level_thresholds = {
        "daily": level_thresholds(all_daily),
        "hourly": level_thresholds(all_hourly),
        # A zone's level places its total among zones' totals: a zone of many cells is not red
        # merely because one of its cells is.
        "zone_daily": level_thresholds(np.concatenate(zone_daily).ravel()),
        "zone_hourly": level_thresholds(np.concatenate(zone_hourly).ravel()),
    }
    by_feature = signal_sources(model, np.concatenate(signal_rows)[:SIGNAL_SAMPLE_ROWS])
    return rounded(Evaluation(len(plan.test), len(cells), judged, hourly_72h, by_feature))


def zones_of(cells: np.ndarray, city: CityProfile) -> np.ndarray:
    """Each row's zone, looked up once per distinct cell."""
    distinct, inverse = np.unique(cells, return_inverse=True)
    return np.array([city.zone_of(c) for c in distinct.tolist()], dtype=object)[inverse]


def zone_sums(values: np.ndarray, zones: np.ndarray, *groups: np.ndarray) -> np.ndarray:
    """[key, column] sums of the rows' values ([rows, columns]), one key per distinct (zone, groups...)."""
    key = np.zeros(len(zones), dtype=np.int64)
    for column in (zones, *groups):
        distinct, index = np.unique(column, return_inverse=True)
        key = key * len(distinct) + index.ravel()
    keys = np.unique(key, return_inverse=True)[1].ravel()
    sums = np.zeros((int(keys.max()) + 1 if len(keys) else 0, values.shape[1]))
    np.add.at(sums, keys, values)
    return sums


def _judge_band(
    data: BandData,
    zones: list[str],
    window_days: int,
    series_tz: ZoneInfo | None = None,
    min_published_count: int = 1,
) -> Band:
    """Model and baselines on one band's cells and windows (each `window_days` long); figures rounded
    as the card holds them. With `series_tz`, each zone's day-by-day series too, dated in that time zone."""
    actual = np.stack(data.actual)
    scores = {method: np.stack(parts) for method, parts in data.scores.items()}
    metrics = band_metrics(scores, actual, model="model", baselines=list(BASELINE_METHODS), window_days=window_days)
    band = rounded(metrics.as_band())
    near_event = np.stack(data.attendance) > 0
    return replace(
        band,
        deviance_vs_dow_hour=_ratio(band.deviance["model"], band.deviance["dow_hour_mean"]),
        reliability=reliability_table(scores["model"].ravel(), actual.ravel()),
        zones=by_zone({m: s.sum(axis=0) for m, s in scores.items()}, actual.sum(axis=0), zones),
        scheduled_event_windows={
            m: event_error(s[near_event], actual[near_event], np.ones(int(near_event.sum()), bool)) for m, s in scores.items()
        },
        zone_series=[]
        if series_tz is None
        else zone_series(
            scores,
            actual,
            zones,
            data.issue_times,
            series_tz,
            baselines=list(BASELINE_METHODS),
            min_published_count=min_published_count,
        ),
    )


def _cells_of(matrix: FeatureMatrix) -> np.ndarray:
    first = matrix.issue_times == matrix.issue_times.min()
    return np.unique(matrix.cells[first & (matrix.lead_days == matrix.lead_days.min())])


def _collect_band(data: BandData, matrix: FeatureMatrix, predicted: np.ndarray, leads: list[int], plan: Plan, cells) -> None:
    """Adds one [cell] row per issue time whose band windows all end by the train issue time."""
    position = {c: i for i, c in enumerate(cells)}
    for issue in np.unique(matrix.issue_times):
        if issue + max(leads) * 86400 > plan.issue_time.timestamp():
            continue
        rows = np.flatnonzero((matrix.issue_times == issue) & np.isin(matrix.lead_days, leads))
        at = np.array([position[c] for c in matrix.cells[rows]])

        def per_cell(values: np.ndarray, at: np.ndarray = at) -> np.ndarray:
            return np.bincount(at, weights=values, minlength=len(cells))

        data.issue_times.append(int(issue))
        data.scores.setdefault("model", []).append(per_cell(predicted[rows]))
        for baseline in BASELINES:
            values = matrix.column(baseline.feature)[rows]
            # A per-issue-time baseline repeats on every lead row: scaled to a day, it sums to the band.
            per_day = baseline.per_day
            data.scores.setdefault(baseline.method, []).append(per_cell(values if per_day is None else values * per_day))
        data.actual.append(per_cell(matrix.labels[rows]))
        data.attendance.append(per_cell(matrix.column("attendance_near")[rows]))


def signal_sources(model: TrainedModel, values: np.ndarray) -> dict[str, float]:
    """Share of the model's mean absolute contribution by where the features' data comes from."""
    import xgboost as xgb

    contributions = model.booster.predict(
        xgb.DMatrix(values, feature_names=model.feature_names), pred_contribs=True, approx_contribs=True
    )
    weight = np.abs(contributions[:, :-1]).mean(axis=0)
    return dict(zip(model.feature_names, (weight / weight.sum()).tolist(), strict=True))


def _ratio(a, b):
    return None if a is None or b in (None, 0) else a / b
