"""NotificationService: subscriptions, the notification stream, acknowledgements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from civicpulse.messaging.topology import NOTIFICATIONS, notify_subject
from civicpulse.notification.v1 import notification_pb2 as pb
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.access import CallerRegistry, Role, current_caller, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.errors import (
    FieldProblem,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Resource,
    Unauthenticated,
    check_text_fields,
)
from notification.domain import MAX_NOTE_CHARS, Subscription, may_receive
from notification.repository import NotificationRepository

# The bus numbers a stream's messages with unsigned 64-bit sequences: none follows the largest.
MAX_SEQUENCE = 2**64 - 1
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["NotificationService"].full_name
RIGHTS = method_rights(
    SERVICE_NAME,
    {"CreateSubscription": {Role.APPLICATION}, "Subscribe": {Role.APPLICATION}, "Acknowledge": {Role.APPLICATION}},
)


class NotificationServicer(notification_pb2_grpc.NotificationServiceServicer):
    def __init__(
        self,
        callers: CallerRegistry,
        city: CityProfile,
        repository: NotificationRepository,
        js: JetStreamContext,
        clock: Callable[[], datetime],
    ) -> None:
        self._callers = callers
        self._city = city
        self._repository = repository
        self._js = js
        self._clock = clock

    async def CreateSubscription(self, request: pb.CreateSubscriptionRequest, context: grpc.aio.ServicerContext):
        caller = current_caller()
        subscriber = caller.id
        problems = []
        unknown = sorted(set(request.zones) - self._city.zones)
        if unknown:
            problems.append(FieldProblem("zones", "unknown_zone", f"not zones of {self._city.name}: {', '.join(unknown[:5])}"))
        if not 1 <= request.min_risk_level <= 5:
            problems.append(FieldProblem("min_risk_level", "out_of_range", "a risk level from 1 to 5"))
        if problems:
            raise InvalidArgument("invalid subscription", tuple(problems))
        forbidden = sorted(z for z in request.zones if not caller.caller.may_see(z))
        if forbidden:
            raise PermissionDenied(
                f"{subscriber} may not see the zones {', '.join(forbidden[:5])}",
                reason="ZONE_NOT_ALLOWED",
                metadata={"caller": subscriber, "zones": ",".join(forbidden)},
            )
        subscription = Subscription(subscriber, frozenset(request.zones), request.min_risk_level)
        await self._repository.save_subscription(subscription, self._clock())
        return pb.CreateSubscriptionResponse(
            subscriber=subscriber, zones=sorted(subscription.zones), min_risk_level=subscription.min_risk_level
        )

    async def Subscribe(self, request: pb.SubscribeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        if request.after_sequence >= MAX_SEQUENCE:
            raise InvalidArgument(
                "after_sequence is out of range",
                (FieldProblem("after_sequence", "out_of_range", f"a sequence below {MAX_SEQUENCE}"),),
            )
        # An ordered consumer per call: any replica can serve any subscriber, and the stream
        # sequence is the application's cursor, so a reconnection resumes where it left off.
        subscription = await self._js.subscribe(
            notify_subject(subscriber),
            stream=NOTIFICATIONS.name,
            ordered_consumer=True,
            config=start_after(request.after_sequence),
        )
        try:
            async for message in subscription.messages:
                notification = pb.SubscribeResponse.FromString(message.data)
                # Rights are those of now: a zone withdrawn since delivery is not caught up on,
                # and credentials revoked end the stream.
                caller = self._callers.get(subscriber)
                if caller is None:
                    raise Unauthenticated(f"the credentials of {subscriber} were revoked", reason="CREDENTIALS_REVOKED")
                if not may_receive(caller, notification.update.zone):
                    continue
                notification.sequence = message.metadata.sequence.stream
                yield notification
        finally:
            await subscription.unsubscribe()

    async def Acknowledge(self, request: pb.AcknowledgeRequest, context: grpc.aio.ServicerContext):
        subscriber = current_caller().id
        check_text_fields(request, identifiers=("notification_id",), notes=("note",))
        if len(request.note) > MAX_NOTE_CHARS:
            raise InvalidArgument(
                "the note is too long", (FieldProblem("note", "too_long", f"at most {MAX_NOTE_CHARS} characters"),)
            )
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


def start_after(sequence: int) -> ConsumerConfig:
    if sequence == 0:
        return ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
    return ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=sequence + 1)
