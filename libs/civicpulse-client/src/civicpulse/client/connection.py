"""A TLS channel to ingestion that says who calls, with the documented retry policy loaded."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Sequence
from importlib import resources
from pathlib import Path

import grpc

from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc

# Retries of IngestEvents on UNAVAILABLE and RESOURCE_EXHAUSTED, with backoff; a deadline per call.
# Safe: a call sent again is recognised by its events' ids and answered DUPLICATE.
SERVICE_CONFIG = json.loads(resources.files("civicpulse.client").joinpath("service_config.json").read_text())


class IngestionClient:
    """`async with IngestionClient("ingestion:50051", ca_file, token=...) as client:`

    A token travels in the `authorization` metadata. With a certificate and key instead, call the
    service's mutual-TLS port: the certificate says who calls.
    """

    def __init__(
        self,
        address: str,
        ca_file: Path,
        token: str | None = None,
        cert_file: Path | None = None,
        key_file: Path | None = None,
    ) -> None:
        credentials = grpc.ssl_channel_credentials(
            Path(ca_file).read_bytes(),
            Path(key_file).read_bytes() if key_file else None,
            Path(cert_file).read_bytes() if cert_file else None,
        )
        self._channel = grpc.aio.secure_channel(
            address, credentials, options=[("grpc.service_config", json.dumps(SERVICE_CONFIG)), ("grpc.enable_retries", 1)]
        )
        self._stub = ingestion_pb2_grpc.IngestionServiceStub(self._channel)
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()

    async def __aenter__(self) -> IngestionClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self._channel.close()

    async def ingest(self, events: Sequence[events_pb2.PartnerEvent], timeout: float = 30) -> ingestion_pb2.IngestEventsResponse:
        """One call: each event's answer, in order."""
        return await self._stub.IngestEvents(
            ingestion_pb2.IngestEventsRequest(events=events), metadata=self._metadata, timeout=timeout
        )

    async def backfill(
        self, batches: AsyncIterable[tuple[int, Sequence[events_pb2.PartnerEvent]]], timeout: float | None = None
    ) -> AsyncIterator[ingestion_pb2.BackfillEventsResponse]:
        """Streams (position, events) batches; yields each batch's answer, in order, with its position."""

        async def requests():
            async for position, events in batches:
                yield ingestion_pb2.BackfillEventsRequest(position=position, events=events)

        async for answer in self._stub.BackfillEvents(requests(), metadata=self._metadata, timeout=timeout):
            yield answer
