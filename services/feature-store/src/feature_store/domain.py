"""Per-(cell, issue time, 24-hour window) features, point-in-time correct. Pure numpy, no I/O.

A row is (cell, issue time T, lead day d). Its window is [T + 24(d-1) h, T + 24d h); its label
is the count of target events in that window. Its features see only events before T. Times are
whole hours since the Unix epoch ("unix hours") so that every window is an index range.

History is kept as target events sorted by hour, not as a dense cell-by-hour grid: memory grows
with the events stored, not with cells times years.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import h3
import numpy as np

from civicpulse.runtime.baselines import HOTSPOT_WEEKS
from civicpulse.runtime.city import CityProfile
from feature_store.registry import FEATURE_NAMES

HOURS_PER_WEEK = 168
NEAR_REPEAT_HOURS = 14 * 24
NEAR_REPEAT_HALF_LIFE = 72.0
EVENT_MARGIN_HOURS = 2  # crowds gather before a scheduled event and disperse after it
EVENT_RING = 2  # cells around the venue that feel the event
# Pseudo-events of the city-wide hour-of-week profile mixed into each cell's own profile:
# a cell with little history gets the city's rhythm, a busy one its own.
PROFILE_PRIOR_EVENTS = 24.0
# Per-hour values of a row's window sent with `hourly` (labels too, when asked for).
HOURLY = ("shares", "dow_hour_mean", "attendance_near")


def unix_hour(moment: datetime) -> int:
    return int(moment.timestamp()) // 3600


@dataclass(frozen=True)
class ScheduledEvent:
    cell: str
    starts_at: datetime
    ends_at: datetime
    expected_attendance: int


@dataclass
class TargetHistory:
    """Target counts per (unix hour, cell row), sorted by hour."""

    hours: np.ndarray  # int64
    cells: np.ndarray  # int64 rows of CityGrid.cells
    counts: np.ndarray  # float64

    @classmethod
    def from_counts(cls, grid: CityGrid, hourly_counts: Sequence[tuple[str, int, float]]) -> TargetHistory:
        """hourly_counts: (cell, unix hour, count); cells outside the city are ignored."""
        kept = [(hour, grid.index[cell], count) for cell, hour, count in hourly_counts if cell in grid.index]
        kept.sort()
        hours, cells, counts = (np.array(column) for column in zip(*kept, strict=True)) if kept else ([], [], [])
        return cls(np.asarray(hours, np.int64), np.asarray(cells, np.int64), np.asarray(counts, np.float64))

    @property
    def first_hour(self) -> int | None:
        return int(self.hours[0]) if len(self.hours) else None

    def position(self, hour: int) -> int:
        return int(np.searchsorted(self.hours, hour, side="left"))

    def window(self, start: int, end: int, n_cells: int, weights: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
        """Per-cell sum over [start, end), optionally weighted per event."""
        i, j = self.position(start), self.position(end)
        w = self.counts[i:j] if weights is None else self.counts[i:j] * weights(self.hours[i:j])
        return np.bincount(self.cells[i:j], weights=w, minlength=n_cells)


class NeighbourSum:
    """`ring @ values`: per cell, the sum of its neighbours' values."""

    def __init__(self, table: np.ndarray) -> None:
        self.table = table

    def __matmul__(self, values: np.ndarray) -> np.ndarray:
        return np.append(np.asarray(values, np.float64), 0.0)[self.table].sum(axis=1)


