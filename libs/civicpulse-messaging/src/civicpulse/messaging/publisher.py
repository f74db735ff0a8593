"""Publishing to JetStream with message ids (deduplication) and trace headers, singly or in batches.

The event path carries several events per message; `runs_within` cuts them so that each message
stays under the server's payload limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from nats.js import JetStreamContext
from nats.js.api import PubAck

from civicpulse.messaging.tracing import TRACEPARENT, current_traceparent


@dataclass(frozen=True)
class Outgoing:
    subject: str
    payload: bytes
    # Nats-Msg-Id: JetStream drops a second message with the same id inside the duplicate window.
    msg_id: str | None = None
    # The trace the message continues: the span current when it was made, so that a message kept
    # and published later (an outbox row) or among others (a batch) still joins its own trace.
    traceparent: str | None = field(default_factory=current_traceparent, compare=False)


# Left free in every message for headers and the batch's own fields.
ENVELOPE_BYTES = 8192
# Each element of a repeated field costs its tag and its length besides its bytes.
ELEMENT_OVERHEAD = 6


def runs_within(sizes: Sequence[int], limit: int) -> list[tuple[int, int]]:
    """Cuts elements of these serialised sizes into consecutive runs [start, end) of at most `limit`
    bytes each (an element larger than `limit` alone makes a run)."""
    runs, start, used = [], 0, 0
    for index, size in enumerate(sizes):
        size += ELEMENT_OVERHEAD
        if used + size > limit and index > start:
            runs.append((start, index))
            start, used = index, 0
        used += size
    if start < len(sizes):
        runs.append((start, len(sizes)))
    return runs


class Publisher:
    def __init__(self, js: JetStreamContext, timeout: float = 10.0, max_payload: int = 1 << 20) -> None:
        self._js = js
        self._timeout = timeout
        # What one message's events may take: the server's limit less room for the envelope.
        self.batch_bytes = max(max_payload - ENVELOPE_BYTES, 1024)

    @staticmethod
    def _headers(message: Outgoing) -> dict[str, str]:
        headers = {TRACEPARENT: message.traceparent} if message.traceparent else {}
        if message.msg_id:
            headers["Nats-Msg-Id"] = message.msg_id
        return headers

    async def publish(self, message: Outgoing) -> PubAck:
        return await self._js.publish(message.subject, message.payload, timeout=self._timeout, headers=self._headers(message))

    async def publish_batch(self, messages: list[Outgoing]) -> list[PubAck]:
        """Publishes all at once and waits for every ack; acks come back in order.

        Raises if any publish failed, with the server's error (e.g. a stream at its limits): the
        caller must not ack its input in that case. Each message is an awaited request rather than
        `publish_async`, whose futures never learn of a server error (nats-py raises it in the
        reply handler instead), so that a refusal is known at once, not at the timeout. Messages
        carry batches of events: a call publishes only a few.
        """
        return list(await asyncio.gather(*(self.publish(m) for m in messages)))
