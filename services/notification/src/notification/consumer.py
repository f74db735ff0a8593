"""Reads SCORES, matches each zone update against subscriptions, audits and publishes per subscriber."""

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
from civicpulse.runtime.clock import to_datetime
from civicpulse.scoring.v1 import scoring_pb2
from notification.domain import may_receive, notification_id
from notification.repository import NotificationRepository

STAGE = "notification"
log = logging.getLogger(__name__)


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
        delivered_at = Timestamp()
        delivered_at.FromDatetime(now)
        subscriptions = await self._repository.subscriptions()
        audit, outgoing, outcomes = [], [], []
        for item in items:
            try:
                update = scoring_pb2.ZoneRiskUpdate.FromString(item.message.data)
            except DecodeError:
                await self._publisher.publish(dead_letter(STAGE, "unparseable", at=now, item=item))
                outcomes.append(term("unparseable"))
                continue
            for subscription in subscriptions:
                if not subscription.wants(update.zone, update.max_risk_level):
                    continue
                # Only what the subscriber's credentials let it see now (revoked: nothing).
                if not may_receive(self._callers.get(subscription.subscriber), update.zone):
                    continue
                nid = notification_id(subscription.subscriber, update.update_id)
                audit.append(
                    (
                        nid,
                        subscription.subscriber,
                        update.update_id,
                        update.zone,
                        update.max_risk_level,
                        update.model_version,
                        to_datetime(update.issue_time),
                        now,
                    )
                )
                note = notification_pb2.SubscribeResponse(
                    notification_id=nid, subscriber=subscription.subscriber, update=update, delivered_at=delivered_at
                )
                outgoing.append(Outgoing(notify_subject(subscription.subscriber), note.SerializeToString(), nid))
            outcomes.append(ACK)
        # Audit first: a notification is never sent without its record. A failure raises: the
        # consumer retries the batch when it is transient, else isolates the update that causes it.
        await self._repository.record_deliveries(audit)
        await self._publisher.publish_batch(outgoing)
        return outcomes

    async def poisoned(self, item: Item, cause: str) -> None:
        await self._publisher.publish(dead_letter(STAGE, "undeliverable", detail=cause, at=self._clock(), item=item))


# Its subscription: each risk update (one per message) to RiskUpdateHandler.
SCORES_SUBSCRIBER = Subscriber(NOTIFICATION_READS_SCORES)
