from datetime import UTC, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from pseudonymisation.domain import Policy, Rejection, events_subject, pseudonymise


@pytest.fixture
def policy(partners, city):
    return Policy(partners, city, b"k" * 32, "1")


def raw(partner="houston-police", lat=29.76, lon=-95.37, **fields) -> events_pb2.RawEvent:
    occurred = Timestamp()
    occurred.FromDatetime(datetime(2010, 3, 1, 10, tzinfo=UTC))
    event = events_pb2.PartnerEvent(
        partner_event_id="hpd-7",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="burglary",
        occurred_at=occurred,
        address="9650 marlive ln",
        free_text="called by Jean Dupont, 06 12 34 56 78",
        count=2,
        attributes={"premise": "apartment parking lot", "beat": "15E30", "victim_name": "Jean Dupont"},
    )
    if lat is not None:
        event.location.CopyFrom(events_pb2.GeoPoint(latitude=lat, longitude=lon))
    for key, value in fields.items():
        setattr(event, key, value)
    return events_pb2.RawEvent(partner=partner, event=event)


def test_only_the_place_and_allowed_fields_survive(policy, city):
    out = pseudonymise(raw(), policy)
    assert isinstance(out, events_pb2.PseudonymisedEvent)
    assert out.cell == city.cell_of(29.76, -95.37)
    assert dict(out.attributes) == {"premise": "apartment parking lot", "beat": "15E30"}
    serialised = out.SerializeToString()
    for personal in (b"marlive", b"Dupont", b"06 12", b"hpd-7", b"29.76"):
        assert personal not in serialised
    assert out.count == 2 and out.category == "burglary" and out.policy_version == "1"


def test_event_key_is_keyed_stable_and_unlinkable_without_the_key(policy, partners, city):
    first, again = pseudonymise(raw(), policy), pseudonymise(raw(), policy)
    other_key = pseudonymise(raw(), Policy(partners, city, b"z" * 32, "1"))
    assert first.event_key == again.event_key != other_key.event_key
    assert len(first.event_key) == 32


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (raw(lat=37.3, lon=-99.5), "outside_city_boundary"),
        (raw(lat=None), "missing_location"),
        (raw(partner="unknown-partner"), "unknown_partner"),
        (raw(partner="houston-events-office"), "not_in_agreement"),
    ],
)
def test_it_fails_closed_with_a_reason(policy, event, reason):
    out = pseudonymise(event, policy)
    assert isinstance(out, Rejection) and out.reason == reason


def test_subject_is_kind_and_category(policy):
    assert events_subject(pseudonymise(raw(), policy)) == "events.v1.incident_report.burglary"
