"""Observed counts of the city's targets per place and period: the descriptive map.

A call names whole days [start, end) in UTC and the length of each period counted from start (1: per
day, 7: per week, 0: the whole of it). PostgreSQL counts per cell and period (plain SQL, the same
answer with or without TimescaleDB); a zone's count is the sum over every cell of the zone, even
when the call names only some of them.

Counts below the smallest the partners' agreements allow to publish are left out, never shown as
zero: the strictest agreement among the partners whose events are counted decides. The events left
out of the cell counts are summed, so that a total can still be told. An answer holds at most
`max_rows` counts; a call that would get more is refused and told how to ask for fewer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile, Target
from civicpulse.runtime.errors import FieldProblem, InvalidArgument
from feature_store.period import Period, cells_problem, fields_at_fault, period_problems
from feature_store.repository import FeatureRepository

MAX_PERIOD_DAYS = 366


def min_published_count(partners: PartnerRegistry, targets: Sequence[Target]) -> int:
    """The largest `publication.min_count` of the partners whose agreements let them send target
    events: the data of the strictest agreement in the counts decides. 1 when none declares one."""
    return max(
        (
            partner.agreement.publication.min_count
            for partner in partners.partners.values()
            for name, kind in partner.agreement.kinds.items()
            for target in targets
            if name == target.kind and set(target.categories) & set(kind.categories)
        ),
        default=1,
    )


@dataclass(frozen=True)
class CountsLimits:
    max_span_days: int
    max_rows: int


@dataclass(frozen=True)
class CountsQuery:
    period: Period
    period_days: int  # 0: the whole period as one
    cells: tuple[str, ...]  # empty: every cell of the city with an event


@dataclass(frozen=True)
class PlaceCount:
    place: str  # a cell or a zone
    period_start: datetime
    count: int


@dataclass(frozen=True)
class Published:
    """What may be shown of the counts, and the sum of the cell counts withheld."""

    cells: list[PlaceCount]
    zones: list[PlaceCount]
    withheld_cell_events: int


@dataclass(frozen=True)
class ObservedCountsAnswer:
    published: Published
    min_published_count: int
    newest_event_at: datetime | None


def publish(counts: Iterable[PlaceCount], zone_of: Mapping[str, str], shown: Iterable[str], min_count: int) -> Published:
    """Cell counts of the cells `shown` and zone counts of every cell counted, each only from
    `min_count` up; both by period start, then place."""
    shown = set(shown)
    cells, withheld = [], 0
    zones: dict[tuple[str, datetime], int] = defaultdict(int)
    for count in counts:
        if zone := zone_of.get(count.place):
            zones[zone, count.period_start] += count.count
        if count.place not in shown:
            continue
        if count.count >= min_count:
            cells.append(count)
        else:
            withheld += count.count
    zone_counts = [PlaceCount(zone, start, n) for (zone, start), n in zones.items() if n >= min_count]
    order = lambda c: (c.period_start, c.place)  # noqa: E731
    return Published(sorted(cells, key=order), sorted(zone_counts, key=order), withheld)


class ObservedCounts:
    def __init__(self, repository: FeatureRepository, city: CityProfile, min_count: int, limits: CountsLimits) -> None:
        self._repository = repository
        self._targets = list(city.targets)
        self._zone_of = {cell: city.zone_of(cell) for cell in city.cells}
        self._cells_of_zone: dict[str, list[str]] = defaultdict(list)
        for cell, zone in self._zone_of.items():
            self._cells_of_zone[zone].append(cell)
        self._min_count = min_count
        self._limits = limits

    @property
    def min_published_count(self) -> int:
        return self._min_count

    def query(self, request: pb.GetObservedCountsRequest) -> CountsQuery:
        """The query a request makes; InvalidArgument naming every field at fault otherwise."""
        problems = period_problems(request, self._limits.max_span_days, whole_days=True)
        if not 0 <= request.period_days <= MAX_PERIOD_DAYS:
            problems.append(
                FieldProblem(
                    "period_days", "out_of_range", f"days per period from start, 1 to {MAX_PERIOD_DAYS}; or 0: the whole period"
                )
            )
        if problem := cells_problem(request.cells, self._zone_of):
            problems.append(problem)
        if problems:
            raise InvalidArgument(f"invalid observed counts request: {fields_at_fault(problems)}", tuple(problems))
        return CountsQuery(Period.of(request), request.period_days, tuple(dict.fromkeys(request.cells)))

    async def count(self, query: CountsQuery) -> ObservedCountsAnswer:
        # Named cells: theirs and every other cell of their zones, which the zone counts cover.
        counted = sorted({c for cell in query.cells for c in self._cells_of_zone[self._zone_of[cell]]}) or None
        stride = timedelta(days=query.period_days) if query.period_days else None
        rows = await self._repository.observed_counts(self._targets, query.period.start, query.period.end, stride, counted)
        published = publish(
            (PlaceCount(cell, start, count) for cell, start, count in rows if cell in self._zone_of),
            self._zone_of,
            query.cells or self._zone_of,
            self._min_count,
        )
        if (found := len(published.cells) + len(published.zones)) > self._limits.max_rows:
            problem = self._too_many(query, found)
            raise InvalidArgument(f"too many counts for one answer: {fields_at_fault([problem])}", (problem,))
        return ObservedCountsAnswer(published, self._min_count, await self._repository.newest_event_at())

    def _too_many(self, query: CountsQuery, found: int) -> FieldProblem:
        """Counting the whole period as one, only fewer cells give fewer counts."""
        if query.period_days:
            field, ask = "period_days", "longer periods, fewer days or fewer cells"
        else:
            field, ask = "cells", "fewer cells"
        limit = self._limits.max_rows
        return FieldProblem(field, "too_many_rows", f"{found:,} counts; at most {limit:,} per call: ask for {ask}")
