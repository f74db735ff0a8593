"""The pseudonymisation policy: places, never people. Pure.

Each field of a partner event gets the treatment its partner's agreement declares for its kind
(keep, drop, generalise, pseudonymise, signals, scrub); a field or attribute without a declaration
is dropped and counted, never passed. Coordinates become the H3 cell, times the hour (the local day
for sensitive categories), counts bands when so declared; the partner's id of an event becomes a
keyed pseudonym. Free text and free-form attributes become the city's declared signals (counts of
terms) and are dropped; only for a purpose the agreement declares are they kept, strictly
scrubbed, in a ScrubbedText apart from the event. Fails closed: an event the policy cannot apply
is rejected with the reason.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import (
    ALLOWED_TREATMENTS,
    CITYWIDE_KINDS,
    EVENT_MOMENTS,
    KindAgreement,
    PartnerRegistry,
    kind_name,
)
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import EPOCH, to_datetime
from pseudonymisation.identifiers import find_identifiers
from pseudonymisation.keys import Keyring
from pseudonymisation.scrubber import apply
from pseudonymisation.signals import SignalFinder, signal_finders

# Fields a partner may send besides those the policy treats (every field an agreement may name,
# but the id, which becomes the event key); kind and category are the event's vocabulary
# (checked at the door), always kept.
TREATED_FIELDS = tuple(name for name in ALLOWED_TREATMENTS if name != "partner_event_id")
_TREATED = frozenset(TREATED_FIELDS)


class Incoming(NamedTuple):
    """One event of a RAW batch with its batch's partner and reception time (a RawEvent's fields, uncopied)."""

    partner: str
    received_at: Timestamp
    event: events_pb2.PartnerEvent


def unpack_raw(data: bytes) -> list[Incoming]:
    batch = events_pb2.RawEventBatch.FromString(data)
    return [Incoming(batch.partner, batch.received_at, event) for event in batch.events]


@dataclass(frozen=True)
class Rejection:
    reason: str
    detail: str


@dataclass(frozen=True)
class Pseudonymised:
    event: events_pb2.PseudonymisedEvent
    # (field, reason) of every field or attribute the policy withheld: what is counted.
    withheld: list[tuple[str, str]]
    # The free-form text kept, scrubbed, for the agreement's declared purpose; None if none is.
    text: events_pb2.ScrubbedText | None = None


@dataclass(frozen=True)
class Policy:
    partners: PartnerRegistry
    city: CityProfile
    keys: Keyring
    version: str
    zone: ZoneInfo = field(init=False)
    signals: dict[str, SignalFinder] = field(init=False)
    # (partner, kind) of the agreements that keep a text scrubbed: only their events are searched for one.
    scrubbing: frozenset[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        missing = {p.agreement.key_domain for p in self.partners.partners.values()} - self.keys.domains
        if missing:
            raise ValueError(f"no keys for the key domains {sorted(missing)}")
        object.__setattr__(self, "zone", ZoneInfo(self.city.timezone))
        object.__setattr__(self, "signals", signal_finders(self.city.signals))
        object.__setattr__(
            self,
            "scrubbing",
            frozenset(
                (partner_id, kind)
                for partner_id, partner in self.partners.partners.items()
                for kind, agreement in partner.agreement.kinds.items()
                if agreement.scrubbed_fields
            ),
        )
        for partner_id, partner in self.partners.partners.items():
            for kind, agreement in partner.agreement.kinds.items():
                if agreement.derives_signals and kind not in self.signals:
                    raise ValueError(
                        f"{partner_id}: {kind} free text is reduced to signals, but the city profile declares none for {kind}"
                    )

    def event_key(self, partner: str, partner_event_id: str) -> str:
        """The event's pseudonym under its partner's domain's current key."""
        return self.keys.pseudonym(self._domain(partner), f"{partner}:{partner_event_id}")

    def _domain(self, partner: str) -> str:
        known = self.partners.partners.get(partner)
        return known.agreement.key_domain if known is not None else next(iter(sorted(self.keys.domains)))


def city_words(city: CityProfile) -> list[str]:
    """Words of the city's own that name no one (places, areas, signals, categories): the strict
    scrubber leaves them in a text."""
    words = [*city.place_names, *(area.replace("-", " ") for area in city.areas), *city.organiser_types]
    words += [variant for terms in city.signals.values() for variants in terms.values() for variant in variants]
    words += [category.replace("_", " ") for categories in city.vocabulary.values() for category in categories]
    return words


def scrubs_text(partners: PartnerRegistry) -> bool:
    """Whether any agreement keeps a text scrubbed (free text, or a free-form attribute)."""
    return any(kind.scrubbed_fields for partner in partners.partners.values() for kind in partner.agreement.kinds.values())


