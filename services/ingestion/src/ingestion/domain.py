"""Validation of partner events against the city's vocabulary and the partner's agreement. Pure."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from google.protobuf import unknown_fields

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import CITYWIDE_KINDS, EVENT_MOMENTS, Partner, kind_name
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import TEXT_CONTROLS, FieldProblem, has_controls

MAX_ID_LENGTH = 128
# Bounds that keep every event well inside one bus message.
MAX_TEXT_LENGTH = {"address": 512, "free_text": 8192}
MAX_CONTACT_LENGTH = 256
MAX_ATTRIBUTES = 64
MAX_ATTRIBUTE_NAME_LENGTH = 64
MAX_ATTRIBUTE_VALUE_LENGTH = 1024
MAX_CATEGORY_LENGTH = 64
# An event as a whole, serialized: far above what the bounds above allow, far below a bus message.
MAX_EVENT_BYTES = 256 * 1024
# How many occurrences one record may stand for, and how many people an event may expect.
MAX_COUNT = 100_000
MAX_ATTENDANCE = 10_000_000
# Kinds that cover a period (starts_at to ends_at); their occurred_at is the period's start when left out.
KINDS_WITH_PERIOD = {
    events_pb2.EVENT_KIND_SCHEDULED_EVENT,
    events_pb2.EVENT_KIND_WEATHER_FORECAST,
    events_pb2.EVENT_KIND_CROWD_COUNT,
}
# Kinds that announce the future (a schedule, a forecast): their period may lie ahead, up to a horizon.
KINDS_AHEAD = {events_pb2.EVENT_KIND_SCHEDULED_EVENT, events_pb2.EVENT_KIND_WEATHER_FORECAST}
# A crowd count aggregates people over a time bucket of at most this long.
MAX_CROWD_BUCKET = timedelta(days=1)
# The moments of a period (occurred_at is its start); the others are when something was said or seen.
PERIOD_MOMENTS = ("occurred_at", "starts_at", "ends_at")


@dataclass(frozen=True)
class Rules:
    city: CityProfile
    max_clock_skew: timedelta
    min_crowd_count: int
    # Older than this is a mistake, not history (ten years of history are well inside).
    max_event_age: timedelta = timedelta(days=50 * 365)
    # How far ahead a schedule or a forecast may reach.
    max_ahead: timedelta = timedelta(days=2 * 365)


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
    for field in EVENT_MOMENTS:
        if event.HasField(field):
            _check_moment(event, field, rules, now, add)

    _validate_place(event, rules.city, add)
    if not 0 <= event.count <= MAX_COUNT:
        add("count", "out_of_range", f"count lies in [0, {MAX_COUNT}]")
    if event.kind in KINDS_WITH_PERIOD:
        _validate_period(event, add)
    if event.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT:
        _validate_schedule(event, rules.city, add)
    elif event.organiser_type or event.HasField("announced_at"):
        add(
            "organiser_type" if event.organiser_type else "announced_at",
            "not_applicable",
            "only scheduled events have an organiser",
        )
    if event.kind == events_pb2.EVENT_KIND_WEATHER_FORECAST:
        _validate_forecast(event, add)
    elif event.HasField("issued_at"):
        add("issued_at", "not_applicable", "only weather forecasts have an issue time")
    if event.kind == events_pb2.EVENT_KIND_CROWD_COUNT:
        _validate_crowd_count(event, rules, add)
    _validate_sizes(event, add)
    return problems


def complete(event: events_pb2.PartnerEvent) -> None:
    """Fills what the API lets a partner leave out: a period's occurred_at is its start."""
    if event.kind in KINDS_WITH_PERIOD and not event.HasField("occurred_at") and event.HasField("starts_at"):
        event.occurred_at.CopyFrom(event.starts_at)


_LINE_BREAKS = re.compile(r"\s*[\n\r\t][\s]*")


def tidy_attributes(event: events_pb2.PartnerEvent) -> list[FieldProblem]:
    """An attribute is tidied alone, never at the cost of its event: line breaks and tabs in a value
    become one space; a name or value with another control character (a NUL, an escape) is dropped.
    Returns what was done, for the partner's notices and the counts."""
    done: list[FieldProblem] = []
    for name, value in list(event.attributes.items()):
        field = f"attributes[{name[:MAX_ATTRIBUTE_NAME_LENGTH]}]"
        if has_controls(name) or has_controls(value, TEXT_CONTROLS):
            del event.attributes[name]
            done.append(FieldProblem(field, "control_characters", "a control character in its name or value: dropped"))
        elif has_controls(value):
            event.attributes[name] = _LINE_BREAKS.sub(" ", value).strip()
            done.append(FieldProblem(field, "line_breaks_normalised", "line breaks and tabs replaced by a space"))
    return done


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
    elif field in PERIOD_MOMENTS and event.kind in KINDS_AHEAD:
        if when > now + rules.max_ahead:
            add(field, "too_far_ahead", f"{field} lies more than {rules.max_ahead.days} days ahead")
    elif when > now + rules.max_clock_skew:
        add(field, "in_future", f"{field} lies in the future")
    elif when < now - rules.max_event_age:
        add(field, "too_old", f"{field} lies more than {rules.max_event_age.days // 365} years back")


