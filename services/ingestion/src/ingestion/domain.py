"""Validation of partner events against the city's vocabulary and the partner's agreement. Pure."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from google.protobuf import unknown_fields
from google.protobuf.message import Message

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import CITYWIDE_KINDS, EVENT_MOMENTS, Partner, kind_name
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import EPOCH, to_datetime
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
# The kinds this version of the API knows (EventKind.values() builds a new list at each call).
KNOWN_KINDS = frozenset(events_pb2.EventKind.values())


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
    return EventChecks(partner, rules, now)(event)


# The times a datetime can hold, in microseconds since the epoch: a Timestamp outside is not a time.
_EARLIEST_MICROS = (datetime.min.replace(tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)
_LATEST_MICROS = (datetime.max.replace(tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)


def _micros(timestamp) -> int | None:
    """The Timestamp in microseconds since the epoch (as `moment` rounds it), None when no datetime holds it."""
    micros = timestamp.seconds * 1_000_000 + timestamp.nanos // 1000
    return micros if _EARLIEST_MICROS <= micros <= _LATEST_MICROS else None


class EventChecks:
    """The rules of `validate` made ready for one call of one partner: kinds and categories as sets,
    the time bounds in microseconds since the epoch. Built once per call, applied to each event."""

    def __init__(self, partner: Partner, rules: Rules, now: datetime, largest_event: int | None = None) -> None:
        """`largest_event` bounds the serialized size of any event checked (completed included), when
        known: within MAX_EVENT_BYTES, no event is measured one by one."""
        self._rules = rules
        self._measure = largest_event is None or largest_event > MAX_EVENT_BYTES
        self._city = rules.city
        # Per kind the partner's agreement covers: the city's categories of it, and the agreement's.
        self._categories = {
            kind: (frozenset(rules.city.vocabulary.get(kind, ())), frozenset(agreed.categories))
            for kind, agreed in partner.agreement.kinds.items()
        }
        # The same by the kind's number, for the kinds this API knows (not unspecified).
        self._agreed_kinds = {
            number: (kind_name(number), *self._categories[kind_name(number)])
            for number in KNOWN_KINDS
            if number != events_pb2.EVENT_KIND_UNSPECIFIED and kind_name(number) in self._categories
        }
        to_micros = lambda moment: (moment - EPOCH) // timedelta(microseconds=1)  # noqa: E731
        self._latest = to_micros(now + rules.max_clock_skew)
        self._earliest = to_micros(now - rules.max_event_age)
        self._furthest_ahead = to_micros(now + rules.max_ahead)

    def __call__(self, event: events_pb2.PartnerEvent) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        add = lambda field, reason, text: problems.append(FieldProblem(field, reason, text))  # noqa: E731
        event_id, event_kind, category = event.partner_event_id, event.kind, event.category

        if not event_id:
            add("partner_event_id", "required", "every event needs the partner's own id")
        elif len(event_id) > MAX_ID_LENGTH or not event_id.isprintable():
            add("partner_event_id", "invalid", f"at most {MAX_ID_LENGTH} printable characters")

        agreed_kind = self._agreed_kinds.get(event_kind)  # most events: a kind of the agreement
        if agreed_kind is None:
            kind = kind_name(event_kind) if event_kind in KNOWN_KINDS else None
            if event_kind == events_pb2.EVENT_KIND_UNSPECIFIED or kind is None:
                add("kind", "required", "an event kind is required")
            else:
                add("kind", "not_in_agreement", f"the partner's agreement does not cover {kind}")
        else:
            kind, of_city, agreed = agreed_kind
            if category not in of_city:
                add("category", "unknown_category", f"{category!r} is not a {kind} category of this city")
            elif category not in agreed:
                add("category", "not_in_agreement", f"the agreement does not cover {kind}/{category}")

        if not event.HasField("occurred_at"):
            add("occurred_at", "required", "when the event happened is required")
        for field in EVENT_MOMENTS:
            if event.HasField(field):
                self._check_moment(event_kind, field, getattr(event, field), add)

        _validate_place(event, self._city, add)
        if not 0 <= event.count <= MAX_COUNT:
            add("count", "out_of_range", f"count lies in [0, {MAX_COUNT}]")
        if event_kind in KINDS_WITH_PERIOD:
            _validate_period(event, add)
        if event_kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT:
            _validate_schedule(event, self._city, add)
        elif event.organiser_type or event.HasField("announced_at"):
            add(
                "organiser_type" if event.organiser_type else "announced_at",
                "not_applicable",
                "only scheduled events have an organiser",
            )
        if event_kind == events_pb2.EVENT_KIND_WEATHER_FORECAST:
            _validate_forecast(event, add)
        elif event.HasField("issued_at"):
            add("issued_at", "not_applicable", "only weather forecasts have an issue time")
        if event_kind == events_pb2.EVENT_KIND_CROWD_COUNT:
            _validate_crowd_count(event, self._rules, add)
        _validate_sizes(event, add, self._measure)
        return problems

    def _check_moment(self, kind: int, field: str, timestamp, add) -> None:
        when = _micros(timestamp)
        rules = self._rules
        if when is None:
            add(field, "out_of_range", "not a representable time")
        elif field in PERIOD_MOMENTS and kind in KINDS_AHEAD:
            if when > self._furthest_ahead:
                add(field, "too_far_ahead", f"{field} lies more than {rules.max_ahead.days} days ahead")
        elif when > self._latest:
            add(field, "in_future", f"{field} lies in the future")
        elif when < self._earliest:
            add(field, "too_old", f"{field} lies more than {rules.max_event_age.days // 365} years back")


def complete(event: events_pb2.PartnerEvent) -> None:
    """Fills what the API lets a partner leave out: a period's occurred_at is its start."""
    if event.kind in KINDS_WITH_PERIOD and not event.HasField("occurred_at") and event.HasField("starts_at"):
        event.occurred_at.CopyFrom(event.starts_at)


