from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from ingestion.domain import Rules, message_id, raw_subject, validate

NOW = datetime(2010, 6, 1, 12, tzinfo=UTC)


def ts(moment: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(moment)
    return t


def incident(**changes) -> events_pb2.PartnerEvent:
    event = events_pb2.PartnerEvent(
        partner_event_id="hpd-1",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        occurred_at=ts(NOW - timedelta(hours=1)),
        location=events_pb2.GeoPoint(latitude=29.76, longitude=-95.37),
        count=1,
    )
    for key, value in changes.items():
        if value is None:
            event.ClearField(key)
        else:
            setattr(event, key, value) if not hasattr(value, "DESCRIPTOR") else getattr(event, key).CopyFrom(value)
    return event


@pytest.fixture
def rules(city):
    return Rules(city, timedelta(minutes=10), 20)


def reasons(problems):
    return {(p.field, p.reason) for p in problems}


def test_a_valid_incident_passes(rules, partners):
    assert validate(incident(), partners.get("houston-police"), rules, NOW) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"partner_event_id": ""}, ("partner_event_id", "required")),
        ({"partner_event_id": "x" * 129}, ("partner_event_id", "invalid")),
        ({"kind": events_pb2.EVENT_KIND_UNSPECIFIED}, ("kind", "required")),
        ({"kind": events_pb2.EVENT_KIND_CITIZEN_REQUEST}, ("kind", "not_in_agreement")),
        ({"category": "jaywalking"}, ("category", "unknown_category")),
        ({"occurred_at": None}, ("occurred_at", "required")),
        ({"occurred_at": ts(NOW + timedelta(hours=1))}, ("occurred_at", "in_future")),
        ({"location": None}, ("location", "required")),
        ({"location": events_pb2.GeoPoint(latitude=95.0, longitude=-95.0)}, ("location.latitude", "out_of_range")),
        ({"location": events_pb2.GeoPoint(latitude=29.0, longitude=-195.0)}, ("location.longitude", "out_of_range")),
        ({"count": -2}, ("count", "out_of_range")),
    ],
)
def test_each_problem_names_its_field_and_reason(rules, partners, changes, expected):
    assert expected in reasons(validate(incident(**changes), partners.get("houston-police"), rules, NOW))


def test_a_category_of_the_city_outside_the_agreement_is_refused(rules, partners, city):
    # The events office may send scheduled events only: an incident is outside its agreement.
    problems = validate(incident(), partners.get("houston-events-office"), rules, NOW)
    assert ("kind", "not_in_agreement") in reasons(problems)


def test_scheduled_events_need_a_start_before_their_end(rules, partners):
    event = incident(kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT, category="sports_match")
    assert {("starts_at", "required"), ("ends_at", "required")} <= reasons(
        validate(event, partners.get("houston-events-office"), rules, NOW)
    )
    event.starts_at.CopyFrom(ts(NOW))
    event.ends_at.CopyFrom(ts(NOW - timedelta(hours=2)))
    assert ("ends_at", "before_start") in reasons(validate(event, partners.get("houston-events-office"), rules, NOW))
    event.ends_at.CopyFrom(ts(NOW + timedelta(hours=3)))
    assert validate(event, partners.get("houston-events-office"), rules, NOW) == []


def test_subject_and_message_id_carry_partner_and_kind():
    event = incident()
    assert raw_subject("houston-police", event) == "raw.v1.houston-police.incident_report"
    assert message_id("houston-police", event) == "houston-police:hpd-1"
