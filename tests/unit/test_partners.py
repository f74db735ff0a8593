"""The demo partners send the real files in datasets/houston and datasets/chicago as their systems
would: each city's sources.yaml names, per partner, the file and the mapping that makes its events.

Expected values are computed here straight from the files with csv, independently of the mappings.
"""

import csv
import gzip
import hashlib
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from pydantic import ValidationError

from civicpulse.client.mapping import Mapping
from civicpulse.client.mapping import rows as mapped_rows
from civicpulse.events.v1 import events_pb2
from civicpulse.lab.sources import city_sources
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from ingestion.domain import Rules, validate
from support import CONFIG, REPO_ROOT

DATA = REPO_ROOT / "datasets" / "houston"
CRIME = DATA / "houston_crime_2010_ggmap.csv.gz"
GAMES = DATA / "astros_home_games_2010_retrosheet.csv"
INCIDENT_CATEGORIES = {"theft", "burglary", "auto_theft", "aggravated_assault", "robbery", "rape", "murder"}

CHICAGO_DATA = REPO_ROOT / "datasets" / "chicago"
CHICAGO_311 = CHICAGO_DATA / "chicago_311_sanitation_code_complaints.csv.gz"
CHICAGO_WEATHER = CHICAGO_DATA / "chicago_daily_weather_2011_2014_food_inspections_repo.csv"
CHICAGO_GAMES = CHICAGO_DATA / "cubs_whitesox_home_games_2000_2018_retrosheet.csv"
CHICAGO_TZ = ZoneInfo("America/Chicago")
HOUSTON_SOURCES = city_sources("houston")
CHICAGO_SOURCES = city_sources("chicago")


def police_events(limit: int | None = None) -> list[events_pb2.PartnerEvent]:
    return list(HOUSTON_SOURCES.source("houston-police").events(limit))


@pytest.fixture(scope="module")
def police():
    return police_events()


