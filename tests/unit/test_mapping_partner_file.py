"""A real-looking partner file (tests/data/mappings/): a city police log of 2023 in Lambert 93
mixing incidents and road collisions, with a time the clocks skipped and times they showed twice,
loads through one mapping in one pass, with the right events, skips and counts."""

from datetime import UTC, datetime

from pyproj import Geod

from civicpulse.client.mapping import NO_KIND, DaylightSavingCase, MappedRow, Mapping, MappingTally, rows
from support import REPO_ROOT

DATA = REPO_ROOT / "tests" / "data" / "mappings"
LOG, LOG_MAPPING = DATA / "main-courante-2023.csv", DATA / "main-courante-2023.yaml"
# Where each sector's rows were placed (WGS 84), before the file gave them in Lambert 93.
PLACES = {
    "vieux-port": (43.2951, 5.3740),
    "saint-charles": (43.3027, 5.3806),
    "vélodrome": (43.2698, 5.3959),
    "canebière": (43.2976, 5.3811),
    "prado": (43.2745, 5.3866),
}


def mapped_log(after: int = 0) -> list[MappedRow]:
    mapping = Mapping.load(LOG_MAPPING)
    return list(mapping.read(rows(LOG, mapping.format), after))


def at(made: MappedRow) -> datetime:
    return made.event.occurred_at.ToDatetime(tzinfo=UTC)


def test_the_log_loads_in_one_pass_with_each_row_s_outcome():
    made = mapped_log()
    outcome = [(m.number, m.kind or m.skipped_by, m.event.partner_event_id if m.event else None) for m in made]
    assert outcome == [
        (1, "incident_report", "pm-23-00412"),
        (2, "traffic_disruption", "pm-23-00413"),
        (3, "incident_report", "pm-23-02877"),
        (4, "traffic_disruption", "pm-23-02878"),
        (5, "year_2023", None),  # 31/12/2022
        (6, "cancelled", None),
        (7, NO_KIND, None),  # lost property: neither kind
        (8, "minor", None),  # severity 1
        (9, "incident_report", "pm-23-02904"),
        (10, "traffic_disruption", "pm-23-02905"),
    ]
    events = {m.number: m.event for m in made if m.event}
    assert [events[n].category for n in (1, 2, 3, 9)] == ["theft", "collision", "burglary", "theft"]
    assert (events[2].count, events[2].attributes["vehicles"], events[1].count) == (2, "2", 0)
    assert events[3].area == "vélodrome" and dict(events[1].attributes) == {"severity": "3"}


def test_its_times_are_resolved_by_the_mapping_s_and_the_collisions_own_rule():
    made = {m.number: m for m in mapped_log()}
    assert at(made[1]) == datetime(2023, 3, 25, 21, 10, tzinfo=UTC)  # 22:10 CET
    assert at(made[2]) == datetime(2023, 3, 26, 1, 30, tzinfo=UTC)  # 02:30 skipped: shift_forward, 03:30 CEST
    assert at(made[3]) == datetime(2023, 10, 29, 0, 15, tzinfo=UTC)  # 02:15 twice: earlier, CEST
    assert at(made[4]) == datetime(2023, 10, 29, 1, 40, tzinfo=UTC)  # 02:40 twice: the collisions' later, CET
    assert made[2].notes == (
        "occurred_at: 2023-03-26 02:30 in Europe/Paris is nonexistent (the clocks skipped it): shift_forward, "
        "read as 2023-03-26T03:30:00+02:00",
    )


def test_its_lambert_93_points_land_where_they_were_taken_and_an_unreadable_one_is_left_unset():
    geod = Geod(ellps="WGS84")
    for made in mapped_log():
        if made.event is None:
            continue
        if made.number == 9:  # "n.c.": ingestion answers "location: required"
            assert not made.event.HasField("location")
            continue
        latitude, longitude = PLACES[made.event.area]
        assert geod.inv(made.event.location.longitude, made.event.location.latitude, longitude, latitude)[2] < 0.01


def test_its_tally_counts_every_row_once():
    tally = MappingTally.of(mapped_log())
    assert tally.rows == tally.events + tally.skipped == 10
    assert tally.as_dict() == {
        "rows": 10,
        "events_by_kind": {"incident_report": 3, "traffic_disruption": 3},
        "skipped_by_rule": {"cancelled": 1, "minor": 1, "no_kind": 1, "year_2023": 1},
        "daylight_saving": {
            "occurred_at: ambiguous -> earlier": 1,
            "occurred_at: ambiguous -> later": 1,
            "occurred_at: nonexistent -> shift_forward": 1,
        },
    }
    assert tally.daylight_saving[DaylightSavingCase("occurred_at", "ambiguous", "later")] == 1


def test_read_after_a_row_answers_only_the_rows_after_it_as_a_whole_read_does():
    whole = mapped_log()
    assert mapped_log(after=4) == whole[4:]
    mapping = Mapping.load(LOG_MAPPING)
    assert list(mapping.events(rows(LOG, "csv"), after=4)) == [(m.number, m.event) for m in whole[4:]]