_LINE_BREAKS = re.compile(r"\s*[\n\r\t][\s]*")
# The reasons of what tidy_attributes does (notices; the event is kept).
TIDYING_REASONS = frozenset({"control_characters", "line_breaks_normalised"})


def tidy_attributes(event: events_pb2.PartnerEvent) -> list[FieldProblem]:
    """An attribute is tidied alone, never at the cost of its event: line breaks and tabs in a value
    become one space; a name or value with another control character (a NUL, an escape) is dropped.
    Returns what was done, for the partner's notices and the counts."""
    done: list[FieldProblem] = []
    # Most attributes are printable text: only the others are looked at (and changed) one by one.
    # (Keys then values: a map's items() is a slow view.)
    attributes = event.attributes
    untidy = [(name, attributes[name]) for name in attributes if not (name.isprintable() and attributes[name].isprintable())]
    for name, value in untidy:
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
    elif not _inside(city, latitude, longitude):
        add("location", "outside_city", f"the point lies outside {city.name}")


# The H3 cell of a point, by resolution and exact coordinates: partners send the same places again
# and again (a block, a venue), and finding a point's cell costs more than a look-up.
_CELLS: dict[tuple[int, float, float], str] = {}
_CELLS_MAX = 200_000  # points remembered (a few tens of MB at most); forgotten all at once beyond


def _inside(city: CityProfile, latitude: float, longitude: float) -> bool:
    key = (city.h3_resolution, latitude, longitude)
    cell = _CELLS.get(key)
    if cell is None:
        if len(_CELLS) >= _CELLS_MAX:
            _CELLS.clear()
        cell = _CELLS[key] = city.cell_of(latitude, longitude)
    return cell in city.cells


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


def _validate_sizes(event: events_pb2.PartnerEvent, add, measure: bool = True) -> None:
    if measure and event.ByteSize() > MAX_EVENT_BYTES:
        add("event", "too_large", f"at most {MAX_EVENT_BYTES} bytes serialized")
    # `not x.isprintable() and has_controls(x)` is has_controls(x) without a call for plain text.
    category = event.category
    if len(category) > MAX_CATEGORY_LENGTH or (not category.isprintable() and has_controls(category)):
        add("category", "invalid", f"at most {MAX_CATEGORY_LENGTH} characters, no control character")
    for name, limit in MAX_TEXT_LENGTH.items():
        value = getattr(event, name)
        if len(value) > limit:
            add(name, "too_long", f"at most {limit} characters")
        elif not value.isprintable() and has_controls(value, TEXT_CONTROLS):
            add(name, "control_characters", "no control character but line breaks and tabs")
    for name in ("area", "organiser_type"):
        value = getattr(event, name)
        if len(value) > MAX_CATEGORY_LENGTH or (not value.isprintable() and has_controls(value)):
            add(name, "invalid", f"at most {MAX_CATEGORY_LENGTH} characters, no control character")
    if event.HasField("contact"):  # an empty contact holds nothing to check
        for name in ("name", "phone", "email"):
            value = getattr(event.contact, name)
            if len(value) > MAX_CONTACT_LENGTH:
                add(f"contact.{name}", "too_long", f"at most {MAX_CONTACT_LENGTH} characters")
            elif has_controls(value):
                add(f"contact.{name}", "control_characters", "no control character")
    attributes = event.attributes
    if len(attributes) > MAX_ATTRIBUTES:
        add("attributes", "too_many", f"at most {MAX_ATTRIBUTES} attributes")
    for name in attributes:
        if len(name) > MAX_ATTRIBUTE_NAME_LENGTH or len(attributes[name]) > MAX_ATTRIBUTE_VALUE_LENGTH:
            field = f"attributes[{name[:MAX_ATTRIBUTE_NAME_LENGTH]}]"
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


def drop_unknown_fields_of_call(call: Message) -> dict[int, list[str]]:
    """drop_unknown_fields for each event of a call (a message whose `events` are partner events),
    by position. One copy of the call without unknown fields tells, in C, whether any event has
    some: only then is each event looked at."""
    probe = type(call)()
    probe.CopyFrom(call)
    probe.DiscardUnknownFields()
    if probe.ByteSize() == call.ByteSize():
        return {}
    found = {}
    for position, event in enumerate(call.events):
        if names := drop_unknown_fields(event):
            found[position] = names
    return found


def largest_completed_event(call: Message) -> int:
    """A bound on the serialized size of any event of the call once tidied and completed: tidying
    only removes, and completing copies starts_at into occurred_at (same tag size), so an event at
    most doubles, and none is larger than the call. One measure of the call, in C."""
    return 2 * call.ByteSize()


def batch_id(partner_id: str, batch: events_pb2.RawEventBatch) -> str:
    """The bus's duplicate check for a batch: the partner and its event ids. A call sent again is
    answered DUPLICATE for each event; an event sent again in another batch is stored once all the same."""
    ids = "\n".join(event.partner_event_id for event in batch.events)  # ids are printable: no newline
    return f"{partner_id}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