@pytest.fixture(scope="module")
def rows():
    with gzip.open(CRIME, "rt", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def games():
    return {g.partner_event_id: g for g in HOUSTON_SOURCES.source("houston-events-office").events()}


@pytest.fixture(scope="module")
def game_rows():
    with open(GAMES, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _has_point(row: dict[str, str]) -> bool:
    try:
        return math.isfinite(float(row["lat"])) and math.isfinite(float(row["lon"]))
    except ValueError:
        return False


def test_one_event_per_row_in_file_order(police, rows):
    assert len(police) == len(rows) == 86_314
    for event, row in list(zip(police, rows, strict=True))[::4999]:
        assert event.kind == events_pb2.EVENT_KIND_INCIDENT_REPORT
        assert event.category == row["offense"].replace(" ", "_")
        assert event.address == row["address"]
        assert event.count == int(row["number"])
        assert dict(event.attributes) == {"premise": row["location"], "beat": row["beat"]}
        assert (event.location.latitude, event.location.longitude) == (float(row["lat"]), float(row["lon"]))


def test_limit_reads_only_the_first_rows(police):
    assert police_events(limit=7) == police[:7]
    assert police_events(limit=0) == []


def test_rows_without_coordinates_have_no_location(police, rows):
    missing = [i for i, row in enumerate(rows) if not _has_point(row)]
    assert len(missing) == 5
    assert [i for i, e in enumerate(police) if not e.HasField("location")] == missing


def test_one_id_per_distinct_row_and_duplicates_share_their_twins_id(police, rows):
    distinct = {tuple(row.values()) for row in rows}
    assert len(rows) - len(distinct) == 575  # the file's exact duplicate rows
    assert len({e.partner_event_id for e in police}) == len(distinct)
    first_id: dict[tuple[str, ...], str] = {}
    for event, row in zip(police, rows, strict=True):
        assert event.partner_event_id.startswith("hpd-") and len(event.partner_event_id) == 24
        assert first_id.setdefault(tuple(row.values()), event.partner_event_id) == event.partner_event_id


def test_ids_are_deterministic_and_content_based(police):
    again = police_events(limit=100)
    assert [e.partner_event_id for e in again] == [e.partner_event_id for e in police[:100]]
    # Rows repeating (time, offense, address) but differing elsewhere are distinct events.
    assert len({e.partner_event_id for e in police}) > len({(e.occurred_at.seconds, e.category, e.address) for e in police})


def test_categories_are_the_controlled_vocabulary(police, rows, city):
    assert {e.category for e in police} == INCIDENT_CATEGORIES
    assert INCIDENT_CATEGORIES <= set(city.vocabulary["incident_report"])
    assert {row["offense"] for row in rows} >= {"auto theft", "aggravated assault"}


def test_unknown_offense_and_bad_coordinates_are_passed_on_for_ingestion_to_reject(tmp_path):
    header = "time_local,time_utc,offense,number,location,beat,address,lon,lat"
    lines = [
        header,
        "2010-07-04 21:00:00,2010-07-05 02:00:00,Public  Intoxication,,bar,1A10,1 main st,-95.36,29.76",
        "2010-07-04 21:00:00,2010-07-05 02:00:00,theft,2,bar,1A10,1 main st,,29.76",
        "2010-07-04 21:00:00,2010-07-05 02:00:00,theft,1,bar,1A10,1 main st,NA,NA",
        "2010-07-04 21:00:00,2010-07-05 02:00:00,theft,1,bar,1A10,1 main st,nan,29.76",
    ]
    path = tmp_path / "crime.csv.gz"
    with gzip.open(path, "wt", newline="", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    mapping = Mapping.load(HOUSTON_SOURCES.source("houston-police").mapping)
    unknown, no_lon, text, nan = [mapping.event(row) for row in mapped_rows(path, "csv")]
    assert unknown.category == "public_intoxication" and unknown.count == 1 and unknown.HasField("location")
    assert no_lon.count == 2 and not no_lon.HasField("location")
    assert not text.HasField("location") and not nan.HasField("location")
    expected_id = "hpd-" + hashlib.sha256("\x1f".join(lines[1].split(",")).encode()).hexdigest()[:20]
    assert unknown.partner_event_id == expected_id


def test_times_are_the_files_utc_times(police, rows):
    for event, row in list(zip(police, rows, strict=True))[::997]:
        assert event.occurred_at.ToDatetime(tzinfo=UTC) == datetime.fromisoformat(row["time_utc"]).replace(tzinfo=UTC)
    # First row: midnight on New Year's Day in Houston (CST, UTC-6) is 06:00 UTC.
    assert rows[0]["time_local"] == "2010-01-01 00:00:00"
    assert police[0].occurred_at.ToDatetime(tzinfo=UTC) == datetime(2010, 1, 1, 6, tzinfo=UTC)


def test_the_81_home_games_are_at_minute_maid_park(games, game_rows):
    assert len(games) == len(game_rows) == 81
    assert sum(date.fromisoformat(r["date"]) <= date(2010, 8, 31) for r in game_rows) == 67
    for row in game_rows:
        game = games[f"astros-{row['date']}-{row['game_num']}"]
        assert game.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT and game.category == "sports_match"
        assert (game.location.latitude, game.location.longitude) == (29.7573, -95.3555)
        assert game.expected_attendance == int(row["attendance"])
        assert dict(game.attributes) == {"venue": "Minute Maid Park", "home_team": "HOU", "visitor": row["visitor"]}
        starts = game.starts_at.ToDatetime(tzinfo=UTC)
        assert game.occurred_at == game.starts_at
        assert game.ends_at.ToDatetime(tzinfo=UTC) - starts == timedelta(minutes=int(row["duration_min"]))
        # All 2010 home games fall in daylight saving time (CDT, UTC-5): 13:05 -> 18:05, 19:05 -> 00:05 UTC.
        assert (starts.hour, starts.minute) == ({"D": 18, "N": 0}[row["day_night"]], 5)


def test_known_day_and_night_games_start_at_local_first_pitch(games):
    night = games["astros-2010-04-05-0"]  # opening night, 19:05 CDT = 00:05 UTC the next day
    assert night.starts_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 6, 0, 5, tzinfo=UTC)
    assert night.ends_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 6, 2, 39, tzinfo=UTC)  # 154 minutes
    assert night.expected_attendance == 43836 and night.attributes["visitor"] == "SFN"
    day = games["astros-2010-04-07-0"]  # a day game, 13:05 CDT = 18:05 UTC
    assert day.starts_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 7, 18, 5, tzinfo=UTC)
    assert day.ends_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 7, 21, 6, tzinfo=UTC)  # 181 minutes
    assert day.expected_attendance == 21599


# Chicago: the 311 call centre, the weather provider and the events office.


@pytest.fixture(scope="module")
def chicago():
    return CityProfile.load(CONFIG / "cities" / "chicago.yaml")


@pytest.fixture(scope="module")
def chicago_partners():
    return PartnerRegistry.load(CONFIG / "partners-chicago.yaml")


@pytest.fixture(scope="module")
def requests_311():
    return list(CHICAGO_SOURCES.source("chicago-311").events())


