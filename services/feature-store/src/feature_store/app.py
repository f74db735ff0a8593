"""Composition root of the feature store."""

from __future__ import annotations

from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.messaging.publisher import Publisher
from civicpulse.runtime.app import ServiceApp
from feature_store.agenda import Agenda, AgendaLimits
from feature_store.consumer import EVENTS_SUBSCRIBER, TEXTS_SUBSCRIBER, EventStoreHandler, TextStoreHandler
from feature_store.grpc_api import RIGHTS, FeatureStoreServicer
from feature_store.matrix import Matrices, MatrixLimits
from feature_store.observed import CountsLimits, ObservedCounts, min_published_count
from feature_store.repository import FeatureRepository
from feature_store.retention import Retention, rules_of
from feature_store.settings import FeatureStoreSettings


class FeatureStoreApp(ServiceApp, service="feature-store"):
    settings: FeatureStoreSettings

    async def build(self) -> None:
        s = self.settings
        city = self.city()
        pool = await self.open_database()
        repository = FeatureRepository(pool)
        nc, js = await self.open_bus()
        matrices = Matrices(repository, city, s.history_days, MatrixLimits(s.matrix_max_rows, s.matrix_max_span_days))
        agenda = Agenda(repository, city, AgendaLimits(s.scheduled_max_events, s.scheduled_max_span_days))
        partners = self.partners()
        min_count = min_published_count(partners, city.targets)
        observed = ObservedCounts(repository, city, min_count, CountsLimits(s.counts_max_span_days, s.counts_max_rows))
        servicer = FeatureStoreServicer(matrices, agenda, observed, repository, city, s.chunk_rows, partners.police_generated)
        await self.serve_api(feature_store_pb2_grpc.add_FeatureStoreServiceServicer_to_server, servicer, RIGHTS)
        if s.retention_check_minutes:
            retention = Retention(pool, rules_of(partners), self.clock)
            self.run_periodically("retention", s.retention_check_minutes * 60, retention.enforce)
        handler = EventStoreHandler(repository, Publisher(js, max_payload=nc.max_payload), self.clock)
        consumer = EVENTS_SUBSCRIBER.consumer(js, handler, s.batch_size)
        await self.start_consumer(consumer)
        texts = TextStoreHandler(repository, handler)
        await self.start_consumer(TEXTS_SUBSCRIBER.consumer(js, texts, s.batch_size))
