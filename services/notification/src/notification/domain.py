"""Who gets which risk update, and what a subscription or an acknowledgement may say. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from civicpulse.runtime.access import Caller, Identity, Role
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, PermissionDenied

# An acknowledgement's comment: short, and kept apart from the audit trail so that it can be erased.
MAX_NOTE_CHARS = 1000


@dataclass(frozen=True)
class Subscription:
    subscriber: str
    zones: frozenset[str]  # empty: every zone the subscriber may see
    min_risk_level: int

    def wants(self, zone: str, max_risk_level: int) -> bool:
        return (not self.zones or zone in self.zones) and max_risk_level >= self.min_risk_level

    @classmethod
    def requested(cls, subscriber: Identity, zones: Iterable[str], min_risk_level: int, city: CityProfile) -> Subscription:
        """The subscription a subscriber asks for: zones of the city that its credentials let it see,
        a risk level from 1 to 5; InvalidArgument or PermissionDenied otherwise."""
        zones = list(zones)
        problems = []
        unknown = sorted(set(zones) - city.zones)
        if unknown:
            problems.append(FieldProblem("zones", "unknown_zone", f"not zones of {city.name}: {', '.join(unknown[:5])}"))
        if not 1 <= min_risk_level <= 5:
            problems.append(FieldProblem("min_risk_level", "out_of_range", "a risk level from 1 to 5"))
        if problems:
            raise InvalidArgument("invalid subscription", tuple(problems))
        forbidden = sorted(z for z in zones if not subscriber.caller.may_see(z))
        if forbidden:
            raise PermissionDenied(
                f"{subscriber.id} may not see the zones {', '.join(forbidden[:5])}",
                reason="ZONE_NOT_ALLOWED",
                metadata={"caller": subscriber.id, "zones": ",".join(forbidden)},
            )
        return cls(subscriber.id, frozenset(zones), min_risk_level)


def may_receive(caller: Caller | None, zone: str) -> bool:
    """Whether a subscriber's credentials, as they stand now, let it see this zone."""
    return caller is not None and caller.role is Role.APPLICATION and caller.may_see(zone)


def check_note(note: str) -> None:
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidArgument("the note is too long", (FieldProblem("note", "too_long", f"at most {MAX_NOTE_CHARS} characters"),))


def notification_id(subscriber: str, update_id: str) -> str:
    return hashlib.sha256(f"{subscriber}|{update_id}".encode()).hexdigest()[:24]