class CityGrid:
    """The city's cells with their neighbour tables (built once per service)."""

    def __init__(self, city: CityProfile) -> None:
        self.cells = sorted(city.cells)
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.ring1 = NeighbourSum(self._ring_table(1))
        self.disk2 = {cell: [self.index[c] for c in h3.grid_disk(cell, EVENT_RING) if c in self.index] for cell in self.cells}

    def _ring_table(self, k: int) -> np.ndarray:
        """Each cell's ring-k neighbours as rows; len(cells) (a zero pad) where a neighbour is outside the city."""
        rings = [sorted(h3.grid_ring(cell, k)) for cell in self.cells]
        table = np.full((len(self.cells), max(map(len, rings), default=0)), len(self.cells), np.int64)
        for i, ring in enumerate(rings):
            for j, near in enumerate(ring):
                table[i, j] = self.index.get(near, len(self.cells))
        return table

    def study_area(self, history: TargetHistory, as_of: int) -> np.ndarray:
        """Rows of cells with target history before `as_of`, and their neighbours."""
        seen = np.bincount(history.cells[: history.position(as_of)], minlength=len(self.cells)) > 0
        return np.flatnonzero(seen | (self.ring1 @ seen.astype(np.float64) > 0))


class LocalCalendar:
    """Local hour of week, weekday and public holidays for every unix hour of a range."""

    def __init__(self, city: CityProfile, first: int, last: int) -> None:
        self.first = first
        local = [city.local(datetime.fromtimestamp(h * 3600, UTC)) for h in range(first, last)]
        self.hour_of_week = np.array([m.weekday() * 24 + m.hour for m in local], np.int64)
        self.hour = np.array([m.hour for m in local], np.int64)
        self.weekday = np.array([m.weekday() for m in local], np.int64)
        days = {m.date() for m in local}
        holiday = {d for d in days if city.is_holiday(d)}
        self.is_holiday = np.array([m.date() in holiday for m in local], bool)

    def at(self, hours):
        """Positions of unix hours in this calendar's arrays."""
        return np.asarray(hours) - self.first

    def occurrences(self, start: int, end: int) -> np.ndarray:
        """How many hours of each hour of the week lie in [start, end)."""
        return np.bincount(self.hour_of_week[self.at(start) : self.at(end)], minlength=HOURS_PER_WEEK)


@dataclass
class Block:
    """The rows of one issue time: every selected cell for every lead day, lead-major."""

    cells: np.ndarray  # rows of CityGrid.cells
    issue_hour: int
    lead_days: np.ndarray  # int32 per row
    values: np.ndarray  # float32 [rows, len(FEATURE_NAMES)]
    labels: np.ndarray | None  # float32 [rows]
    # With `hourly`: float32 [rows, 24] per name, one value per hour of the row's window:
    # shares (the split of the window's count), dow_hour_mean (the baseline), attendance_near,
    # and labels (the counts) when labels are asked for.
    hourly: dict[str, np.ndarray] | None

    @property
    def window_starts(self) -> np.ndarray:
        return (self.issue_hour + 24 * (self.lead_days.astype(np.int64) - 1)) * 3600


def in_registry_order(columns: dict[str, np.ndarray | float]) -> list[np.ndarray | float]:
    """The columns computed, in the registry's order. Each must be declared there (its family and
    words are what people read of it) and each declared one computed."""
    undeclared, missing = sorted(columns.keys() - set(FEATURE_NAMES)), sorted(set(FEATURE_NAMES) - columns.keys())
    if undeclared or missing:
        raise ValueError(
            f"the feature builder and the registry (feature_store/registry.py) disagree: computed but not declared"
            f" {undeclared}, declared but not computed {missing}"
        )
    return [columns[name] for name in FEATURE_NAMES]


class _Window:
    """A row's 24-hour window from `start` (a unix hour): its hours and their local hours of the week."""

    def __init__(self, calendar: LocalCalendar, start: int) -> None:
        self.start = start
        self.hours = np.arange(start, start + 24)
        self.week_hours = calendar.hour_of_week[calendar.at(self.hours)]


