"""Mapping files turn a partner's rows into events: the committed ones reproduce, field for field,
what the demo's own converters make of the same files."""

from itertools import islice

import pytest
from pydantic import ValidationError

from civicpulse.client.mapping import Mapping, rows
from civicpulse.devstack.partners import astros_home_games, houston_police_events
from support import CONFIG, REPO_ROOT

HOUSTON = REPO_ROOT / "datasets" / "houston"
MAPPINGS = CONFIG / "mappings"


def test_the_houston_crime_mapping_makes_the_demo_s_events():
    path = HOUSTON / "houston_crime_2010_ggmap.csv.gz"
    mapping = Mapping.load(MAPPINGS / "houston-crime.yaml")
    mapped = [mapping.event(row) for row in islice(rows(path, "csv"), 3000)]
    assert mapped == list(houston_police_events(path, limit=3000))


def test_the_astros_mapping_makes_the_demo_s_schedule():
    path = HOUSTON / "astros_home_games_2010_retrosheet.csv"
    mapping = Mapping.load(MAPPINGS / "astros-games.yaml")
    assert [mapping.event(row) for row in rows(path, "csv")] == list(astros_home_games(path))


def test_unreadable_values_are_left_for_ingestion_to_name():
    mapping = Mapping.load(MAPPINGS / "houston-crime.yaml")
    row = next(rows(HOUSTON / "houston_crime_2010_ggmap.csv.gz", "csv"))
    event = mapping.event({**row, "time_utc": "yesterday", "lat": "north", "number": "several"})
    assert not event.HasField("occurred_at") and not event.HasField("location")
    assert event.count == -1  # answered "count: out_of_range"


def test_json_lines_are_read_like_csv(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": 7, "what": "noise"}\n\n{"id": 8, "what": null}\n')
    assert list(rows(path, "jsonl")) == [{"id": "7", "what": "noise"}, {"id": "8", "what": ""}]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kind": "gossip", "partner_event_id": {"column": "id"}, "category": {"value": "x"}}, "not one of"),
        ({"kind": "incident_report", "partner_event_id": {"column": "id", "value": "x"}, "category": {"value": "x"}}, "one of"),
        ({"kind": "incident_report", "partner_event_id": {"column": "id"}, "category": {"value": "x"}, "colour": 1}, "colour"),
    ],
)
def test_a_wrong_mapping_is_refused_with_its_reason(document, message):
    with pytest.raises(ValidationError, match=message):
        Mapping.model_validate(document)


CHICAGO = REPO_ROOT / "datasets" / "chicago"


def test_the_chicago_311_and_weather_mappings_make_the_evaluation_s_events():
    from civicpulse.devstack.partners import chicago_311_requests, chicago_daily_weather

    for mapping_file, path, convert in [
        ("chicago-311.yaml", CHICAGO / "chicago_311_sanitation_code_complaints.csv.gz", chicago_311_requests),
        ("chicago-weather.yaml", CHICAGO / "chicago_daily_weather_2011_2014_food_inspections_repo.csv", chicago_daily_weather),
    ]:
        mapping = Mapping.load(MAPPINGS / mapping_file)
        assert [mapping.event(row, n) for n, row in enumerate(rows(path, "csv"), 1)] == list(convert(path)), mapping_file
