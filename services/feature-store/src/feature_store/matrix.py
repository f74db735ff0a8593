"""Building a feature matrix: the feature store's read path, whatever the transport.

A request is checked against what one call may ask for (issue times, lead days, cells, rows in
all, days from its first to its last issue time), then the history it needs is read (target
counts and scheduled events from the earliest window of history to the end of the last window)
and the matrix is built one block per issue time, off the event loop so that the consumer keeps
storing events meanwhile. A block is built only while the caller waits.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import floor_hour, to_datetime
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, time_problem
from feature_store.domain import Block, CityGrid, FeatureBuilder, TargetHistory, blocks, unix_hour
from feature_store.repository import FeatureRepository

MAX_LEAD_DAYS = 30
MAX_ISSUE_TIMES = 400
# Seconds left before the caller stops waiting (None: it set no deadline); raises DeadlineExceeded,
# naming what would have been done, once it has passed.
TimeLeft = Callable[[str], float | None]


@dataclass(frozen=True)
class MatrixLimits:
    """What one call may ask for: rows in all, and days between its first and last issue time."""

    max_rows: int
    max_span_days: int


@dataclass(frozen=True)
class MatrixQuery:
    """A matrix asked for, checked: whole hours, each issue time and lead day once, in order."""

    issue_times: list[datetime]
    lead_days: list[int]
    cells: list[str]  # empty: the study area
    study_area_as_of: datetime | None  # None: the study area of each issue time
    labels: bool
    hourly: bool

    @property
    def first_hour(self) -> datetime:
        """The earliest moment the matrix looks at, before any history."""
        return min([*self.issue_times, *([self.study_area_as_of] if self.study_area_as_of else [])])

    @property
    def last_hour(self) -> datetime:
        """The end of the last window."""
        return self.issue_times[-1] + timedelta(days=self.lead_days[-1])


class Matrices:
    def __init__(self, repository: FeatureRepository, city: CityProfile, history_days: int, limits: MatrixLimits) -> None:
        self._repository = repository
        self._city = city
        self.grid = CityGrid(city)
        self._history = timedelta(days=history_days)
        self._limits = limits

    def query(self, request: pb.GetFeatureMatrixRequest) -> MatrixQuery:
        """The query a request makes; InvalidArgument naming every field at fault otherwise."""
        problems = self._problems(request)
        if problems:
            raise InvalidArgument("invalid feature matrix request", tuple(problems))
        return MatrixQuery(
            issue_times=sorted({floor_hour(to_datetime(t)) for t in request.issue_times}),
            lead_days=sorted(set(request.lead_days)),
            cells=list(request.cells),
            study_area_as_of=floor_hour(to_datetime(request.study_area_as_of)) if request.HasField("study_area_as_of") else None,
            labels=request.include_labels,
            hourly=request.include_hourly,
        )

    def _problems(self, request: pb.GetFeatureMatrixRequest) -> list[FieldProblem]:
        problems = []
        if not request.issue_times or len(request.issue_times) > MAX_ISSUE_TIMES:
            problems.append(FieldProblem("issue_times", "out_of_range", f"between 1 and {MAX_ISSUE_TIMES} issue times"))
        if not request.lead_days or any(not 1 <= d <= MAX_LEAD_DAYS for d in request.lead_days):
            problems.append(FieldProblem("lead_days", "out_of_range", f"at least one, each between 1 and {MAX_LEAD_DAYS}"))
        moments = [time_problem("issue_times", t) for t in request.issue_times]
        if request.HasField("study_area_as_of"):
            moments.append(time_problem("study_area_as_of", request.study_area_as_of))
        problems.extend(dict.fromkeys(p for p in moments if p))
        unknown = sorted(set(request.cells) - set(self.grid.index))
        if unknown:
            problems.append(FieldProblem("cells", "not_in_city", f"{len(unknown)} cells outside the city, e.g. {unknown[0]}"))
        if request.issue_times:
            problems.extend(self._size_problems(request, problems))
        return problems

    def _size_problems(self, request: pb.GetFeatureMatrixRequest, found: list[FieldProblem]) -> list[FieldProblem]:
        """Too long a span, or (when nothing else is wrong) too many rows."""
        seconds = [t.seconds for t in request.issue_times]
        span_days = (max(seconds) - min(seconds)) / 86400
        if span_days > self._limits.max_span_days:
            return [
                FieldProblem(
                    "issue_times",
                    "span_too_long",
                    f"{span_days:.0f} days from first to last; at most {self._limits.max_span_days} per call",
                )
            ]
        cells = len(request.cells) or len(self.grid.cells)  # the study area is at most the grid
        rows = cells * len(set(seconds)) * len(set(request.lead_days))
        if rows > self._limits.max_rows and not found:
            return [
                FieldProblem(
                    "issue_times",
                    "too_many_rows",
                    f"up to {rows:,} rows (cells x issue times x lead days); at most {self._limits.max_rows:,} per call",
                )
            ]
        return []

    async def blocks(self, query: MatrixQuery, time_left: TimeLeft) -> AsyncIterator[Block]:
        """The matrix, one block per issue time, oldest first."""
        first, last = query.first_hour - self._history, query.last_hour
        counts = await self._repository.target_counts(list(self._city.targets), first, last)
        scheduled = await self._repository.scheduled_events(first, last)
        time_left("building the features")
        builder = await asyncio.to_thread(
            lambda: FeatureBuilder(
                self._city,
                self.grid,
                TargetHistory.from_counts(self.grid, counts),
                scheduled,
                unix_hour(first),
                unix_hour(last),
            )
        )
        produce = blocks(
            builder, query.issue_times, query.lead_days, query.cells, query.study_area_as_of, query.labels, query.hourly
        )
        while True:
            time_left("building the next rows")
            if (block := await asyncio.to_thread(next, produce, None)) is None:
                return
            yield block
