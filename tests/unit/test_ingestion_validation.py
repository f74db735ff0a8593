from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from factories import INGESTION_NOW, partner_event
from ingestion.domain import Rules, batch_id, tidy_attributes, validate
from support import ts

NOW = INGESTION_NOW


@pytest.fixture
def rules(city):
    return Rules(city, timedelta(minutes=10), 20)


def reasons(problems):
    return {(p.field, p.reason) for p in problems}


def test_a_valid_incident_passes(rules, partners):
    assert validate(partner_event(), partners.get("houston-police"), rules, NOW) == []


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
    assert expected in reasons(validate(partner_event(**changes), partners.get("houston-police"), rules, NOW))


def test_a_category_of_the_city_outside_the_agreement_is_refused(rules, partners, city):
    # The events office may send scheduled events only: an incident is outside its agreement.
    problems = validate(partner_event(), partners.get("houston-events-office"), rules, NOW)
    assert ("kind", "not_in_agreement") in reasons(problems)


def test_scheduled_events_need_a_start_before_their_end(rules, partners):
    event = partner_event(kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT, category="sports_match")
    assert {("starts_at", "required"), ("ends_at", "required")} <= reasons(
        validate(event, partners.get("houston-events-office"), rules, NOW)
    )
    event.starts_at.CopyFrom(ts(NOW))
    event.ends_at.CopyFrom(ts(NOW - timedelta(hours=2)))
    assert ("ends_at", "before_start") in reasons(validate(event, partners.get("houston-events-office"), rules, NOW))
    event.ends_at.CopyFrom(ts(NOW + timedelta(hours=3)))
    assert validate(event, partners.get("houston-events-office"), rules, NOW) == []


def batch_of(*ids: str) -> events_pb2.RawEventBatch:
    return events_pb2.RawEventBatch(partner="houston-police", events=[events_pb2.PartnerEvent(partner_event_id=i) for i in ids])


def test_batch_id_is_the_partner_and_its_event_ids_in_order():
    assert batch_id("houston-police", batch_of("a", "b")) == batch_id("houston-police", batch_of("a", "b"))
    assert batch_id("houston-police", batch_of("a", "b")).startswith("houston-police:")
    assert batch_id("houston-police", batch_of("a", "b")) != batch_id("houston-police", batch_of("b", "a"))
    assert batch_id("houston-police", batch_of("a", "b")) != batch_id("houston-police", batch_of("ab"))
    assert batch_id("houston-police", batch_of("a")) != batch_id("houston-events-office", batch_of("a"))


def test_oversized_fields_are_rejected_by_name(rules, partners):
    event = partner_event(free_text="x" * 8193, address="y" * 513)
    event.attributes["k" * 65] = "v"
    event.attributes["ok"] = "v" * 1025
    assert reasons(validate(event, partners.get("houston-police"), rules, NOW)) == {
        ("free_text", "too_long"),
        ("address", "too_long"),
        ("attributes[" + "k" * 64 + "]", "too_long"),
        ("attributes[ok]", "too_long"),
    }


def test_more_attributes_than_an_event_may_carry_are_refused(rules, partners):
    event = partner_event()
    event.attributes.update({f"a{i}": "x" for i in range(64)})
    assert ("attributes", "too_many") not in reasons(validate(event, partners.get("houston-police"), rules, NOW))
    event.attributes["one_more"] = "x"
    assert ("attributes", "too_many") in reasons(validate(event, partners.get("houston-police"), rules, NOW))


