"""The demo partners read the real files as their systems would send them."""

import csv
import gzip
from datetime import UTC, datetime

import pytest

from civicpulse.devstack.partners import astros_home_games, batched, houston_police_events
from civicpulse.events.v1 import events_pb2
from support import REPO_ROOT

DATA = REPO_ROOT / "datasets" / "houston"
CRIME = DATA / "houston_crime_2010_ggmap.csv.gz"


@pytest.fixture(scope="module")
def police():
    return list(houston_police_events(CRIME))


@pytest.fixture(scope="module")
def rows():
    with gzip.open(CRIME, "rt", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_one_event_per_row_and_one_id_per_distinct_row(police, rows, city):
    assert len(police) == len(rows) == 86_314
    assert len({e.partner_event_id for e in police}) == len({tuple(r) for r in rows})
    assert sum(not e.HasField("location") for e in police) == 5
    assert {e.category for e in police} <= set(city.vocabulary["incident_report"])


def test_times_are_the_files_utc_times(police, rows):
    for event, row in list(zip(police, rows, strict=True))[::9973]:
        assert event.occurred_at.ToDatetime(tzinfo=UTC) == datetime.fromisoformat(row[1]).replace(tzinfo=UTC)


def test_games_start_at_local_first_pitch():
    games = {g.partner_event_id: g for g in astros_home_games(DATA / "astros_home_games_2010_retrosheet.csv")}
    assert len(games) == 81
    opener = games["astros-2010-04-05-0"]  # a night game: 19:05 CDT is 00:05 UTC the next day
    assert opener.starts_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 6, 0, 5, tzinfo=UTC)
    assert opener.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT and opener.expected_attendance == 43836
    day_games = [g for g in games.values() if g.starts_at.ToDatetime(tzinfo=UTC).hour == 18]
    assert day_games and all(g.starts_at.ToDatetime(tzinfo=UTC).minute == 5 for g in day_games)  # 13:05 CDT
    assert all(g.ends_at.seconds > g.starts_at.seconds for g in games.values())


def test_batched_splits_and_refuses_empty_batches():
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched([1], 0))
