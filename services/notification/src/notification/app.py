"""Composition root of the notification service."""

from __future__ import annotations

from civicpulse.messaging.publisher import Publisher
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.app import ServiceApp
from notification.consumer import SCORES_SUBSCRIBER, RiskUpdateHandler
from notification.grpc_api import RIGHTS, NotificationServicer
from notification.overdue import OverdueNotifications
from notification.repository import NotificationRepository
from notification.settings import NotificationSettings
from notification.subscriber_stream import SubscriberStreams


class NotificationApp(ServiceApp, service="notification"):
    settings: NotificationSettings

    async def build(self) -> None:
        s = self.settings
        city = self.city()
        pool = await self.open_database()
        repository = NotificationRepository(pool)
        _, js = await self.open_bus()
        servicer = NotificationServicer(city, repository, SubscriberStreams(js, self.callers()), self.clock)
        await self.serve_api(notification_pb2_grpc.add_NotificationServiceServicer_to_server, servicer, RIGHTS)
        handler = RiskUpdateHandler(repository, Publisher(js), self.clock, self.callers())
        consumer = SCORES_SUBSCRIBER.consumer(js, handler, s.batch_size)
        await self.start_consumer(consumer)
        overdue = OverdueNotifications(repository, city.notifications, self.callers().get, self.clock)
        self.run_periodically("overdue notifications", overdue.every_seconds, overdue.count)
