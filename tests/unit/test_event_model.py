"""Every source of the city in one event model: what ingestion asks of each kind, and what
pseudonymisation lets through of it (the Houston profile and partners in config/)."""

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.city import CityProfile
from ingestion.domain import Rules, complete, drop_unknown_fields, validate
from pseudonymisation.domain import Policy, Pseudonymised, Rejection, pseudonymise
from pseudonymisation.keys import KeyFile, Keyring
from support import ts

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
DOWNTOWN = events_pb2.GeoPoint(latitude=29.76, longitude=-95.37)


def demonstration(**fields) -> events_pb2.PartnerEvent:
    """A demonstration declared a week ahead, in a named area, for tomorrow."""
    event = events_pb2.PartnerEvent(
        partner_event_id="demo-42",
        kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
        category="demonstration",
        area="downtown",
        starts_at=ts(NOW + timedelta(days=1)),
        ends_at=ts(NOW + timedelta(days=1, hours=3)),
        expected_attendance=5000,
        organiser_type="trade_union",
        announced_at=ts(NOW - timedelta(days=6, minutes=17)),
    )
    return _with(event, fields)


def forecast(**fields) -> events_pb2.PartnerEvent:
    """Tomorrow's afternoon, as forecast this morning, for the whole city."""
    event = events_pb2.PartnerEvent(
        partner_event_id="fc-2026-06-02T15",
        kind=events_pb2.EVENT_KIND_WEATHER_FORECAST,
        category="hourly",
        issued_at=ts(NOW - timedelta(hours=6)),
        starts_at=ts(NOW + timedelta(days=1, hours=3)),
        ends_at=ts(NOW + timedelta(days=1, hours=4)),
        attributes={"temperature_c": "34.5", "precipitation_mm": "0"},
    )
    return _with(event, fields)


def crowd_count(**fields) -> events_pb2.PartnerEvent:
    event = events_pb2.PartnerEvent(
        partner_event_id="cc-nrg-2026-06-01T10",
        kind=events_pb2.EVENT_KIND_CROWD_COUNT,
        category="hourly_aggregate",
        area="nrg-park",
        starts_at=ts(NOW - timedelta(hours=2)),
        ends_at=ts(NOW - timedelta(hours=1)),
        count=12_345,
    )
    return _with(event, fields)


def citizen_request(**fields) -> events_pb2.PartnerEvent:
    event = events_pb2.PartnerEvent(
        partner_event_id="311-9",
        kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
        category="noise",
        occurred_at=ts(NOW - timedelta(minutes=30)),
        location=DOWNTOWN,
        address="1001 Avenida de las Americas",
        free_text="Loud music every night, call me back on 713 555 0199. Jane Roe",
        contact=events_pb2.Contact(name="Jane Roe", phone="+1 713 555 0199", email="jane.roe@example.org"),
        count=1,
    )
    return _with(event, fields)


def _with(event: events_pb2.PartnerEvent, fields: dict) -> events_pb2.PartnerEvent:
    for key, value in fields.items():
        if value is None:
            event.ClearField(key)
        elif hasattr(value, "DESCRIPTOR"):
            getattr(event, key).CopyFrom(value)
        else:
            setattr(event, key, value)
    return event


@pytest.fixture
def rules(city):
    return Rules(city, timedelta(minutes=10), 20)


PARTNER_OF = {
    events_pb2.EVENT_KIND_SCHEDULED_EVENT: "houston-events-office",
    events_pb2.EVENT_KIND_WEATHER_FORECAST: "houston-weather",
    events_pb2.EVENT_KIND_CROWD_COUNT: "houston-telecom",
    events_pb2.EVENT_KIND_CITIZEN_REQUEST: "houston-311",
}


def problems(event, partners, rules):
    complete(event)
    return {(p.field, p.reason) for p in validate(event, partners.get(PARTNER_OF[event.kind]), rules, NOW)}


@pytest.mark.parametrize("make", [demonstration, forecast, crowd_count, citizen_request])
def test_each_source_as_its_partner_sends_it_is_accepted(make, partners, rules):
    assert problems(make(), partners, rules) == set()


