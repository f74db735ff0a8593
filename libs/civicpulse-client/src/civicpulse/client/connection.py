"""A TLS channel to ingestion that says who calls, and the documented retry policy applied."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence
from importlib import resources
from pathlib import Path

import grpc

from civicpulse.client.batches import DEFAULT_BATCH_SIZE, BackfillAnswer, SendResult, backfill_answers, send_in_batches
from civicpulse.client.retry import RetryPolicy, with_retries
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc

# Retries of IngestEvents on UNAVAILABLE and RESOURCE_EXHAUSTED, with backoff; a deadline per call.
# Safe: a call sent again is recognised by its events' ids and answered DUPLICATE. BackfillEvents,
# a stream, has no retry policy: gRPC retries a stream only until its first answer, and a backfill
# resumes from its last answered position instead (civicpulse-backfill's checkpoint).
SERVICE_CONFIG = json.loads(resources.files("civicpulse.client").joinpath("service_config.json").read_text())
# This client applies the policy itself (civicpulse.client.retry), also waiting what the server's
# RetryInfo says: gRPC's own retries stay off, or attempts would multiply.
CHANNEL_OPTIONS = [("grpc.service_config", json.dumps(SERVICE_CONFIG)), ("grpc.enable_retries", 0)]


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
        policy: RetryPolicy | None = None,
    ) -> None:
        credentials = grpc.ssl_channel_credentials(
            Path(ca_file).read_bytes(),
            Path(key_file).read_bytes() if key_file else None,
            Path(cert_file).read_bytes() if cert_file else None,
        )
        self._attach(grpc.aio.secure_channel(address, credentials, options=CHANNEL_OPTIONS), token, policy)

    @classmethod
    def from_channel(cls, channel: grpc.aio.Channel, token: str | None = None, policy: RetryPolicy | None = None):
        """A client on a channel of the caller's making (plaintext to a service on this machine,
        say); closing the client closes the channel."""
        client = cls.__new__(cls)
        client._attach(channel, token, policy)
        return client

    def _attach(self, channel: grpc.aio.Channel, token: str | None, policy: RetryPolicy | None) -> None:
        self._channel = channel
        self._stub = ingestion_pb2_grpc.IngestionServiceStub(channel)
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        self.policy = policy or RetryPolicy.from_service_config(SERVICE_CONFIG)

    async def __aenter__(self) -> IngestionClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self._channel.close()

    async def _call(self, events: Sequence[events_pb2.PartnerEvent], timeout: float | None):
        request = ingestion_pb2.IngestEventsRequest(events=events)
        return await self._stub.IngestEvents(request, metadata=self._metadata, timeout=timeout)

    async def ingest(self, events: Sequence[events_pb2.PartnerEvent], timeout: float = 30) -> ingestion_pb2.IngestEventsResponse:
        """One batch, retried by the policy within `timeout` seconds in all: each event's answer, in
        order. A refusal for good raises CallFailed, a grpc.aio.AioRpcError with the refusal read."""
        response, _ = await with_retries(lambda left: self._call(events, left), self.policy, time.monotonic() + timeout)
        return response

    async def send(
        self,
        events: Iterable[events_pb2.PartnerEvent],
        batch_size: int = DEFAULT_BATCH_SIZE,
        deadline: float | None = 120.0,
        attempt_timeout: float | None = 30.0,
    ) -> SendResult:
        """Any number of events, in calls of at most `batch_size` (or the service's smaller maximum),
        each retried within `deadline` seconds: every event's answer, typed (civicpulse.client.batches)."""
        return await send_in_batches(self._call, events, batch_size, self.policy, deadline, attempt_timeout)

    async def backfill(
        self, batches: AsyncIterable[tuple[int, Sequence[events_pb2.PartnerEvent]]], timeout: float | None = None
    ) -> AsyncIterator[ingestion_pb2.BackfillEventsResponse]:
        """Streams (position, events) batches; yields each batch's answer, in order, with its position."""

        async def requests():
            async for position, events in batches:
                yield ingestion_pb2.BackfillEventsRequest(position=position, events=events)

        async for answer in self._stub.BackfillEvents(requests(), metadata=self._metadata, timeout=timeout):
            yield answer

    async def backfill_answers(
        self, batches: AsyncIterable[tuple[int, Sequence[events_pb2.PartnerEvent]]], timeout: float | None = None
    ) -> AsyncIterator[BackfillAnswer]:
        """As `backfill`, each answer typed: its position and its events' answers."""
        async for answer in backfill_answers(self.backfill(batches, timeout)):
            yield answer
