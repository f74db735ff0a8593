"""Publishes the risk updates that scoring stored in its outbox, once each, whatever fails meanwhile.

A publish that fails leaves the rows unpublished for the next round; one that succeeds but dies
before marking them is published again with the same message id (the update's content digest),
which the SCORES stream's duplicate window drops and the notification service's idempotent
writes absorb.

A score and the notifications it causes are one trace: each update carries the trace context of
the scoring call that made it (`Outgoing.traceparent`), which the relay's first round, inside
that call, publishes with it. For rounds that run later the row has a `traceparent` column
(migration 006), which the repository's outbox insert and `unpublished` must carry. An update
with no trace of its own (a scheduled run is no call) is published under a span of the round
that publishes it, so that the scoring run and its notifications are still one trace.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from opentelemetry import trace

from civicpulse.messaging.publisher import Publisher
from civicpulse.messaging.tracing import current_traceparent
from civicpulse.runtime.clock import Clock
from scoring.repository import ScoringRepository

BATCH = 500
tracer = trace.get_tracer(__name__)


class OutboxRelay:
    # How often the service's periodic work calls `flush`: a failed round waits for the next.
    every_seconds = 5.0

    def __init__(self, repository: ScoringRepository, publisher: Publisher, clock: Clock) -> None:
        self._repository = repository
        self._publisher = publisher
        self._clock = clock
        self._lock = asyncio.Lock()

    async def flush(self) -> int:
        """Publishes every pending update; returns how many. Raises if the bus refuses them."""
        published = 0
        async with self._lock:
            while pending := await self._repository.unpublished(BATCH):
                with tracer.start_as_current_span("publish risk updates") as span:
                    span.set_attribute("messaging.batch.message_count", len(pending))
                    round_trace = current_traceparent()
                    pending = [p if p.traceparent else replace(p, traceparent=round_trace) for p in pending]
                    await self._publisher.publish_batch(pending)
                    await self._repository.mark_published([p.msg_id for p in pending], self._clock())
                published += len(pending)
        return published
