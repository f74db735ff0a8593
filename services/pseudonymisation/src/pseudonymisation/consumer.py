"""Reads RAW batches, publishes pseudonymised events to EVENTS and rejections to DEADLETTER."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from nats.aio.msg import Msg

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.consumer import ACK, ConsumerSpec, Item, Outcome, term
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Outgoing, Publisher, runs_within
from civicpulse.messaging.streams import RAW
from pseudonymisation.domain import Incoming, Policy, Rejection, events_subject, pseudonymise, unpack_raw

STAGE = "pseudonymisation"


def consumer_spec(batch_size: int) -> ConsumerSpec:
    return ConsumerSpec(stream=RAW.name, durable="pseudonymisation", filter_subject="raw.v1.>", batch_size=batch_size)


def unpack(message: Msg) -> list[Incoming]:
    return unpack_raw(message.data)


def content_id(batch: events_pb2.PseudonymisedEventBatch) -> str:
    """The same events in the same order make the same message: a redelivered batch is dropped by the bus."""
    keys = "".join(event.event_key for event in batch.events)  # fixed-length keys: no separator needed
    return "events:" + hashlib.sha256(keys.encode()).hexdigest()[:32]


class RawEventHandler:
    def __init__(self, policy: Policy, publisher: Publisher, clock: Callable[[], datetime]) -> None:
        self._policy = policy
        self._publisher = publisher
        self._clock = clock

    async def __call__(self, items: list[Item]) -> list[Outcome]:
        now = self._clock()
        outgoing: list[Outgoing] = []
        outcomes: list[Outcome] = []
        by_subject: dict[str, list[events_pb2.PseudonymisedEvent]] = {}
        for item in items:
            raw: Incoming = item.value
            result = pseudonymise(raw, self._policy)
            if isinstance(result, Rejection):
                key = self._policy.event_key(raw.partner, raw.event.partner_event_id)
                outgoing.append(
                    dead_letter(
                        STAGE,
                        result.reason,
                        partner=raw.partner,
                        event_key=key,
                        kind=raw.event.kind,
                        detail=result.detail,
                        at=now,
                        item=item,
                    )
                )
                outcomes.append(term(result.reason))
            else:
                by_subject.setdefault(events_subject(result), []).append(result)
                outcomes.append(ACK)
        for subject, events in by_subject.items():
            for start, end in runs_within([e.ByteSize() for e in events], self._publisher.batch_bytes):
                batch = events_pb2.PseudonymisedEventBatch(events=events[start:end])
                outgoing.append(Outgoing(subject, batch.SerializeToString(), content_id(batch)))
        # If the bus fails, RAW keeps the batch and redelivers it; message ids and the store's keys
        # make republishing safe.
        await self._publisher.publish_batch(outgoing)
        return outcomes

    async def poisoned(self, item: Item, cause: str) -> None:
        """A raw event that makes pseudonymisation itself fail (or a message that cannot be read):
        rejected, fail closed, with the cause."""
        subject = item.message.subject
        partner = subject.split(".")[2] if subject.count(".") >= 3 else ""
        key, kind = "", 0
        if item.value is not None:
            raw: Incoming = item.value
            key, kind = self._policy.event_key(raw.partner, raw.event.partner_event_id), raw.event.kind
        reason = "unprocessable" if item.value is not None else "unparseable"
        await self._publisher.publish(
            dead_letter(STAGE, reason, partner=partner, event_key=key, kind=kind, detail=cause, at=self._clock(), item=item)
        )