def beyond_datetime() -> Timestamp:
    """A Timestamp protobuf accepts on the wire that no datetime can hold (year 10000)."""
    return Timestamp(seconds=253402300800)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"occurred_at": beyond_datetime()}, ("occurred_at", "out_of_range")),
        ({"occurred_at": ts(datetime(1900, 1, 1, tzinfo=UTC))}, ("occurred_at", "too_old")),
        ({"location": events_pb2.GeoPoint(latitude=float("nan"), longitude=-95.37)}, ("location", "not_finite")),
        ({"location": events_pb2.GeoPoint(latitude=29.76, longitude=float("inf"))}, ("location", "not_finite")),
        ({"location": events_pb2.GeoPoint(latitude=48.85, longitude=2.35)}, ("location", "outside_city")),
        ({"count": 100_001}, ("count", "out_of_range")),
        ({"count": -1}, ("count", "out_of_range")),
        ({"category": "theft\x00"}, ("category", "invalid")),
        ({"free_text": "bell\x07"}, ("free_text", "control_characters")),
        ({"address": "1 Main St\x1b[31m"}, ("address", "control_characters")),
        ({"partner_event_id": "hpd\n1"}, ("partner_event_id", "invalid")),
    ],
)
def test_every_field_is_bounded_and_named_when_it_is_not(rules, partners, changes, expected):
    assert expected in reasons(validate(partner_event(**changes), partners.get("houston-police"), rules, NOW))


def test_line_breaks_and_tabs_are_text(rules, partners):
    event = partner_event(free_text="first line\n\tsecond line\r\n")
    assert ("free_text", "control_characters") not in reasons(validate(event, partners.get("houston-police"), rules, NOW))


def test_a_scheduled_event_with_an_unrepresentable_time_names_it(rules, partners):
    event = partner_event(kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT, category="sports_match")
    event.starts_at.CopyFrom(beyond_datetime())
    event.ends_at.CopyFrom(ts(NOW))
    event.expected_attendance = 20_000_000
    found = reasons(validate(event, partners.get("houston-events-office"), rules, NOW))
    assert {("starts_at", "out_of_range"), ("expected_attendance", "out_of_range")} <= found


def test_an_event_too_large_for_the_bus_is_refused_alone(rules, partners):
    event = partner_event()
    for i in range(60):
        event.attributes[f"a{i}"] = "x" * 1000
    event.free_text = "y" * 8000
    assert ("event", "too_large") not in reasons(validate(event, partners.get("houston-police"), rules, NOW))
    padded = events_pb2.PartnerEvent.FromString(event.SerializeToString() + _unknown_field(300_000))
    assert ("event", "too_large") in reasons(validate(padded, partners.get("houston-police"), rules, NOW))


def _unknown_field(size: int) -> bytes:
    """Field 999, length-delimited, of `size` bytes: what a newer or careless client might send."""
    from google.protobuf.internal import encoder

    return encoder.TagBytes(999, 2) + encoder._VarintBytes(size) + b"z" * size


def test_unknown_fields_are_dropped_and_said(rules, partners):
    from ingestion.domain import drop_unknown_fields

    event = events_pb2.PartnerEvent.FromString(partner_event().SerializeToString() + _unknown_field(10))
    assert drop_unknown_fields(event) == ["#999"]
    assert drop_unknown_fields(event) == []
    assert event == partner_event()  # nothing else changed


def test_a_line_break_in_an_attribute_is_normalised_and_the_event_kept(rules, partners):
    event = partner_event()
    event.attributes["premise"] = "road / street\r\n\t / sidewalk"
    event.attributes["beat"] = "12D10"
    done = tidy_attributes(event)
    assert [(p.field, p.reason) for p in done] == [("attributes[premise]", "line_breaks_normalised")]
    assert event.attributes["premise"] == "road / street / sidewalk" and event.attributes["beat"] == "12D10"
    assert validate(event, partners.get("houston-police"), rules, NOW) == []


def test_an_attribute_with_another_control_character_is_dropped_alone(rules, partners):
    event = partner_event()
    event.attributes["premise"] = "alley\x00"
    event.attributes["bad\x1bname"] = "x"
    event.attributes["beat"] = "12D10"
    done = tidy_attributes(event)
    assert sorted((p.field, p.reason) for p in done) == [
        ("attributes[bad\x1bname]", "control_characters"),
        ("attributes[premise]", "control_characters"),
    ]
    assert dict(event.attributes) == {"beat": "12D10"}
    assert validate(event, partners.get("houston-police"), rules, NOW) == []