def test_a_period_without_occurred_at_occurs_at_its_start(partners, rules):
    event = crowd_count()
    complete(event)
    assert event.occurred_at == event.starts_at
    told = crowd_count(occurred_at=ts(NOW - timedelta(minutes=90)))
    complete(told)
    assert told.occurred_at != told.starts_at  # what the partner said stands


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        # Places: a point or a named area, not both, and only the profile's areas.
        (demonstration(location=DOWNTOWN), ("area", "ambiguous_place")),
        (demonstration(area="gotham-square"), ("area", "unknown_area")),
        (demonstration(area=None), ("location", "required")),
        (demonstration(area="down\x00town"), ("area", "invalid")),
        # Scheduled events: a vocabulary of organisers, an announcement in the past, a horizon.
        (demonstration(organiser_type="secret_society"), ("organiser_type", "unknown_organiser_type")),
        (demonstration(announced_at=ts(NOW + timedelta(days=1))), ("announced_at", "in_future")),
        (demonstration(ends_at=ts(NOW)), ("ends_at", "before_start")),
        (demonstration(starts_at=ts(NOW + timedelta(days=900))), ("starts_at", "too_far_ahead")),
        (demonstration(starts_at=None), ("starts_at", "required")),
        (demonstration(ends_at=None), ("ends_at", "required")),
        # Forecasts: issued before the end of what they forecast, and not in the future.
        (forecast(issued_at=None), ("issued_at", "required")),
        (forecast(issued_at=ts(NOW + timedelta(hours=1))), ("issued_at", "in_future")),
        (
            forecast(issued_at=ts(NOW), starts_at=ts(NOW - timedelta(hours=3)), ends_at=ts(NOW - timedelta(hours=2))),
            ("issued_at", "after_validity"),
        ),
        (forecast(ends_at=None), ("ends_at", "required")),
        # Crowd counts: an aggregate of enough people over a bucket of at most a day, in the past.
        (crowd_count(count=19), ("count", "below_minimum_aggregate")),
        (
            crowd_count(ends_at=ts(NOW + timedelta(hours=1)), starts_at=ts(NOW - timedelta(days=2))),
            ("ends_at", "bucket_too_long"),
        ),
        (crowd_count(starts_at=ts(NOW + timedelta(hours=1)), ends_at=ts(NOW + timedelta(hours=2))), ("occurred_at", "in_future")),
        (crowd_count(area=None), ("location", "required")),
        # Fields of one kind on another are a partner's mistake, named.
        (crowd_count(organiser_type="citizens"), ("organiser_type", "not_applicable")),
        (crowd_count(announced_at=ts(NOW - timedelta(days=1))), ("announced_at", "not_applicable")),
        (demonstration(issued_at=ts(NOW - timedelta(days=1))), ("issued_at", "not_applicable")),
        # A contact is bounded like any text.
        (citizen_request(contact=events_pb2.Contact(name="x" * 257)), ("contact.name", "too_long")),
        (citizen_request(contact=events_pb2.Contact(phone="713\x07555")), ("contact.phone", "control_characters")),
    ],
)
def test_each_problem_of_a_source_names_its_field_and_reason(event, expected, partners, rules):
    assert expected in problems(event, partners, rules)


def test_weather_may_speak_of_the_whole_city_but_a_crowd_count_may_not(partners, rules):
    assert problems(forecast(), partners, rules) == set()  # neither location nor area
    assert ("location", "required") in problems(crowd_count(area=None), partners, rules)


def test_unknown_fields_inside_a_contact_are_dropped_and_reported():
    event = citizen_request()
    event.contact.MergeFromString(b"\xa0\x06\x01")  # field 100, varint 1: not in this API
    assert drop_unknown_fields(event) == ["contact.#100"]
    assert "contact.#100" not in drop_unknown_fields(event)


# What pseudonymisation lets through of each source.


@pytest.fixture
def policy(partners, city):
    keys = {"domains": {d: {"current": f"{d}-1", "keys": {f"{d}-1": "a" * 64}} for d in ("police", "city-services")}}
    return Policy(partners, city, Keyring.of(KeyFile.model_validate(keys)), "1")


def passed(
    event: events_pb2.PartnerEvent, policy: Policy, scrubbed: dict[str, str] | None = None, partner: str | None = None
) -> Pseudonymised:
    complete(event)
    out = pseudonymise(events_pb2.RawEvent(partner=partner or PARTNER_OF[event.kind], event=event), policy, scrubbed)
    assert isinstance(out, Pseudonymised), out
    return out


