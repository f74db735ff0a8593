import re
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.topology import events_subject
from civicpulse.runtime.agreements import FREE_TEXT_PROBES, KindAgreement, PartnerRegistry, kind_name
from civicpulse.runtime.city import CityProfile
from factories import partner_event
from pseudonymisation.domain import Policy, Pseudonymised, Rejection, band, pseudonymise, texts_to_scrub
from pseudonymisation.keys import KeyFile, Keyring

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
    """A police report carrying what pseudonymisation must remove or coarsen."""
    report = {
        "category": "burglary",
        "occurred_at": datetime(2010, 3, 1, 10, 47, 13, tzinfo=UTC),
        "location": None if lat is None else events_pb2.GeoPoint(latitude=lat, longitude=lon),
        "address": "9650 marlive ln",
        "free_text": "called by Jean Dupont, 06 12 34 56 78",
        "count": 2,
        "attributes": {"premise": "apartment parking lot", "beat": "15E30", "victim_name": "Jean Dupont"},
    }
    return events_pb2.RawEvent(partner=partner, event=partner_event("hpd-7", **{**report, **fields}))


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


def test_scrubbed_text_travels_apart_and_an_unscrubbed_one_fails_closed(partners, city):
    document = partners.model_dump(mode="json")
    kind = document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]
    kind["fields"]["free_text"] = "scrub"
    kind["attributes"]["note"] = {"treatment": "scrub"}
    kind["text"] = {"purpose": "Analysts read the reports to check the categories.", "retention_days": 7}
    scrubbing = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    event = raw(attributes={"note": "ask Jean"})
    assert texts_to_scrub(event, scrubbing) == ["called by Jean Dupont, 06 12 34 56 78", "ask Jean"]
    out = pseudonymise(
        event, scrubbing, {"called by Jean Dupont, 06 12 34 56 78": "called by <PERSON>, <PHONE>", "ask Jean": "ask <PERSON>"}
    )
    # Neither travels with the event: both go in the text kept for the declared purpose.
    assert out.event.text == "" and "note" not in out.event.attributes
    assert out.text.text == "called by <PERSON>, <PHONE>" and dict(out.text.attributes) == {"note": "ask <PERSON>"}
    assert out.text.event_key == out.event.event_key
    with pytest.raises(LookupError):
        pseudonymise(event, scrubbing, {})


def test_free_text_and_free_form_attributes_become_signals_and_go_no_further(partners, city):
    document = partners.model_dump(mode="json")
    kind = document["partners"]["houston-311"]["agreement"]["kinds"]["citizen_request"]
    kind["attributes"]["nature"] = {"treatment": "signals", "max_length": 256}
    policy = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    event = events_pb2.RawEvent(
        partner="houston-311",
        event=events_pb2.PartnerEvent(
            partner_event_id="311-1",
            kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
            category="noise",
            occurred_at=raw().event.occurred_at,
            location=raw().event.location,
            free_text="LOUD MUSIC and a fight outside, call Jean Dupont 06 12 34 56 78. Loud again!",
            attributes={"nature": "Illegal dumping: a mattress"},
        ),
    )
    assert texts_to_scrub(event, policy) == []  # nothing to scrub: nothing is kept
    out = pseudonymise(event, policy)
    assert dict(out.event.signals) == {"noise": 2, "fight": 1, "illegal_dumping": 2}
    assert ("free_text", "reduced_to_signals") in out.withheld and ("attributes.nature", "reduced_to_signals") in out.withheld
    assert out.text is None and b"Jean" not in out.event.SerializeToString() and b"mattress" not in out.event.SerializeToString()


def test_an_agreement_that_reduces_text_to_signals_needs_the_city_to_declare_them(partners, city):
    document = city.model_dump(mode="json")
    del document["signals"]["citizen_request"]
    with pytest.raises(ValueError, match="declares none for citizen_request"):
        Policy(partners, CityProfile.model_validate(document), keyring(), "1")


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
    event = pseudonymise(raw(), policy).event
    assert events_subject(kind_name(event.kind), event.category) == "events.v1.incident_report.burglary"


