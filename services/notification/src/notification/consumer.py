"""Reads SCORES: each zone update to its deliveries (notification.deliveries), recorded, then published per subscriber."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from google.protobuf.message import DecodeError
from google.protobuf.timestamp_pb2 import Timestamp
from opentelemetry import trace

from civicpulse.messaging.consumer import ACK, Item, Outcome, term
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.topology import NOTIFICATION_READS_SCORES, Subscriber, notify_subject
from civicpulse.messaging.tracing import span_of, traceparent
from civicpulse.notification.v1 import notification_pb2
from civicpulse.runtime.access import CallerRegistry
from civicpulse.scoring.v1 import scoring_pb2
from notification.deliveries import Delivery, deliveries_of
from notification.repository import NotificationRepository

STAGE = "notification"
log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


def _notification(delivery: Delivery, update: scoring_pb2.ZoneRiskUpdate, trace_parent: str | None) -> Outgoing:
    """The message on the subscriber's stream, under the delivery's id, in the trace of its update."""
    delivered_at = Timestamp()
    delivered_at.FromDatetime(delivery.delivered_at)
    note = notification_pb2.SubscribeResponse(
        notification_id=delivery.notification_id, subscriber=delivery.subscriber, update=update, delivered_at=delivered_at
    )
    return Outgoing(notify_subject(delivery.subscriber), note.SerializeToString(), delivery.notification_id, trace_parent)


class RiskUpdateHandler:
    def __init__(
        self, repository: NotificationRepository, publisher: Publisher, clock: Callable[[], datetime], callers: CallerRegistry
    ) -> None:
        self._repository = repository
        self._callers = callers
        self._publisher = publisher
        self._clock = clock

    async def __call__(self, items: list[Item]) -> list[Outcome]:
        now = self._clock()
        subscriptions = await self._repository.subscriptions()
        deliveries: list[Delivery] = []
        outgoing: list[Outgoing] = []
        outcomes: list[Outcome] = []
        # One span per update, in its score's trace, over the recording and publishing of its
        # deliveries (done for the whole batch at once): the notifications continue that trace.
        delivering: list[trace.Span] = []
        for item in items:
            try:
                update = scoring_pb2.ZoneRiskUpdate.FromString(item.message.data)
            except DecodeError:
                await self._publisher.publish(dead_letter(STAGE, "unparseable", at=now, item=item))
                outcomes.append(term("unparseable"))
                continue
            of_update = deliveries_of(update, subscriptions, self._callers.get, now)
            span = tracer.start_span(
                "deliver risk update",
                context=trace.set_span_in_context(span_of(item.message)),
                kind=trace.SpanKind.PRODUCER,
                attributes={"civicpulse.zone": update.zone, "civicpulse.deliveries": len(of_update)},
            )
            delivering.append(span)
            update_trace = traceparent(span.get_span_context())
            deliveries += of_update
            outgoing += [_notification(delivery, update, update_trace) for delivery in of_update]
            outcomes.append(ACK)
        try:
            # Audit first: a notification is never sent without its record. A failure raises: the
            # consumer retries the batch when it is transient, else isolates the update that causes it.
            await self._repository.record_deliveries(deliveries)
            await self._publisher.publish_batch(outgoing)
        except Exception as error:
            for span in delivering:
                span.set_status(trace.Status(trace.StatusCode.ERROR, type(error).__name__))
            raise
        finally:
            for span in delivering:
                span.end()
        return outcomes

    async def poisoned(self, item: Item, cause: str) -> None:
        await self._publisher.publish(dead_letter(STAGE, "undeliverable", detail=cause, at=self._clock(), item=item))


# Its subscription: each risk update (one per message) to RiskUpdateHandler.
SCORES_SUBSCRIBER = Subscriber(NOTIFICATION_READS_SCORES)
