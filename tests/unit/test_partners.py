"""The demo partners read the real files in datasets/houston as their systems would send them.

Expected values are computed here straight from the files with csv, independently of the adapters.
"""

import csv
import gzip
import hashlib
import math
from datetime import UTC, date, datetime, timedelta

import pytest

from civicpulse.devstack.partners import astros_home_games, batched, houston_police_events
from civicpulse.events.v1 import events_pb2
from support import REPO_ROOT

DATA = REPO_ROOT / "datasets" / "houston"
CRIME = DATA / "houston_crime_2010_ggmap.csv.gz"
GAMES = DATA / "astros_home_games_2010_retrosheet.csv"
INCIDENT_CATEGORIES = {"theft", "burglary", "auto_theft", "aggravated_assault", "robbery", "rape", "murder"}


@pytest.fixture(scope="module")
def police():
    return list(houston_police_events(CRIME))


@pytest.fixture(scope="module")
def rows():
    with gzip.open(CRIME, "rt", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def games():
    return {g.partner_event_id: g for g in astros_home_games(GAMES)}


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
    assert list(houston_police_events(CRIME, limit=7)) == police[:7]
    assert list(houston_police_events(CRIME, limit=0)) == []


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
    again = list(houston_police_events(CRIME, limit=100))
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
    unknown, no_lon, text, nan = houston_police_events(path)
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


def test_batched_edge_cases():
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched(range(4), 2)) == [[0, 1], [2, 3]]
    assert list(batched(range(3), 10)) == [[0, 1, 2]]
    assert list(batched(range(3), 1)) == [[0], [1], [2]]
    assert list(batched([], 3)) == []
    assert list(batched((x for x in "abc"), 2)) == [["a", "b"], ["c"]]
    with pytest.raises(ValueError):
        list(batched([1], 0))
    with pytest.raises(ValueError):
        list(batched([1], -2))


def test_batched_is_lazy():
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield i

    first = next(batched(source(), 3))
    assert first == [0, 1, 2] and pulled == [0, 1, 2]
