"""Composition root of the ingestion service."""

from __future__ import annotations

from datetime import timedelta

from civicpulse.ingestion.v1 import ingestion_pb2_grpc
from civicpulse.messaging.publisher import Publisher
from civicpulse.runtime.app import ServiceApp
from ingestion.accept import Intake
from ingestion.domain import Rules
from ingestion.grpc_api import RIGHTS, IngestionServicer
from ingestion.settings import IngestionSettings


class IngestionApp(ServiceApp, service="ingestion"):
    settings: IngestionSettings

    async def build(self) -> None:
        s = self.settings
        partners = self.partners()
        rules = Rules(
            self.city(),
            timedelta(seconds=s.max_clock_skew_seconds),
            s.min_crowd_count,
            timedelta(days=s.max_event_age_days),
        )
        nc, js = await self.open_bus()
        intake = Intake(partners, rules, Publisher(js, max_payload=nc.max_payload), self.clock, s.max_batch_size)
        servicer = IngestionServicer(intake)
        await self.serve_api(ingestion_pb2_grpc.add_IngestionServiceServicer_to_server, servicer, RIGHTS)
