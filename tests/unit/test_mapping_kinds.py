"""A file of several kinds loads through one mapping in one pass: fields shared once, a rule per
kind with the fields that differ, and a row no kind takes skipped by name."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from civicpulse.client.mapping import NO_KIND, Mapping, MappingTally
from civicpulse.events.v1 import events_pb2

SHARED = {
    "partner_event_id": {"template": "pm-{id}"},
    "occurred_at": {"column": "at", "timezone": "UTC"},
    "location": {"latitude": "lat", "longitude": "lon"},
    "attributes": {"sector": {"column": "sector"}, "source": {"value": "log"}},
}
CRIMES = {"kind": "incident_report", "when": {"column": "family", "values": ["crime"]}, "category": {"column": "what"}}
COLLISIONS = {
    "kind": "traffic_disruption",
    "when": {"column": "family", "values": ["collision"]},
    "category": {"value": "collision"},
    "count": {"column": "vehicles"},
    "occurred_at": {"column": "reported", "timezone": "UTC"},
    "attributes": {"source": {"value": "road log"}, "vehicles": {"column": "vehicles"}},
}


def mixed(*kinds: dict, **more) -> Mapping:
    return Mapping.model_validate({**SHARED, "kinds": list(kinds or (CRIMES, COLLISIONS)), **more})


def line(**columns: str) -> dict[str, str]:
    row = {"id": "7", "family": "crime", "what": "theft", "at": "2023-05-01T10:00", "reported": "2023-05-01T11:00"}
    return {**row, "lat": "43.3", "lon": "5.4", "sector": "north", "vehicles": "2", **columns}


def stamp(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def test_each_row_takes_the_shared_fields_and_its_kind_s_own():
    mapping = mixed()
    crime, collision = mapping.event(line()), mapping.event(line(family="collision"))
    assert crime == events_pb2.PartnerEvent(
        partner_event_id="pm-7",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="theft",
        occurred_at={"seconds": stamp("2023-05-01T10:00")},
        location=events_pb2.GeoPoint(latitude=43.3, longitude=5.4),
        attributes={"sector": "north", "source": "log"},
    )
    assert collision == events_pb2.PartnerEvent(
        partner_event_id="pm-7",
        kind=events_pb2.EVENT_KIND_TRAFFIC_DISRUPTION,
        category="collision",
        occurred_at={"seconds": stamp("2023-05-01T11:00")},  # the kind's own moment replaces the shared one
        location=events_pb2.GeoPoint(latitude=43.3, longitude=5.4),
        count=2,
        attributes={"sector": "north", "source": "road log", "vehicles": "2"},  # merged by name, the kind's win
    )


def test_a_row_no_kind_takes_is_skipped_by_name_and_the_first_rule_that_holds_wins():
    mapping = mixed()
    made = mapping.map_row(line(family="lost property"), 3)
    assert (made.number, made.event, made.skipped_by, made.kind) == (3, None, NO_KIND, None)
    assert made.notes == ("skipped: no kind's `when` holds",)
    overlapping = mixed(CRIMES, {**CRIMES, "kind": "service_report", "category": {"value": "x"}})
    assert overlapping.map_row(line()).kind == "incident_report"


def test_a_last_rule_without_when_takes_every_row_the_others_leave():
    mapping = mixed(CRIMES, {"kind": "citizen_request", "category": {"value": "other"}})
    assert mapping.map_row(line(family="lost property")).kind == "citizen_request"
    assert mapping.event_kinds == ("incident_report", "citizen_request")


def test_one_pass_counts_events_by_kind_and_rows_no_kind_took():
    rows = [line(), line(family="collision"), line(family="noise"), line(id="8"), line(family="collision", vehicles="x")]
    made = list(mixed().read(rows))
    assert [m.kind for m in made] == ["incident_report", "traffic_disruption", None, "incident_report", "traffic_disruption"]
    assert made[4].event.count == -1  # unreadable: ingestion names it
    tally = MappingTally.of(made)
    assert (tally.rows, dict(tally.events_by_kind), dict(tally.skipped_by_rule)) == (
        5, {"incident_report": 2, "traffic_disruption": 2}, {NO_KIND: 1},
    )  # fmt: skip


def test_a_single_kind_mapping_reads_as_before():
    mapping = Mapping.model_validate({**SHARED, "kind": "incident_report", "category": {"column": "what"}})
    assert mapping.event_kinds == ("incident_report",) and mapping.kind == "incident_report"
    assert mapping.map_row(line(family="anything")).kind == "incident_report"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kinds": [{**CRIMES, "kind": "gossip"}]}, r"kinds\[0\] \(gossip\): kind: .*'gossip' is not one of incident_report"),
        ({"kinds": [CRIMES, {**COLLISIONS, "category": None}]}, r"kinds\[1\] \(traffic_disruption\): category"),
        ({"kind": "incident_report", "kinds": [CRIMES]}, "give kind .* or kinds .*, not both"),
        ({"category": {"value": "x"}}, "give kind .* or kinds"),
        ({"kinds": [{**CRIMES, "when": None}, COLLISIONS]}, r"kinds\[0\] \(incident_report\) has no `when`"),
        ({"kinds": [{**CRIMES, "colour": "red"}]}, "colour"),
        ({"kinds": [{**CRIMES, "when": {"column": "family"}}]}, "give values"),
        ({"kind": "incident_report"}, "the mapping: category: Field required"),
    ],
)
def test_a_wrong_kind_rule_is_refused_at_load_with_its_place(document, message):
    document = {**SHARED, **document}
    document["kinds"] = [{k: v for k, v in rule.items() if v is not None} for rule in document.get("kinds", [])]
    with pytest.raises(ValidationError, match=message):
        Mapping.model_validate({k: v for k, v in document.items() if v != []})
