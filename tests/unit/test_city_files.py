"""A city is files only: datasets/<city>/sources.yaml names its profile, its partners' agreements,
the period to judge and the files to replay; the tools find cities by those files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from civicpulse.city.check import check_city, check_files
from civicpulse.city.files import DATASETS, SOURCES_FILE, CityFiles, cities
from civicpulse.client.mapping import Mapping
from civicpulse.lab.sources import city_sources
from support import CONFIG, REPO_ROOT

CITIES = cities(REPO_ROOT)


def test_cities_are_found_by_their_sources_file():
    assert CITIES == sorted(p.parent.name for p in (REPO_ROOT / DATASETS).glob(f"*/{SOURCES_FILE}"))
    assert {"houston", "chicago"} <= set(CITIES)


@pytest.mark.parametrize("name", CITIES)
def test_each_city_s_sources_are_its_partners_files_through_existing_mappings(name):
    city = CityFiles.load(REPO_ROOT, name)
    assert city.city.name and city.issue_time.tzinfo is not None
    assert city.issue_time.utcoffset() == city.city.tz.utcoffset(city.issue_time.replace(tzinfo=None))
    partners = city.agreements
    sources = city_sources(name).sources
    # A partner may send several files (the events office: games, and events declared to it).
    assert sources and len({s.file for s in sources}) == len(sources)
    for source in sources:
        assert source.file.is_file() and source.file.parent == REPO_ROOT / DATASETS / name, source
        assert source.mapping.is_file() and source.mapping.parent == CONFIG / "mappings", source
        assert source.partner in partners.partners, source
        # The mapping's kinds are ones the partner's agreement lets it send.
        assert set(Mapping.load(source.mapping).event_kinds) <= set(partners.get(source.partner).agreement.kinds), source
        assert source.token == f"demo-{source.partner}-token"


def test_the_sources_are_replayed_in_the_order_declared():
    houston = [(s.partner, s.file.name, s.mapping.name) for s in city_sources("houston").sources]
    assert houston == [
        ("houston-police", "houston_crime_2010_ggmap.csv.gz", "houston-crime.yaml"),
        ("houston-events-office", "astros_home_games_2010_retrosheet.csv", "astros-games.yaml"),
        ("houston-events-office", "declared_events_2010_illustrative.csv", "houston-declared-events.yaml"),
    ]
    chicago = [(s.partner, s.mapping.name) for s in city_sources("chicago").sources]
    assert chicago == [
        ("chicago-311", "chicago-311.yaml"),
        ("chicago-weather", "chicago-weather.yaml"),
        ("chicago-events-office", "chicago-games.yaml"),
    ]
    replayed = city_sources("houston").replayed(limits={"houston-police": 3})
    assert [token for token, _ in replayed] == [
        "demo-houston-police-token",
        "demo-houston-events-office-token",
        "demo-houston-events-office-token",
    ]
    assert [len(list(events)) for _, events in replayed] == [3, 81, 2]
    with pytest.raises(ValueError, match="houston-parks"):
        city_sources("houston").replayed(limits={"houston-parks": 3})  # a partner that sends no file here


def write_city(root, name, document):
    folder = root / DATASETS / name
    folder.mkdir(parents=True)
    (folder / SOURCES_FILE).write_text(yaml.safe_dump(document))


def test_a_sources_file_refuses_what_it_does_not_know_and_names_itself(tmp_path):
    source = {"partner": "p", "file": "f.csv", "mapping": "m.yaml"}
    write_city(tmp_path, "x", {"profile": "p.yaml", "partners": "q.yaml", "sources": [source], "city": "x"})
    with pytest.raises(ValueError, match=r"(?s)x/sources.yaml.*city"):
        CityFiles.load(tmp_path, "x")
    write_city(tmp_path, "y", {"profile": "p.yaml", "partners": "q.yaml", "sources": [{**source, "kind": "k"}]})
    with pytest.raises(ValueError, match="kind"):
        CityFiles.load(tmp_path, "y")


def test_an_unknown_city_names_the_cities_there_are(tmp_path):
    write_city(
        tmp_path,
        "somewhere",
        {"profile": "p.yaml", "partners": "q.yaml", "sources": [{"partner": "p", "file": "f", "mapping": "m"}]},
    )
    with pytest.raises(ValueError, match=r"no city 'elsewhere'.*somewhere"):
        CityFiles.load(tmp_path, "elsewhere")


def test_a_city_without_an_evaluate_section_says_what_to_add(tmp_path):
    write_city(
        tmp_path, "z", {"profile": "p.yaml", "partners": "q.yaml", "sources": [{"partner": "p", "file": "f", "mapping": "m"}]}
    )
    city = CityFiles.load(tmp_path, "z")
    with pytest.raises(ValueError, match="evaluate.*issue_time"):
        city.issue_time  # noqa: B018


@pytest.mark.parametrize("name", CITIES)
def test_every_city_found_is_coherent_by_civicpulse_city_check(name):
    """A city added as files is checked here without a line of test code naming it."""
    report = check_city(REPO_ROOT, name, max_rows=50, now=datetime.now(UTC))
    assert report.coherent, [str(p) for p in report.problems]
    assert [s.source.partner for s in report.sources] == [s.partner for s in CityFiles.load(REPO_ROOT, name).sources]


@pytest.mark.parametrize("profile", sorted((CONFIG / "cities").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_profile_has_agreements_and_they_check_together(profile):
    """Every profile, data or not (Marseille has none), goes with a partners file naming it."""
    partners = sorted(p for p in CONFIG.glob("partners*.yaml") if check_files(profile, p, [], 0, datetime.now(UTC)).coherent)
    assert partners, f"no partners file checks together with {profile.name}"