@pytest.fixture(scope="module")
def rows_311():
    with gzip.open(CHICAGO_311, "rt", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def weather():
    return list(CHICAGO_SOURCES.source("chicago-weather").events())


@pytest.fixture(scope="module")
def weather_rows():
    with open(CHICAGO_WEATHER, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def chicago_games():
    return list(CHICAGO_SOURCES.source("chicago-events-office").events())


@pytest.fixture(scope="module")
def chicago_game_rows():
    with open(CHICAGO_GAMES, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _local_midnight_utc(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), CHICAGO_TZ).astimezone(UTC)


def test_one_311_request_per_row_at_local_midnight_of_its_date(requests_311, rows_311):
    assert len(requests_311) == len(rows_311) == 74_401
    for event, row in list(zip(requests_311, rows_311, strict=True))[::3001]:
        assert event.kind == events_pb2.EVENT_KIND_CITIZEN_REQUEST
        assert event.category == "sanitation_code_violation" and event.count == 1
        assert event.partner_event_id == "chi311-" + row["Service_Request_Number"]
        assert event.address == row["Street_Address"]
        # Dates only in the file: midnight in Chicago, 06:00 UTC in winter (CST), 05:00 UTC in summer (CDT).
        assert event.occurred_at.ToDatetime(tzinfo=UTC) == _local_midnight_utc(row["Creation_Date"])
        assert event.attributes.get("nature", "") == row["What_is_the_Nature_of_this_Code_Violation"]
        assert event.attributes["duplicate"] == ("true" if row["Status"].endswith("- Dup") else "false")
        if row["Latitude"]:
            assert (event.location.latitude, event.location.longitude) == (float(row["Latitude"]), float(row["Longitude"]))
    assert requests_311[0].occurred_at.ToDatetime(tzinfo=UTC) == datetime(2000, 1, 3, 6, tzinfo=UTC)
    assert list(CHICAGO_SOURCES.source("chicago-311").events(limit=5)) == requests_311[:5]


def test_311_known_problems_are_sent_and_counted(requests_311, rows_311):
    # Stray years outside the dense 2011-2014 period are sent as they are.
    years = Counter(e.occurred_at.ToDatetime(tzinfo=UTC).astimezone(CHICAGO_TZ).year for e in requests_311)
    assert years == {2000: 28, 2010: 156, 2011: 17_922, 2012: 19_124, 2013: 18_113, 2014: 19_041, 2015: 17}
    # 24 rows without coordinates: no location, so ingestion rejects them.
    missing = [i for i, row in enumerate(rows_311) if not row["Latitude"] or not row["Longitude"]]
    assert len(missing) == 24
    assert [i for i, e in enumerate(requests_311) if not e.HasField("location")] == missing
    # "... - Dup": the city closed them as duplicates of another request; sent, marked.
    dup_status = [row["Status"].endswith("- Dup") for row in rows_311]
    assert sum(dup_status) == 3_633
    assert [e.attributes["duplicate"] == "true" for e in requests_311] == dup_status
    assert {e.attributes["duplicate"] for e in requests_311} == {"true", "false"}
    # The same request number exported again (another completion date) is the same event twice.
    ids = Counter(e.partner_event_id for e in requests_311)
    assert len(ids) == 74_026 and sum(n - 1 for n in ids.values()) == 375
    # Rows without a nature of violation carry no `nature` attribute.
    assert sum("nature" not in e.attributes for e in requests_311) == 3_753


def test_311_points_fall_in_chicago_cells(requests_311, chicago):
    located = [e for e in requests_311 if e.HasField("location")]
    cells = [chicago.cell_of(e.location.latitude, e.location.longitude) for e in located]
    outside = [c for c in cells if c not in chicago.cells]
    assert len(located) == 74_377 and outside == []  # the boundary was drawn from these points
    assert len(set(cells)) == 788  # cells with at least one request, of the profile's 1,017


def test_one_daily_weather_observation_per_day_at_the_city_centre(weather, weather_rows):
    assert len(weather) == len(weather_rows) == 1_310
    days = [date.fromisoformat(row["date"]) for row in weather_rows]
    assert days[0] == date(2011, 4, 1) and days[-1] == date(2014, 10, 31)
    assert days == [days[0] + timedelta(days=i) for i in range(len(days))]  # no gap
    for event, row in zip(weather, weather_rows, strict=True):
        assert event.kind == events_pb2.EVENT_KIND_WEATHER_OBSERVATION and event.category == "daily"
        assert event.partner_event_id == f"chicago-weather-{row['date']}"
        assert (event.location.latitude, event.location.longitude) == (41.8781, -87.6298)
        assert dict(event.attributes) == {
            "date": row["date"],
            "temperature_max_f": row["temperatureMax"],
            "precipitation_intensity": row["precipIntensity"],
            "wind_speed": row["windSpeed"],
            "humidity": row["humidity"],
        }
        # Known once the day is over: stamped at the midnight that ends it.
        next_day = (date.fromisoformat(row["date"]) + timedelta(days=1)).isoformat()
        assert event.occurred_at.ToDatetime(tzinfo=UTC) == _local_midnight_utc(next_day)


def test_cubs_and_white_sox_home_games_without_the_tokyo_opener(chicago_games, chicago_game_rows):
    assert len(chicago_game_rows) == 3_080 and len(chicago_games) == 3_079
    assert [r["date"] for r in chicago_game_rows if r["park_id"] == "TOK01"] == ["2000-03-30"]
    assert not [g for g in chicago_games if g.partner_event_id.startswith("cubs-2000-03-30")]
    by_id = {g.partner_event_id: g for g in chicago_games}
    assert len(by_id) == 3_079
    venues = {"CHN": ("Wrigley Field", 41.9484, -87.6553), "CHA": ("U.S. Cellular Field", 41.8299, -87.6338)}
    first_pitch = {"D": (13, 20), "N": (19, 10)}
    played = {(r["date"], r["home"], r["game_num"]): r["day_night"] for r in chicago_game_rows}
    later_in_slot = 0
    for row in chicago_game_rows:
        if row["park_id"] == "TOK01":
            continue
        team = {"CHN": "cubs", "CHA": "whitesox"}[row["home"]]
        game = by_id[f"{team}-{row['date']}-{row['game_num']}"]
        venue, lat, lon = venues[row["home"]]
        assert game.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT and game.category == "sports_match"
        assert (game.location.latitude, game.location.longitude) == (lat, lon)
        assert dict(game.attributes) == {"venue": venue, "home_team": row["home"], "visitor": row["visitor"]}
        assert game.expected_attendance == int(row["attendance"])
        starts = game.starts_at.ToDatetime(tzinfo=UTC)
        assert game.occurred_at == game.starts_at
        assert game.ends_at.ToDatetime(tzinfo=UTC) - starts == timedelta(hours=3)
        local = starts.astimezone(CHICAGO_TZ)
        assert local.date() == date.fromisoformat(row["date"])
        if row["game_num"] == "2" and played[(row["date"], row["home"], "1")] == row["day_night"]:
            later_in_slot += 1  # second game of a doubleheader in the same slot: 3 h 30 min after the first
            hour, minute = first_pitch[row["day_night"]]
            assert (local.hour * 60 + local.minute) - (hour * 60 + minute) == 210
        else:
            assert (local.hour, local.minute) == first_pitch[row["day_night"]]
    assert later_in_slot == 12
    assert sum(g.expected_attendance == 0 for g in chicago_games) == 23  # doubleheaders with one gate


def test_chicago_events_are_in_the_vocabulary_and_pass_ingestion(requests_311, weather, chicago_games, chicago, chicago_partners):
    assert {e.category for e in requests_311} == {"sanitation_code_violation"}
    assert {e.category for e in weather} == {"daily"}
    assert {e.category for e in chicago_games} == {"sports_match"}
    assert "sanitation_code_violation" in chicago.vocabulary["citizen_request"]
    assert "daily" in chicago.vocabulary["weather_observation"]
    assert "sports_match" in chicago.vocabulary["scheduled_event"]
    # Every point the weather and events partners send lies in the city.
    for event in weather[:1] + chicago_games:
        assert chicago.cell_of(event.location.latitude, event.location.longitude) in chicago.cells
    rules = Rules(chicago, timedelta(minutes=10), 20)
    now = datetime.now(UTC)
    for partner_id, events in [
        ("chicago-311", requests_311),
        ("chicago-weather", weather),
        ("chicago-events-office", chicago_games),
    ]:
        partner = chicago_partners.get(partner_id)
        problems = Counter(f"{p.field}: {p.reason}" for e in events for p in validate(e, partner, rules, now))
        expected = {"location: required": 24} if events is requests_311 else {}
        assert problems == expected, partner.name


# Police-generated data: declared per partner, explicitly.


def test_only_the_houston_police_is_police_generated_and_chicago_has_no_police_partner(partners, chicago_partners):
    assert partners.police_generated == {"houston-police"}
    assert chicago_partners.police_generated == frozenset()
    # Every demo partner says it, either way: none is left to the default.
    for path in (CONFIG / "partners.yaml", CONFIG / "partners-chicago.yaml"):
        document = yaml.safe_load(path.read_text())
        assert all("police_generated" in p for p in document["partners"].values()), path


def test_a_partner_that_does_not_say_is_not_police_and_the_declaration_is_a_boolean(partners):
    document = partners.model_dump(mode="json")
    del document["partners"]["houston-police"]["police_generated"]
    assert PartnerRegistry.model_validate(document).police_generated == frozenset()
    document["partners"]["houston-311"]["police_generated"] = "police"
    with pytest.raises(ValidationError, match="police_generated"):
        PartnerRegistry.model_validate(document)
