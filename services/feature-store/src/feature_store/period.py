"""The period and cells a read names, checked: every field at fault named, in words a caller can act on."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import FieldProblem, time_problem

SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, request) -> Period:
        return cls(to_datetime(request.start), to_datetime(request.end))


def period_problems(request, max_days: int, whole_days: bool = False) -> list[FieldProblem]:
    """What is wrong with a request's `start` and `end`: missing, out of range, not at midnight UTC
    (when `whole_days`), not in order, or further apart than `max_days`."""
    problems = []
    for name in ("start", "end"):
        stamp = getattr(request, name)
        if not request.HasField(name):
            problems.append(FieldProblem(name, "required", "a time (UTC)" + (", at midnight" if whole_days else "")))
        elif problem := time_problem(name, stamp):
            problems.append(problem)
        elif whole_days and (stamp.seconds % SECONDS_PER_DAY or stamp.nanos):
            problems.append(FieldProblem(name, "not_whole_day", "midnight UTC: counts are made per whole day (UTC)"))
    if problems:
        return problems
    span = (request.end.seconds - request.start.seconds) + (request.end.nanos - request.start.nanos) / 1e9
    if span <= 0:
        return [FieldProblem("end", "not_after_start", "a time after start")]
    if span > max_days * SECONDS_PER_DAY:
        days = span / SECONDS_PER_DAY
        return [FieldProblem("end", "span_too_long", f"{days:.1f} days after start; at most {max_days} per call")]
    return []


def cells_problem(cells: Sequence[str], known: Collection[str]) -> FieldProblem | None:
    """A problem when cells are named that are not the city's analysis cells."""
    unknown = sorted(set(cells) - set(known))
    if unknown:
        return FieldProblem("cells", "not_in_city", f"{len(unknown)} cells outside the city, e.g. {unknown[0]}")
    return None


def fields_at_fault(problems: Sequence[FieldProblem]) -> str:
    """The problems in a few words, for the error's message (its details name each field)."""
    return "; ".join(f"{p.field}: {p.reason}" for p in problems)
