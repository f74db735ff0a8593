"""The console's pages read their query into the scoring call's request, or name every bad parameter."""

from datetime import UTC, datetime

import pytest

from civicpulse.runtime.errors import InvalidArgument
from civicpulse.scoring.v1 import forecasts_pb2 as fc
from console.queries import PAGES, request_of


def problems(page: str, items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidArgument) as refused:
        request_of(page, items)
    return [(p.field, p.reason) for p in refused.value.problems]


def test_each_page_reads_its_request():
    assert request_of("zones", [("include_cells", "1")]) == fc.ListZonesRequest(include_cells=True)
    assert request_of("zones", []) == fc.ListZonesRequest()
    assert request_of("forecast", [("cell", "8844c0a305fffff")]).cell == "8844c0a305fffff"
    assert request_of("forecast", [("zone_id", "district-1")]).WhichOneof("place") == "zone_id"
    riskmap = request_of("riskmap", [("kind", "cell"), ("lead_day", "3")])
    assert riskmap.kind == fc.PLACE_KIND_CELL and riskmap.lead_day == 3
    hour = request_of("riskmap", [("kind", "zone"), ("target_time", "2026-12-07T19:00:00+01:00")])
    assert hour.target_time.ToDatetime(UTC) == datetime(2026, 12, 7, 18, tzinfo=UTC)
    agenda = request_of("agenda", [("days", "7"), ("zone_id", "a"), ("zone_id", "b")])
    assert agenda.days == 7 and list(agenda.zone_ids) == ["a", "b"]
    history = request_of("history", [("start", "2026-11-01"), ("end", "2026-12-01"), ("kind", "zone"), ("period_days", "7")])
    assert history.start.ToDatetime(UTC) == datetime(2026, 11, 1, tzinfo=UTC) and history.period_days == 7
    assert request_of("card", [("model_version", "v3")]).model_version == "v3"
    assert set(PAGES) == {"zones", "forecast", "riskmap", "agenda", "history", "models", "card"}


def test_every_bad_parameter_is_named_with_why():
    assert problems("riskmap", [("kind", "zone")]) == [("lead_day", "missing")]
    assert problems("riskmap", [("kind", "zone"), ("lead_day", "1"), ("target_time", "2026-12-07T19:00:00Z")]) == [
        ("lead_day", "one_time")
    ]
    assert problems("riskmap", [("kind", "zone"), ("target_time", "2026-12-07T19:00:00")]) == [("target_time", "not_a_time")]
    assert problems("riskmap", [("lead_day", "1"), ("lead_day", "2")]) == [("kind", "missing"), ("lead_day", "repeated")]
    assert problems("forecast", []) == [("zone_id", "one_place")]
    assert problems("zones", [("include_cells", "maybe")]) == [("include_cells", "not_a_flag")]
    assert problems("history", [("kind", "street")]) == [("start", "missing"), ("end", "missing"), ("kind", "unknown_kind")]
    assert problems("models", [("page", "2")]) == [("page", "unknown")]
    assert problems("agenda", [("days", "thirty")]) == [("days", "not_a_number")]
