"""A subscriber's notifications, read from its subject of the NOTIFICATIONS stream.

Each read is an ordered consumer of its own: any replica can serve any subscriber, and the stream
sequence is the application's cursor, so a reconnection resumes where it left off. Rights are
those of now: a zone withdrawn since delivery is not caught up on, and credentials revoked end the
stream.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan

from civicpulse.messaging.topology import NOTIFICATIONS, notify_subject
from civicpulse.messaging.tracing import publisher_of
from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.runtime.access import CallerRegistry
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, Unauthenticated
from notification.domain import may_receive

# The bus numbers a stream's messages with unsigned 64-bit sequences: none follows the largest.
MAX_SEQUENCE = 2**64 - 1

tracer = trace.get_tracer(__name__)


class SubscriberStreams:
    def __init__(self, js: JetStreamContext, callers: CallerRegistry) -> None:
        self._js = js
        self._callers = callers

    async def notifications(self, subscriber: str, after_sequence: int) -> AsyncIterator[pb.SubscribeResponse]:
        """The subscriber's notifications after `after_sequence` (0: from the first), each with its
        sequence, then those that come, for as long as the caller reads."""
        if after_sequence >= MAX_SEQUENCE:
            raise InvalidArgument(
                "after_sequence is out of range",
                (FieldProblem("after_sequence", "out_of_range", f"a sequence below {MAX_SEQUENCE}"),),
            )
        subscription = await self._js.subscribe(
            notify_subject(subscriber), stream=NOTIFICATIONS.name, ordered_consumer=True, config=start_after(after_sequence)
        )
        try:
            async for message in subscription.messages:
                notification = pb.SubscribeResponse.FromString(message.data)
                caller = self._callers.get(subscriber)
                if caller is None:
                    raise Unauthenticated(f"the credentials of {subscriber} were revoked", reason="CREDENTIALS_REVOKED")
                if not may_receive(caller, notification.update.zone):
                    continue
                notification.sequence = message.metadata.sequence.stream
                # The last hop of the trace that scored the zone: handed to the subscriber's stream,
                # ended when the stream asks for the next one (the previous was written).
                delivered = trace.set_span_in_context(NonRecordingSpan(publisher_of(message.headers)))
                span = tracer.start_span("send notification", context=delivered)
                span.set_attribute("civicpulse.zone", notification.update.zone)
                try:
                    yield notification
                finally:
                    span.end()
        finally:
            await subscription.unsubscribe()


def start_after(sequence: int) -> ConsumerConfig:
    if sequence == 0:
        return ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
    return ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=sequence + 1)
