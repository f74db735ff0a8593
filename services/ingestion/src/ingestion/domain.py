"""Validation of partner events against the city's vocabulary and the partner's agreement. Pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import Partner, kind_name
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import FieldProblem

MAX_ID_LENGTH = 128
# Bounds that keep every event well inside one bus message.
MAX_TEXT_LENGTH = {"address": 512, "free_text": 8192}
MAX_ATTRIBUTES = 64
MAX_ATTRIBUTE_NAME_LENGTH = 64
MAX_ATTRIBUTE_VALUE_LENGTH = 1024
# Weather may describe the whole city; every other kind happens at a place.
KINDS_WITHOUT_LOCATION = {events_pb2.EVENT_KIND_WEATHER_OBSERVATION}


@dataclass(frozen=True)
class Rules:
    city: CityProfile
    max_clock_skew: timedelta
    min_crowd_count: int


def validate(event: events_pb2.PartnerEvent, partner: Partner, rules: Rules, now: datetime) -> list[FieldProblem]:
    """Every problem with the event; empty means it may enter the pipeline."""
    problems: list[FieldProblem] = []
    add = lambda field, reason, text: problems.append(FieldProblem(field, reason, text))  # noqa: E731

    if not event.partner_event_id:
        add("partner_event_id", "required", "every event needs the partner's own id")
    elif len(event.partner_event_id) > MAX_ID_LENGTH or not event.partner_event_id.isprintable():
        add("partner_event_id", "invalid", f"at most {MAX_ID_LENGTH} printable characters")

    kind = kind_name(event.kind) if event.kind in events_pb2.EventKind.values() else None
    if event.kind == events_pb2.EVENT_KIND_UNSPECIFIED or kind is None:
        add("kind", "required", "an event kind is required")
    elif kind not in partner.agreement.kinds:
        add("kind", "not_in_agreement", f"the partner's agreement does not cover {kind}")
    else:
        if event.category not in rules.city.vocabulary.get(kind, []):
            add("category", "unknown_category", f"{event.category!r} is not a {kind} category of this city")
        elif event.category not in partner.agreement.kinds[kind].categories:
            add("category", "not_in_agreement", f"the agreement does not cover {kind}/{event.category}")

    if not event.HasField("occurred_at"):
        add("occurred_at", "required", "when the event happened is required")
    elif to_datetime(event.occurred_at) > now + rules.max_clock_skew:
        add("occurred_at", "in_future", "occurred_at lies in the future")

    if event.HasField("location"):
        if not -90.0 <= event.location.latitude <= 90.0:
            add("location.latitude", "out_of_range", "latitude must lie in [-90, 90]")
        if not -180.0 <= event.location.longitude <= 180.0:
            add("location.longitude", "out_of_range", "longitude must lie in [-180, 180]")
    elif event.kind not in KINDS_WITHOUT_LOCATION and event.kind != events_pb2.EVENT_KIND_UNSPECIFIED:
        add("location", "required", "this kind of event must say where it happened")

    if event.count < 0:
        add("count", "out_of_range", "count cannot be negative")
    if event.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT:
        _validate_schedule(event, add)
    _validate_sizes(event, add)
    if event.kind == events_pb2.EVENT_KIND_CROWD_COUNT and event.count < rules.min_crowd_count:
        add("count", "below_minimum_aggregate", f"crowd counts must aggregate at least {rules.min_crowd_count} people")
    return problems


def _validate_schedule(event: events_pb2.PartnerEvent, add) -> None:
    if not event.HasField("starts_at"):
        add("starts_at", "required", "a scheduled event needs its start")
    if not event.HasField("ends_at"):
        add("ends_at", "required", "a scheduled event needs its end")
    if event.HasField("starts_at") and event.HasField("ends_at") and to_datetime(event.ends_at) < to_datetime(event.starts_at):
        add("ends_at", "before_start", "ends_at is before starts_at")
    if event.expected_attendance < 0:
        add("expected_attendance", "out_of_range", "expected attendance cannot be negative")


def _validate_sizes(event: events_pb2.PartnerEvent, add) -> None:
    for name, limit in MAX_TEXT_LENGTH.items():
        if len(getattr(event, name)) > limit:
            add(name, "too_long", f"at most {limit} characters")
    if len(event.attributes) > MAX_ATTRIBUTES:
        add("attributes", "too_many", f"at most {MAX_ATTRIBUTES} attributes")
    for name, value in event.attributes.items():
        if len(name) > MAX_ATTRIBUTE_NAME_LENGTH or len(value) > MAX_ATTRIBUTE_VALUE_LENGTH:
            add(
                f"attributes[{name[:MAX_ATTRIBUTE_NAME_LENGTH]}]",
                "too_long",
                f"names of at most {MAX_ATTRIBUTE_NAME_LENGTH} and values of at most {MAX_ATTRIBUTE_VALUE_LENGTH} characters",
            )


def raw_subject(partner_id: str, kind: int) -> str:
    return f"raw.v1.{partner_id}.{kind_name(kind)}"


def batch_id(partner_id: str, batch: events_pb2.RawEventBatch) -> str:
    """The bus's duplicate check for a batch: the partner and its event ids. A call sent again is
    answered DUPLICATE for each event; an event sent again in another batch is stored once all the same."""
    ids = "\n".join(event.partner_event_id for event in batch.events)  # ids are printable: no newline
    return f"{partner_id}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