def _validate_place(event: events_pb2.PartnerEvent, city: CityProfile, add) -> None:
    """A point inside the city or one of its named areas; weather may speak of the whole city."""
    if event.HasField("location") and event.area:
        add("area", "ambiguous_place", "give a location or an area, not both")
    elif event.HasField("location"):
        _check_location(event.location, city, add)
    elif event.area:
        if event.area not in city.areas:
            add("area", "unknown_area", f"{event.area[:MAX_CATEGORY_LENGTH]!r} is not a named area of {city.name}")
    elif event.kind != events_pb2.EVENT_KIND_UNSPECIFIED and kind_name(event.kind) not in CITYWIDE_KINDS:
        add("location", "required", "this kind of event must say where it happened (a location or an area)")


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


def _validate_period(event: events_pb2.PartnerEvent, add) -> None:
    if not event.HasField("starts_at"):
        add("starts_at", "required", "this kind covers a period: its start is required")
    if not event.HasField("ends_at"):
        add("ends_at", "required", "this kind covers a period: its end is required")
    starts, ends = _moment_of(event, "starts_at"), _moment_of(event, "ends_at")
    if starts and ends and ends < starts:
        add("ends_at", "before_start", "ends_at is before starts_at")


def _validate_schedule(event: events_pb2.PartnerEvent, city: CityProfile, add) -> None:
    if not 0 <= event.expected_attendance <= MAX_ATTENDANCE:
        add("expected_attendance", "out_of_range", f"expected attendance lies in [0, {MAX_ATTENDANCE}]")
    if event.organiser_type and event.organiser_type not in city.organiser_types:
        add("organiser_type", "unknown_organiser_type", f"one of {', '.join(city.organiser_types) or 'none declared'}")


def _validate_forecast(event: events_pb2.PartnerEvent, add) -> None:
    if not event.HasField("issued_at"):
        add("issued_at", "required", "a forecast says when it was issued")
    issued, ends = _moment_of(event, "issued_at"), _moment_of(event, "ends_at")
    if issued and ends and issued > ends:
        add("issued_at", "after_validity", "a forecast issued after its period is an observation")


def _validate_crowd_count(event: events_pb2.PartnerEvent, rules: Rules, add) -> None:
    if event.count < rules.min_crowd_count:
        add("count", "below_minimum_aggregate", f"crowd counts must aggregate at least {rules.min_crowd_count} people")
    starts, ends = _moment_of(event, "starts_at"), _moment_of(event, "ends_at")
    if starts and ends and ends - starts > MAX_CROWD_BUCKET:
        add("ends_at", "bucket_too_long", f"a crowd count's time bucket lasts at most {MAX_CROWD_BUCKET}")


def _moment_of(event: events_pb2.PartnerEvent, field: str) -> datetime | None:
    return moment(getattr(event, field)) if event.HasField(field) else None


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
    for name in ("area", "organiser_type"):
        if len(getattr(event, name)) > MAX_CATEGORY_LENGTH or has_controls(getattr(event, name)):
            add(name, "invalid", f"at most {MAX_CATEGORY_LENGTH} characters, no control character")
    for name in ("name", "phone", "email"):
        value = getattr(event.contact, name)
        if len(value) > MAX_CONTACT_LENGTH:
            add(f"contact.{name}", "too_long", f"at most {MAX_CONTACT_LENGTH} characters")
        elif has_controls(value):
            add(f"contact.{name}", "control_characters", "no control character")
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


def drop_unknown_fields(event: events_pb2.PartnerEvent) -> list[str]:
    """Drops what this version of the API does not know (it is never forwarded); returns where it was."""
    found = [f"#{f.field_number}" for f in unknown_fields.UnknownFieldSet(event)]
    if event.HasField("location"):
        found += [f"location.#{f.field_number}" for f in unknown_fields.UnknownFieldSet(event.location)]
    for name in (*EVENT_MOMENTS, "contact"):
        if event.HasField(name):
            found += [f"{name}.#{f.field_number}" for f in unknown_fields.UnknownFieldSet(getattr(event, name))]
    if found:
        event.DiscardUnknownFields()
    return sorted(set(found))


def batch_id(partner_id: str, batch: events_pb2.RawEventBatch) -> str:
    """The bus's duplicate check for a batch: the partner and its event ids. A call sent again is
    answered DUPLICATE for each event; an event sent again in another batch is stored once all the same."""
    ids = "\n".join(event.partner_event_id for event in batch.events)  # ids are printable: no newline
    return f"{partner_id}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
