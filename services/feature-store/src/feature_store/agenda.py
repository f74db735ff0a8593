"""The agenda: scheduled events overlapping a period, as stored (a place and a time, never a person).

A call names a period of at most `max_span_days` days and, if it likes, cells of the city; it gets
at most `max_events` events, by start time, and is told when more matched (a busy period: narrow it).
"""

from __future__ import annotations

from dataclasses import dataclass

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import InvalidArgument
from feature_store.period import Period, cells_problem, fields_at_fault, period_problems
from feature_store.repository import FeatureRepository
from feature_store.rows import ScheduledRow


@dataclass(frozen=True)
class AgendaLimits:
    max_events: int
    max_span_days: int


@dataclass(frozen=True)
class AgendaQuery:
    period: Period
    cells: tuple[str, ...]  # empty: every cell


@dataclass(frozen=True)
class AgendaPage:
    events: list[ScheduledRow]  # by start time
    truncated: bool  # more events matched than one answer holds


class Agenda:
    def __init__(self, repository: FeatureRepository, city: CityProfile, limits: AgendaLimits) -> None:
        self._repository = repository
        self._cells = city.cells
        self._limits = limits

    def query(self, request: pb.ListScheduledEventsRequest) -> AgendaQuery:
        """The query a request makes; InvalidArgument naming every field at fault otherwise."""
        problems = period_problems(request, self._limits.max_span_days)
        if problem := cells_problem(request.cells, self._cells):
            problems.append(problem)
        if problems:
            raise InvalidArgument(f"invalid scheduled events request: {fields_at_fault(problems)}", tuple(problems))
        return AgendaQuery(Period.of(request), tuple(dict.fromkeys(request.cells)))

    async def events(self, query: AgendaQuery) -> AgendaPage:
        limit = self._limits.max_events
        rows = await self._repository.scheduled_overlapping(query.period.start, query.period.end, query.cells or None, limit + 1)
        return AgendaPage(rows[:limit], len(rows) > limit)
