"""Replays partner events through the ingestion API, as a partner system would, and tallies the answers."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import grpc

from civicpulse.devstack.partners import batched
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc


@dataclass
class ReplayTally:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    # "<field>: <reason>" of each rejected event's first violation -> count
    rejected: Counter[str] = field(default_factory=Counter)

    def add(self, response: ingestion_pb2.IngestEventsResponse) -> None:
        for result in response.results:
            self.sent += 1
            if result.status == ingestion_pb2.EVENT_STATUS_ACCEPTED:
                self.accepted += 1
            elif result.status == ingestion_pb2.EVENT_STATUS_DUPLICATE:
                self.duplicate += 1
            else:
                first = result.violations[0] if result.violations else None
                self.rejected[f"{first.field}: {first.reason}" if first else "unspecified"] += 1

    def merge(self, other: ReplayTally) -> None:
        self.sent += other.sent
        self.accepted += other.accepted
        self.duplicate += other.duplicate
        self.rejected.update(other.rejected)


async def replay(
    target: str, token: str, events: Iterable[events_pb2.PartnerEvent], batch_size: int = 500, concurrency: int = 4
) -> ReplayTally:
    """Sends batches with up to `concurrency` calls in flight. A failed call raises: nothing is miscounted."""
    tally = ReplayTally()
    metadata = (("authorization", f"Bearer {token}"),)
    slots = asyncio.Semaphore(concurrency)
    async with grpc.aio.insecure_channel(target) as channel:
        stub = ingestion_pb2_grpc.IngestionServiceStub(channel)

        async def send(batch: list[events_pb2.PartnerEvent]) -> None:
            try:
                response = await stub.IngestEvents(ingestion_pb2.IngestEventsRequest(events=batch), metadata=metadata, timeout=30)
            except grpc.aio.AioRpcError as exc:
                raise RuntimeError(f"ingestion refused a batch of {len(batch)}: {exc.code().name} {exc.details()}") from exc
            finally:
                slots.release()
            tally.add(response)

        tasks = []
        for batch in batched(events, batch_size):
            await slots.acquire()
            tasks.append(asyncio.create_task(send(batch)))
        await asyncio.gather(*tasks)
    return tally
