"""NotificationService: subscriptions, the notification stream, acknowledgements; protobuf <->
the domain (notification.domain) and the subscriber streams (notification.subscriber_stream)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import aclosing
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime import metrics
from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import CivicpulseError, NotFound, Resource, check_text_fields
from notification.domain import Subscription, check_note
from notification.repository import NotificationRepository
from notification.subscriber_stream import SubscriberStreams

log = logging.getLogger(__name__)
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["NotificationService"].full_name
RIGHTS = method_rights(
    SERVICE_NAME,
    {"CreateSubscription": {Role.APPLICATION}, "Subscribe": {Role.APPLICATION}, "Acknowledge": {Role.APPLICATION}},
)


class NotificationServicer(notification_pb2_grpc.NotificationServiceServicer):
    def __init__(
        self,
        city: CityProfile,
        repository: NotificationRepository,
        streams: SubscriberStreams,
        clock: Callable[[], datetime],
    ) -> None:
        self._city = city
        self._repository = repository
        self._streams = streams
        self._clock = clock

    async def CreateSubscription(self, request: pb.CreateSubscriptionRequest, context: grpc.aio.ServicerContext):
        subscription = Subscription.requested(current_caller(), request.zones, request.min_risk_level, self._city)
        await self._repository.save_subscription(subscription, self._clock())
        log.info(
            "%s subscribed from level %d",
            subscription.subscriber,
            subscription.min_risk_level,
            extra={
                "fields": {
                    "event": "subscription_saved",
                    "subscriber": subscription.subscriber,
                    "min_risk_level": subscription.min_risk_level,
                    "zones": len(subscription.zones),  # 0: every zone it may see
                }
            },
        )
        return pb.CreateSubscriptionResponse(
            subscriber=subscription.subscriber, zones=sorted(subscription.zones), min_risk_level=subscription.min_risk_level
        )

    async def Subscribe(self, request: pb.SubscribeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        subscription = await self._repository.subscription(subscriber)
        fields = {
            "subscriber": subscriber,
            "min_risk_level": subscription.min_risk_level if subscription else None,  # None: no subscription yet
            "after_sequence": request.after_sequence,
        }
        log.info("%s opened its notification stream", subscriber, extra={"fields": {"event": "stream_opened", **fields}})
        metrics.SUBSCRIBERS.inc()
        started, streamed, ended = time.monotonic(), 0, "closed"
        try:
            async with aclosing(self._streams.notifications(subscriber, request.after_sequence)) as notifications:
                async for notification in notifications:
                    yield notification
                    streamed += 1
        except CivicpulseError as exc:
            ended = exc.reason
            raise
        finally:
            metrics.SUBSCRIBERS.dec()
            closed = {"streamed": streamed, "ended": ended, "duration_seconds": round(time.monotonic() - started, 3)}
            log.info(
                "%s closed its notification stream", subscriber, extra={"fields": {"event": "stream_closed", **fields, **closed}}
            )

    async def Acknowledge(self, request: pb.AcknowledgeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        check_text_fields(request, identifiers=("notification_id",), notes=("note",))
        check_note(request.note)
        delivered = await self._repository.delivery(request.notification_id)
        if delivered is None or delivered.subscriber != subscriber:
            raise NotFound(
                f"no notification {request.notification_id!r} for {subscriber}",
                Resource("notification", request.notification_id, subscriber),
                reason="NOTIFICATION_NOT_FOUND",
            )
        now = self._clock()
        first = await self._repository.acknowledge(request.notification_id, subscriber, request.note, now)
        waited = max((now - delivered.delivered_at).total_seconds(), 0.0)
        if first:  # a notification is acknowledged once; a second acknowledgement is only recorded
            metrics.NOTIFICATIONS_ACKNOWLEDGED.inc()
            metrics.ACKNOWLEDGE_SECONDS.observe(waited)
        log.info(
            "%s acknowledged a level %d notification of zone %s after %.0f s",
            subscriber,
            delivered.max_risk_level,
            delivered.zone,
            waited,
            extra={
                "fields": {
                    "event": "acknowledged",
                    "subscriber": subscriber,
                    "notification_id": request.notification_id,
                    "zone": delivered.zone,
                    "max_risk_level": delivered.max_risk_level,
                    "seconds_since_delivery": round(waited, 3),
                    "first": first,
                    "note_given": bool(request.note),  # the note itself may name someone: never logged
                }
            },
        )
        at = Timestamp()
        at.FromDatetime(now)
        return pb.AcknowledgeResponse(acknowledged_at=at, acknowledged_by=subscriber)
