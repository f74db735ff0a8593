"""Deadlines are honoured: ingestion does no work for a caller that has stopped waiting.

gRPC cancels a handler at its deadline, but only where it next waits: a batch validated past the
deadline would still be handed to the bus. Ingestion looks at the time left before it validates
and before it publishes, publishes within it, and refuses at once a wait that would outlast it.
"""

import asyncio
import time

import grpc
import pytest

from civicpulse.ingestion.v1 import ingestion_pb2 as pb
from civicpulse.ingestion.v1 import ingestion_pb2_grpc
from factories import partner_event
from support import POLICE

pytestmark = pytest.mark.integration


async def raw_messages(js) -> int:
    return (await js.stream_info("RAW")).state.messages


async def test_a_batch_whose_deadline_passes_before_it_is_published_is_not_published(start_ingestion, js):
    """Validating 10,000 events takes longer than the call's 50 ms: the call ends DEADLINE_EXCEEDED,
    and the events never reach the bus (they did before: the handler went on to publish them)."""
    app = await start_ingestion(max_batch=10_000)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
            stub = ingestion_pb2_grpc.IngestionServiceStub(channel)
            events = [partner_event(f"late-{i}") for i in range(10_000)]
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await stub.IngestEvents(pb.IngestEventsRequest(events=events), metadata=POLICE, timeout=0.05)
            assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            await asyncio.sleep(1)
            assert await raw_messages(js) == 0
            # With time enough, the same call goes through.
            reply = await stub.IngestEvents(pb.IngestEventsRequest(events=events), metadata=POLICE, timeout=60)
            assert reply.accepted == 10_000
    finally:
        await app.stop()


async def test_a_backfill_does_not_wait_past_its_deadline(start_ingestion, js):
    """The partner's next batch must wait 2 s for its rate; the stream's deadline is 1 s away: it
    ends at once, saying when to retry, and the batch is not published when the 2 s are over."""
    app = await start_ingestion(rate_limits={"houston-police": {"events_per_second": 5, "burst": 10}})
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
            stub = ingestion_pb2_grpc.IngestionServiceStub(channel)

            async def batches():
                for position in (1, 2):
                    yield pb.BackfillEventsRequest(
                        position=position, events=[partner_event(f"h{position}-{i}") for i in range(10)]
                    )

            answers, started = [], time.monotonic()
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                async for answer in stub.BackfillEvents(batches(), metadata=POLICE, timeout=1):
                    answers.append(answer)
            assert time.monotonic() - started < 0.9
            assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and "retry in" in caught.value.details()
            assert [a.position for a in answers] == [1]
            await asyncio.sleep(2.5)
            assert await raw_messages(js) == 1
    finally:
        await app.stop()