def texts_to_scrub(raw: Incoming | events_pb2.RawEvent, policy: Policy) -> list[str]:
    """The strings of this event that its policy keeps only scrubbed (free text, free-form attributes)."""
    if (raw.partner, kind_name(raw.event.kind)) not in policy.scrubbing:
        return []
    agreement = _agreement(raw, policy)
    if agreement is None:
        return []
    event, texts = raw.event, []
    if agreement.fields.get("free_text") == "scrub" and event.free_text:
        texts.append(event.free_text)
    for name, value in event.attributes.items():
        declared = agreement.attributes.get(name)
        if declared is not None and declared.treatment == "scrub" and value and declared.admits(value):
            texts.append(value)
    return texts


def pseudonymise(
    raw: Incoming | events_pb2.RawEvent, policy: Policy, scrubbed: Mapping[str, str] | None = None
) -> Pseudonymised | Rejection:
    """The event as its policy lets it go on; `scrubbed` maps each text of `texts_to_scrub` to its scrubbed form."""
    partner = policy.partners.partners.get(raw.partner)
    if partner is None:
        return Rejection("unknown_partner", "no agreement for this partner")
    event = raw.event
    kind = kind_name(event.kind)
    agreement = partner.agreement.kinds.get(kind)
    if agreement is None or event.category not in agreement.categories:
        return Rejection("not_in_agreement", f"{kind}/{event.category} is outside the partner's agreement")
    cell = _cell(event, kind, agreement, policy)
    if isinstance(cell, Rejection):
        return cell
    domain = partner.agreement.key_domain
    identity = f"{raw.partner}:{event.partner_event_id}"
    out = events_pb2.PseudonymisedEvent(
        event_key=policy.keys.pseudonym(domain, identity),
        key_id=policy.keys.current_key_id(domain),
        partner=raw.partner,
        kind=event.kind,
        category=event.category,
        cell=cell,
        policy_version=policy.version,
    )
    out.received_at.CopyFrom(raw.received_at)
    if older := policy.keys.older_pseudonyms(domain, identity):  # only while a key is being rotated
        out.also_known_as.extend(older)
    draft = _Draft(out, events_pb2.ScrubbedText() if agreement.text is not None else None)
    _treat_fields(draft, event, kind, agreement, policy, scrubbed)
    refused = _treat_attributes(draft, raw, kind, agreement, policy, scrubbed)
    return refused or draft.result()


@dataclass
class _Draft:
    """The pseudonymised event being built, what is withheld from it and the text kept apart."""

    out: events_pb2.PseudonymisedEvent
    kept_text: events_pb2.ScrubbedText | None
    withheld: list[tuple[str, str]] = field(default_factory=list)
    signals: Counter[str] = field(default_factory=Counter)

    def result(self) -> Pseudonymised:
        out, kept_text = self.out, self.kept_text
        if self.signals:  # (a map's update() is a slow view even when there is nothing to add)
            out.signals.update(self.signals)
        if kept_text is None or not (kept_text.text or kept_text.attributes):
            return Pseudonymised(out, self.withheld)
        kept_text.MergeFrom(
            events_pb2.ScrubbedText(
                event_key=out.event_key,
                partner=out.partner,
                kind=out.kind,
                category=out.category,
                received_at=out.received_at,
                policy_version=out.policy_version,
                key_id=out.key_id,
            )
        )
        return Pseudonymised(out, self.withheld, kept_text)


def _cell(event: events_pb2.PartnerEvent, kind: str, agreement: KindAgreement, policy: Policy) -> str | Rejection:
    """The one place an event may keep: the cell of its location or of its named area."""
    fields = agreement.fields
    if event.HasField("location") and fields.get("location") == "generalise":
        cell = policy.city.cell_of(event.location.latitude, event.location.longitude)
        if cell not in policy.city.cells:
            return Rejection("outside_city_boundary", "the location lies outside the city boundary")
        return cell
    if event.area and fields.get("area") == "keep":
        if event.area not in policy.city.areas:
            return Rejection("unknown_area", f"{event.area!r} is not a named area of the city")
        return policy.city.area_cell(event.area)
    if kind in CITYWIDE_KINDS:  # weather may speak of the whole city: no cell
        return ""
    return Rejection("missing_location", "this kind of event needs a place its policy lets through (location or area)")


