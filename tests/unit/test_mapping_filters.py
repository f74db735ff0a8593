"""Keep and skip rules: exact values, number ranges and date ranges, each rule named, so that the
rows a mapping leaves out are counted by the rule that did."""

import pytest
import yaml
from pydantic import ValidationError

from civicpulse.client.mapping import Mapping, MappingTally

BASE = {"kind": "incident_report", "partner_event_id": {"column": "id"}, "category": {"value": "theft"}}


def filtered(**rules) -> Mapping:
    return Mapping.model_validate({**BASE, **rules})


def skipped_by(mapping: Mapping, **row: str) -> str | None:
    return mapping.map_row({"id": "1", **row}).skipped_by


def test_a_skip_rule_on_values_compares_the_stripped_column_and_is_named_by_its_place():
    mapping = filtered(skip=[{"column": "status", "values": ["void"]}, {"column": "park", "values": ["TOK01", "LON01"]}])
    assert skipped_by(mapping, status=" void ", park="X") == "skip[0]"
    assert skipped_by(mapping, status="open", park="LON01") == "skip[1]"
    assert skipped_by(mapping, status="Void", park="X") is None  # exact: case counts
    assert skipped_by(mapping, park="X") is None  # a column the row lacks is empty


def test_a_rule_may_be_given_a_name():
    mapping = filtered(skip=[{"name": "away_games", "column": "park", "values": ["TOK01"]}])
    made = mapping.map_row({"id": "1", "park": "TOK01"})
    assert (made.event, made.skipped_by) == (None, "away_games")
    assert made.notes == ("skipped: skip rule away_games holds",)


def test_a_number_range_includes_both_ends_and_an_unreadable_number_is_out_of_it():
    mapping = filtered(skip=[{"name": "minor", "column": "severity", "min": 0, "max": 1.5}])
    assert [skipped_by(mapping, severity=v) for v in ("0", "1.5", " 1 ", "1.6", "-1", "", "n/a", "nan")] == [
        "minor", "minor", "minor", None, None, None, None, None,
    ]  # fmt: skip
    only_min = filtered(keep=[{"column": "attendance", "min": 100}])
    assert [skipped_by(only_min, attendance=v) for v in ("100", "99", "many")] == [None, "keep[0]", "keep[0]"]


def test_a_date_range_includes_from_and_excludes_until_read_with_a_format():
    mapping = filtered(
        keep=[{"name": "in_2023", "column": "day", "format": "%d/%m/%Y", "from": "2023-01-01", "until": "2024-01-01"}]
    )
    days = ("01/01/2023", "31/12/2023", "31/12/2022", "01/01/2024", "2023-06-01", "")
    assert [skipped_by(mapping, day=d) for d in days] == [None, None, "in_2023", "in_2023", "in_2023", "in_2023"]


def test_a_time_range_compares_wall_clock_times_as_written_iso_when_no_format():
    # YAML gives the bounds as dates or date-times; the column's offset, if any, is not applied.
    mapping = filtered(skip=[{"column": "at", "from": "2023-03-26T02:00", "until": "2023-03-26T03:00"}])
    assert skipped_by(mapping, at="2023-03-26T02:30") == "skip[0]"
    assert skipped_by(mapping, at="2023-03-26T02:30+05:00") == "skip[0]"  # as written
    assert skipped_by(mapping, at="2023-03-26T03:00") is None
    assert skipped_by(mapping, at="2023-03-26T01:59:59") is None
    only_until = filtered(skip=[{"column": "at", "until": "2010-01-01"}])
    assert [skipped_by(only_until, at=a) for a in ("2009-12-31T23:59", "2010-01-01", "soon")] == ["skip[0]", None, None]


def test_yaml_dates_and_date_times_are_bounds_too():
    document = yaml.safe_load("keep: [{column: at, from: 2023-01-01, until: 2023-01-01 12:00:00}]")
    mapping = filtered(**document)
    assert [skipped_by(mapping, at=a) for a in ("2023-01-01T11:59", "2023-01-01T12:00")] == [None, "keep[0]"]


def test_keep_rules_are_read_before_skip_rules_each_in_order_and_the_first_that_leaves_a_row_out_names_it():
    mapping = filtered(
        keep=[{"name": "in_city", "column": "city", "values": ["13055"]}, {"name": "recent", "column": "year", "min": 2020}],
        skip=[{"name": "void", "column": "status", "values": ["void"]}, {"name": "test", "column": "id", "values": ["1"]}],
    )
    assert skipped_by(mapping, city="75056", year="2000", status="void") == "in_city"
    assert skipped_by(mapping, city="13055", year="2000", status="void") == "recent"
    assert skipped_by(mapping, city="13055", year="2021", status="void") == "void"
    assert skipped_by(mapping, city="13055", year="2021", status="open") == "test"
    rows = [{"id": "2", "city": "13055", "year": "2021"}, {"id": "1", "city": "13055", "year": "2021"}, {"id": "3", "city": "1"}]
    tally = MappingTally.of(mapping.read(rows))
    assert (tally.rows, tally.events, dict(tally.skipped_by_rule)) == (3, 1, {"test": 1, "in_city": 1})


def test_rules_see_derived_values():
    mapping = filtered(
        derived={"team": {"column": "home", "map": {"CHN": "cubs"}}}, skip=[{"column": "team", "values": ["cubs"]}]
    )
    assert skipped_by(mapping, home="CHN") == "skip[0]" and skipped_by(mapping, home="CHA") is None


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"skip": [{"column": "a"}]}, "give values, min and/or max, or from and/or until"),
        ({"skip": [{"column": "a", "values": ["x"], "min": 1}]}, "one of them"),
        ({"keep": [{"column": "a", "min": 1, "from": "2020-01-01"}]}, "one of them"),
        ({"keep": [{"column": "a", "values": ["x"], "format": "%Y"}]}, "format reads the column for from/until"),
        ({"keep": [{"column": "a", "min": 5, "max": 1}]}, "min 5.0 is above max 1.0"),
        ({"keep": [{"column": "a", "from": "2021-01-01", "until": "2020-01-01"}]}, "is not before until"),
        ({"keep": [{"column": "a", "from": "2021-01-01T00:00+01:00"}]}, "give no offset"),
        ({"keep": [{"column": "a", "from": "last year"}]}, "from"),
        (
            {"keep": [{"column": "a", "values": ["x"]}], "skip": [{"name": "keep[0]", "column": "b", "values": ["y"]}]},
            "each name once",
        ),
        ({"skip": [{"name": "no_kind", "column": "b", "values": ["y"]}]}, "not 'no_kind'"),
        ({"skip": [{"column": "b", "value": "y"}]}, "value"),
    ],
)
def test_a_wrong_rule_is_refused_at_load_with_its_reason(rules, message):
    with pytest.raises(ValidationError, match=message):
        filtered(**rules)
