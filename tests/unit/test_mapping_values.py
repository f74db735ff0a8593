"""Each option of a text value and of a moment, one at a time (docs/mappings.md, Text values and Times)."""

from datetime import UTC, datetime

from civicpulse.client.mapping import Mapping

BASE = {"kind": "scheduled_event", "partner_event_id": {"column": "id"}, "category": {"value": "market"}}


def with_fields(**fields) -> Mapping:
    return Mapping.model_validate({**BASE, **fields})


def test_a_value_s_default_transform_map_and_prefix_apply_in_that_order():
    value = {"column": "what", "default": "row-{row_number}", "transform": "lower", "map": {"row-3": "numbered"}, "prefix": "x-"}
    mapping = with_fields(free_text=value, area={"column": "where", "map": {"north": "n"}, "otherwise": "elsewhere"})
    made = mapping.event({"id": "1", "what": "  Fight IN Street ", "where": "north"}, 3)
    assert (made.free_text, made.area) == ("x-fight in street", "n")
    made = mapping.event({"id": "1", "what": "  ", "where": "south"}, 3)
    assert (made.free_text, made.area) == ("x-numbered", "elsewhere")  # the default is a template, then mapped


def test_slug_and_strip_transforms_and_an_empty_attribute_left_out():
    mapping = with_fields(
        category={"column": "kind", "transform": "slug"},
        address={"column": "street", "transform": "strip"},
        attributes={"note": {"column": "note", "omit_empty": True}, "kept": {"column": "note"}},
    )
    made = mapping.event({"id": "1", "kind": " Street  Market ", "street": " 1 Main St ", "note": ""})
    assert (made.category, made.address, dict(made.attributes)) == ("street_market", "1 Main St", {"kept": ""})


def test_a_time_of_day_not_listed_or_minutes_not_a_number_leave_their_moments_unset():
    starts = {
        "column": "day",
        "format": "%Y-%m-%d",
        "timezone": "UTC",
        "time_of_day": {"column": "slot", "values": {"D": "13:05"}},
    }
    mapping = with_fields(starts_at=starts, ends_at={"after": "starts_at", "minutes_column": "minutes"})
    made = mapping.event({"id": "1", "day": "2010-04-05", "slot": "D", "minutes": "185"})
    assert made.starts_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 5, 13, 5, tzinfo=UTC)
    assert made.ends_at.ToDatetime(tzinfo=UTC) == datetime(2010, 4, 5, 16, 10, tzinfo=UTC)
    made = mapping.event({"id": "1", "day": "2010-04-05", "slot": "N", "minutes": "185"})
    assert not made.HasField("starts_at") and not made.HasField("ends_at")
    made = mapping.event({"id": "1", "day": "2010-04-05", "slot": "D", "minutes": "long"})
    assert made.HasField("starts_at") and not made.HasField("ends_at")


def test_add_days_counts_days_on_the_local_calendar():
    # The day of Chicago's spring change (2014-03-09) has 23 hours: its end is still midnight, local.
    ends_the_day = {"column": "date", "format": "%Y-%m-%d", "timezone": "America/Chicago", "add_days": 1}
    made = with_fields(occurred_at=ends_the_day).event({"id": "1", "date": "2014-03-09"})
    assert made.occurred_at.ToDatetime(tzinfo=UTC) == datetime(2014, 3, 10, 5, tzinfo=UTC)  # 00:00 CDT
