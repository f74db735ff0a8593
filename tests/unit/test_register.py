"""The register of processing is generated from the very agreements the services enforce."""

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from civicpulse.runtime.agreements import ALLOWED_TREATMENTS, PartnerRegistry
from pseudonymisation.register import VersionConflict, record, register_of
from support import CONFIG

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def test_every_partner_kind_and_field_is_in_the_register(partners, city):
    entry = register_of(partners, city, (CONFIG / "partners.yaml").read_bytes())
    assert entry["policy_version"] == partners.policy_version and len(entry["policy_sha256"]) == 64
    assert {p["partner"] for p in entry["partners"]} == set(partners.partners)
    for listed in entry["partners"]:
        agreement = partners.partners[listed["partner"]].agreement
        assert listed["purpose"] == agreement.purpose and listed["key_domain"] == agreement.key_domain
        assert listed["police_generated"] is partners.partners[listed["partner"]].police_generated
        assert listed["publication"]["min_count"] == agreement.publication.min_count
        for kind in listed["kinds"]:
            declared = agreement.kinds[kind["kind"]]
            assert kind["retention_days"] == declared.retention_days
            assert set(kind["fields"]) == set(ALLOWED_TREATMENTS)  # every field, kept or not
            for name, words in kind["fields"].items():
                assert ("dropped" in words) == (declared.fields.get(name, "drop") == "drop"), (name, words)
            assert set(kind["attributes"]) == set(declared.attributes) | {"(any other attribute)"}
    police = next(p for p in entry["partners"] if p["partner"] == "houston-police")["kinds"][0]
    assert "local day for rape" in police["fields"]["occurred_at"] and "H3 cell" in police["fields"]["location"]
    assert police["attributes"]["premise"]["declared_by"] == "a vocabulary of 118 values"
    requests = next(p for p in entry["partners"] if p["partner"] == "houston-311")["kinds"][0]
    assert requests["fields"]["contact"] == requests["fields"]["address"] == "dropped"
    assert "named area" in requests["fields"]["area"]
    # Free text: the call centre's is reduced to signals; the parks department keeps its agents'
    # reports for a declared purpose, a week.
    assert "signals" in requests["fields"]["free_text"] and "noise" in requests["free_text"]["signals"]
    assert requests["free_text"]["kept_for"] is None and requests["free_text"]["kept_fields"] == []
    parks = next(p for p in entry["partners"] if p["partner"] == "houston-parks")["kinds"][0]
    assert parks["free_text"]["kept_for"].startswith("Parks planners") and parks["free_text"]["kept_days"] == 7
    assert "strictly scrubbed" in parks["fields"]["free_text"] and "7 days" in parks["fields"]["free_text"]


def test_the_smallest_published_count_is_in_the_register_and_at_least_one(partners, city):
    entry = register_of(partners, city, (CONFIG / "partners.yaml").read_bytes())
    listed = {p["partner"]: p["publication"] for p in entry["partners"]}
    assert listed["houston-police"] == {"min_count": 3, "rule": "counts below 3 for one place and period are withheld"}
    assert listed["houston-weather"] == {"min_count": 1, "rule": "every count may be published"}  # the default
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["agreement"]["publication"] = {"min_count": 0}
    with pytest.raises(ValidationError, match="min_count"):
        PartnerRegistry.model_validate(document)


def test_versions_accumulate_and_a_changed_policy_needs_a_new_version(partners, city, tmp_path):
    source = (CONFIG / "partners.yaml").read_bytes()
    first = register_of(partners, city, source)
    record(first, tmp_path, NOW)
    record(first, tmp_path, NOW)  # recording the same policy again changes nothing
    with pytest.raises(VersionConflict, match="new version"):
        record(register_of(partners, city, source + b"\n# changed"), tmp_path, NOW)
    document = partners.model_dump(mode="json")
    document["policy_version"] = "next"
    record(register_of(PartnerRegistry.model_validate(document), city, source + b"\n# changed"), tmp_path, NOW)
    register = json.loads((tmp_path / "register.json").read_text())
    assert set(register["versions"]) == {partners.policy_version, "next"} and register["current"] == "next"
    assert (tmp_path / "register-next.json").exists()