def test_an_event_given_by_area_is_counted_in_the_area_centre_cell_and_keeps_its_name(policy, city):
    out = passed(demonstration(), policy).event
    assert out.cell == city.area_cell("downtown") and out.cell in city.area_cells("downtown")
    assert out.area == "downtown"
    assert out.organiser_type == "trade_union"
    # The announcement to the hour, as the agreement says (generalise).
    assert out.announced_at.ToDatetime(UTC) == (NOW - timedelta(days=6, minutes=17)).replace(minute=0)


def test_a_forecast_keeps_its_issue_time_and_validity(policy):
    out = passed(forecast(), policy).event
    assert (out.cell, out.area) == ("", "")
    assert out.issued_at.ToDatetime(UTC) == NOW - timedelta(hours=6)
    assert out.starts_at.ToDatetime(UTC) == out.occurred_at.ToDatetime(UTC) == NOW + timedelta(days=1, hours=3)
    assert out.ends_at.ToDatetime(UTC) == NOW + timedelta(days=1, hours=4)
    assert dict(out.attributes) == {"temperature_c": "34.5", "precipitation_mm": "0"}


def test_a_crowd_count_is_an_order_of_size_over_its_bucket(policy):
    out = passed(crowd_count(), policy).event
    assert out.count == 10_000  # one significant figure
    assert out.ends_at.ToDatetime(UTC) - out.starts_at.ToDatetime(UTC) == timedelta(hours=1)


def test_a_citizen_request_loses_its_contact_address_and_text_and_keeps_its_signals(policy):
    event = citizen_request()
    result = passed(event, policy)
    out = result.event
    assert ("contact", "dropped") in result.withheld and ("address", "dropped") in result.withheld
    assert ("free_text", "reduced_to_signals") in result.withheld
    # "Loud music" is a noise phrase of the Houston profile; nothing else of the text goes on.
    assert dict(out.signals) == {"noise": 1} and out.text == "" and result.text is None
    wire = out.SerializeToString()
    for personal in (b"Jane", b"555", b"jane.roe", b"Avenida", b"music every night"):
        assert personal not in wire


def test_a_parks_report_keeps_its_text_strictly_scrubbed_apart_from_the_event(policy):
    event = events_pb2.PartnerEvent(
        partner_event_id="parks-1",
        kind=events_pb2.EVENT_KIND_SERVICE_REPORT,
        category="damaged_equipment",
        occurred_at=ts(NOW - timedelta(hours=1)),
        location=DOWNTOWN,
        free_text="Swing broken again, reported by Jane Roe 713 555 0199",
    )
    scrubbed = {event.free_text: "Swing broken again, reported by <PERSON> <PHONE>"}
    result = passed(event, policy, scrubbed, partner="houston-parks")
    assert result.event.text == "" and not result.event.signals
    assert result.text.text == scrubbed[event.free_text]
    assert (result.text.event_key, result.text.partner, result.text.category) == (
        result.event.event_key,
        "houston-parks",
        "damaged_equipment",
    )
    assert b"Jane" not in result.event.SerializeToString() + result.text.SerializeToString()


def test_an_area_is_refused_when_the_agreement_does_not_let_it_through(policy):
    # The police agreement generalises points only: an incident given by area has no place it may pass.
    event = events_pb2.PartnerEvent(
        partner_event_id="hpd-area",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        occurred_at=ts(NOW),
        area="downtown",
    )
    out = pseudonymise(events_pb2.RawEvent(partner="houston-police", event=event), policy)
    assert isinstance(out, Rejection) and out.reason == "missing_location"


def test_a_profile_refuses_an_area_outside_the_city(city):
    document = city.model_dump(mode="json")
    document["areas"] = {
        "atlantis": {"type": "Polygon", "coordinates": [[[-90.0, 25.0], [-89.9, 25.0], [-89.9, 25.1], [-90.0, 25.0]]]}
    }
    with pytest.raises(ValidationError, match="atlantis"):
        CityProfile.model_validate(document)
    document["areas"] = {"Not A Name": document["areas"]["atlantis"]}
    with pytest.raises(ValidationError, match="lower case"):
        CityProfile.model_validate(document)


def test_an_area_the_profile_no_longer_names_is_refused_by_pseudonymisation(policy):
    # Accepted at the door under an older profile, then the area was removed: fail closed, say why.
    event = demonstration(area="old-market-square")
    complete(event)
    out = pseudonymise(events_pb2.RawEvent(partner="houston-events-office", event=event), policy)
    assert isinstance(out, Rejection) and out.reason == "unknown_area"
