"""NotificationService: subscriptions, the notification stream, acknowledgements; protobuf <->
the domain (notification.domain) and the subscriber streams (notification.subscriber_stream)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import aclosing
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import NotFound, Resource, check_text_fields
from notification.domain import Subscription, check_note
from notification.repository import NotificationRepository
from notification.subscriber_stream import SubscriberStreams

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
        return pb.CreateSubscriptionResponse(
            subscriber=subscription.subscriber, zones=sorted(subscription.zones), min_risk_level=subscription.min_risk_level
        )

    async def Subscribe(self, request: pb.SubscribeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        async with aclosing(self._streams.notifications(subscriber, request.after_sequence)) as notifications:
            async for notification in notifications:
                yield notification

    async def Acknowledge(self, request: pb.AcknowledgeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        check_text_fields(request, identifiers=("notification_id",), notes=("note",))
        check_note(request.note)
        if await self._repository.delivery_subscriber(request.notification_id) != subscriber:
            raise NotFound(
                f"no notification {request.notification_id!r} for {subscriber}",
                Resource("notification", request.notification_id, subscriber),
                reason="NOTIFICATION_NOT_FOUND",
            )
        now = self._clock()
        await self._repository.acknowledge(request.notification_id, subscriber, request.note, now)
        at = Timestamp()
        at.FromDatetime(now)
        return pb.AcknowledgeResponse(acknowledged_at=at, acknowledged_by=subscriber)
