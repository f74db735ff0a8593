"""Publishing to JetStream with message ids (deduplication) and trace headers, singly or in batches."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from nats.js import JetStreamContext
from nats.js.api import PubAck

from civicpulse.messaging.tracing import inject_headers


@dataclass(frozen=True)
class Outgoing:
    subject: str
    payload: bytes
    # Nats-Msg-Id: JetStream drops a second message with the same id inside the duplicate window.
    msg_id: str | None = None


class Publisher:
    def __init__(self, js: JetStreamContext, timeout: float = 10.0) -> None:
        self._js = js
        self._timeout = timeout

    @staticmethod
    def _headers(msg_id: str | None) -> dict[str, str]:
        headers = inject_headers()
        if msg_id:
            headers["Nats-Msg-Id"] = msg_id
        return headers

    async def publish(self, message: Outgoing) -> PubAck:
        return await self._js.publish(
            message.subject, message.payload, timeout=self._timeout, headers=self._headers(message.msg_id)
        )

    async def publish_batch(self, messages: list[Outgoing]) -> list[PubAck]:
        """Publishes without waiting for each ack, then waits for all; acks come back in order.

        Raises if any publish failed: the caller must not ack its input in that case.
        """
        futures = [
            await self._js.publish_async(m.subject, m.payload, headers=self._headers(m.msg_id), wait_stall=self._timeout)
            for m in messages
        ]
        return list(await asyncio.wait_for(asyncio.gather(*futures), timeout=self._timeout))