def _treat_fields(
    draft: _Draft,
    event: events_pb2.PartnerEvent,
    kind: str,
    agreement: KindAgreement,
    policy: Policy,
    scrubbed: Mapping[str, str] | None,
) -> None:
    out, fields = draft.out, agreement.fields
    sensitive = event.category in agreement.sensitive_categories
    # Only the fields the event carries (a message field set, a scalar not at its default), with
    # their values, in one call.
    for descriptor, value in event.ListFields():
        name = descriptor.name
        if name not in _TREATED:
            continue
        treatment = fields.get(name)
        if treatment is None or treatment == "drop":
            draft.withheld.append((name, "no_policy" if treatment is None else "dropped"))
        elif name in EVENT_MOMENTS and treatment == "generalise" and sensitive:
            getattr(out, name).FromDatetime(_to_day(to_datetime(value), policy.zone))
        elif name in EVENT_MOMENTS:
            # To the microsecond (kept) or to the UTC hour (generalised), in integers: as to_datetime
            # and FromDatetime would, without building a datetime per event.
            seconds, nanos = _to_microsecond(value)
            target = getattr(out, name)
            if treatment == "generalise":
                target.seconds = seconds - seconds % 3600
            else:
                target.seconds, target.nanos = seconds, nanos
        elif name in ("count", "expected_attendance"):
            setattr(out, name, band(value) if treatment == "generalise" else value)
        elif name == "free_text" and treatment == "signals":
            draft.signals += policy.signals[kind](value)
            draft.withheld.append((name, "reduced_to_signals"))
        elif name == "free_text":  # scrub, for the declared purpose
            draft.kept_text.text = _scrubbed(value, scrubbed)
        elif name in ("area", "organiser_type"):  # keep: names from the city profile's vocabularies
            setattr(out, name, value)
        # location: the cell above; address and contact: never anything but dropped
    out.count = max(out.count, 1)


def _treat_attributes(
    draft: _Draft,
    raw: Incoming | events_pb2.RawEvent,
    kind: str,
    agreement: KindAgreement,
    policy: Policy,
    scrubbed: Mapping[str, str] | None,
) -> Rejection | None:
    """Each attribute as its declaration says; a value outside a declaration that rejects refuses the event."""
    domain = policy.partners.partners[raw.partner].agreement.key_domain
    attributes = raw.event.attributes
    for name in attributes:  # by key: a map's items() is a slow view
        value = attributes[name]
        declared = agreement.attributes.get(name)
        if declared is None:
            draft.withheld.append((f"attributes.{name}", "no_policy"))
        elif not value:
            continue
        elif not declared.admits(value):
            if declared.on_violation == "reject":
                return Rejection("attribute_not_allowed", f"attributes.{name}: a value outside its declaration")
            draft.withheld.append((f"attributes.{name}", "undeclared_value"))
        elif declared.treatment == "signals":
            draft.signals += policy.signals[kind](value)
            draft.withheld.append((f"attributes.{name}", "reduced_to_signals"))
        elif declared.treatment == "scrub":
            draft.kept_text.attributes[name] = _scrubbed(value, scrubbed)
        elif declared.treatment == "pseudonymise":
            draft.out.attributes[name] = policy.keys.pseudonym(domain, f"{raw.partner}:{name}:{value}")
        else:  # kept as declared, and still cleared of any identifier the declaration let through
            draft.out.attributes[name] = without_identifiers(value)
    return None


@functools.lru_cache(maxsize=65_536)
def without_identifiers(value: str) -> str:
    """A kept value with its structured identifiers replaced (declared values repeat: cached)."""
    return apply(value, find_identifiers(value))


def band(value: int) -> int:
    """A count to one significant figure (1 234 -> 1 000, 87 -> 80): an order of size, not a person."""
    if value < 10:
        return value
    magnitude = 10 ** (len(str(value)) - 1)
    return value // magnitude * magnitude


def _to_day(moment: datetime, zone: ZoneInfo) -> datetime:
    """The local midnight that starts the moment's day."""
    return moment.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)


# The seconds since the epoch a datetime can hold (years 1 to 9999).
_EARLIEST_SECONDS = int((datetime.min.replace(tzinfo=UTC) - EPOCH).total_seconds())
_LATEST_SECONDS = int((datetime.max.replace(tzinfo=UTC) - EPOCH).total_seconds())


def _to_microsecond(timestamp: Timestamp) -> tuple[int, int]:
    """Seconds and nanoseconds, truncated to the microsecond; OverflowError for a time no datetime
    holds (fails closed, as to_datetime would)."""
    seconds, micros = divmod(timestamp.seconds * 1_000_000 + timestamp.nanos // 1000, 1_000_000)
    if not _EARLIEST_SECONDS <= seconds <= _LATEST_SECONDS:
        raise OverflowError("a time beyond the years 1 to 9999")
    return seconds, micros * 1000


def _scrubbed(text: str, scrubbed: Mapping[str, str] | None) -> str:
    if scrubbed is None or text not in scrubbed:
        raise LookupError("a text to keep was not scrubbed first")  # fail closed, never pass it raw
    return scrubbed[text]


def _agreement(raw: Incoming | events_pb2.RawEvent, policy: Policy) -> KindAgreement | None:
    partner = policy.partners.partners.get(raw.partner)
    return partner.agreement.kinds.get(kind_name(raw.event.kind)) if partner is not None else None
