"""Per-(cell, hour) features, point-in-time correct. Pure numpy, no I/O.

A row is (cell, issue time T, target hour t = T + lead). Its features see only hours before
T; its label is the count of target incidents in the hour starting at t.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import h3
import numpy as np

from civicpulse.runtime.city import CityProfile

HOUR = timedelta(hours=1)
HISTORY_HOURS = 8 * 168  # the longest look-back: same hour of week over 8 weeks
NEAR_REPEAT_HOURS = 14 * 24
NEAR_REPEAT_HALF_LIFE = 72.0
EVENT_MARGIN_HOURS = 2  # crowds gather before a scheduled event and disperse after it
EVENT_RING = 2  # cells around the venue that feel the event
ACTIVE_WINDOW_HOURS = 28 * 24

FEATURE_NAMES = (
    "history_24h",
    "history_7d",
    "history_28d",
    "same_hour_of_week_8w",
    "near_repeat",
    "neighbours_7d",
    "city_24h",
    "scheduled_attendance_near",
    "hour_of_day",
    "day_of_week",
    "is_holiday",
    "lead_hours",
)


@dataclass(frozen=True)
class ScheduledEvent:
    cell: str
    starts_at: datetime
    ends_at: datetime
    expected_attendance: int


@dataclass
class History:
    """Hourly target-incident counts for every city cell over [start, start + n_hours)."""

    cells: list[str]
    start: datetime
    counts: np.ndarray  # float32 [n_cells, n_hours]
    attendance: np.ndarray  # float32 [n_cells, n_hours]

    @property
    def index(self) -> dict[str, int]:
        return {cell: i for i, cell in enumerate(self.cells)}

    def hour_index(self, moment: datetime) -> int:
        return int((moment - self.start) / HOUR)


def history_window(issue_times: list[datetime], horizon_hours: int) -> tuple[datetime, datetime]:
    return min(issue_times) - HISTORY_HOURS * HOUR, max(issue_times) + horizon_hours * HOUR


def build_history(
    cells: list[str],
    start: datetime,
    end: datetime,
    hourly_counts: list[tuple[str, datetime, float]],
    scheduled: list[ScheduledEvent],
) -> History:
    n_hours = int((end - start) / HOUR)
    history = History(cells, start, np.zeros((len(cells), n_hours), np.float32), np.zeros((len(cells), n_hours), np.float32))
    index = history.index
    for cell, hour, count in hourly_counts:
        i, j = index.get(cell), history.hour_index(hour)
        if i is not None and 0 <= j < n_hours:
            history.counts[i, j] += count
    for event in scheduled:
        first = max(history.hour_index(event.starts_at) - EVENT_MARGIN_HOURS, 0)
        last = min(history.hour_index(event.ends_at) + EVENT_MARGIN_HOURS + 1, n_hours)
        if first >= last:
            continue
        for near in h3.grid_disk(event.cell, EVENT_RING):
            i = index.get(near)
            if i is not None:
                history.attendance[i, first:last] += event.expected_attendance
    return history


@dataclass
class Matrix:
    cells: list[str]
    issue_times: np.ndarray  # int64 unix seconds per row
    target_times: np.ndarray  # int64 unix seconds per row
    values: np.ndarray  # float32 [rows, len(FEATURE_NAMES)]
    labels: np.ndarray | None  # float32 [rows]


class FeatureBuilder:
    def __init__(self, city: CityProfile, history: History) -> None:
        self.city = city
        self.h = history
        n_cells, n_hours = history.counts.shape
        self.cumulative = np.zeros((n_cells, n_hours + 1), np.float64)
        np.cumsum(history.counts, axis=1, out=self.cumulative[:, 1:])
        self.neighbours = _neighbour_table(history.cells, history.index)
        hours = [history.start + k * HOUR for k in range(n_hours)]
        local = [city.local(moment) for moment in hours]
        self.hour_of_day = np.array([m.hour for m in local], np.float32)
        self.day_of_week = np.array([m.weekday() for m in local], np.float32)
        self.is_holiday = np.array([city.is_holiday(m.date()) for m in local], np.float32)
        self.decay = 0.5 ** (np.arange(NEAR_REPEAT_HOURS, 0, -1) / NEAR_REPEAT_HALF_LIFE)

    def window_sum(self, end: int, hours: int) -> np.ndarray:
        return (self.cumulative[:, end] - self.cumulative[:, max(end - hours, 0)]).astype(np.float32)

    def block(self, issue_time: datetime, horizon: int, rows: np.ndarray | None, active_only: bool, labels: bool):
        """Rows for one issue time: every selected cell times every lead, cell-major."""
        t0 = self.h.hour_index(issue_time)
        h24, h7d, h28d = self.window_sum(t0, 24), self.window_sum(t0, 168), self.window_sum(t0, 28 * 24)
        if rows is None:
            rows = np.flatnonzero(h28d > 0) if active_only else np.arange(len(self.h.cells))
        recent = self.h.counts[:, max(t0 - NEAR_REPEAT_HOURS, 0) : t0]
        near_repeat = recent @ self.decay[NEAR_REPEAT_HOURS - recent.shape[1] :]
        padded = np.append(h7d, 0.0)
        neighbours = padded[self.neighbours].sum(axis=1)
        city_24h = float(h24.sum())

        leads = np.arange(horizon)
        targets = t0 + leads  # hour indices
        weekly = np.stack([self.h.counts[:, targets - 168 * k] for k in range(1, 9)])  # targets-168k >= t0-1344 >= 0
        same_how = weekly.mean(axis=0)

        n, L = len(rows), horizon
        values = np.empty((n, L, len(FEATURE_NAMES)), np.float32)
        per_cell = (h24, h7d, h28d)
        for f, column in enumerate(per_cell):
            values[:, :, f] = column[rows, None]
        values[:, :, 3] = same_how[rows]
        values[:, :, 4] = near_repeat[rows, None]
        values[:, :, 5] = neighbours[rows, None]
        values[:, :, 6] = city_24h
        values[:, :, 7] = self.h.attendance[rows][:, targets]
        values[:, :, 8] = self.hour_of_day[targets]
        values[:, :, 9] = self.day_of_week[targets]
        values[:, :, 10] = self.is_holiday[targets]
        values[:, :, 11] = leads
        label = self.h.counts[rows][:, targets].reshape(-1) if labels else None
        start_unix = int(self.h.start.timestamp())
        return (
            np.repeat(rows, L),
            np.full(n * L, start_unix + t0 * 3600, np.int64),
            np.tile(start_unix + targets.astype(np.int64) * 3600, n),
            values.reshape(n * L, len(FEATURE_NAMES)),
            label,
        )


def _neighbour_table(cells: list[str], index: dict[str, int]) -> np.ndarray:
    """For each cell, its six ring-1 neighbours' row numbers; len(cells) (a zero pad) if outside."""
    table = np.full((len(cells), 6), len(cells), np.int64)
    for i, cell in enumerate(cells):
        for k, near in enumerate(sorted(h3.grid_ring(cell, 1))[:6]):
            table[i, k] = index.get(near, len(cells))
    return table


def build_matrix(
    builder: FeatureBuilder,
    issue_times: list[datetime],
    horizon: int,
    cells: list[str] | None,
    active_only: bool,
    labels: bool,
) -> Matrix:
    rows = None
    if cells:
        index = builder.h.index
        rows = np.array([index[c] for c in cells if c in index], np.int64)
    parts = [builder.block(t, horizon, rows, active_only, labels) for t in sorted(issue_times)]
    row_cells = np.concatenate([p[0] for p in parts])
    return Matrix(
        cells=[builder.h.cells[i] for i in row_cells],
        issue_times=np.concatenate([p[1] for p in parts]),
        target_times=np.concatenate([p[2] for p in parts]),
        values=np.concatenate([p[3] for p in parts]),
        labels=np.concatenate([p[4] for p in parts]) if labels else None,
    )
