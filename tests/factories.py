"""The tests' data, built in one place: one builder per thing, named by what it returns.

Each has the defaults the tests rely on: a theft reported by the Houston police downtown, two hours
before the clock of the in-process ingestion service (`INGESTION_NOW`). A keyword changes any field:
a datetime becomes a Timestamp, a message or a mapping is copied in, None leaves the field unset.

- `partner_event`        a PartnerEvent, as a partner sends it to ingestion
- `raw_message`          a RAW bus message: the accepted events of one call, as ingestion publishes them
- `pseudonymised_event`  a PseudonymisedEvent, as pseudonymisation makes it
- `events_message`       an EVENTS bus message carrying pseudonymised events
- `incident_message`     one pseudonymised incident alone in an EVENTS message, its key as message id
- `event_row`            a feature store row of an event (`EventRow`)
- `scheduled_row`        a feature store row of a scheduled event (`ScheduledRow`)
- `risk_update_message`  a SCORES bus message: one zone's risk update, as scoring publishes it
- `agenda_event`         a scheduled event as the agenda reads it (`scoring.agenda.ScheduledEvent`)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from google.protobuf.message import Message

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Outgoing
from civicpulse.messaging.topology import events_subject, raw_subject, scores_subject
from civicpulse.runtime.agreements import kind_name
from civicpulse.scoring.v1 import scoring_pb2
from feature_store.rows import EventRow, ScheduledRow
from scoring.agenda import ScheduledEvent
from support import ts

INGESTION_NOW = datetime(2010, 8, 31, 12, tzinfo=UTC)  # the in-process ingestion service's clock: the data's end
OCCURRED = INGESTION_NOW - timedelta(hours=2)
DOWNTOWN = events_pb2.GeoPoint(latitude=29.76, longitude=-95.37)
CELL = "8844c0a305fffff"  # a Houston cell at the model's resolution


def partner_event(event_id: str = "hpd-1", **fields) -> events_pb2.PartnerEvent:
    """A partner's event as ingestion receives it: by default one theft downtown, with an address,
    two hours before `INGESTION_NOW`, that the police's agreement accepts."""
    defaults = {
        "partner_event_id": event_id,
        "kind": events_pb2.EVENT_KIND_INCIDENT_REPORT,
        "category": "theft",
        "occurred_at": OCCURRED,
        "location": DOWNTOWN,
        "address": "1 main st",
        "count": 1,
    }
    return _build(events_pb2.PartnerEvent(), defaults, fields)


def raw_message(
    *events: events_pb2.PartnerEvent, partner: str = "houston-police", received_at: datetime = INGESTION_NOW
) -> Outgoing:
    """A RAW message as ingestion publishes it: the accepted events of one call (the first one's kind
    names the subject), without a message id."""
    batch = events_pb2.RawEventBatch(partner=partner, received_at=ts(received_at), events=events)
    return Outgoing(raw_subject(partner, kind_name(events[0].kind)), batch.SerializeToString(), None)


def pseudonymised_event(event_key: str = "key-1", **fields) -> events_pb2.PseudonymisedEvent:
    """An event as pseudonymisation publishes it: by default a police theft in `CELL`, two hours
    before `INGESTION_NOW`, received when it occurred."""
    defaults = {
        "event_key": event_key,
        "partner": "houston-police",
        "kind": events_pb2.EVENT_KIND_INCIDENT_REPORT,
        "category": "theft",
        "occurred_at": OCCURRED,
        "cell": CELL,
        "count": 1,
    }
    defaults["received_at"] = fields.get("occurred_at", OCCURRED)
    return _build(events_pb2.PseudonymisedEvent(), defaults, fields)


def events_message(*events: events_pb2.PseudonymisedEvent, msg_id: str | None = None) -> Outgoing:
    """One EVENTS message carrying these events, on the first one's kind and category."""
    batch = events_pb2.PseudonymisedEventBatch(events=events)
    first = events[0]
    return Outgoing(events_subject(kind_name(first.kind), first.category), batch.SerializeToString(), msg_id)


def incident_message(event_key: str, **fields) -> Outgoing:
    """One pseudonymised incident (`pseudonymised_event`'s fields) alone in an EVENTS message, its
    key as the message id."""
    return events_message(pseudonymised_event(event_key, **fields), msg_id=event_key)


def event_row(event_key: str, partner: str = "houston-police", **fields) -> EventRow:
    """A feature store row of an event: by default a theft in `CELL`, two hours before
    `INGESTION_NOW`, received when it occurred, with no attributes."""
    row = {
        "event_key": event_key,
        "partner": partner,
        "kind": "incident_report",
        "category": "theft",
        "cell": CELL,
        "occurred_at": OCCURRED,
        "count": 1,
        "attributes": {},
    }
    row["received_at"] = fields.get("occurred_at", OCCURRED)
    return EventRow(**{**row, **fields})


def scheduled_row(event_key: str, partner: str = "houston-events-office", **fields) -> ScheduledRow:
    """A feature store row of a scheduled event: by default a three-hour sports match for 30,000
    in `CELL`, starting at `INGESTION_NOW`, received when it started, with no attributes."""
    starts_at = fields.get("starts_at", INGESTION_NOW)
    row = {
        "event_key": event_key,
        "partner": partner,
        "category": "sports_match",
        "cell": CELL,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=3),
        "expected_attendance": 30_000,
        "received_at": starts_at,
        "attributes": {},
    }
    return ScheduledRow(**{**row, **fields})


def risk_update_message(zone: str, max_risk_level: int, update_id: str, **fields) -> Outgoing:
    """A zone's risk update on SCORES, its id as the message id: by default issued for the Houston
    day after `INGESTION_NOW` (05:00 UTC) by model "v1"."""
    defaults = {
        "update_id": update_id,
        "zone": zone,
        "issue_time": datetime(2010, 9, 1, 5, tzinfo=UTC),
        "model_version": "v1",
        "max_risk_level": max_risk_level,
    }
    update = _build(scoring_pb2.ZoneRiskUpdate(), defaults, fields)
    return Outgoing(scores_subject(zone), update.SerializeToString(), update_id)


def agenda_event(
    key: str, city, area: str = "", cell: str = "", category: str = "sports_match", people: int = 40_000, **times
) -> ScheduledEvent:
    """A match of 40,000 people on 2026-12-12 at 13:00 in Houston, 3 hours long, in `area` (its centre
    cell) or `cell`, else the city's first cell."""
    starts = times.get("starts_at", datetime(2026, 12, 12, 19, tzinfo=UTC))
    return ScheduledEvent(
        event_key=key,
        category=category,
        organiser_type="venue",
        expected_attendance=people,
        cell=cell or (city.area_cell(area) if area else sorted(city.cells)[0]),
        area=area,
        starts_at=starts,
        ends_at=times.get("ends_at", starts + timedelta(hours=3)),
    )


def _build(message: Message, defaults: dict, fields: dict) -> Message:
    for name, value in {**defaults, **fields}.items():
        if value is None:
            continue
        if isinstance(value, datetime):
            value = ts(value)
        if isinstance(value, Message):
            getattr(message, name).CopyFrom(value)
        elif isinstance(value, Mapping):
            getattr(message, name).update(value)
        else:
            setattr(message, name, value)
    return message
