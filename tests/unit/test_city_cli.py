"""civicpulse-city: `check` validates a city's files together and runs their first rows through the
ingestion service's own validation; `boundary` proposes a profile's boundary from a file's points,
measured by the profile's own rule. The command is run as its user runs it; details in-process."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import h3
import pytest
import shapely
import yaml
from shapely.geometry import Polygon

from civicpulse.city.boundary import Outline, Points, propose, read_points
from civicpulse.city.check import DeclaredSource, check_files, mapping_columns
from civicpulse.city.cli import main
from civicpulse.city.dry_run import service_rules
from civicpulse.city.files import Source
from civicpulse.client.mapping import Mapping
from civicpulse.runtime.city import Boundary, CityProfile, polygon_cells
from ingestion.settings import IngestionSettings
from support import CONFIG, REPO_ROOT

COMMAND = Path(sys.executable).parent / "civicpulse-city"
HOUSTON_CRIME = REPO_ROOT / "datasets" / "houston" / "houston_crime_2010_ggmap.csv.gz"
CHICAGO_311 = REPO_ROOT / "datasets" / "chicago" / "chicago_311_sanitation_code_complaints.csv.gz"
CHICAGO_ZONES = CONFIG / "cities" / "chicago-zones.geojson"


def civicpulse_city(*args: object, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COMMAND, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


def csv_rows(path: Path, limit: int) -> list[dict[str, str]]:
    with gzip.open(path, "rt", newline="", encoding="utf-8") as handle:
        return list(itertools.islice(csv.DictReader(handle), limit))


def rejected_lines(output: str) -> dict[int, str]:
    """The rows a report says would be rejected: row number -> the line."""
    lines = [line.strip() for line in output.splitlines()]
    return {int(line.split(":")[0].removeprefix("row ")): line for line in lines if line.startswith("row ") and " — " in line}


# --- check, on the real cities ------------------------------------------------------------------


def test_houston_checks_coherent_and_names_the_rows_outside_the_city():
    result = civicpulse_city("check", "houston")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the files are coherent: 3 sources" in result.stdout
    # Every row of the first 200 whose point's cell the profile does not hold, and only those.
    city = CityProfile.load(CONFIG / "cities" / "houston.yaml")
    outside = [
        number
        for number, row in enumerate(csv_rows(HOUSTON_CRIME, 200), 1)
        if city.cell_of(float(row["lat"]), float(row["lon"])) not in city.cells
    ]
    rejected = rejected_lines(result.stdout)
    assert outside and sorted(rejected) == outside
    assert all("location: outside_city — the point lies outside Houston" in rejected[n] for n in outside)
    assert f"200 rows read: 200 events (incident_report 200); {200 - len(outside)} would be sent" in result.stdout
    # A few events it would send, one line each: kind/category, local time, cell.
    assert "row 1: incident_report/murder  2010-01-01T00:00-06:00  cell 8" in result.stdout


def test_chicago_s_311_rows_without_a_location_are_rejected_by_ingestion_s_reason():
    rows = 12_000
    result = civicpulse_city("check", "chicago", "--rows", rows)
    assert result.returncode == 0, result.stdout + result.stderr
    without = [n for n, row in enumerate(csv_rows(CHICAGO_311, rows), 1) if not row["Latitude"].strip()]
    assert without, "the first rows of the 311 file hold rows without a location"
    rejected = rejected_lines(result.stdout)
    assert sorted(rejected) == without
    assert all("location: required — this kind of event must say where it happened" in rejected[n] for n in without)
    # The games' skip rule (a game played in Tokyo) is counted by its name.
    assert "skipped by the mapping's rules:\n    skip[0]: row 1\n" in result.stdout
    assert "1 skipped by the mapping's rules (skip[0] 1)" in result.stdout
    # --strict makes a rejected row fatal.
    assert civicpulse_city("check", "chicago", "--rows", without[0], "--strict").returncode == 1


def test_a_city_with_no_data_yet_checks_its_profile_and_agreements():
    profile, partners = CONFIG / "cities" / "marseille.yaml", CONFIG / "partners-marseille.yaml"
    if not (profile.is_file() and partners.is_file()):
        pytest.skip("config/cities/marseille.yaml and config/partners-marseille.yaml are not written yet")
    result = civicpulse_city("check", "--profile", profile, "--partners", partners)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "profile  config/cities/marseille.yaml: Marseille" in result.stdout
    assert "the profile and the agreements are coherent" in result.stdout


def test_check_uses_the_ingestion_service_s_default_rules():
    city = CityProfile.load(CONFIG / "cities" / "houston.yaml")
    rules = service_rules(city)
    defaults = IngestionSettings.model_fields
    assert rules.max_clock_skew.total_seconds() == defaults["max_clock_skew_seconds"].default
    assert rules.min_crowd_count == defaults["min_crowd_count"].default
    assert rules.max_event_age.days == defaults["max_event_age_days"].default


# --- check, on broken files ---------------------------------------------------------------------


def write_broken_town(root: Path) -> None:
    """A town made of Houston's files, broken four ways: a zones file that is not a
    FeatureCollection, a category the vocabulary lacks, a mapping of a kind the partner may not
    send, a file that does not exist."""
    cities, mappings, folder = root / "config" / "cities", root / "config" / "mappings", root / "datasets" / "town"
    for directory in (cities, mappings, folder):
        directory.mkdir(parents=True)
    profile = yaml.safe_load((CONFIG / "cities" / "houston.yaml").read_text())
    profile["zones"]["file"] = "town-zones.geojson"
    (cities / "town.yaml").write_text(yaml.safe_dump(profile))
    (cities / "town-zones.geojson").write_text(json.dumps({"type": "Feature", "geometry": None}))
    agreements = yaml.safe_load((CONFIG / "partners.yaml").read_text())
    agreements["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]["categories"].append("arson")
    (root / "config" / "partners-town.yaml").write_text(yaml.safe_dump(agreements))
    for name in ("houston-crime.yaml", "astros-games.yaml"):
        (mappings / name).write_text((CONFIG / "mappings" / name).read_text())
    with gzip.open(HOUSTON_CRIME, "rt", encoding="utf-8") as handle:
        (folder / "crime.csv").write_text("".join(itertools.islice(handle, 21)))
    (folder / "games.csv").write_text((REPO_ROOT / "datasets" / "houston" / "astros_home_games_2010_retrosheet.csv").read_text())
    sources = {
        "profile": "config/cities/town.yaml",
        "partners": "config/partners-town.yaml",
        "sources": [
            {"partner": "houston-police", "file": "crime.csv", "mapping": "config/mappings/houston-crime.yaml"},
            {"partner": "houston-police", "file": "games.csv", "mapping": "config/mappings/astros-games.yaml"},
            {"partner": "houston-police", "file": "missing.csv", "mapping": "config/mappings/houston-crime.yaml"},
        ],
    }
    (folder / "sources.yaml").write_text(yaml.safe_dump(sources))


def test_a_broken_city_fails_with_every_problem_named(tmp_path):
    write_broken_town(tmp_path)
    result = civicpulse_city("check", "town", "--root", tmp_path, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "4 configuration problems:" in out
    problems = out.split("configuration problems:")[1]
    # The zones file, with the profile's key and what it must be.
    assert "config/cities/town.yaml: zones.file" in problems and "must be a GeoJSON FeatureCollection" in problems
    # The category the profile does not know, where it is granted, with the categories allowed.
    assert (
        "config/partners-town.yaml: partners.houston-police.agreement.kinds.incident_report.categories: arson is not a "
        "incident_report category of the profile Houston (its incident_report categories: theft, burglary" in problems
    )
    # The mapping of a kind the partner may not send, and what the agreement covers.
    assert (
        "config/mappings/astros-games.yaml: kind: makes scheduled_event, which houston-police's agreement in "
        "config/partners-town.yaml does not cover (it covers incident_report)" in problems
    )
    # The missing file, by the sources file's entry.
    assert "datasets/town/sources.yaml: sources[2].file: datasets/town/missing.csv: no such file" in problems
    # What could be checked still was: the profile without its zones, the good source's rows.
    assert "zones not read" in out and "20 rows read: 20 events (incident_report 20)" in out


def test_a_mapping_reading_a_column_the_file_lacks_is_named(tmp_path):
    mapping = yaml.safe_load((CONFIG / "mappings" / "houston-crime.yaml").read_text())
    mapping["category"]["column"] = "ofense"
    mapping["partner_event_id"]["template"] = "hpd-{row_digest}-{blok}"
    (tmp_path / "crime.yaml").write_text(yaml.safe_dump(mapping))
    result = civicpulse_city(
        "check",
        *("--profile", CONFIG / "cities" / "houston.yaml", "--partners", CONFIG / "partners.yaml"),
        *("--partner", "houston-police", "--mapping", tmp_path / "crime.yaml", "--file", HOUSTON_CRIME),
    )
    assert result.returncode == 1
    assert (
        "category.column: reads column 'ofense', which datasets/houston/houston_crime_2010_ggmap.csv.gz does not have"
        in result.stdout
    )
    assert "partner_event_id.template: reads column 'blok'" in result.stdout
    assert "2 configuration problems" in result.stdout


def test_a_mapping_of_several_kinds_is_checked_kind_by_kind(tmp_path):
    mapping = {
        "format": "csv",
        "partner_event_id": {"template": "log-{row_number}"},
        "occurred_at": {"column": "time", "timezone": "UTC"},
        "location": {"latitude": "lat", "longitude": "lon"},
        "kinds": [
            {
                "kind": "incident_report",
                "when": {"column": "family", "values": ["crime"]},
                "category": {"column": "nature", "map": {"VOL": "theft", "FEU": "arson"}},
            },
            {"kind": "scheduled_event", "category": {"value": "sports_match"}},
        ],
    }
    (tmp_path / "log.yaml").write_text(yaml.safe_dump(mapping))
    (tmp_path / "log.csv").write_text("family,nature,time,lat,lon\ncrime,VOL,2010-01-01T06:00:00,29.7,-95.4\n")
    source = Source(partner="houston-police", file=tmp_path / "log.csv", mapping=tmp_path / "log.yaml")
    report = check_files(
        CONFIG / "cities" / "houston.yaml",
        CONFIG / "partners.yaml",
        [DeclaredSource(source, "the command line", "")],
        max_rows=None,
        now=datetime.now(UTC),
    )
    found = {(problem.key, problem.text.split(",")[0]) for problem in report.problems}
    assert found == {
        # A category the map writes that the city does not have: every row giving it would be rejected.
        ("kinds[0].category", "writes arson"),
        # A kind the partner may not send, where the mapping names it.
        ("kinds[1].kind", "makes scheduled_event"),
    }, report.problems
    assert not report.sources  # rows are read only from a source whose configuration holds


def test_a_place_the_agreement_does_not_let_through_is_named(tmp_path):
    agreements = yaml.safe_load((CONFIG / "partners.yaml").read_text())
    del agreements["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]["fields"]["location"]
    (tmp_path / "partners.yaml").write_text(yaml.safe_dump(agreements))
    source = Source(partner="houston-police", file=HOUSTON_CRIME, mapping=CONFIG / "mappings" / "houston-crime.yaml")
    report = check_files(
        CONFIG / "cities" / "houston.yaml",
        tmp_path / "partners.yaml",
        [DeclaredSource(source, "here", "")],
        10,
        datetime.now(UTC),
    )
    # Ingestion would accept the events; pseudonymisation would refuse every one of them.
    assert [(Path(p.file).name, p.key) for p in report.problems] == [("houston-crime.yaml", "location")]
    assert "pseudonymisation would refuse every event as missing_location" in report.problems[0].text


def test_mapping_columns_are_every_column_a_mapping_reads_directly_or_in_templates():
    read = list(mapping_columns(Mapping.load(CONFIG / "mappings" / "chicago-games.yaml")))
    # Columns, template fields (a derived name among them), a time of day's column, a skip rule's,
    # each with where the mapping reads it.
    assert {"home", "park_id", "date", "game_num", "day_night", "attendance", "visitor", "team"} <= {c for _, c in read}
    assert {
        ("skip[0].column", "park_id"),
        ("partner_event_id.template", "team"),
        ("starts_at.time_of_day.column", "day_night"),
        ("starts_at.stagger.key", "home"),
    } <= set(read)


# --- check, one file --------------------------------------------------------------------------------


def test_one_file_prints_its_rejected_rows_with_their_reasons(tmp_path):
    header = (
        "time_local,time_utc,date,hour,premise,offense,beat,block,street,type,suffix,number,month,day,location,address,lon,lat"
    )
    good = "2010-01-01 00:00:00,2010-01-01 06:00:00,1/1/2010,0,18A,theft,15E30,1,a,ln,-,1,january,friday,alley,1 a ln"
    lines = [
        header,
        f"{good},-95.4373883,29.6779015",  # 1: sent
        f"{good},-95.1141,31.414",  # 2: a point far north of the city
        f"{good},,",  # 3: no point
        f"{good.replace(',theft,', ',arson,')},-95.4373883,29.6779015",  # 4: a category the city does not have
        f"{good.replace('2010-01-01 06:00:00', '1/1/2010 6am')},-95.4373883,29.6779015",  # 5: a time not in ISO 8601
    ]
    (tmp_path / "crime.csv").write_text("\n".join(lines) + "\n")
    arguments = [
        *("check", "--profile", CONFIG / "cities" / "houston.yaml", "--partners", CONFIG / "partners.yaml"),
        *(
            "--partner",
            "houston-police",
            "--mapping",
            CONFIG / "mappings" / "houston-crime.yaml",
            "--file",
            tmp_path / "crime.csv",
        ),
    ]
    result = civicpulse_city(*arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    rejected = rejected_lines(result.stdout)
    assert sorted(rejected) == [2, 3, 4, 5]
    assert "location: outside_city — the point lies outside Houston" in rejected[2] and "point 31.414, -95.1141" in rejected[2]
    assert "location: required" in rejected[3]
    assert "category: unknown_category — 'arson' is not a incident_report category of this city" in rejected[4]
    assert "occurred_at: required — when the event happened is required" in rejected[5]
    assert "5 rows read: 5 events (incident_report 5); 1 would be sent; 4 rejected" in result.stdout
    assert civicpulse_city(*arguments, "--strict").returncode == 1


@pytest.mark.parametrize(
    ("arguments", "status", "said"),
    [
        (["check", "houston", "--profile", "x.yaml"], 2, "give a CITY, or --profile and --partners"),
        (
            ["check", "--profile", "x.yaml", "--partners", "y.yaml", "--partner", "p"],
            2,
            "all three of --partner, --mapping and --file",
        ),
        (["check", "houston", "--rows", "-1"], 2, "give a number of rows, 0 for every row"),
        (["boundary", "f.csv", "--latitude", "lat"], 2, "give both --latitude and --longitude"),
        (["boundary", "f.csv", "--mapping", "m.yaml", "--centre", "29.7,-95.3"], 2, "give both --centre and --radius-deg"),
        (["boundary", "f.csv", "--mapping", "m.yaml", "--vertices", "3"], 2, "--vertices 3: a boundary needs at least 4"),
        (["boundary", str(HOUSTON_CRIME), "--mapping", "nowhere.yaml"], 1, "nowhere.yaml"),
        (["check", "atlantis", "--root", str(REPO_ROOT)], 1, "no city 'atlantis'"),
    ],
)
def test_the_command_line_says_which_forms_it_takes(arguments, status, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == status
    printed = capsys.readouterr()
    assert said in printed.out + printed.err


# --- boundary --------------------------------------------------------------------------------------


def printed_boundary(output: str) -> Boundary:
    return Boundary.model_validate(yaml.safe_load(io.StringIO(output))["boundary"])


def test_houston_s_boundary_drawn_as_its_profile_says_leaves_out_under_one_percent(tmp_path):
    centre, radius = (29.7604, -95.3698), 0.5  # the profile's comment: within 0.5 degrees of downtown
    result = civicpulse_city(
        *("boundary", HOUSTON_CRIME, "--mapping", CONFIG / "mappings" / "houston-crime.yaml"),
        *("--centre", f"{centre[0]},{centre[1]}", "--radius-deg", radius, "--buffer-km", 1.7, "--vertices", 40),
        *("--output", tmp_path / "houston.geojson"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    boundary = printed_boundary(result.stdout)
    ring = boundary.coordinates[0]
    assert len(ring) - 1 <= 40 and ring[0] == ring[-1]
    assert all(round(value, 3) == value for point in ring for value in point)
    polygon = Polygon(ring)
    assert polygon.is_valid and -96 < polygon.centroid.x < -95 and 29.5 < polygon.centroid.y < 30  # longitude first
    # Measured here from the raw file, by the profile's rule.
    cells = polygon_cells(boundary, 8)
    points = [(float(r["lat"]), float(r["lon"])) for r in csv_rows(HOUSTON_CRIME, 10**6) if r["lat"].strip()]
    near = [p for p in points if ((p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2) ** 0.5 <= radius]
    left_out = sum(h3.latlng_to_cell(*p, 8) not in cells for p in near)
    assert len(near) > 80_000 and left_out / len(near) < 0.01
    said = " ".join(line.removeprefix("# ") for line in result.stdout.splitlines() if line.startswith("#"))
    assert f"{left_out} of {len(near)} points ({100 * left_out / len(near):.2f} %)" in said  # the command agrees
    # The profile's own boundary was drawn this way: the two hold nearly the same cells.
    profile_cells = CityProfile.load(CONFIG / "cities" / "houston.yaml").cells
    assert len(cells ^ profile_cells) < 0.05 * len(profile_cells)
    written = json.loads((tmp_path / "houston.geojson").read_text())
    assert written["features"][0]["geometry"]["coordinates"][0] == [list(p) for p in ring]


def test_with_zones_the_boundary_holds_every_community_area_s_cells():
    result = civicpulse_city(
        *("boundary", CHICAGO_311, "--latitude", "Latitude", "--longitude", "Longitude"),
        *("--buffer-km", 1, "--vertices", 35, "--zones", CHICAGO_ZONES),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    boundary = printed_boundary(result.stdout)
    assert Polygon(boundary.coordinates[0]).is_valid and len(boundary.coordinates[0]) - 1 <= 35
    cells = polygon_cells(boundary, 8)
    for feature in json.loads(CHICAGO_ZONES.read_text())["features"]:
        zone_cells = set(h3.geo_to_cells(feature["geometry"], 8))
        assert zone_cells <= cells, feature["properties"]["id"]
    # Without the zones, the hull of the requests leaves some community areas' cells out (O'Hare):
    # the zones are what brings them in.
    points = read_points(CHICAGO_311, columns=("Latitude", "Longitude"))
    hull_only = propose(points, Outline(buffer_km=1, vertices=35))
    zone_cells = set().union(*(h3.geo_to_cells(f["geometry"], 8) for f in json.loads(CHICAGO_ZONES.read_text())["features"]))
    assert zone_cells - hull_only.held


# --- boundary, in-process -------------------------------------------------------------------------


def test_the_outline_refuses_what_cannot_be_drawn():
    for wrong in ({"vertices": 3}, {"concave_ratio": 1.5}, {"buffer_km": -1}, {"centre": (29.7, -95.3)}, {"resolution": 16}):
        with pytest.raises(ValueError):
            Outline(**wrong)


def test_a_radius_leaves_far_points_out_and_the_proposal_holds_every_cell_near():
    grid = [(29.7 + i * 0.01, -95.4 + j * 0.01) for i in range(20) for j in range(20)]
    far = [(31.414, -95.114)] * 3
    proposal = propose(Points("grid", grid + far, len(grid) + 3, 0), Outline(centre=(29.8, -95.3), radius_deg=0.5, vertices=12))
    assert proposal.within == len(grid) and proposal.beyond == far
    assert proposal.left_out_points == 0 and not proposal.problems and proposal.vertices <= 12
    # The convex hull (ratio 1) of a square grid is its square: the buffered square, simplified.
    convex = propose(Points("grid", grid, len(grid), 0), Outline(concave_ratio=1, buffer_km=0.5, vertices=8))
    assert convex.left_out_points == 0 and shapely.is_valid(Polygon(convex.boundary.coordinates[0]))


def test_a_zone_too_far_from_the_points_for_one_polygon_is_named(tmp_path):
    cluster = [(29.7 + i * 0.005, -95.4 + j * 0.005) for i in range(5) for j in range(5)]
    square = [[-94.4, 30.7], [-94.3, 30.7], [-94.3, 30.8], [-94.4, 30.8], [-94.4, 30.7]]
    zone = {"type": "Feature", "properties": {"id": "far"}, "geometry": {"type": "Polygon", "coordinates": [square]}}
    (tmp_path / "zones.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [zone]}))
    with pytest.raises(
        ValueError, match=r"2 polygons more than two buffers apart.* parts at \(\d+\.\d{3}, -9\d\.\d{3}\), \d+\.\d km away"
    ):
        propose(Points("a town", cluster, 25, 0), Outline(buffer_km=1), zones=tmp_path / "zones.geojson")
    # Nearer than two buffers, the zone is joined to the hull.
    near = propose(Points("a town", cluster, 25, 0), Outline(buffer_km=60), zones=tmp_path / "zones.geojson")
    assert near.joined == 1 and not near.left_out_zone_cells and not near.problems


def test_points_by_columns_name_a_missing_column(tmp_path):
    (tmp_path / "points.csv").write_text("lat,lng\n29.7,-95.3\n")
    with pytest.raises(ValueError, match="no column 'lat' or 'lon'"):
        read_points(tmp_path / "points.csv", columns=("lat", "lon"))
