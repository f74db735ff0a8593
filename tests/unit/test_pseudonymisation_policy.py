from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import KindAgreement, PartnerRegistry
from pseudonymisation.domain import Policy, Pseudonymised, Rejection, band, events_subject, pseudonymise, texts_to_scrub
from pseudonymisation.keys import KeyFile, Keyring
from support import ts

KEY_A, KEY_B, KEY_C = "a" * 64, "b" * 64, "c" * 64


def keyring(police: dict[str, str] | None = None, current: str = "police-1") -> Keyring:
    return Keyring.of(
        KeyFile.model_validate(
            {
                "domains": {
                    "police": {"current": current, "keys": police or {"police-1": KEY_A}},
                    "city-services": {"current": "city-1", "keys": {"city-1": KEY_C}},
                }
            }
        )
    )


@pytest.fixture
def policy(partners, city):
    return Policy(partners, city, keyring(), "1")


def raw(partner="houston-police", lat=29.76, lon=-95.37, **fields) -> events_pb2.RawEvent:
    event = events_pb2.PartnerEvent(
        partner_event_id="hpd-7",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="burglary",
        occurred_at=ts(datetime(2010, 3, 1, 10, 47, 13, tzinfo=UTC)),
        address="9650 marlive ln",
        free_text="called by Jean Dupont, 06 12 34 56 78",
        count=2,
        attributes={"premise": "apartment parking lot", "beat": "15E30", "victim_name": "Jean Dupont"},
    )
    if lat is not None:
        event.location.CopyFrom(events_pb2.GeoPoint(latitude=lat, longitude=lon))
    for key, value in fields.items():
        if key == "attributes":
            event.attributes.clear()
            event.attributes.update(value)
        else:
            setattr(event, key, value)
    return events_pb2.RawEvent(partner=partner, event=event)


def test_only_the_place_and_declared_fields_survive(policy, city):
    out = pseudonymise(raw(), policy)
    assert isinstance(out, Pseudonymised)
    event = out.event
    assert event.cell == city.cell_of(29.76, -95.37)
    assert dict(event.attributes) == {"premise": "apartment parking lot", "beat": "15E30"}
    serialised = event.SerializeToString()
    for personal in (b"marlive", b"Dupont", b"06 12", b"hpd-7", b"29.76"):
        assert personal not in serialised
    assert event.count == 2 and event.category == "burglary" and event.policy_version == "1"
    # What was withheld is counted, by field and reason: never passed on.
    assert sorted(out.withheld) == [("address", "no_policy"), ("attributes.victim_name", "no_policy"), ("free_text", "no_policy")]


def test_times_are_generalised_to_the_hour_or_to_the_local_day_when_sensitive(policy):
    assert pseudonymise(raw(), policy).event.occurred_at.ToDatetime(UTC) == datetime(2010, 3, 1, 10, tzinfo=UTC)
    sensitive = pseudonymise(raw(category="rape"), policy).event
    # Houston's local midnight (UTC-6 in March 2010) that starts the day of 10:47 UTC.
    assert sensitive.occurred_at.ToDatetime(UTC) == datetime(2010, 3, 1, 6, tzinfo=UTC)


def test_an_attribute_value_outside_its_vocabulary_is_dropped_and_counted(policy):
    out = pseudonymise(raw(attributes={"premise": "Jean Dupont 06 12 34 56 78", "beat": "not a beat"}), policy)
    assert dict(out.event.attributes) == {}
    assert {("attributes.beat", "undeclared_value"), ("attributes.premise", "undeclared_value")} <= set(out.withheld)


def test_a_policy_may_reject_the_event_instead(partners, city):
    document = partners.model_dump(mode="json")
    kind = document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]
    kind["attributes"]["beat"]["on_violation"] = "reject"
    strict = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    out = pseudonymise(raw(attributes={"beat": "call 06 12 34 56 78"}), strict)
    assert isinstance(out, Rejection) and out.reason == "attribute_not_allowed" and "06" not in out.detail


