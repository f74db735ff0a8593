"""ForecastService through the real scoring gRPC server, on real PostgreSQL and a real feature store:
the figures it returns are the tables' figures, an application sees only its zones (another's is
NOT_FOUND like an unknown one), every refusal names its field, and an empty registry says what to do.

The forecast is stored by the scoring repository's own save path (the one ScoreCells uses), from a
small synthetic forecast: the read side is under test here, not training.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import grpc
import h3
import numpy as np
import pytest
import xgboost as xgb
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from psycopg_pool import AsyncConnectionPool
from synthetic_city import HISTORY_END

from civicpulse.devstack.callers import MEDIATION_ZONES
from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Publisher
from civicpulse.runtime.baselines import BASELINE_METHODS
from civicpulse.runtime.model_card import Band, Evaluation, Hourly, TrainingFacts, ZoneMethod, ZoneMetrics
from civicpulse.scoring.v1 import forecasts_pb2 as pb
from civicpulse.scoring.v1 import forecasts_pb2_grpc
from factories import events_message, pseudonymised_event
from scoring.app import ScoringApp
from scoring.card import gate, model_card
from scoring.evaluation import band_metrics, rounded
from scoring.explain import Factor
from scoring.forecast import Forecast
from scoring.model import TrainedModel, risk_levels
from scoring.plan import make_plan
from scoring.repository import CellForecast, SavedModel, ScoringRepository
from scoring.signal import signal_by_source
from support import OPERATOR_TOKEN, channel_as, eventually, scalar

pytestmark = pytest.mark.integration
ISSUE = HISTORY_END  # a local midnight in Houston
MEDIATION_TOKEN = "demo-mediation-team-app-token"
THRESHOLDS = {
    "daily": [0.2, 0.4, 0.6, 0.8],
    "hourly": [0.01, 0.02, 0.03, 0.04],
    "zone_daily": [1.0, 2.0, 3.0, 6.0],
    "zone_hourly": [0.05, 0.1, 0.2, 0.4],
}
FAMILIES = (
    ("recent_incidents", "Recent incidents nearby", "Incidents récents à proximité", 0.6),
    ("scheduled_events", "Scheduled events nearby", "Événements prévus à proximité", 0.3),
    ("calendar", "Day of the week", "Jour de la semaine", -0.1),
)


def stadium_zone(city) -> str:
    return city.zone_of(city.area_cell("minute-maid-park"))


def forecast_zones(city) -> list[str]:
    """The mediation team's zones (the first ones by id), the next one, and the stadium's."""
    return sorted({*sorted(city.zones)[: MEDIATION_ZONES + 1], stadium_zone(city)})


def synthetic_forecast(city, version: str) -> Forecast:
    """Twelve cells of each forecast zone (the stadium's cell among them), with the first two explained."""
    daily, hourly, cells = [], [], []
    for zone in forecast_zones(city):
        chosen = sorted(city.zone_cells(zone))[:12]
        if zone == stadium_zone(city):
            chosen = sorted({*chosen[:11], city.area_cell("minute-maid-park")})
        for i, cell in enumerate(chosen):
            counts = [0.05 + 0.07 * (i % 12) + 0.002 * lead for lead in range(1, 31)]
            levels = risk_levels(np.array(counts), THRESHOLDS["daily"]).tolist()
            for lead, (count, level) in enumerate(zip(counts, levels, strict=True), start=1):
                daily.append((cell, zone, lead, ISSUE + timedelta(days=lead - 1), count, level))
            hours = [counts[h // 24] / 24 * (0.5 + (h % 24) / 23) for h in range(72)]
            hour_levels = risk_levels(np.array(hours), THRESHOLDS["hourly"]).tolist()
            for h, (count, level) in enumerate(zip(hours, hour_levels, strict=True)):
                hourly.append((cell, zone, ISSUE + timedelta(hours=h), count, level))
            peak = int(np.argmax(hours))
            factors = [Factor(f, en, fr, c) for f, en, fr, c in FAMILIES] if i < 2 else []
            cells.append(CellForecast(cell, zone, ISSUE + timedelta(hours=peak), hours[peak], hour_levels[peak], factors))
    return Forecast(ISSUE, version, hourly, daily, cells, {})


def synthetic_model(city, zones: list[ZoneMetrics]) -> SavedModel:
    """A small booster with the thresholds above, and a card whose next-24-hour band has these zones."""
    rng = np.random.default_rng(3)
    booster = xgb.train(
        {"objective": "count:poisson", "nthread": 1},
        xgb.DMatrix(rng.random((40, 2)), rng.poisson(1.0, 40), feature_names=["a", "b"]),
        2,
    )
    model = TrainedModel(booster, ["a", "b"], {"eta": 0.3}, (0.0, 1.0), THRESHOLDS)
    actual = rng.poisson(1.0, (14, 30)).astype(float)
    scores = {"model": actual + 0.1, **{m: np.full(actual.shape, 1.0) for m in BASELINE_METHODS}}
    judged = rounded(band_metrics(scores, actual, n_boot=50).as_band())
    hourly = Hourly(72, {"model": 0.1, "dow_hour_mean": 0.2}, {})
    bands = {"day1": replace(judged, zones=zones), "days2_7": judged, "days8_30": Band.not_judged()}
    evaluation = Evaluation(14, 30, bands, hourly, {"a": 0.5, "b": 0.5})
    plan = make_plan(ISSUE, ISSUE - timedelta(days=200), 14, 14, 60, 48)
    facts = TrainingFacts(40, 30, 10, 2, 0.3, 0.3, (0.0, 1.0))
    version = f"{ISSUE:%Y%m%dT%H}-synthetic"
    card = model_card(
        version,
        city,
        plan,
        model,
        facts,
        evaluation,
        [],
        [],
        gate(bands, 0.01),
        0.01,
        "active",
        signal_by_source(evaluation.signal_by_feature, [], city, {}),
    )
    return SavedModel(version, ISSUE, ISSUE, model, "active", "", card, "", [], [])


def zone_metrics(zone: str, observed: float, model: float, last_28d: float) -> ZoneMetrics:
    rates = {"model": model, **dict.fromkeys(BASELINE_METHODS, 0.05), "last_28d": last_28d}
    return ZoneMetrics(zone, 12, observed, {m: ZoneMethod(1.0, 1.0, r, None) for m, r in rates.items()})


def scheduled(key: str, city, category: str, people: int, starts_at: datetime):
    """A scheduled event given by the stadium's area, alone in an EVENTS message."""
    event = pseudonymised_event(
        key,
        partner="houston-events-office",
        kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
        category=category,
        occurred_at=None,
        count=None,
        cell=city.area_cell("minute-maid-park"),
        area="minute-maid-park",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        expected_attendance=people,
        received_at=ISSUE - timedelta(days=3),
    )
    return events_message(event, msg_id=key)


MATCH_AT = ISSUE + timedelta(days=2, hours=14)  # day 3, 09:00 local


@pytest.fixture
async def served(feature_store_with_history, database_url, js, city):
    """The feature store with history and two overlapping events at the stadium; scoring serving
    the read API; the registry and forecast tables empty until `seed()`."""
    settings = await feature_store_with_history()
    before = await scalar(database_url, "SELECT count(*) FROM features.scheduled_events")
    await Publisher(js).publish_batch(
        [
            scheduled("fut-match", city, "sports_match", 40_000, MATCH_AT),
            scheduled("fut-demo", city, "demonstration", 2_000, MATCH_AT + timedelta(hours=1)),
        ]
    )

    async def stored() -> bool:
        return await scalar(database_url, "SELECT count(*) FROM features.scheduled_events") == before + 2

    assert await eventually(stored, timeout=30)
    app = ScoringApp(settings.model_copy(update={"schedule_minutes": 0}))
    await app.start()
    pool = AsyncConnectionPool(database_url, open=False)
    await pool.open()
    address = f"127.0.0.1:{app.grpc.port}"
    operator, mediation = channel_as(address, OPERATOR_TOKEN), channel_as(address, MEDIATION_TOKEN)

    async def seed(scores: bool = True) -> SavedModel:
        zones = forecast_zones(city)
        saved = synthetic_model(city, [zone_metrics(zones[0], 20, 0.2, 0.3), zone_metrics(zones[1], 15, 0.5, 0.3)])
        repository = ScoringRepository(pool)
        await repository.save_model(saved, "promoted", "duty-operator", ISSUE)
        if scores:
            await repository.save_scores(
                ISSUE, saved.version, synthetic_forecast(city, saved.version), ISSUE - timedelta(hours=1), []
            )
        return saved

    yield (
        forecasts_pb2_grpc.ForecastServiceStub(operator),
        forecasts_pb2_grpc.ForecastServiceStub(mediation),
        seed,
    )
    await operator.close()
    await mediation.close()
    await pool.close()
    await app.stop()


async def refusal(call) -> tuple[grpc.StatusCode, str, dict]:
    """The code, the ErrorInfo reason and what the details name: fields, resource, precondition."""
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    status = rpc_status.from_call(caught.value)
    named: dict = {"fields": [], "resource": None, "preconditions": []}
    reason = ""
    for detail in status.details:
        for kind in (
            error_details_pb2.ErrorInfo,
            error_details_pb2.BadRequest,
            error_details_pb2.ResourceInfo,
            error_details_pb2.PreconditionFailure,
        ):
            if detail.Is(kind.DESCRIPTOR):
                message = kind()
                detail.Unpack(message)
                if kind is error_details_pb2.ErrorInfo:
                    reason = message.reason
                    named["field_metadata"] = message.metadata.get("field", "")
                elif kind is error_details_pb2.BadRequest:
                    named["fields"] = [v.field for v in message.field_violations]
                elif kind is error_details_pb2.ResourceInfo:
                    named["resource"] = (message.resource_type, message.resource_name)
                else:
                    named["preconditions"] = [v.type for v in message.violations]
    named["message"] = caught.value.details()
    return caught.value.code(), reason, named


def zone_request(zone: str) -> pb.GetForecastRequest:
    return pb.GetForecastRequest(zone_id=zone)


async def test_with_nothing_scored_the_api_says_what_to_do(served, city):
    operator, _, seed = served
    zone = forecast_zones(city)[0]
    code, reason, named = await refusal(operator.GetForecast(zone_request(zone), timeout=30))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "NO_ACTIVE_MODEL")
    assert "TrainModel" in named["message"] and named["preconditions"] == ["NO_ACTIVE_MODEL"]
    saved = await seed(scores=False)
    code, reason, named = await refusal(operator.GetAgenda(pb.GetAgendaRequest(), timeout=30))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "NOT_SCORED_YET")
    assert saved.version in named["message"] and "ScoreCells" in named["message"]
    # The zones need no forecast.
    assert len((await operator.ListZones(pb.ListZonesRequest(), timeout=30)).zones) == len(city.zones)


async def test_the_forecast_of_a_zone_and_a_cell_are_the_tables_figures(served, city, database_url):
    operator, _, seed = served
    saved = await seed()
    zones = forecast_zones(city)
    lost, won, unjudged = zones[0], zones[1], zones[2]
    answer = await operator.GetForecast(zone_request(lost), timeout=30)
    assert answer.kind == pb.PLACE_KIND_ZONE and answer.zone_name == city.zone_name(lost)
    assert answer.origin.model_version == saved.version and answer.origin.issue_time.ToDatetime(UTC) == ISSUE
    assert answer.origin.data_freshness.ToDatetime(UTC) == ISSUE - timedelta(hours=1)
    assert [d.lead_day for d in answer.days] == list(range(1, 31)) and len(answer.hours) == 72
    day1 = await scalar(
        database_url, f"SELECT sum(expected_count) FROM scoring.daily_scores WHERE zone = '{lost}' AND lead_day = 1"
    )
    assert answer.days[0].expected_count == pytest.approx(day1, rel=1e-6)
    # A zone's level places its total among zones' totals, by the zones' own thresholds.
    level = int(risk_levels(np.array([day1]), THRESHOLDS["zone_daily"])[0])
    assert answer.risk_level == answer.days[0].risk_level == level
    assert answer.band == {"green": pb.BAND_GREEN, "orange": pb.BAND_ORANGE, "red": pb.BAND_RED}[city.agenda.band(level)]
    hour0 = await scalar(
        database_url,
        f"SELECT sum(expected_count) FROM scoring.risk_scores WHERE zone = '{lost}' AND target_time = '{ISSUE.isoformat()}'",
    )
    assert answer.hours[0].expected_count == pytest.approx(hour0, rel=1e-6)
    assert answer.days[0].local_date == "2010-05-03" and answer.days[2].local_date == "2010-05-05"
    # Two explained cells, each with the same three families: the zone's shares are the families'.
    assert [r.family for r in answer.reasons] == ["recent_incidents", "scheduled_events", "calendar"]
    assert [r.share for r in answer.reasons] == pytest.approx([0.6, 0.3, 0.1])
    assert [r.raises for r in answer.reasons] == [True, True, False]
    assert answer.reasons[0].words_en == "Recent incidents nearby: raises the forecast (60 %)"
    # Level meanings from the thresholds, per day and per hour.
    assert [m.risk_level for m in answer.daily_levels] == [1, 2, 3, 4, 5] and not answer.daily_levels[4].has_max
    assert answer.daily_levels[1].words_en == "1 to 2 incidents expected per day in the zone"
    assert answer.hourly_levels[1].words_fr == "de 0,05 à 0,1 incidents attendus par heure dans la zone"
    # The track record, zone by zone, from the card.
    record = answer.track_record
    assert record.judged and not record.beats_baselines and record.best_baseline == "last_28d"
    assert record.words_en.startswith("Here the model did worse than the simple baseline (last 4 weeks' average)")
    assert (await operator.GetForecast(zone_request(won), timeout=30)).track_record.beats_baselines
    assert not (await operator.GetForecast(zone_request(unjudged), timeout=30)).track_record.judged

    cell = city.area_cell("minute-maid-park")
    one = await operator.GetForecast(pb.GetForecastRequest(cell=cell), timeout=30)
    assert one.kind == pb.PLACE_KIND_CELL and one.cell == cell and one.zone_id == city.zone_of(cell)
    rows = await scalar(
        database_url,
        f"SELECT array_agg(expected_count ORDER BY lead_day) FROM scoring.daily_scores WHERE cell = '{cell}'",
    )
    assert [d.expected_count for d in one.days] == pytest.approx(rows, rel=1e-6)


async def test_the_risk_map_is_geojson_of_what_the_tables_hold(served, city, database_url):
    operator, mediation, seed = served
    await seed()
    zones = forecast_zones(city)
    answer = await operator.GetRiskMap(pb.GetRiskMapRequest(kind=pb.PLACE_KIND_ZONE, lead_day=3), timeout=30)
    collection = json.loads(answer.feature_collection_geojson)
    assert collection["type"] == "FeatureCollection"
    by_id = {f["properties"]["id"]: f for f in collection["features"]}
    assert sorted(by_id) == zones
    sums = await scalar(
        database_url,
        "SELECT json_object_agg(zone, s) FROM (SELECT zone, sum(expected_count) s FROM scoring.daily_scores"
        " WHERE lead_day = 3 GROUP BY zone) z",
    )
    for zone, feature in by_id.items():
        assert feature["properties"]["expected_count"] == pytest.approx(sums[zone], rel=1e-6)
        assert feature["properties"]["name"] == city.zone_name(zone) and feature["geometry"] == city.zone_geometry(zone)
        assert feature["properties"]["band"] == city.agenda.band(feature["properties"]["risk_level"])
    assert [m.risk_level for m in answer.levels] == [1, 2, 3, 4, 5]

    at = ISSUE + timedelta(hours=30)
    request = pb.GetRiskMapRequest(kind=pb.PLACE_KIND_CELL)
    request.target_time.FromDatetime(at)
    cells = json.loads((await operator.GetRiskMap(request, timeout=30)).feature_collection_geojson)["features"]
    assert len(cells) == await scalar(
        database_url, f"SELECT count(*) FROM scoring.risk_scores WHERE target_time = '{at.isoformat()}'"
    )
    ring = cells[0]["geometry"]["coordinates"][0]
    assert cells[0]["geometry"]["type"] == "Polygon" and len(ring) == 7 and ring[0] == ring[-1]
    lng, lat = ring[0]
    assert h3.latlng_to_cell(lat, lng, 4) == h3.cell_to_parent(cells[0]["properties"]["id"], 4)  # longitude first
    # An application's map holds its zones only.
    mine = json.loads((await mediation.GetRiskMap(request, timeout=30)).feature_collection_geojson)["features"]
    visible = set(sorted(city.zones)[:MEDIATION_ZONES])
    assert mine and {f["properties"]["zone_id"] for f in mine} <= visible


async def test_the_agenda_shows_the_events_and_their_conflicts_on_their_day(served, city):
    operator, _, seed = served
    await seed()
    stadium = stadium_zone(city)
    answer = await operator.GetAgenda(pb.GetAgendaRequest(zone_ids=[stadium], days=5), timeout=30)
    [row] = answer.rows
    assert row.zone_id == stadium and [e.lead_day for e in row.entries] == [1, 2, 3, 4, 5]
    assert (answer.orange_from_level, answer.red_from_level) == (city.agenda.orange_from_level, city.agenda.red_from_level)
    day3 = row.entries[2]
    assert [e.event_key for e in day3.events] == ["fut-match", "fut-demo"] and day3.has_conflict
    assert not any(e.has_conflict or e.events for i, e in enumerate(row.entries) if i != 2)
    match = day3.events[0]
    assert (match.expected_attendance, match.area, match.place) == (40_000, "minute-maid-park", "minute-maid-park")
    kinds = {c.kind: c for c in answer.conflicts}
    overlap, crowd = kinds[pb.CONFLICT_KIND_OVERLAP], kinds[pb.CONFLICT_KIND_OVER_CAPACITY]
    assert set(overlap.event_keys) == set(crowd.event_keys) == {"fut-match", "fut-demo"}
    assert overlap.words_en == (
        "Two events overlap at minute-maid-park on 2010-05-05: a sports match (40,000 expected) and a demonstration (2,000)"
    )
    assert (crowd.expected_attendance, crowd.capacity) == (42_000, city.area_capacity("minute-maid-park"))
    assert set(match.conflict_ids) == {overlap.conflict_id, crowd.conflict_id} and list(overlap.local_dates) == ["2010-05-05"]
    assert len((await operator.GetAgenda(pb.GetAgendaRequest(), timeout=30)).rows[0].entries) == 30


async def test_an_application_sees_only_its_zones_and_another_is_as_unknown(served, city):
    operator, mediation, seed = served
    await seed()
    visible = sorted(city.zones)[:MEDIATION_ZONES]
    listed = await mediation.ListZones(pb.ListZonesRequest(include_cells=True), timeout=30)
    assert [z.zone_id for z in listed.zones] == visible
    assert all(len(z.cells) == z.cell_count == len(city.zone_cells(z.zone_id)) for z in listed.zones)
    assert json.loads(listed.boundary_geojson)["type"] == "Polygon"
    hidden = sorted(city.zones)[MEDIATION_ZONES]
    assert hidden in forecast_zones(city)
    other = await refusal(mediation.GetForecast(zone_request(hidden), timeout=30))
    unknown = await refusal(mediation.GetForecast(zone_request("no-such-zone"), timeout=30))
    assert other[0] == unknown[0] == grpc.StatusCode.NOT_FOUND and other[1] == unknown[1] == "ZONE_NOT_FOUND"
    assert other[2]["message"].replace(hidden, "X") == unknown[2]["message"].replace("no-such-zone", "X")
    # A cell of a zone it may not see is answered like a cell no forecast holds.
    hidden_cell = await refusal(mediation.GetForecast(pb.GetForecastRequest(cell=sorted(city.zone_cells(hidden))[0]), timeout=30))
    unscored = next(c for c in sorted(city.cells) if city.zone_of(c) not in forecast_zones(city))
    unscored_cell = await refusal(operator.GetForecast(pb.GetForecastRequest(cell=unscored), timeout=30))
    assert hidden_cell[:2] == unscored_cell[:2] == (grpc.StatusCode.NOT_FOUND, "CELL_NOT_FOUND")
    assert (await refusal(mediation.GetAgenda(pb.GetAgendaRequest(zone_ids=[hidden]), timeout=30)))[
        0
    ] == grpc.StatusCode.NOT_FOUND
    agenda = await mediation.GetAgenda(pb.GetAgendaRequest(days=3), timeout=30)
    assert {r.zone_id for r in agenda.rows} <= set(visible) and {c.zone_id for c in agenda.conflicts} <= set(visible)
    history = await mediation.GetHistory(history_request(pb.PLACE_KIND_CELL), timeout=30)
    assert {c.zone_id for c in history.counts} <= set(visible)
    # The operator sees them all.
    assert len((await operator.ListZones(pb.ListZonesRequest(), timeout=30)).zones) == len(city.zones)


def history_request(kind, days: int = 59, period_days: int = 0, zone_ids=()) -> pb.GetHistoryRequest:
    end = ISSUE.replace(hour=0)
    request = pb.GetHistoryRequest(kind=kind, period_days=period_days, zone_ids=list(zone_ids))
    request.start.FromDatetime(end - timedelta(days=days))
    request.end.FromDatetime(end)
    return request


async def test_history_counts_what_the_feature_store_counted(served, city):
    operator, _, _ = served  # the history needs no forecast
    zones = await operator.GetHistory(history_request(pb.PLACE_KIND_ZONE), timeout=60)
    cells = await operator.GetHistory(history_request(pb.PLACE_KIND_CELL), timeout=60)
    assert zones.counts and cells.counts and all(c.count >= zones.min_published_count for c in zones.counts)
    by_zone = {c.place: c.count for c in zones.counts}
    for zone in by_zone:
        published = sum(c.count for c in cells.counts if c.zone_id == zone)
        assert published <= by_zone[zone]  # small cell counts are withheld; the zone's still count them
    features = json.loads(zones.feature_collection_geojson)["features"]
    assert {f["properties"]["id"]: f["properties"]["count"] for f in features} == by_zone
    assert zones.HasField("data_freshness")
    daily = await operator.GetHistory(history_request(pb.PLACE_KIND_ZONE, period_days=1), timeout=60)
    assert daily.feature_collection_geojson == "" and len({c.period_start.seconds for c in daily.counts}) > 1


INVALID = [
    (lambda s: s.GetForecast(pb.GetForecastRequest(), timeout=30), "place"),
    (lambda s: s.GetForecast(pb.GetForecastRequest(cell="not-a-cell"), timeout=30), "cell"),
    (lambda s: s.GetForecast(pb.GetForecastRequest(cell=h3.latlng_to_cell(48.85, 2.35, 8)), timeout=30), "cell"),
    (lambda s: s.GetRiskMap(pb.GetRiskMapRequest(lead_day=1), timeout=30), "kind"),
    (lambda s: s.GetRiskMap(pb.GetRiskMapRequest(kind=pb.PLACE_KIND_ZONE), timeout=30), "when"),
    (lambda s: s.GetRiskMap(pb.GetRiskMapRequest(kind=pb.PLACE_KIND_ZONE, lead_day=31), timeout=30), "lead_day"),
    (lambda s: s.GetRiskMap(risk_at(ISSUE + timedelta(minutes=30)), timeout=30), "target_time"),
    (lambda s: s.GetRiskMap(risk_at(ISSUE + timedelta(hours=72)), timeout=30), "target_time"),
    (lambda s: s.GetAgenda(pb.GetAgendaRequest(days=31), timeout=30), "days"),
    (lambda s: s.GetAgenda(pb.GetAgendaRequest(zone_ids=["z"] * 101), timeout=30), "zone_ids"),
    (lambda s: s.GetHistory(history_request(pb.PLACE_KIND_UNSPECIFIED), timeout=30), "kind"),
    (lambda s: s.GetHistory(history_request(pb.PLACE_KIND_ZONE, days=400), timeout=30), "end"),
    (lambda s: s.GetHistory(history_request(pb.PLACE_KIND_ZONE, period_days=367), timeout=30), "period_days"),
    (lambda s: s.GetHistory(history_request(pb.PLACE_KIND_ZONE, days=-2), timeout=30), "end"),
    (lambda s: s.GetHistory(future_history(), timeout=30), "start"),
    (lambda s: s.GetHistory(pb.GetHistoryRequest(kind=pb.PLACE_KIND_ZONE), timeout=30), "start"),
]


async def test_every_invalid_request_names_its_field(served):
    operator, _, seed = served
    await seed()
    for number, (call, field) in enumerate(INVALID):
        code, reason, named = await refusal(call(operator))
        assert code == grpc.StatusCode.INVALID_ARGUMENT, (number, named["message"])
        assert named["fields"][0] == field and named["field_metadata"].split(",")[0] == field, (number, named)


async def test_an_unknown_zone_is_not_found_with_its_field(served):
    operator, _, seed = served
    await seed()
    code, reason, named = await refusal(
        operator.GetHistory(history_request(pb.PLACE_KIND_ZONE, zone_ids=["nowhere"]), timeout=30)
    )
    assert (code, reason, named["resource"], named["field_metadata"]) == (
        grpc.StatusCode.NOT_FOUND,
        "ZONE_NOT_FOUND",
        ("zone", "nowhere"),
        "zone_ids",
    )


def risk_at(moment: datetime) -> pb.GetRiskMapRequest:
    request = pb.GetRiskMapRequest(kind=pb.PLACE_KIND_CELL)
    request.target_time.FromDatetime(moment)
    return request


def future_history() -> pb.GetHistoryRequest:
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=2)
    request = pb.GetHistoryRequest(kind=pb.PLACE_KIND_ZONE)
    request.start.FromDatetime(start)
    request.end.FromDatetime(start + timedelta(days=1))
    return request
