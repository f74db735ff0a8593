"""Composition root of the notification service."""

from __future__ import annotations

from civicpulse.db.pool import open_app_pool
from civicpulse.messaging.publisher import Publisher
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.city import CityProfile
from notification.consumer import SCORES_SUBSCRIBER, RiskUpdateHandler
from notification.grpc_api import RIGHTS, SERVICE_NAME, NotificationServicer
from notification.repository import NotificationRepository
from notification.settings import NotificationSettings
from notification.subscriber_stream import SubscriberStreams


class NotificationApp(ServiceApp):
    name = "notification"

    settings_class = NotificationSettings
    settings: NotificationSettings

    async def build(self) -> None:
        s = self.settings
        city = CityProfile.load(s.city_profile)
        pool = await open_app_pool(self.resources, s.database_url.get_secret_value(), self.name, s.database_pool_max)
        repository = NotificationRepository(pool)
        _, js = await self.open_bus()
        servicer = NotificationServicer(city, repository, SubscriberStreams(js, self.callers()), self.clock)
        await self.serve_grpc(
            [lambda server: notification_pb2_grpc.add_NotificationServiceServicer_to_server(servicer, server)],
            [SERVICE_NAME],
            RIGHTS,
        )
        handler = RiskUpdateHandler(repository, Publisher(js), self.clock, self.callers())
        consumer = SCORES_SUBSCRIBER.consumer(js, handler, s.batch_size)
        await self.start_consumer(consumer)
