"""Every source of the city through ingestion, pseudonymisation and the feature store, on real NATS
and PostgreSQL: each kind arrives with its own fields, and only what its agreement allows is stored."""

from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from civicpulse.devstack.callers import demo_token
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.runtime.city import CityProfile
from support import CONFIG, channel_as, eventually, scalar, ts

pytestmark = pytest.mark.integration
NOW = datetime(2010, 8, 31, 12, tzinfo=UTC)  # the ingestion fixture's clock


SOURCES = {
    "houston-events-office": events_pb2.PartnerEvent(
        partner_event_id="market-2010-09-04",
        kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
        category="market",
        area="downtown",
        starts_at=ts(NOW + timedelta(days=4, hours=-4)),
        ends_at=ts(NOW + timedelta(days=4, hours=2)),
        expected_attendance=3000,
        organiser_type="association",
        announced_at=ts(NOW - timedelta(days=20, minutes=31)),
    ),
    "houston-weather": events_pb2.PartnerEvent(
        partner_event_id="forecast-2010-09-01",
        kind=events_pb2.EVENT_KIND_WEATHER_FORECAST,
        category="daily",
        issued_at=ts(NOW - timedelta(hours=6)),
        starts_at=ts(NOW + timedelta(hours=17)),
        ends_at=ts(NOW + timedelta(hours=41)),
        attributes={"temperature_c": "35", "precipitation_mm": "12.5"},
    ),
    "houston-telecom": events_pb2.PartnerEvent(
        partner_event_id="crowd-nrg-2010-08-31T10",
        kind=events_pb2.EVENT_KIND_CROWD_COUNT,
        category="hourly_aggregate",
        area="nrg-park",
        starts_at=ts(NOW - timedelta(hours=2)),
        ends_at=ts(NOW - timedelta(hours=1)),
        count=48_211,
    ),
    "houston-311": events_pb2.PartnerEvent(
        partner_event_id="311-2010-0831-0007",
        kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
        category="noise",
        occurred_at=ts(NOW - timedelta(minutes=45)),
        location=events_pb2.GeoPoint(latitude=29.7605, longitude=-95.3698),
        address="901 Bagby St",
        free_text="Loud music until 3am again. Call me: 713-555-0142, Maria Gonzalez",
        contact=events_pb2.Contact(name="Maria Gonzalez", phone="713-555-0142", email="maria.g@example.net"),
    ),
    "houston-parks": events_pb2.PartnerEvent(
        partner_event_id="parks-77",
        kind=events_pb2.EVENT_KIND_SERVICE_REPORT,
        category="damaged_equipment",
        occurred_at=ts(NOW - timedelta(hours=3)),
        area="downtown",
        free_text="Broken bench by the fountain",
    ),
}


async def test_each_source_is_stored_with_its_own_fields_and_nothing_personal(ingestion_app, pipeline, database_url):
    for partner, event in SOURCES.items():
        async with channel_as(f"127.0.0.1:{ingestion_app.grpc.port}", demo_token(partner)) as channel:
            answer = await ingestion_pb2_grpc.IngestionServiceStub(channel).IngestEvents(
                ingestion_pb2.IngestEventsRequest(events=[event])
            )
        assert answer.accepted == 1, (partner, answer)

    assert await eventually(lambda: _stored(database_url, 5))
    city = CityProfile.load(CONFIG / "cities" / "houston.yaml")
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        market = await (
            await conn.execute(
                "SELECT category, cell, area, organiser_type, announced_at, starts_at, expected_attendance"
                " FROM features.scheduled_events"
            )
        ).fetchone()
        events = {
            row[0]: row[1:]
            for row in await (
                await conn.execute(
                    "SELECT kind, category, cell, area, occurred_at, ends_at, issued_at, count FROM features.events"
                )
            ).fetchall()
        }
        signals = await (await conn.execute("SELECT signals FROM features.events WHERE kind = 'citizen_request'")).fetchone()
        everything = await (
            await conn.execute(
                "SELECT string_agg(e::text, ' ') FROM (SELECT * FROM features.events) e"
                " UNION ALL SELECT string_agg(s::text, ' ') FROM (SELECT * FROM features.scheduled_events) s"
                " UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM features.event_texts) t"
            )
        ).fetchall()
        assert await eventually(lambda: _texts(database_url, 1))
        kept = await (await conn.execute("SELECT partner, kind, text FROM features.event_texts")).fetchall()

    # The market: in its area's centre cell, with its organiser type and announcement (to the hour).
    assert market[:4] == ("market", city.area_cell("downtown"), "downtown", "association")
    assert market[4] == (NOW - timedelta(days=20, minutes=31)).replace(minute=0)
    assert market[5:] == (NOW + timedelta(days=4, hours=-4), 3000)
    # The forecast: city-wide, its validity and issue time kept; occurred_at is the validity's start.
    assert events["weather_forecast"] == (
        "daily",
        "",
        "",
        NOW + timedelta(hours=17),
        NOW + timedelta(hours=41),
        NOW - timedelta(hours=6),
        1,
    )
    # The crowd count: in the park's cell, over its hour, to one significant figure.
    category, cell, area, starts, ends, issued, count = events["crowd_count"]
    assert (cell, area, count, issued) == (city.area_cell("nrg-park"), "nrg-park", 40_000, None)
    assert (starts, ends) == (NOW - timedelta(hours=2), NOW - timedelta(hours=1))
    # The citizen request: a place and an hour, and what its text showed ("loud music" shows
    # noise; nothing else of it goes on). The parks report: its text kept apart, strictly scrubbed, for
    # the parks planners' declared purpose.
    assert events["citizen_request"][:2] == ("noise", city.cell_of(29.7605, -95.3698))
    assert signals == ({"noise": 1},)
    assert events["service_report"][1:3] == (city.area_cell("downtown"), "downtown")
    assert kept == [("houston-parks", "service_report", "Broken bench by the fountain")]
    stored = " ".join(text for (text,) in everything if text)
    for personal in ("Maria", "Gonzalez", "555-0142", "maria.g", "Bagby"):
        assert personal not in stored, personal


async def _texts(url: str, n: int) -> bool:
    return await scalar(url, "SELECT count(*) FROM features.event_texts") == n


async def _stored(url: str, n: int) -> bool:
    return (
        await scalar(url, "SELECT (SELECT count(*) FROM features.events) + (SELECT count(*) FROM features.scheduled_events)") == n
    )
