"""The query of each data page, read into the request of the scoring call it makes.

A parameter that is missing, repeated, unknown or not of its kind is refused before any call,
naming the parameter and saying what it should be. What the values mean (a lead day beyond the
horizon, a zone the caller may not see) is the scoring service's to judge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.runtime.errors import FieldProblem, InvalidArgument
from civicpulse.scoring.v1 import forecasts_pb2 as fc
from civicpulse.scoring.v1 import scoring_pb2 as sc

KINDS = {"zone": fc.PLACE_KIND_ZONE, "cell": fc.PLACE_KIND_CELL}
TRUE, FALSE = {"1", "true", "yes"}, {"0", "false", "no", ""}


class Query:
    """The parameters of one request: each read once, every problem gathered."""

    def __init__(self, items: list[tuple[str, str]], allowed: set[str]) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in items:
            self._values.setdefault(name, []).append(value)
        self.problems: list[FieldProblem] = [
            FieldProblem(
                name, "unknown", f"this page takes no parameter {name!r}; it takes: {', '.join(sorted(allowed)) or 'none'}"
            )
            for name in self._values
            if name not in allowed
        ]

    def many(self, name: str) -> list[str]:
        return self._values.get(name, [])

    def one(self, name: str, required: bool = False) -> str | None:
        values = self._values.get(name, [])
        if len(values) > 1:
            self.problems.append(FieldProblem(name, "repeated", f"give {name} once"))
            return None
        if not values:
            if required:
                self.problems.append(FieldProblem(name, "missing", f"{name} is required"))
            return None
        return values[0]

    def number(self, name: str, required: bool = False) -> int | None:
        text = self.one(name, required)
        if text is None:
            return None
        try:
            return int(text)
        except ValueError:
            self.problems.append(FieldProblem(name, "not_a_number", f"{name} must be a whole number, not {text!r}"))
            return None

    def flag(self, name: str) -> bool:
        text = (self.one(name) or "").lower()
        if text not in TRUE | FALSE:
            self.problems.append(FieldProblem(name, "not_a_flag", f"{name} must be 1 or 0"))
        return text in TRUE

    def kind(self, name: str = "kind") -> int:
        text = self.one(name, required=True)
        if text is not None and text not in KINDS:
            self.problems.append(FieldProblem(name, "unknown_kind", f"{name} must be zone or cell, not {text!r}"))
        return KINDS.get(text or "", fc.PLACE_KIND_UNSPECIFIED)

    def day(self, name: str, required: bool = False) -> Timestamp | None:
        text = self.one(name, required)
        if text is None:
            return None
        try:
            moment = datetime.combine(date.fromisoformat(text), time(), UTC)
        except ValueError:
            self.problems.append(FieldProblem(name, "not_a_date", f"{name} must be a date, YYYY-MM-DD, not {text!r}"))
            return None
        return timestamp(moment)

    def moment(self, name: str) -> Timestamp | None:
        text = self.one(name)
        if text is None:
            return None
        text = text.replace(" ", "+")  # an offset's "+" sent unencoded arrives as a space
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.problems.append(
                FieldProblem(
                    name, "not_a_time", f"{name} must be a time with its offset, e.g. 2026-12-07T18:00:00Z, not {text!r}"
                )
            )
            return None
        return timestamp(moment)

    def done(self, message: Message) -> Message:
        if self.problems:
            raise InvalidArgument("the page's parameters are not valid", tuple(self.problems), reason="INVALID_QUERY")
        return message


def timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp


def zones(q: Query) -> fc.ListZonesRequest:
    return q.done(fc.ListZonesRequest(include_cells=q.flag("include_cells")))


def forecast(q: Query) -> fc.GetForecastRequest:
    zone_id, cell = q.one("zone_id"), q.one("cell")
    if (zone_id is None) == (cell is None) and not q.problems:
        q.problems.append(FieldProblem("zone_id", "one_place", "give either zone_id or cell, not both or neither"))
    return q.done(fc.GetForecastRequest(zone_id=zone_id) if zone_id is not None else fc.GetForecastRequest(cell=cell or ""))


def riskmap(q: Query) -> fc.GetRiskMapRequest:
    kind = q.kind()
    lead_day, target_time = q.number("lead_day"), q.moment("target_time")
    request = fc.GetRiskMapRequest(kind=kind)
    if lead_day is not None and target_time is not None:
        q.problems.append(FieldProblem("lead_day", "one_time", "give either lead_day or target_time, not both"))
    elif lead_day is not None:
        request.lead_day = lead_day
    elif target_time is not None:
        request.target_time.CopyFrom(target_time)
    elif not any(p.field in ("lead_day", "target_time") for p in q.problems):
        q.problems.append(FieldProblem("lead_day", "missing", "give lead_day (a day ahead) or target_time (an hour)"))
    return q.done(request)


def agenda(q: Query) -> fc.GetAgendaRequest:
    days = q.number("days")
    return q.done(fc.GetAgendaRequest(days=days or 0, zone_ids=q.many("zone_id")))


def history(q: Query) -> fc.GetHistoryRequest:
    start, end = q.day("start", required=True), q.day("end", required=True)
    request = fc.GetHistoryRequest(kind=q.kind(), zone_ids=q.many("zone_id"), period_days=q.number("period_days") or 0)
    if start is not None and end is not None:
        request.start.CopyFrom(start)
        request.end.CopyFrom(end)
    return q.done(request)


def models(q: Query) -> sc.ListModelsRequest:
    return q.done(sc.ListModelsRequest())


def card(q: Query) -> sc.GetModelCardRequest:
    return q.done(sc.GetModelCardRequest(model_version=q.one("model_version") or ""))


@dataclass(frozen=True)
class Page:
    """A data page: the parameters it takes, how they become its request, the scoring method it calls."""

    parameters: frozenset[str]
    read: Callable[[Query], Message]
    method: str  # /package.Service/Method


FORECASTS = "/civicpulse.scoring.v1.ForecastService"
SCORING = "/civicpulse.scoring.v1.ScoringService"
PAGES: dict[str, Page] = {
    "zones": Page(frozenset({"include_cells"}), zones, f"{FORECASTS}/ListZones"),
    "forecast": Page(frozenset({"zone_id", "cell"}), forecast, f"{FORECASTS}/GetForecast"),
    "riskmap": Page(frozenset({"kind", "lead_day", "target_time"}), riskmap, f"{FORECASTS}/GetRiskMap"),
    "agenda": Page(frozenset({"days", "zone_id"}), agenda, f"{FORECASTS}/GetAgenda"),
    "history": Page(frozenset({"start", "end", "kind", "zone_id", "period_days"}), history, f"{FORECASTS}/GetHistory"),
    "models": Page(frozenset(), models, f"{SCORING}/ListModels"),
    "card": Page(frozenset({"model_version"}), card, f"{SCORING}/GetModelCard"),
}


def request_of(page: str, items: list[tuple[str, str]]) -> Message:
    spec = PAGES[page]
    return spec.read(Query(items, set(spec.parameters)))
