"""Validation of partner events against the city's vocabulary and the partner's agreement. Pure."""

from __future__ import annotations

import hashlib
import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from google.protobuf import unknown_fields

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
MAX_CATEGORY_LENGTH = 64
# An event as a whole, serialized: far above what the bounds above allow, far below a bus message.
MAX_EVENT_BYTES = 256 * 1024
# How many occurrences one record may stand for, and how many people an event may expect.
MAX_COUNT = 100_000
MAX_ATTENDANCE = 10_000_000
# Line breaks and tabs are text; any other control character is not.
TEXT_CONTROLS = {"\n", "\r", "\t"}
# Weather may describe the whole city; every other kind happens at a place.
KINDS_WITHOUT_LOCATION = {events_pb2.EVENT_KIND_WEATHER_OBSERVATION}


@dataclass(frozen=True)
class Rules:
    city: CityProfile
    max_clock_skew: timedelta
    min_crowd_count: int
    # Older than this is a mistake, not history (ten years of history are well inside).
    max_event_age: timedelta = timedelta(days=50 * 365)


def has_controls(text: str, allowed: set[str] = frozenset()) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


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
    else:
        _check_moment(event, "occurred_at", rules, now, add)

    if event.HasField("location"):
        _check_location(event.location, rules.city, add)
    elif event.kind not in KINDS_WITHOUT_LOCATION and event.kind != events_pb2.EVENT_KIND_UNSPECIFIED:
        add("location", "required", "this kind of event must say where it happened")

    if not 0 <= event.count <= MAX_COUNT:
        add("count", "out_of_range", f"count lies in [0, {MAX_COUNT}]")
    if event.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT:
        _validate_schedule(event, add)
    _validate_sizes(event, add)
    if event.kind == events_pb2.EVENT_KIND_CROWD_COUNT and event.count < rules.min_crowd_count:
        add("count", "below_minimum_aggregate", f"crowd counts must aggregate at least {rules.min_crowd_count} people")
    return problems


def moment(timestamp) -> datetime | None:
    """The time, or None when the Timestamp holds no representable one (a year beyond 9999, say)."""
    try:
        return to_datetime(timestamp)
    except (ValueError, OverflowError, OSError):
        return None


def _check_moment(event: events_pb2.PartnerEvent, field: str, rules: Rules, now: datetime, add) -> None:
    when = moment(getattr(event, field))
    if when is None:
        add(field, "out_of_range", "not a representable time")
    elif field == "occurred_at" and when > now + rules.max_clock_skew:
        add(field, "in_future", f"{field} lies in the future")
    elif when < now - rules.max_event_age:
        add(field, "too_old", f"{field} lies more than {rules.max_event_age.days // 365} years back")


def _check_location(location: events_pb2.GeoPoint, city: CityProfile, add) -> None:
    latitude, longitude = location.latitude, location.longitude
    if not math.isfinite(latitude) or not math.isfinite(longitude):
        add("location", "not_finite", "coordinates must be finite numbers")
        return
    if not -90.0 <= latitude <= 90.0:
        add("location.latitude", "out_of_range", "latitude must lie in [-90, 90]")
    elif not -180.0 <= longitude <= 180.0:
        add("location.longitude", "out_of_range", "longitude must lie in [-180, 180]")
    elif city.cell_of(latitude, longitude) not in city.cells:
        add("location", "outside_city", f"the point lies outside {city.name}")


def _validate_schedule(event: events_pb2.PartnerEvent, add) -> None:
    if not event.HasField("starts_at"):
        add("starts_at", "required", "a scheduled event needs its start")
    if not event.HasField("ends_at"):
        add("ends_at", "required", "a scheduled event needs its end")
    starts = moment(event.starts_at) if event.HasField("starts_at") else None
    ends = moment(event.ends_at) if event.HasField("ends_at") else None
    for field, when in (("starts_at", starts), ("ends_at", ends)):
        if event.HasField(field) and when is None:
            add(field, "out_of_range", "not a representable time")
    if starts and ends and ends < starts:
        add("ends_at", "before_start", "ends_at is before starts_at")
    if not 0 <= event.expected_attendance <= MAX_ATTENDANCE:
        add("expected_attendance", "out_of_range", f"expected attendance lies in [0, {MAX_ATTENDANCE}]")


def _validate_sizes(event: events_pb2.PartnerEvent, add) -> None:
    if event.ByteSize() > MAX_EVENT_BYTES:
        add("event", "too_large", f"at most {MAX_EVENT_BYTES} bytes serialized")
    if len(event.category) > MAX_CATEGORY_LENGTH or has_controls(event.category):
        add("category", "invalid", f"at most {MAX_CATEGORY_LENGTH} characters, no control character")
    for name, limit in MAX_TEXT_LENGTH.items():
        if len(getattr(event, name)) > limit:
            add(name, "too_long", f"at most {limit} characters")
        elif has_controls(getattr(event, name), TEXT_CONTROLS):
            add(name, "control_characters", "no control character but line breaks and tabs")
    if len(event.attributes) > MAX_ATTRIBUTES:
        add("attributes", "too_many", f"at most {MAX_ATTRIBUTES} attributes")
    for name, value in event.attributes.items():
        field = f"attributes[{name[:MAX_ATTRIBUTE_NAME_LENGTH]}]"
        if len(name) > MAX_ATTRIBUTE_NAME_LENGTH or len(value) > MAX_ATTRIBUTE_VALUE_LENGTH:
            add(
                field,
                "too_long",
                f"names of at most {MAX_ATTRIBUTE_NAME_LENGTH} and values of at most {MAX_ATTRIBUTE_VALUE_LENGTH} characters",
            )
        elif has_controls(name) or has_controls(value):
            add(field, "control_characters", "no control character in attribute names and values")


def drop_unknown_fields(event: events_pb2.PartnerEvent) -> list[str]:
    """Drops what this version of the API does not know (it is never forwarded); returns where it was."""
    found = [f"#{f.field_number}" for f in unknown_fields.UnknownFieldSet(event)]
    if event.HasField("location"):
        found += [f"location.#{f.field_number}" for f in unknown_fields.UnknownFieldSet(event.location)]
    for name in ("occurred_at", "starts_at", "ends_at"):
        if event.HasField(name):
            found += [f"{name}.#{f.field_number}" for f in unknown_fields.UnknownFieldSet(getattr(event, name))]
    if found:
        event.DiscardUnknownFields()
    return sorted(set(found))


def raw_subject(partner_id: str, kind: int) -> str:
    return f"raw.v1.{partner_id}.{kind_name(kind)}"


def batch_id(partner_id: str, batch: events_pb2.RawEventBatch) -> str:
    """The bus's duplicate check for a batch: the partner and its event ids. A call sent again is
    answered DUPLICATE for each event; an event sent again in another batch is stored once all the same."""
    ids = "\n".join(event.partner_event_id for event in batch.events)  # ids are printable: no newline
    return f"{partner_id}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