def test_scrubbed_text_travels_on_and_an_unscrubbed_one_fails_closed(partners, city):
    document = partners.model_dump(mode="json")
    kind = document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]
    kind["fields"]["free_text"] = "scrub"
    kind["attributes"]["note"] = {"treatment": "scrub"}
    scrubbing = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    event = raw(attributes={"note": "ask Jean"})
    assert texts_to_scrub(event, scrubbing) == ["called by Jean Dupont, 06 12 34 56 78", "ask Jean"]
    out = pseudonymise(
        event, scrubbing, {"called by Jean Dupont, 06 12 34 56 78": "called by <PERSON>, <PHONE>", "ask Jean": "ask <PERSON>"}
    )
    assert out.event.text == "called by <PERSON>, <PHONE>" and out.event.attributes["note"] == "ask <PERSON>"
    with pytest.raises(LookupError):
        pseudonymise(event, scrubbing, {})


def test_event_keys_are_keyed_carry_their_key_id_and_do_not_link_across_domains(partners, city):
    first, again = (
        pseudonymise(raw(), Policy(partners, city, keyring(), "1")),
        pseudonymise(raw(), Policy(partners, city, keyring(), "1")),
    )
    other = pseudonymise(raw(), Policy(partners, city, keyring({"police-1": KEY_B}), "1"))
    assert first.event.event_key == again.event.event_key != other.event.event_key
    assert len(first.event.event_key) == 32 and first.event.key_id == "police-1"
    # The same partner id in another domain gives another pseudonym.
    policy = Policy(partners, city, keyring(), "1")
    assert policy.keys.pseudonym("police", "x") != policy.keys.pseudonym("city-services", "x")


def test_after_a_rotation_the_event_carries_its_old_key_for_the_duplicate_check(partners, city):
    before = pseudonymise(raw(), Policy(partners, city, keyring(), "1")).event
    rotated = Policy(partners, city, keyring({"police-1": KEY_A, "police-2": KEY_B}, current="police-2"), "1")
    after = pseudonymise(raw(), rotated).event
    assert after.key_id == "police-2" and after.event_key != before.event_key
    assert list(after.also_known_as) == [before.event_key]
    # Once the old key is destroyed, the old epoch no longer links.
    destroyed = Policy(partners, city, keyring({"police-2": KEY_B}, current="police-2"), "1")
    assert list(pseudonymise(raw(), destroyed).event.also_known_as) == []


def test_keys_must_be_256_bits_and_a_domain_without_keys_stops_the_start(partners, city):
    with pytest.raises(ValidationError, match="64 hexadecimal"):
        KeyFile.model_validate({"domains": {"police": {"current": "p", "keys": {"p": "short"}}}})
    only_police = Keyring.of(KeyFile.model_validate({"domains": {"police": {"current": "p", "keys": {"p": KEY_A}}}}))
    with pytest.raises(ValueError, match="city-services"):
        Policy(partners, city, only_police, "1")


def test_an_agreement_must_pseudonymise_ids_and_may_not_keep_coordinates_or_addresses():
    with pytest.raises(ValidationError, match="partner_event_id must be pseudonymise"):
        KindAgreement(categories=["theft"], fields={"occurred_at": "keep"})
    with pytest.raises(ValidationError, match="location may be"):
        KindAgreement(categories=["theft"], fields={"partner_event_id": "pseudonymise", "location": "keep"})
    with pytest.raises(ValidationError, match="address may be"):
        KindAgreement(categories=["theft"], fields={"partner_event_id": "pseudonymise", "address": "scrub"})
    with pytest.raises(ValidationError, match="needs its values or a pattern"):
        KindAgreement(categories=["theft"], fields={"partner_event_id": "pseudonymise"}, attributes={"note": {}})


def test_counts_generalise_to_one_significant_figure():
    assert [band(n) for n in (0, 7, 12, 87, 1234, 41_234)] == [0, 7, 10, 80, 1000, 40_000]


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
    assert events_subject(pseudonymise(raw(), policy).event) == "events.v1.incident_report.burglary"


def test_a_kept_value_is_still_cleared_of_identifiers_its_pattern_let_through(partners, city):
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]["attributes"]["beat"]["pattern"] = ".{1,64}"
    loose = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    out = pseudonymise(raw(attributes={"beat": "15E30 tel 06 12 34 56 78"}), loose)
    assert out.event.attributes["beat"] == "15E30 tel <PHONE>"
