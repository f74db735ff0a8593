"""Reads RAW, publishes pseudonymised events to EVENTS and rejections to DEADLETTER."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from google.protobuf.message import DecodeError
from nats.aio.msg import Msg

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.consumer import ACK, ConsumerSpec, Outcome, term
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.streams import RAW
from pseudonymisation.domain import Policy, Rejection, events_subject, pseudonymise

STAGE = "pseudonymisation"


def consumer_spec(batch_size: int) -> ConsumerSpec:
    return ConsumerSpec(stream=RAW.name, durable="pseudonymisation", filter_subject="raw.v1.>", batch_size=batch_size)


class RawEventHandler:
    def __init__(self, policy: Policy, publisher: Publisher, clock: Callable[[], datetime]) -> None:
        self._policy = policy
        self._publisher = publisher
        self._clock = clock

    async def __call__(self, batch: list[Msg]) -> list[Outcome]:
        now = self._clock()
        outgoing: list[Outgoing] = []
        outcomes: list[Outcome] = []
        for message in batch:
            partner = message.subject.split(".")[2] if message.subject.count(".") >= 3 else ""
            try:
                raw = events_pb2.RawEvent.FromString(message.data)
            except DecodeError:
                outgoing.append(dead_letter(STAGE, "unparseable", partner=partner, at=now, message=message))
                outcomes.append(term("unparseable"))
                continue
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
                        message=message,
                    )
                )
                outcomes.append(term(result.reason))
            else:
                outgoing.append(Outgoing(events_subject(result), result.SerializeToString(), result.event_key))
                outcomes.append(ACK)
        # If the bus fails, RAW keeps the batch and redelivers it; message ids make republishing safe.
        await self._publisher.publish_batch(outgoing)
        return outcomes

    async def poisoned(self, message: Msg, cause: str) -> None:
        """A raw event that makes pseudonymisation itself fail: rejected, fail closed, with the cause."""
        partner = message.subject.split(".")[2] if message.subject.count(".") >= 3 else ""
        try:
            raw = events_pb2.RawEvent.FromString(message.data)
            key, kind = self._policy.event_key(raw.partner, raw.event.partner_event_id), raw.event.kind
        except Exception:
            key, kind = "", 0
        await self._publisher.publish(
            dead_letter(
                STAGE, "unprocessable", partner=partner, event_key=key, kind=kind, detail=cause, at=self._clock(), message=message
            )
        )
