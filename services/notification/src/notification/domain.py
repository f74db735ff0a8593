"""Who gets which risk update. Pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from civicpulse.runtime.access import Caller, Role

# An acknowledgement's comment: short, and kept apart from the audit trail so that it can be erased.
MAX_NOTE_CHARS = 1000


@dataclass(frozen=True)
class Subscription:
    subscriber: str
    zones: frozenset[str]  # empty: every zone the subscriber may see
    min_risk_level: int

    def wants(self, zone: str, max_risk_level: int) -> bool:
        return (not self.zones or zone in self.zones) and max_risk_level >= self.min_risk_level


def may_receive(caller: Caller | None, zone: str) -> bool:
    """Whether a subscriber's credentials, as they stand now, let it see this zone."""
    return caller is not None and caller.role is Role.APPLICATION and caller.may_see(zone)


def notification_id(subscriber: str, update_id: str) -> str:
    return hashlib.sha256(f"{subscriber}|{update_id}".encode()).hexdigest()[:24]