def test_a_kept_value_is_still_cleared_of_identifiers_its_declaration_let_through(partners, city):
    # A vocabulary is the city's own words: should one hold a number, it still leaves as a placeholder.
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]["attributes"]["beat"] = {
        "values": ["15E30", "15E30 tel 06 12 34 56 78"]
    }
    loose = Policy(PartnerRegistry.model_validate(document), city, keyring(), "1")
    out = pseudonymise(raw(attributes={"beat": "15E30 tel 06 12 34 56 78"}), loose)
    assert out.event.attributes["beat"] == "15E30 tel <PHONE>"


@pytest.mark.parametrize(
    ("pattern", "admitted"),
    [
        (".{1,1024}", "Jean Dupont"),  # the catch-all: any text at all
        (".*", "Jean Dupont"),
        ("[A-Za-z ]{1,64}", "Jean Dupont"),
        ("[0-9]+", "0612345678"),  # a number of any length holds a phone number
        ("[0-9 +()-]{1,20}", "06 12 34 56 78"),
        ("[\\w.@+-]+", "jean.dupont@example.fr"),
        ("[0-9]{4}-[0-9]{2}-[0-9]{2}", "1985-03-12"),  # a date of birth
        ("[a-z ]{1,40}", "jean dupont"),
    ],
)
def test_the_loader_refuses_a_kept_pattern_that_admits_free_text_and_says_which_probe(partners, pattern, admitted):
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]["attributes"]["note"] = {
        "pattern": pattern,
        "max_length": 1024,
    }
    with pytest.raises(ValidationError, match="admits free text") as refused:
        PartnerRegistry.model_validate(document)
    named = re.search(r"it accepts '(.+?)'\)", str(refused.value)).group(1)
    assert re.fullmatch(pattern, named) and re.fullmatch(pattern, admitted)


@pytest.mark.parametrize("pattern", ["[0-9]{1,2}[A-Z][0-9]{2}|UNK", "-?[0-9]{1,2}(\\.[0-9]{1,2})?", "(true|false)"])
def test_patterns_of_codes_and_measures_are_accepted(pattern):
    KindAgreement.model_validate(
        {"categories": ["x"], "fields": {"partner_event_id": "pseudonymise"}, "attributes": {"code": {"pattern": pattern}}}
    )
    assert all(not re.fullmatch(pattern, probe) for probe in FREE_TEXT_PROBES)


def base_kind(**changes) -> dict:
    return {"categories": ["x"], "fields": {"partner_event_id": "pseudonymise"}, **changes}


def test_text_kept_scrubbed_needs_a_declared_purpose_and_a_short_retention():
    with pytest.raises(ValidationError, match="needs a declared purpose"):
        KindAgreement.model_validate(base_kind(fields={"partner_event_id": "pseudonymise", "free_text": "scrub"}))
    with pytest.raises(ValidationError, match="needs a declared purpose"):
        KindAgreement.model_validate(base_kind(attributes={"comment": {"treatment": "scrub"}}))
    purpose = {"purpose": "Analysts read reports to plan rounds.", "retention_days": 31}
    with pytest.raises(ValidationError, match="less than or equal to 30"):
        KindAgreement.model_validate(base_kind(attributes={"comment": {"treatment": "scrub"}}, text=purpose))
    with pytest.raises(ValidationError, match="no free-form field is kept scrubbed"):
        KindAgreement.model_validate(base_kind(text={**purpose, "retention_days": 7}))
    kept = KindAgreement.model_validate(
        base_kind(attributes={"comment": {"treatment": "scrub"}}, text={**purpose, "retention_days": 7})
    )
    assert kept.scrubbed_fields == ["attributes.comment"] and kept.text.retention_days == 7


def test_a_free_form_field_can_only_become_signals_or_be_strictly_scrubbed():
    with pytest.raises(ValidationError, match="free_text may be"):
        KindAgreement.model_validate(base_kind(fields={"partner_event_id": "pseudonymise", "free_text": "keep"}))
    with pytest.raises(ValidationError, match="takes no values or pattern"):
        KindAgreement.model_validate(base_kind(attributes={"comment": {"treatment": "signals", "pattern": "[a-z]{1,3}"}}))
    assert KindAgreement.model_validate(base_kind(attributes={"comment": {"treatment": "signals"}})).derives_signals
