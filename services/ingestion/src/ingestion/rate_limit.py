"""Per-partner rate limits at the door: a token bucket per partner, refilled at the agreement's
rate. Each replica keeps its own buckets, so a deployment of N replicas admits up to N times the
rate; the bus's per-partner bounds (streams.RAW) hold whatever gets through."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.errors import ResourceExhausted


@dataclass
class Bucket:
    rate: float  # events per second
    burst: float
    tokens: float
    at: float


@dataclass
class RateLimits:
    partners: PartnerRegistry
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, Bucket] = field(default_factory=dict, init=False)

    def wait_for(self, partner: str, events: int) -> float:
        """0 if the partner may send `events` now (and they are counted), else the seconds to wait."""
        limit = self.partners.get(partner).rate_limit
        if limit is None:
            return 0.0
        now = self.clock()
        bucket = self._buckets.get(partner)
        if bucket is None:
            bucket = self._buckets[partner] = Bucket(limit.events_per_second, limit.burst, limit.burst, now)
        bucket.tokens = min(bucket.burst, bucket.tokens + (now - bucket.at) * bucket.rate)
        bucket.at = now
        needed = min(events, bucket.burst)  # a call larger than the burst passes on a full bucket
        if bucket.tokens >= needed:
            bucket.tokens -= needed
            return 0.0
        return (needed - bucket.tokens) / bucket.rate

    def refusal(self, partner: str, events: int) -> ResourceExhausted | None:
        """None if the partner may send `events` now (and they are counted), else the refusal saying
        how long to wait (RATE_LIMITED), with the agreement's limit."""
        wait = self.wait_for(partner, events)
        if not wait:
            return None
        limit = self.partners.get(partner).rate_limit  # set: only a limited partner is told to wait
        return ResourceExhausted(
            f"{partner} sends faster than its agreement allows; retry in {wait:.1f} s",
            wait,
            reason="RATE_LIMITED",
            metadata={"partner": partner, "events_per_second": f"{limit.events_per_second:g}", "burst": str(limit.burst)},
        )
