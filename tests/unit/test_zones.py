"""Named zones: every cell of a city in exactly one zone, the remainder, the H3 fallback, the
profile's checks of the zones file, the agenda's bands, the areas' capacities and the chart."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import h3
import pytest
import yaml
from chart_support import CHART, CONFIG_FILES, RELEASE, by_kind
from pydantic import ValidationError

from civicpulse.runtime.city import Agenda, CityProfile
from support import CONFIG

WEST, MIDDLE, EAST, SOUTH, NORTH = -95.40, -95.35, -95.30, 29.70, 29.80


def square(west: float, south: float, east: float, north: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]]}


def zone(zone_id: str, name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"id": zone_id, "name": name}, "geometry": geometry}


def profile(tmp_path: Path, features: list[dict] | None, **changes) -> Path:
    """A small city (a 0.1-degree square) with its zones file beside it; None: no zones named."""
    document = {
        "name": "Squareville",
        "timezone": "America/Chicago",
        "holidays": {"country": "US"},
        "boundary": square(WEST, SOUTH, EAST, NORTH),
        "vocabulary": {"incident_report": ["theft"]},
        "targets": [{"kind": "incident_report", "categories": ["theft"]}],
        "areas": {"stadium": square(-95.36, 29.74, -95.355, 29.745)},
    }
    if features is not None:
        (tmp_path / "zones.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        document["zones"] = {"file": "zones.geojson", "remainder": {"id": "elsewhere", "name": "Elsewhere"}}
    document.update(changes)
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(document))
    return tmp_path / "city.yaml"


def halves(north: float = NORTH) -> list[dict]:
    """Two squares side by side, sharing the meridian MIDDLE."""
    return [
        zone("west", "West side", square(WEST, SOUTH, MIDDLE, north)),
        zone("east", "East side", square(MIDDLE, SOUTH, EAST, north)),
    ]


# --- the demo cities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "city_file, named, examples",
    [
        ("houston.yaml", 24, {"district-1": "District 1", "district-24": "District 24"}),
        (
            "chicago.yaml",
            77,
            {"loop": "Loop", "lincoln-park": "Lincoln Park", "ohare": "O'Hare", "mckinley-park": "McKinley Park"},
        ),
    ],
)
def test_every_cell_of_a_demo_city_is_in_exactly_one_zone(city_file, named, examples):
    city = CityProfile.load(CONFIG / "cities" / city_file)
    assert city.remainder_zone in city.zones and len(city.zones) == named + 1
    members = {z: city.zone_cells(z) for z in city.zones}
    assert set().union(*members.values()) == city.cells
    assert sum(len(cells) for cells in members.values()) == len(city.cells)  # no cell in two zones
    for z, cells in members.items():
        assert all(city.zone_of(cell) == z for cell in cells), z
    for z, name in examples.items():
        assert city.zone_name(z) == name and members[z], z
    # The study area is drawn more loosely than the districts: some cells lie outside all of them.
    assert 0 < len(members[city.remainder_zone]) < len(city.cells)
    assert city.zone_geometry(city.remainder_zone)["type"] == "MultiPolygon"


def test_the_demo_profiles_give_capacities_and_the_agenda_bands():
    houston = CityProfile.load(CONFIG / "cities" / "houston.yaml")
    chicago = CityProfile.load(CONFIG / "cities" / "chicago.yaml")
    assert houston.area_capacity("minute-maid-park") == 41168 and houston.area_capacity("nrg-park") == 72220
    assert houston.area_capacity("downtown") is None
    assert chicago.area_capacity("wrigley-field") == 41649 and chicago.area_capacity("guaranteed-rate-field") == 40615
    assert [houston.agenda.band(level) for level in range(1, 6)] == ["green", "green", "orange", "red", "red"]


# --- assignment ------------------------------------------------------------------------------------


def test_a_border_cell_goes_to_the_zone_holding_its_centre(tmp_path):
    city = CityProfile.load(profile(tmp_path, halves()))
    straddling = [c for c in city.cells if len({lng < MIDDLE for _, lng in h3.cell_to_boundary(c)}) == 2]
    assert straddling, "no cell crosses the border: the test shows nothing"
    sides = set()
    for cell in straddling:
        _, lng = h3.cell_to_latlng(cell)
        sides.add(expected := "west" if lng < MIDDLE else "east")
        assert city.zone_of(cell) == expected and cell in city.zone_cells(expected), cell
    assert sides == {"west", "east"}
    assert city.zone_cells("west") | city.zone_cells("east") == city.cells and not city.zone_cells("elsewhere")


def test_cells_outside_every_zone_form_the_named_remainder_and_are_counted_at_load(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="civicpulse.runtime.zones"):
        city = CityProfile.load(profile(tmp_path, halves(north=29.75)))
    remainder = city.zone_cells("elsewhere")
    assert city.remainder_zone == "elsewhere" and city.zone_name("elsewhere") == "Elsewhere"
    assert remainder and all(h3.cell_to_latlng(c)[0] > 29.75 for c in remainder)
    assert f"{len(remainder)} of {len(city.cells)} cells lie in none" in caplog.text
    # Its geometry is the outline of its cells: the cells it holds are exactly the remainder.
    assert set(h3.geo_to_cells(city.zone_geometry("elsewhere"), city.h3_resolution)) == remainder


def test_a_zone_without_cells_is_still_a_zone_and_cells_outside_the_city_find_their_zone(tmp_path):
    beyond = zone("beyond", "Beyond the study area", square(-95.20, SOUTH, -95.10, NORTH))
    city = CityProfile.load(profile(tmp_path, [*halves(), beyond]))
    assert "beyond" in city.zones and city.zone_cells("beyond") == frozenset()
    assert city.zone_of(city.cell_of(29.75, -95.15)) == "beyond"
    assert city.zone_of(city.cell_of(29.75, -95.25)) == "elsewhere"  # outside every zone
    assert city.zone_of(h3.latlng_to_cell(29.75, -95.15, 10)) == "beyond"  # a finer cell: by its centre
    assert city.zone_geometry("beyond") == beyond["geometry"]


def test_overlapping_zones_give_a_shared_cell_to_the_smallest_id_and_say_so(tmp_path, caplog):
    features = [zone("b-zone", "B", square(WEST, SOUTH, -95.33, NORTH)), zone("a-zone", "A", square(-95.37, SOUTH, EAST, NORTH))]
    with caplog.at_level(logging.WARNING, logger="civicpulse.runtime.zones"):
        city = CityProfile.load(profile(tmp_path, features))
    shared = {c for c in city.cells if -95.37 < h3.cell_to_latlng(c)[1] < -95.33}
    assert shared and shared <= city.zone_cells("a-zone") and not shared & city.zone_cells("b-zone")
    assert "overlap" in caplog.text and "a-zone/b-zone" in caplog.text


def test_a_multipolygon_zone_holds_the_cells_of_all_its_parts(tmp_path):
    parts = {
        "type": "MultiPolygon",
        "coordinates": [square(WEST, SOUTH, -95.38, NORTH)["coordinates"], square(-95.32, SOUTH, EAST, NORTH)["coordinates"]],
    }
    city = CityProfile.load(profile(tmp_path, [zone("edges", "Both edges", parts)]))
    longitudes = {h3.cell_to_latlng(c)[1] < MIDDLE for c in city.zone_cells("edges")}
    assert longitudes == {True, False} and city.zone_cells("elsewhere")


def test_an_unknown_zone_is_a_key_error(tmp_path):
    named = CityProfile.load(profile(tmp_path, halves()))
    for ask in (named.zone_name, named.zone_geometry, named.zone_cells):
        with pytest.raises(KeyError):
            ask("north")


# --- the H3 fallback -------------------------------------------------------------------------------


def test_without_named_zones_the_h3_parents_are_the_zones(tmp_path):
    city = CityProfile.load(profile(tmp_path, None))
    assert city.remainder_zone is None
    assert city.zones == {h3.cell_to_parent(c, city.zone_resolution) for c in city.cells}
    for z in city.zones:
        assert city.zone_name(z) == z and all(city.zone_of(c) == z for c in city.zone_cells(z))
        ring = city.zone_geometry(z)["coordinates"][0]
        assert len(ring) == 7 and ring[0] == ring[-1]
        lng, lat = ring[0]
        assert -96 < lng < -95 and 29 < lat < 30  # GeoJSON order: longitude, latitude
    assert set().union(*(city.zone_cells(z) for z in city.zones)) == city.cells
    for ask in (city.zone_name, city.zone_geometry, city.zone_cells):
        with pytest.raises(KeyError):
            ask("86446c027ffffff")


# --- refused profiles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "features, message",
    [
        ([zone("District 1", "District 1", square(WEST, SOUTH, EAST, NORTH))], "'District 1' must be lower case letters"),
        (
            [
                zone("west", "West", square(WEST, SOUTH, MIDDLE, NORTH)),
                zone("west", "West again", square(MIDDLE, SOUTH, EAST, NORTH)),
            ],
            "'west' is used twice",
        ),
        ([zone("elsewhere", "Elsewhere", square(WEST, SOUTH, EAST, NORTH))], "is the remainder's id"),
        ([zone("west", "", square(WEST, SOUTH, EAST, NORTH))], "give a name"),
        ([zone("west", "West", {"type": "Point", "coordinates": [WEST, SOUTH]})], "Polygon or a MultiPolygon"),
        ([], "holds no zone"),
    ],
)
def test_a_zones_file_with_a_bad_zone_is_refused_saying_which(tmp_path, features, message):
    with pytest.raises(ValidationError, match=message) as refused:
        CityProfile.load(profile(tmp_path, features))
    assert "zones.geojson" in str(refused.value)


def test_a_missing_zones_file_is_refused_with_its_path(tmp_path):
    path = profile(tmp_path, halves())
    (tmp_path / "zones.geojson").unlink()
    with pytest.raises(ValidationError, match=f"{tmp_path / 'zones.geojson'}: no such file"):
        CityProfile.load(path)


def test_a_bad_remainder_id_is_refused(tmp_path):
    path = profile(tmp_path, halves())
    document = yaml.safe_load(path.read_text())
    document["zones"]["remainder"]["id"] = "Outside!"
    path.write_text(yaml.safe_dump(document))
    with pytest.raises(ValidationError, match="'Outside!' must be lower case"):
        CityProfile.load(path)


def test_a_loaded_profile_validates_again_from_its_dump_but_a_bare_relative_file_is_refused(tmp_path):
    city = CityProfile.load(profile(tmp_path, halves()))
    again = CityProfile.model_validate(city.model_dump(mode="json"))
    assert again.zones == city.zones and again.zone_cells("west") == city.zone_cells("west")
    with pytest.raises(ValidationError, match="is relative"):
        CityProfile.model_validate(yaml.safe_load((tmp_path / "city.yaml").read_text()))


@pytest.mark.parametrize(
    "agenda, message",
    [
        ({"orange_from_level": 4, "red_from_level": 3}, "must not be below"),
        ({"orange_from_level": 1}, "greater than or equal to 2"),
        ({"red_from_level": 6}, "less than or equal to 5"),
    ],
)
def test_agenda_bands_must_be_ordered_levels(tmp_path, agenda, message):
    with pytest.raises(ValidationError, match=message):
        CityProfile.load(profile(tmp_path, None, agenda=agenda))


def test_agenda_bands_a_level():
    agenda = Agenda(orange_from_level=2, red_from_level=2)
    assert [agenda.band(level) for level in range(1, 6)] == ["green", "red", "red", "red", "red"]
    assert Agenda().band(3) == "orange"
    with pytest.raises(ValueError, match="1 to 5"):
        Agenda().band(0)


def test_capacities_are_for_named_areas_only(tmp_path):
    with pytest.raises(ValidationError, match=r"area_capacities: \['arena'\] are not named in areas"):
        CityProfile.load(profile(tmp_path, None, area_capacities={"stadium": 1000, "arena": 500}))
    with pytest.raises(ValidationError, match="greater than 0"):
        CityProfile.load(profile(tmp_path, None, area_capacities={"stadium": 0}))
    city = CityProfile.load(profile(tmp_path, None, area_capacities={"stadium": 1000}))
    assert city.area_capacity("stadium") == 1000
    with pytest.raises(KeyError):
        city.area_capacity("arena")


# --- the chart -------------------------------------------------------------------------------------


def test_the_chart_mounts_the_zones_file_the_profile_names(helm, tmp_path):
    city = yaml.safe_load(CONFIG_FILES["config.cityProfile"].read_text())
    city["zones"]["file"] = "squares.geojson"
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(city))
    zones = CONFIG_FILES["config.cityZones"].read_text()
    given = [
        "--set-file",
        f"config.cityProfile={tmp_path / 'city.yaml'}",
        "--set-file",
        f"config.partners={CONFIG_FILES['config.partners']}",
    ]
    out = helm(
        "template", RELEASE, str(CHART), *given, "--set-file", f"config.cityZones={CONFIG_FILES['config.cityZones']}"
    ).stdout
    [configmap] = by_kind([d for d in yaml.safe_load_all(out) if d], "ConfigMap").values()
    assert set(configmap["data"]) == {"city-profile.yaml", "partners.yaml", "squares.geojson"}
    assert configmap["data"]["squares.geojson"] == zones
    # The profile names a file and none is given, or a file that is not beside it: rendering stops.
    missing = helm("template", RELEASE, str(CHART), *given, check=False)
    assert missing.returncode != 0 and "config.cityZones is empty" in missing.stderr and "squares.geojson" in missing.stderr
    city["zones"]["file"] = "../squares.geojson"
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(city))
    outside = helm(
        "template", RELEASE, str(CHART), *given, "--set-file", f"config.cityZones={CONFIG_FILES['config.cityZones']}", check=False
    )
    assert outside.returncode != 0 and "must be a file name beside the profile" in outside.stderr


def test_the_chart_refuses_zones_a_profile_does_not_name(helm, tmp_path):
    city = yaml.safe_load(CONFIG_FILES["config.cityProfile"].read_text())
    del city["zones"]
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(city))
    given = [
        "--set-file",
        f"config.cityProfile={tmp_path / 'city.yaml'}",
        "--set-file",
        f"config.partners={CONFIG_FILES['config.partners']}",
    ]
    out = helm("template", RELEASE, str(CHART), *given).stdout
    [configmap] = by_kind([d for d in yaml.safe_load_all(out) if d], "ConfigMap").values()
    assert set(configmap["data"]) == {"city-profile.yaml", "partners.yaml"}
    refused = helm(
        "template", RELEASE, str(CHART), *given, "--set-file", f"config.cityZones={CONFIG_FILES['config.cityZones']}", check=False
    )
    assert refused.returncode != 0 and "names no zones.file" in refused.stderr
