"""The agenda on the Houston profile: days banded by the profile, events on the days they touch,
overlaps at one place and crowds beyond an area's capacity, each found once and said in words."""

from datetime import UTC, datetime, timedelta

import pytest

from factories import agenda_event
from scoring.agenda import ZoneDay, agenda, conflicts, dates_between

ISSUE = datetime(2026, 12, 10, 6, tzinfo=UTC)  # a local midnight in Houston
MATCH_START = datetime(2026, 12, 12, 19, tzinfo=UTC)  # 13:00 local


def days_of(zone: str, levels: list[int]) -> list[ZoneDay]:
    return [ZoneDay(zone, d, ISSUE + timedelta(days=d - 1), 0.5 * d, level) for d, level in enumerate(levels, start=1)]


def test_two_events_at_the_same_area_overlap_once_with_words_to_act_on(city):
    match = agenda_event("match", city, area="minute-maid-park")
    demo = agenda_event(
        "demo", city, area="minute-maid-park", category="demonstration", people=2_000, starts_at=MATCH_START + timedelta(hours=2)
    )
    found, crowd = conflicts([match, demo], city)
    assert found.kind == "overlap" and found.event_keys == ("demo", "match") and found.area == "minute-maid-park"
    assert found.words_en == (
        "Two events overlap at minute-maid-park on 2026-12-12: a sports match (40,000 expected) and a demonstration (2,000)"
    )
    assert found.words_fr.startswith("Deux événements se chevauchent à minute-maid-park le 2026-12-12 :")
    assert found.local_dates == ("2026-12-12",) and found.zone == city.zone_of(match.cell)
    assert (found.start, found.end) == (demo.starts_at, match.ends_at)
    # 42,000 people where the stadium seats 41,168: a crowd beyond capacity besides.
    assert crowd.kind == "over_capacity" and crowd.expected_attendance == 42_000 and crowd.capacity == 41_168
    assert crowd.conflict_id != found.conflict_id


def test_events_one_after_the_other_or_in_other_cells_do_not_conflict(city):
    a, b = sorted(city.cells)[:2]
    first = agenda_event("first", city, cell=a, people=100)
    after = agenda_event("after", city, cell=a, people=100, starts_at=first.ends_at)  # ends are exclusive
    elsewhere = agenda_event("elsewhere", city, cell=b, people=100)
    assert conflicts([first, after, elsewhere], city) == []


def test_an_area_over_its_capacity_is_one_conflict_naming_the_events_under_way_together(city):
    # Downtown given a capacity: events given by points in two of its cells are in it, yet not at one place.
    city = city.model_copy(update={"area_capacities": {**city.area_capacities, "downtown": 10_000}})
    stadium = city.area_cell("minute-maid-park")
    a, b = sorted(city.area_cells("downtown") - {stadium})[:2]
    parade = agenda_event("parade", city, cell=a, category="festival", people=8_000)
    market = agenda_event("market", city, cell=b, category="market", people=3_000, starts_at=MATCH_START + timedelta(hours=1))
    later = agenda_event("later", city, cell=b, category="concert", people=100, starts_at=MATCH_START + timedelta(hours=5))
    [crowd] = conflicts([parade, market, later], city)
    assert crowd.kind == "over_capacity" and crowd.event_keys == ("market", "parade") and crowd.area == "downtown"
    assert (crowd.expected_attendance, crowd.capacity) == (11_000, 10_000)
    assert crowd.words_en == (
        "11,000 people expected at downtown on 2026-12-12 where it holds 10,000:"
        " a festival (8,000 expected) and a market (3,000) together"
    )
    assert crowd.words_fr.startswith("11\u202f000 personnes attendues à downtown le 2026-12-12 pour une capacité de 10\u202f000")
    assert (crowd.start, crowd.end) == (market.starts_at, parade.ends_at)


def test_an_area_without_a_capacity_or_within_it_has_no_crowd_conflict(city):
    assert city.area_capacity("downtown") is None
    stadium = city.area_cell("minute-maid-park")
    cells = sorted(city.area_cells("downtown") - {stadium})
    assert conflicts([agenda_event(f"e{i}", city, cell=cells[i], people=500_000) for i in range(2)], city) == []
    within = [agenda_event("m", city, area="nrg-park", people=70_000), agenda_event("n", city, area="nrg-park", people=2_000)]
    assert [c.kind for c in conflicts(within, city)] == ["overlap"]  # 72,000 in a park for 72,220


def test_agenda_rows_band_each_day_and_flag_the_days_a_conflict_touches(city):
    zone = city.zone_of(city.area_cell("minute-maid-park"))
    match = agenda_event("match", city, area="minute-maid-park", people=30_000)
    demo = agenda_event(
        "demo", city, area="minute-maid-park", category="demonstration", people=2_000, starts_at=MATCH_START + timedelta(hours=1)
    )
    # A three-day festival in the same place: on days 2-4, in conflict only on the day the others run.
    long = agenda_event(
        "fest",
        city,
        area="minute-maid-park",
        category="festival",
        people=500,
        starts_at=ISSUE + timedelta(days=1, hours=12),
        ends_at=ISSUE + timedelta(days=4),
    )
    other_zone = next(z for z in sorted(city.zones) if z != zone)
    shown = agenda(days_of(zone, [1, 2, 3, 4, 5]) + days_of(other_zone, [1, 1, 1, 1, 1]), [match, demo, long], city)
    assert [row.zone for row in shown.rows] == [zone, other_zone]
    row = shown.rows[0]
    assert row.zone_name == city.zone_name(zone)
    assert [e.band for e in row.entries] == ["green", "green", "orange", "red", "red"]
    assert [e.local_date for e in row.entries] == ["2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13", "2026-12-14"]
    assert [[p.event.event_key for p in e.events] for e in row.entries] == [[], ["fest"], ["fest", "match", "demo"], ["fest"], []]
    assert [e.has_conflict for e in row.entries] == [False, False, True, False, False]
    [together] = shown.conflicts
    assert set(together.event_keys) == {"demo", "fest", "match"}
    placed = row.entries[2].events[1]
    assert placed.conflict_ids == (together.conflict_id,) and placed.place == "minute-maid-park" and placed.zone == zone
    assert all(not e.events for e in shown.rows[1].entries)


def test_events_outside_the_rows_zones_and_their_conflicts_are_not_shown(city):
    zone = city.zone_of(city.area_cell("minute-maid-park"))
    other_zone = next(z for z in sorted(city.zones) if z != zone)
    events = [agenda_event("a", city, area="minute-maid-park"), agenda_event("b", city, area="minute-maid-park", people=5)]
    shown = agenda(days_of(other_zone, [1, 1, 1]), events, city)
    assert shown.conflicts == [] and all(not e.events for e in shown.rows[0].entries)


@pytest.mark.parametrize(
    ("start", "end", "dates"),
    [
        (MATCH_START, MATCH_START + timedelta(hours=3), ("2026-12-12",)),
        (MATCH_START, MATCH_START + timedelta(hours=12), ("2026-12-12", "2026-12-13")),  # past local midnight
        (ISSUE, ISSUE + timedelta(days=1), ("2026-12-10",)),  # the end is exclusive
    ],
)
def test_dates_between_are_local_days(city, start, end, dates):
    assert dates_between(start, end, city.tz) == dates
