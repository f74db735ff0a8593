"""The city profile, the partner agreements and typed settings."""

from pathlib import Path

import pytest

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import kind_name
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.settings import SettingsError, load_settings
from ingestion.settings import IngestionSettings
from pseudonymisation.settings import PseudonymisationSettings
from support import CONFIG


def test_city_profile_cells_zones_and_calendar(city):
    assert 3000 < len(city.cells) < 5000
    assert all(city.zone_of(c) in city.zones for c in list(city.cells)[:100])
    downtown = city.cell_of(29.7604, -95.3698)
    assert downtown in city.cells and city.cell_of(37.3, -99.5) not in city.cells
    from datetime import date

    assert city.is_holiday(date(2010, 7, 5)) and not city.is_holiday(date(2010, 7, 6))  # 4 July fell on a Sunday


def test_every_agreement_uses_the_city_vocabulary(city, partners):
    for partner in partners.partners.values():
        for kind, agreement in partner.agreement.kinds.items():
            assert set(agreement.categories) <= set(city.vocabulary[kind]), (partner.name, kind)
    assert set(city.target_categories) <= set(city.vocabulary["incident_report"])
    assert {kind_name(k) for k in events_pb2.EventKind.values() if k} == set(city.vocabulary)


def test_unknown_keys_in_config_are_refused(tmp_path: Path):
    text = (CONFIG / "cities" / "houston.yaml").read_text() + "\nsurveillance_cameras: true\n"
    (tmp_path / "city.yaml").write_text(text)
    with pytest.raises(Exception, match="surveillance_cameras"):
        CityProfile.load(tmp_path / "city.yaml")


def test_partner_tokens_are_checked_against_digests(partners):
    assert partners.authenticate((("authorization", "Bearer demo-houston-police-token"),)) == "houston-police"


def test_a_missing_setting_stops_with_the_variable_name(monkeypatch):
    monkeypatch.delenv("CIVICPULSE_PSEUDONYMISATION_PSEUDONYMISATION_KEY", raising=False)
    with pytest.raises(SettingsError, match="CIVICPULSE_PSEUDONYMISATION_PSEUDONYMISATION_KEY"):
        load_settings(PseudonymisationSettings)


def test_a_wrong_setting_is_refused(monkeypatch):
    monkeypatch.setenv("CIVICPULSE_INGESTION_GRPC_PORT", "not-a-port")
    with pytest.raises(SettingsError, match="CIVICPULSE_INGESTION_GRPC_PORT"):
        load_settings(IngestionSettings)


def test_no_city_is_assumed(monkeypatch):
    monkeypatch.delenv("CIVICPULSE_INGESTION_CITY_PROFILE", raising=False)
    with pytest.raises(SettingsError, match="CIVICPULSE_INGESTION_CITY_PROFILE: Field required"):
        load_settings(IngestionSettings)
