"""NotificationService: subscriptions, the notification stream, acknowledgements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, NotFound
from notification.consumer import notify_subject
from notification.domain import SubscriberRegistry, Subscription
from notification.repository import NotificationRepository


class NotificationServicer(notification_pb2_grpc.NotificationServiceServicer):
    def __init__(
        self,
        subscribers: SubscriberRegistry,
        city: CityProfile,
        repository: NotificationRepository,
        js: JetStreamContext,
        clock: Callable[[], datetime],
    ) -> None:
        self._subscribers = subscribers
        self._city = city
        self._repository = repository
        self._js = js
        self._clock = clock

    async def CreateSubscription(self, request: pb.CreateSubscriptionRequest, context: grpc.aio.ServicerContext):
        subscriber = self._subscribers.authenticate(context.invocation_metadata())
        problems = []
        unknown = sorted(set(request.zones) - self._city.zones)
        if unknown:
            problems.append(FieldProblem("zones", "unknown_zone", f"not zones of {self._city.name}: {', '.join(unknown[:5])}"))
        if not 1 <= request.min_risk_level <= 5:
            problems.append(FieldProblem("min_risk_level", "out_of_range", "a risk level from 1 to 5"))
        if problems:
            raise InvalidArgument("invalid subscription", tuple(problems))
        subscription = Subscription(subscriber, frozenset(request.zones), request.min_risk_level)
        await self._repository.save_subscription(subscription, self._clock())
        return pb.CreateSubscriptionResponse(
            subscriber=subscriber, zones=sorted(subscription.zones), min_risk_level=subscription.min_risk_level
        )

    async def Subscribe(self, request: pb.SubscribeRequest, context: grpc.aio.ServicerContext):
        subscriber = self._subscribers.authenticate(context.invocation_metadata())
        # An ordered consumer per call: any replica can serve any subscriber, and the stream
        # sequence is the application's cursor, so a reconnection resumes where it left off.
        subscription = await self._js.subscribe(
            notify_subject(subscriber), ordered_consumer=True, config=start_after(request.after_sequence)
        )
        try:
            async for message in subscription.messages:
                notification = pb.SubscribeResponse.FromString(message.data)
                notification.sequence = message.metadata.sequence.stream
                yield notification
        finally:
            await subscription.unsubscribe()

    async def Acknowledge(self, request: pb.AcknowledgeRequest, context: grpc.aio.ServicerContext):
        subscriber = self._subscribers.authenticate(context.invocation_metadata())
        if not request.acknowledged_by:
            raise InvalidArgument(
                "who acknowledged is required", (FieldProblem("acknowledged_by", "required", "a role or operator code"),)
            )
        if await self._repository.delivery_subscriber(request.notification_id) != subscriber:
            raise NotFound(f"no notification {request.notification_id!r} for {subscriber}")
        now = self._clock()
        await self._repository.acknowledge(request.notification_id, subscriber, request.acknowledged_by, request.note, now)
        at = Timestamp()
        at.FromDatetime(now)
        return pb.AcknowledgeResponse(acknowledged_at=at)


def start_after(sequence: int) -> ConsumerConfig:
    if sequence == 0:
        return ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
    return ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=sequence + 1)
