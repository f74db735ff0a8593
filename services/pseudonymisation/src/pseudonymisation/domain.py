"""The pseudonymisation policy: places, never people. Pure.

Keeps only what the partner's agreement allows: kind, category, times, counts, the H3 cell
(exact coordinates and addresses never go further), and the allowed attributes. Drops free
text and every other field. Fails closed: an event the policy cannot apply is rejected.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import NamedTuple

from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import PartnerRegistry, kind_name
from civicpulse.runtime.city import CityProfile

MAX_ATTRIBUTE_LENGTH = 64


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
class Policy:
    partners: PartnerRegistry
    city: CityProfile
    key: bytes
    version: str

    def __post_init__(self) -> None:
        # Keyed once: each event key copies this state instead of keying HMAC again.
        object.__setattr__(self, "_keyed", hmac.new(self.key, digestmod=hashlib.sha256))

    def event_key(self, partner: str, partner_event_id: str) -> str:
        mac = self._keyed.copy()
        mac.update(f"{partner}:{partner_event_id}".encode())
        return mac.hexdigest()[:32]


def pseudonymise(raw: Incoming | events_pb2.RawEvent, policy: Policy) -> events_pb2.PseudonymisedEvent | Rejection:
    partner = policy.partners.partners.get(raw.partner)
    if partner is None:
        return Rejection("unknown_partner", "no agreement for this partner")
    event = raw.event
    kind = kind_name(event.kind)
    kind_agreement = partner.agreement.kinds.get(kind)
    if kind_agreement is None or event.category not in kind_agreement.categories:
        return Rejection("not_in_agreement", f"{kind}/{event.category} is outside the partner's agreement")

    cell = ""
    if event.HasField("location"):
        cell = policy.city.cell_of(event.location.latitude, event.location.longitude)
        if cell not in policy.city.cells:
            return Rejection("outside_city_boundary", "the location lies outside the city boundary")
    elif event.kind != events_pb2.EVENT_KIND_WEATHER_OBSERVATION:
        return Rejection("missing_location", "this kind of event needs a location")

    out = events_pb2.PseudonymisedEvent(
        event_key=policy.event_key(raw.partner, event.partner_event_id),
        partner=raw.partner,
        kind=event.kind,
        category=event.category,
        occurred_at=event.occurred_at,
        cell=cell,
        count=max(event.count, 1),
        received_at=raw.received_at,
        policy_version=policy.version,
    )
    if event.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT:
        out.starts_at.CopyFrom(event.starts_at)
        out.ends_at.CopyFrom(event.ends_at)
        out.expected_attendance = event.expected_attendance
    for name in kind_agreement.attributes:
        if name in event.attributes:
            out.attributes[name] = event.attributes[name][:MAX_ATTRIBUTE_LENGTH]
    return out


def events_subject(event: events_pb2.PseudonymisedEvent) -> str:
    return f"events.v1.{kind_name(event.kind)}.{event.category}"