class FeatureBuilder:
    def __init__(
        self,
        city: CityProfile,
        grid: CityGrid,
        history: TargetHistory,
        scheduled: Sequence[ScheduledEvent],
        first_hour: int,
        last_hour: int,
    ) -> None:
        """Rows may be asked for issue hours and windows within [first_hour, last_hour)."""
        self.grid = grid
        self.h = history
        self.n = len(grid.cells)
        self.calendar = LocalCalendar(city, min(first_hour, history.first_hour or first_hour), last_hour)
        self.scheduled = [
            (unix_hour(e.starts_at) - EVENT_MARGIN_HOURS, unix_hour(e.ends_at) + EVENT_MARGIN_HOURS + 1, e)
            for e in scheduled
            if e.cell in grid.disk2
        ]

    def block(self, issue_hour: int, lead_days: Sequence[int], rows: np.ndarray, labels: bool, hourly: bool) -> Block:
        t0, h = issue_hour, self.h
        first = h.first_hour if h.first_hour is not None and h.first_hour < t0 else t0
        before = self._history_columns(first, t0)
        by_hour_of_week, occurrences = self._hour_of_week(first, t0)
        usual = by_hour_of_week / np.maximum(occurrences, 1)  # the hour-of-week mean baseline, per hour

        n_rows, leads = len(rows), np.asarray(lead_days, np.int32)
        values = np.empty((len(leads), n_rows, len(FEATURE_NAMES)), np.float32)
        label = np.empty((len(leads), n_rows), np.float32) if labels else None
        hourly_names = (*HOURLY, "labels") if labels else HOURLY
        per_hour = {name: np.empty((len(leads), n_rows, 24), np.float32) for name in hourly_names} if hourly else {}
        profile = self._hourly_profile(by_hour_of_week) if hourly else None
        for k, lead in enumerate(leads.tolist()):
            window = _Window(self.calendar, t0 + 24 * (lead - 1))
            columns = in_registry_order({**before, **self._window_columns(window, lead, usual)})
            for f, column in enumerate(columns):
                values[k, :, f] = column[rows] if isinstance(column, np.ndarray) else column
            if label is not None:
                label[k] = h.window(window.start, window.start + 24, self.n)[rows]
            for name, hours in self._hourly(window, rows, usual, profile, set(per_hour)).items():
                per_hour[name][k] = hours
        reshape = (lambda a, *tail: a.reshape(len(leads) * n_rows, *tail)) if n_rows else (lambda a, *tail: a[:0])
        return Block(
            cells=np.tile(rows, len(leads)),
            issue_hour=t0,
            lead_days=np.repeat(leads, n_rows),
            values=reshape(values, len(FEATURE_NAMES)),
            labels=None if label is None else reshape(label),
            hourly={name: reshape(array, 24) for name, array in per_hour.items()} if hourly else None,
        )

    def _history_columns(self, first: int, t0: int) -> dict[str, np.ndarray | float]:
        """The features of what was known at t0: the target history before it, per cell (an array)
        or for the whole city (a number)."""
        n, h = self.n, self.h
        history_days = (t0 - first) / 24
        days = max(history_days, 1.0)
        total = h.window(first, t0, n)
        rate_all = total / days
        columns: dict[str, np.ndarray | float] = {
            "rate_all": rate_all,
            "rate_365d": h.window(t0 - 365 * 24, t0, n) / min(days, 365.0),
            "rate_91d": h.window(t0 - 91 * 24, t0, n) / min(days, 91.0),
            "count_28d": h.window(t0 - 28 * 24, t0, n),
            "count_7d": h.window(t0 - 7 * 24, t0, n),
            "count_24h": h.window(t0 - 24, t0, n),
            "near_repeat": h.window(t0 - NEAR_REPEAT_HOURS, t0, n, lambda at: 0.5 ** ((t0 - at) / NEAR_REPEAT_HALF_LIFE)),
        }
        own = h.window(t0 - HOTSPOT_WEEKS * HOURS_PER_WEEK, t0, n, lambda at: 1.0 / (1 + (t0 - 1 - at) // HOURS_PER_WEEK))
        columns["hotspot_own"] = own
        columns["hotspot_neighbours"] = own + (self.grid.ring1 @ own) / 2
        columns["neighbours_rate_all"] = (self.grid.ring1 @ rate_all) / 6
        columns["neighbours_28d"] = self.grid.ring1 @ columns["count_28d"]
        columns["city_trend"] = columns["count_7d"].sum() / 7 / rate_all.sum() if rate_all.sum() > 0 else 1.0
        columns["history_days"] = history_days
        columns["issue_hour"] = float(self.calendar.hour[self.calendar.at(t0)])
        return columns

    def _window_columns(self, window: _Window, lead: int, usual: np.ndarray) -> dict[str, np.ndarray | float]:
        """The features of the 24-hour window itself: its usual level, events near, its day, its lead."""
        middle = self.calendar.at(window.start + 12)
        return {
            "dow_hour_mean": usual[:, window.week_hours].sum(axis=1),
            "attendance_near": self._attendance(window.start, window.start + 24),
            "day_of_week": float(self.calendar.weekday[middle]),
            "is_holiday": float(self.calendar.is_holiday[middle]),
            "lead_days": float(lead),
        }

    def _hourly(
        self, window: _Window, rows: np.ndarray, usual: np.ndarray, profile: np.ndarray | None, names: set[str]
    ) -> dict[str, np.ndarray]:
        """The window's values hour by hour, for the rows, of the hourly names asked for."""
        if not names:
            return {}
        weights = profile[rows][:, window.week_hours]
        hours = {
            "shares": weights / weights.sum(axis=1, keepdims=True),
            "dow_hour_mean": usual[rows][:, window.week_hours],
            "attendance_near": np.stack([self._attendance(at, at + 1)[rows] for at in window.hours], axis=1),
        }
        if "labels" in names:
            hours["labels"] = self._hourly_counts(window.start)[rows]
        return hours

    def _hour_of_week(self, first: int, t0: int) -> tuple[np.ndarray, np.ndarray]:
        """Per cell, the target count at each local hour of the week before t0; and how many such hours passed."""
        i, j = self.h.position(first), self.h.position(t0)
        week_hour = self.calendar.hour_of_week[self.calendar.at(self.h.hours[i:j])]
        sums = np.bincount(self.h.cells[i:j] * HOURS_PER_WEEK + week_hour, self.h.counts[i:j], self.n * HOURS_PER_WEEK)
        return sums.reshape(self.n, HOURS_PER_WEEK), self.calendar.occurrences(first, t0)

    @staticmethod
    def _hourly_profile(by_hour_of_week: np.ndarray) -> np.ndarray:
        """Each cell's weight per hour of the week: its own counts plus a prior from the city's rhythm."""
        city = by_hour_of_week.sum(axis=0)
        prior = city / city.sum() if city.sum() > 0 else np.full(HOURS_PER_WEEK, 1 / HOURS_PER_WEEK)
        return by_hour_of_week + PROFILE_PRIOR_EVENTS * prior + 1e-9

    def _hourly_counts(self, start: int) -> np.ndarray:
        i, j = self.h.position(start), self.h.position(start + 24)
        flat = np.bincount(self.h.cells[i:j] * 24 + (self.h.hours[i:j] - start), self.h.counts[i:j], self.n * 24)
        return flat.reshape(self.n, 24)

    def _attendance(self, start: int, end: int) -> np.ndarray:
        near = np.zeros(self.n)
        for first, last, event in self.scheduled:
            if first < end and last > start:
                near[self.grid.disk2[event.cell]] += event.expected_attendance
        return near


def blocks(
    builder: FeatureBuilder,
    issue_times: Sequence[datetime],
    lead_days: Sequence[int],
    cells: Sequence[str] | None,
    study_area_as_of: datetime | None,
    labels: bool,
    hourly: bool,
) -> Iterator[Block]:
    """One block per issue time, oldest first. Rows: the given cells, else the study area."""
    grid = builder.grid
    fixed = None
    if cells:
        fixed = np.array(sorted(grid.index[c] for c in set(cells)), np.int64)
    elif study_area_as_of is not None:
        fixed = grid.study_area(builder.h, unix_hour(study_area_as_of))
    for issue_time in sorted(issue_times):
        t0 = unix_hour(issue_time)
        rows = fixed if fixed is not None else grid.study_area(builder.h, t0)
        yield builder.block(t0, lead_days, rows, labels, hourly)
