"""Local times a clock change makes odd: a time the clocks skipped (spring forward) or showed twice
(fall back) is resolved by a declared rule, per mapping or per moment, and counted by field and
resolution; "reject" leaves the field for ingestion to name."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from civicpulse.client.mapping import DaylightSaving, DaylightSavingCase, Mapping, MappingTally, localize

PARIS = ZoneInfo("Europe/Paris")
BASE = {"kind": "scheduled_event", "partner_event_id": {"column": "id"}, "category": {"value": "market"}}
# Paris, 2023: clocks jump from 02:00 to 03:00 on 26 March and fall back from 03:00 to 02:00 on 29 October.
GAP, FOLD, PLAIN = "2023-03-26 02:30", "2023-10-29 02:30", "2023-07-14 02:30"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(mapping_rule: dict | None = None, moment_rule: dict | None = None, **more) -> Mapping:
    moment = {"column": "at", "format": "%Y-%m-%d %H:%M", "timezone": "Europe/Paris"}
    if moment_rule is not None:
        moment["daylight_saving"] = moment_rule
    document = {**BASE, "starts_at": moment, "occurred_at": "starts_at", **more}
    if mapping_rule is not None:
        document["daylight_saving"] = mapping_rule
    return Mapping.model_validate(document)


def starts(mapping: Mapping, at: str) -> datetime | None:
    made = mapping.event({"id": "1", "at": at})
    return made.starts_at.ToDatetime(tzinfo=UTC) if made.HasField("starts_at") else None


@pytest.mark.parametrize(
    ("rule", "gap", "fold"),
    [
        ({}, utc("2023-03-26T01:30"), utc("2023-10-29T00:30")),  # the defaults: shift_forward, earlier
        ({"nonexistent": "shift_forward", "ambiguous": "earlier"}, utc("2023-03-26T01:30"), utc("2023-10-29T00:30")),
        ({"nonexistent": "shift_backward", "ambiguous": "later"}, utc("2023-03-26T00:30"), utc("2023-10-29T01:30")),
        ({"nonexistent": "reject", "ambiguous": "reject"}, None, None),
    ],
    ids=["defaults", "forward-earlier", "backward-later", "reject"],
)
def test_each_resolution_gives_its_instant(rule, gap, fold):
    # 02:30 skipped: forward is 03:30 CEST (01:30 UTC), backward 01:30 CET (00:30 UTC).
    # 02:30 twice: earlier is 02:30 CEST (00:30 UTC), later 02:30 CET (01:30 UTC).
    mapping = local(rule)
    assert (starts(mapping, GAP), starts(mapping, FOLD)) == (gap, fold)
    assert starts(mapping, PLAIN) == utc("2023-07-14T00:30")  # an ordinary time is never touched


def test_the_defaults_are_what_a_zone_aware_clock_does():
    for text in (GAP, FOLD, PLAIN):
        wall = datetime.fromisoformat(text)
        # PEP 495's fold 0 (compared in UTC: two times of one zone compare by their wall clocks)
        assert localize(wall, PARIS, DaylightSaving())[0].astimezone(UTC) == wall.replace(tzinfo=PARIS).astimezone(UTC)


def test_localize_finds_the_case_by_round_trip_and_folds_and_names_the_wall_time_it_chose():
    moment, case, resolution = localize(datetime(2023, 3, 26, 2, 30), PARIS, DaylightSaving())
    assert (case, resolution, moment.isoformat()) == ("nonexistent", "shift_forward", "2023-03-26T03:30:00+02:00")
    moment, case, _ = localize(datetime(2023, 10, 29, 2, 30), PARIS, DaylightSaving(ambiguous="later"))
    assert (case, moment.isoformat(), moment.fold) == ("ambiguous", "2023-10-29T02:30:00+01:00", 1)
    assert localize(datetime(2023, 3, 26, 3, 0), PARIS, DaylightSaving())[1:] == (None, None)  # the first time after the gap
    assert localize(datetime(2023, 10, 29, 3, 0), PARIS, DaylightSaving())[1:] == (None, None)  # the first time after the fold
    assert localize(datetime(2023, 10, 29, 1, 59), PARIS, DaylightSaving())[1:] == (None, None)
    assert localize(datetime(2023, 3, 12, 2, 15), ZoneInfo("America/Chicago"), DaylightSaving())[1] == "nonexistent"


def test_a_moment_s_own_rule_wins_over_the_mapping_s_per_case_with_its_own_defaults():
    mapping = local({"nonexistent": "reject", "ambiguous": "reject"}, {"ambiguous": "later"})
    assert starts(mapping, FOLD) == utc("2023-10-29T01:30")
    assert starts(mapping, GAP) == utc("2023-03-26T01:30")  # the moment's rule: nonexistent left at its default


def test_a_rejected_time_leaves_its_field_and_those_counted_from_it_unset():
    mapping = local(
        {"nonexistent": "reject"},
        occurred_at="starts_at",
        ends_at={"after": "starts_at", "minutes": 60},
        announced_at={"column": "declared", "timezone": "Europe/Paris"},
    )
    made = mapping.map_row({"id": "1", "at": GAP, "declared": "2023-03-01T10:00"}, 4)
    assert not made.event.HasField("starts_at") and not made.event.HasField("ends_at")
    assert not made.event.HasField("occurred_at") and made.event.HasField("announced_at")
    assert made.daylight_saving == (DaylightSavingCase("starts_at", "nonexistent", "reject"),)
    assert made.notes == (
        "starts_at: 2023-03-26 02:30 in Europe/Paris is nonexistent (the clocks skipped it): reject, left unset",
    )


def test_every_odd_time_is_counted_by_field_and_resolution():
    mapping = local(
        {"ambiguous": "later"},
        announced_at={"column": "declared", "format": "%Y-%m-%d %H:%M", "timezone": "Europe/Paris"},
    )
    rows = [
        {"id": "1", "at": GAP, "declared": FOLD},
        {"id": "2", "at": FOLD, "declared": FOLD},
        {"id": "3", "at": PLAIN, "declared": PLAIN},
        {"id": "4", "at": GAP, "declared": "soon"},
    ]
    tally = MappingTally.of(mapping.read(rows))
    assert tally.daylight_saving == {
        DaylightSavingCase("starts_at", "nonexistent", "shift_forward"): 2,
        DaylightSavingCase("starts_at", "ambiguous", "later"): 1,
        DaylightSavingCase("announced_at", "ambiguous", "later"): 2,
    }
    assert tally.as_dict()["daylight_saving"] == {
        "announced_at: ambiguous -> later": 2,
        "starts_at: ambiguous -> later": 1,
        "starts_at: nonexistent -> shift_forward": 2,
    }


def test_a_time_written_with_its_offset_is_that_instant_whatever_the_rule():
    moment = {"column": "at", "timezone": "Europe/Paris"}
    mapping = Mapping.model_validate({**BASE, "starts_at": moment, "daylight_saving": {"ambiguous": "reject"}})
    made = mapping.map_row({"id": "1", "at": "2023-10-29T02:30+01:00"}, 1)
    assert made.event.starts_at.ToDatetime(tzinfo=UTC) == utc("2023-10-29T01:30") and made.daylight_saving == ()


def test_a_day_added_on_the_wall_clock_can_land_in_a_gap_and_is_resolved_there():
    mapping = local(
        {"nonexistent": "reject"},
        starts_at={"column": "at", "format": "%Y-%m-%d %H:%M", "timezone": "Europe/Paris", "add_days": 1},
    )
    assert starts(mapping, "2023-03-25 02:30") is None


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"daylight_saving": {"nonexistent": "earlier"}}, "nonexistent"),
        ({"daylight_saving": {"ambiguous": "shift_forward"}}, "ambiguous"),
        ({"daylight_saving": {"gap": "reject"}}, "gap"),
        ({"starts_at": {"column": "at", "timezone": "Europe/Marseille"}}, "'Europe/Marseille' is not an IANA time zone"),
        ({"starts_at": {"column": "at", "daylight_saving": {"ambiguous": "first"}}}, "ambiguous"),
    ],
)
def test_a_wrong_daylight_saving_rule_or_zone_is_refused_at_load(document, message):
    with pytest.raises(ValidationError, match=message):
        Mapping.model_validate({**BASE, **document})
