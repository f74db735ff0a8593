"""Reads SCORES: each zone update to its deliveries (notification.deliveries), recorded, then published per subscriber."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from google.protobuf.message import DecodeError
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.messaging.consumer import ACK, Item, Outcome, term
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.topology import NOTIFICATION_READS_SCORES, Subscriber, notify_subject
from civicpulse.notification.v1 import notification_pb2
from civicpulse.runtime.access import CallerRegistry
from civicpulse.scoring.v1 import scoring_pb2
from notification.deliveries import Delivery, deliveries_of
from notification.repository import NotificationRepository

STAGE = "notification"
log = logging.getLogger(__name__)


def _notification(delivery: Delivery, update: scoring_pb2.ZoneRiskUpdate) -> Outgoing:
    """The message on the subscriber's stream, under the delivery's id."""
    delivered_at = Timestamp()
    delivered_at.FromDatetime(delivery.delivered_at)
    note = notification_pb2.SubscribeResponse(
        notification_id=delivery.notification_id, subscriber=delivery.subscriber, update=update, delivered_at=delivered_at
    )
    return Outgoing(notify_subject(delivery.subscriber), note.SerializeToString(), delivery.notification_id)


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
        for item in items:
            try:
                update = scoring_pb2.ZoneRiskUpdate.FromString(item.message.data)
            except DecodeError:
                await self._publisher.publish(dead_letter(STAGE, "unparseable", at=now, item=item))
                outcomes.append(term("unparseable"))
                continue
            of_update = deliveries_of(update, subscriptions, self._callers.get, now)
            deliveries += of_update
            outgoing += [_notification(delivery, update) for delivery in of_update]
            outcomes.append(ACK)
        # Audit first: a notification is never sent without its record. A failure raises: the
        # consumer retries the batch when it is transient, else isolates the update that causes it.
        await self._repository.record_deliveries(deliveries)
        await self._publisher.publish_batch(outgoing)
        return outcomes

    async def poisoned(self, item: Item, cause: str) -> None:
        await self._publisher.publish(dead_letter(STAGE, "undeliverable", detail=cause, at=self._clock(), item=item))


# Its subscription: each risk update (one per message) to RiskUpdateHandler.
SCORES_SUBSCRIBER = Subscriber(NOTIFICATION_READS_SCORES)
