"""The feature store's rows: fields declared once, the columns, arrays and message reading derived."""

from datetime import UTC, datetime

from civicpulse.events.v1 import events_pb2
from feature_store.consumer import to_rows, to_text_row
from feature_store.rows import EventRow, ScheduledRow, TextRow, arrays, columns, values
from support import ts

T = datetime(2010, 8, 1, 18, tzinfo=UTC)


def test_an_event_is_read_field_by_field_into_its_row():
    event = events_pb2.PseudonymisedEvent(
        event_key="k1",
        partner="houston-police",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        cell="8844c0a305fffff",
        occurred_at=ts(T),
        count=2,
        received_at=ts(T),
        attributes={"beat": "1A10"},
        key_id="2010-08",
        signals={"noise": 1},
        also_known_as=["k0"],
        ends_at=ts(T),
    )
    assert to_rows(event) == EventRow(
        "k1", "houston-police", "incident_report", "theft", "8844c0a305fffff", T, 2, T, {"beat": "1A10"}, "2010-08",
        {"noise": 1}, ("k0",), "", T, None,
    )  # fmt: skip


def test_a_scheduled_event_and_a_text_have_rows_of_their_own():
    event = events_pb2.PseudonymisedEvent(
        event_key="s1", kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT, starts_at=ts(T), ends_at=ts(T), expected_attendance=900
    )
    row = to_rows(event)
    assert isinstance(row, ScheduledRow) and row.expected_attendance == 900 and row.announced_at is None
    text = events_pb2.ScrubbedText(event_key="t1", kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST, text="a bench is broken")
    assert to_text_row(text).kind == "citizen_request" and to_text_row(text).text == "a bench is broken"


def test_the_columns_and_arrays_follow_the_fields():
    names = [c.name for c in columns(EventRow)]
    assert "also_known_as" not in names and len(names) == 14 and names[:3] == ["event_key", "partner", "kind"]
    types = {c.name: c.sql_type for c in columns(EventRow)}
    assert types == {**types, "occurred_at": "timestamptz", "count": "int", "attributes": "jsonb", "ends_at": "timestamptz"}
    rows = [EventRow("a", "p", "weather", "rain", "c", T, 1, T, {}), EventRow("b", "p", "k", "x", "c", T, 3, T, {"n": ""})]
    columns_of_rows = arrays(rows)
    assert len(columns_of_rows) == 14 and columns_of_rows[0] == ["a", "b"] and columns_of_rows[8] == ["{}", '{"n": ""}']
    assert len(values(TextRow("t", "p", "k", "c", T, "", "v1", "text", {}))) == len(columns(TextRow)) == 9
    assert len(columns(ScheduledRow)) == 13
