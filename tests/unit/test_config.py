"""The city profile, the partner agreements and typed settings."""

import csv
import gzip
import math
from datetime import date
from pathlib import Path

import pytest

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import PartnerRegistry, kind_name
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.settings import SettingsError, load_settings
from ingestion.settings import IngestionSettings
from pseudonymisation.settings import PseudonymisationSettings
from support import CONFIG, REPO_ROOT

HOUSTON_CRIME = REPO_ROOT / "datasets" / "houston" / "houston_crime_2010_ggmap.csv.gz"
DOWNTOWN_HOUSTON = (29.7604, -95.3698)


def test_city_profile_cells_zones_and_calendar(city):
    assert 4100 < len(city.cells) < 4300  # 4,217 cells: the boundary drawn from the 2010 incident reports
    assert all(city.zone_of(c) in city.zones for c in list(city.cells)[:100])
    downtown = city.cell_of(29.7604, -95.3698)
    assert downtown in city.cells and city.cell_of(37.3, -99.5) not in city.cells
    assert city.is_holiday(date(2010, 7, 5)) and not city.is_holiday(date(2010, 7, 6))  # 4 July fell on a Sunday


def test_the_boundary_holds_every_houston_incident_but_far_geocoding_errors(city):
    """Distinct rows with coordinates whose cell is not a city cell: only the geocoder's far misses."""
    with gzip.open(HOUSTON_CRIME, "rt", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        col = {name: i for i, name in enumerate(next(reader))}
        rows = set(map(tuple, reader))
    points = []
    for row in rows:
        try:
            lat, lon = float(row[col["lat"]]), float(row[col["lon"]])
        except ValueError:
            continue
        if math.isfinite(lat) and math.isfinite(lon):
            points.append((lat, lon))
    assert len(points) == 85_734  # 86,314 rows less 575 exact duplicates and 5 without coordinates
    outside = [p for p in points if city.cell_of(*p) not in city.cells]
    assert 0 < len(outside) <= 300  # 220 at the time of writing
    far = [math.dist(p, DOWNTOWN_HOUSTON) for p in outside]
    assert min(far) > 0.5, "a point near Houston falls outside the boundary"


def test_every_agreement_uses_the_city_vocabulary(city, partners):
    for partner in partners.partners.values():
        for kind, agreement in partner.agreement.kinds.items():
            assert set(agreement.categories) <= set(city.vocabulary[kind]), (partner.name, kind)
    for target in city.targets:
        assert set(target.categories) <= set(city.vocabulary[target.kind])
    assert {kind_name(k) for k in events_pb2.EventKind.values() if k} == set(city.vocabulary)


def test_the_chicago_profile_and_its_agreements():
    """The second city: same schema, its own boundary, vocabulary, target and partners."""
    chicago = CityProfile.load(CONFIG / "cities" / "chicago.yaml")
    partners = PartnerRegistry.load(CONFIG / "partners-chicago.yaml")
    assert chicago.name == "Chicago" and chicago.timezone == "America/Chicago"
    assert 950 < len(chicago.cells) < 1100  # 1,017 cells: the boundary drawn from the 311 requests
    assert all(chicago.zone_of(c) in chicago.zones for c in chicago.cells)
    # City centre (the weather point), Wrigley Field, U.S. Cellular Field, O'Hare's edge, the far south.
    for lat, lon in [(41.8781, -87.6298), (41.9484, -87.6553), (41.8299, -87.6338), (41.975, -87.90), (41.65, -87.55)]:
        assert chicago.cell_of(lat, lon) in chicago.cells, (lat, lon)
    for lat, lon in [(41.85, -87.45), (42.06, -87.68), (29.7604, -95.3698)]:  # the lake, Evanston, Houston
        assert chicago.cell_of(lat, lon) not in chicago.cells, (lat, lon)
    assert {kind_name(k) for k in events_pb2.EventKind.values() if k} == set(chicago.vocabulary)
    assert [(t.kind, t.categories) for t in chicago.targets] == [("citizen_request", ["sanitation_code_violation"])]
    assert not chicago.promotion.require_operator_approval
    assert set(partners.partners) == {"chicago-311", "chicago-weather", "chicago-events-office"}
    for partner in partners.partners.values():
        for kind, agreement in partner.agreement.kinds.items():
            assert set(agreement.categories) <= set(chicago.vocabulary[kind]), (partner.name, kind)
    assert chicago.is_holiday(date(2014, 3, 3)) and not chicago.is_holiday(date(2014, 3, 4))  # Casimir Pulaski Day (IL)


def test_unknown_keys_in_config_are_refused(tmp_path: Path):
    text = (CONFIG / "cities" / "houston.yaml").read_text() + "\nsurveillance_cameras: true\n"
    (tmp_path / "city.yaml").write_text(text)
    with pytest.raises(Exception, match="surveillance_cameras"):
        CityProfile.load(tmp_path / "city.yaml")


def test_a_missing_setting_stops_with_the_variable_name(monkeypatch):
    monkeypatch.delenv("CIVICPULSE_PSEUDONYMISATION_KEYS_FILE", raising=False)
    with pytest.raises(SettingsError, match="CIVICPULSE_PSEUDONYMISATION_KEYS_FILE"):
        load_settings(PseudonymisationSettings)


def test_a_misspelt_setting_stops_the_service_with_its_name(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVICPULSE_INGESTION_CITY_PROFILE", str(tmp_path / "city.yaml"))
    monkeypatch.setenv("CIVICPULSE_INGESTION_MAX_BACH_SIZE", "50")  # the setting is MAX_BATCH_SIZE
    with pytest.raises(SettingsError, match="CIVICPULSE_INGESTION_MAX_BACH_SIZE: no such setting"):
        load_settings(IngestionSettings)
    monkeypatch.delenv("CIVICPULSE_INGESTION_MAX_BACH_SIZE")
    monkeypatch.setenv("CIVICPULSE_INGESTION_MAX_BATCH_SIZE", "50")
    monkeypatch.setenv("CIVICPULSE_INGESTION_PLAINTEXT", "true")
    assert load_settings(IngestionSettings).max_batch_size == 50


def test_a_service_without_its_tls_files_stops_naming_them_unless_plaintext_is_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVICPULSE_INGESTION_CITY_PROFILE", str(tmp_path / "city.yaml"))
    monkeypatch.setenv("CIVICPULSE_INGESTION_TLS_CERT_FILE", str(tmp_path / "ingestion.pem"))
    with pytest.raises(
        SettingsError,
        match="TLS needs CIVICPULSE_INGESTION_TLS_KEY_FILE, CIVICPULSE_INGESTION_TLS_CA_FILE .or CIVICPULSE_INGESTION_PLAINTEXT",
    ):
        load_settings(IngestionSettings)
    monkeypatch.setenv("CIVICPULSE_INGESTION_PLAINTEXT", "true")
    monkeypatch.setenv("CIVICPULSE_INGESTION_GRPC_MTLS_PORT", "50052")
    with pytest.raises(SettingsError, match="GRPC_MTLS_PORT needs TLS"):
        load_settings(IngestionSettings)


def test_a_wrong_setting_is_refused(monkeypatch):
    monkeypatch.setenv("CIVICPULSE_INGESTION_GRPC_PORT", "not-a-port")
    with pytest.raises(SettingsError, match="CIVICPULSE_INGESTION_GRPC_PORT"):
        load_settings(IngestionSettings)


def test_no_city_is_assumed(monkeypatch):
    monkeypatch.delenv("CIVICPULSE_INGESTION_CITY_PROFILE", raising=False)
    with pytest.raises(SettingsError, match="CIVICPULSE_INGESTION_CITY_PROFILE: Field required"):
        load_settings(IngestionSettings)


@pytest.mark.parametrize(
    "targets, reason",
    [
        ([{"kind": "scheduled_event", "categories": ["market"]}], "cannot be a target"),
        ([{"kind": "incident_report", "categories": ["jaywalking"]}], "not in the vocabulary"),
        ([], "at least 1"),
    ],
)
def test_a_profile_whose_targets_cannot_be_trained_is_refused_at_start(tmp_path: Path, targets, reason):
    import yaml

    profile = yaml.safe_load((CONFIG / "cities" / "houston.yaml").read_text())
    profile["targets"] = targets
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(profile))
    with pytest.raises(Exception, match=reason):
        CityProfile.load(tmp_path / "city.yaml")
