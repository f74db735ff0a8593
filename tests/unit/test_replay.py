"""Replay through a real gRPC server whose IngestionService is a tiny fake written here.

The real ingestion service is tested elsewhere (tests/integration/test_replay.py); this fake only
answers by a simple rule so the tally can be checked exactly: an id seen before is a duplicate, an even
id is accepted, an odd id is rejected with a violation.
"""

import asyncio
from contextlib import asynccontextmanager

import grpc
import pytest

from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.lab.replay import ReplayError, ReplayTally, batched, replay

TOKEN = "test-partner-token"


class FakeIngestion(ingestion_pb2_grpc.IngestionServiceServicer):
    def __init__(self, delay: float = 0.0, drop_last_result: bool = False, fail_after_storing: int = 0) -> None:
        self.delay = delay
        # Calls that take their events, then fail as if the bus went away before answering.
        self.fail_after_storing = fail_after_storing
        self.drop_last_result = drop_last_result
        self.seen: set[str] = set()
        self.authorizations: list[str] = []
        self.batch_sizes: list[int] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def IngestEvents(self, request, context):  # noqa: N802 (gRPC method name)
        metadata = dict(context.invocation_metadata())
        self.authorizations.append(metadata.get("authorization", ""))
        if metadata.get("authorization") != f"Bearer {TOKEN}":
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "unknown partner token")
        self.batch_sizes.append(len(request.events))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        response = ingestion_pb2.IngestEventsResponse()
        for event in request.events:
            result = response.results.add(partner_event_id=event.partner_event_id)
            if event.partner_event_id in self.seen:
                result.status = ingestion_pb2.EVENT_STATUS_DUPLICATE
            elif int(event.partner_event_id.removeprefix("e-")) % 2 == 0:
                result.status = ingestion_pb2.EVENT_STATUS_ACCEPTED
                self.seen.add(event.partner_event_id)
            else:
                result.status = ingestion_pb2.EVENT_STATUS_REJECTED
                result.violations.add(field="category", reason="unknown_category", description="odd ids are refused")
                result.violations.add(field="location", reason="required", description="a second violation")
        if self.drop_last_result:
            del response.results[-1]
        if self.fail_after_storing > 0:
            self.fail_after_storing -= 1
            await context.abort(grpc.StatusCode.UNAVAILABLE, "the bus went away before the answer")
        return response


@asynccontextmanager
async def serving(servicer: FakeIngestion):
    server = grpc.aio.server()
    ingestion_pb2_grpc.add_IngestionServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await server.stop(grace=None)


def events(*numbers: int) -> list[events_pb2.PartnerEvent]:
    return [
        events_pb2.PartnerEvent(partner_event_id=f"e-{n}", kind=events_pb2.EVENT_KIND_INCIDENT_REPORT, category="theft")
        for n in numbers
    ]


async def test_tally_counts_every_answer_and_sends_the_bearer_token():
    fake = FakeIngestion()
    async with serving(fake) as target:
        # 0..24: 13 even (accepted), 12 odd (rejected); then 0 and 2 again (duplicates), 3 again (rejected again).
        tally = await replay(target, TOKEN, iter(events(*range(25), 0, 2, 3)), batch_size=4, concurrency=3)
    assert (tally.sent, tally.accepted, tally.duplicate) == (28, 13, 2)
    assert tally.rejected == {"category: unknown_category": 13}  # the first violation only
    assert sum(fake.batch_sizes) == 28 and sorted(fake.batch_sizes) == [4] * 7
    assert fake.authorizations and set(fake.authorizations) == {f"Bearer {TOKEN}"}


async def test_calls_overlap_up_to_the_concurrency_limit():
    fake = FakeIngestion(delay=0.05)
    async with serving(fake) as target:
        tally = await replay(target, TOKEN, events(*range(40)), batch_size=2, concurrency=3)
    assert tally.sent == 40 and len(fake.batch_sizes) == 20
    assert 1 < fake.max_in_flight <= 3


async def test_nothing_to_send_makes_no_call():
    fake = FakeIngestion()
    async with serving(fake) as target:
        tally = await replay(target, TOKEN, [])
    assert tally == ReplayTally() and fake.batch_sizes == []


async def test_a_refused_call_raises_with_the_grpc_status():
    fake = FakeIngestion()
    async with serving(fake) as target:
        with pytest.raises(RuntimeError, match="UNAUTHENTICATED") as raised:
            await replay(target, "not-the-token", events(*range(10)), batch_size=3, concurrency=2)
    assert isinstance(raised.value, ReplayError)
    assert isinstance(raised.value.__cause__, grpc.aio.AioRpcError)
    assert fake.authorizations[0] == "Bearer not-the-token"


async def test_a_call_past_its_deadline_raises():
    async with serving(FakeIngestion(delay=2.0)) as target:
        with pytest.raises(ReplayError, match="DEADLINE_EXCEEDED"):
            await replay(target, TOKEN, events(0, 1), timeout=0.2, retry_for=0.0)


async def test_an_unreachable_server_raises():
    async with serving(FakeIngestion()) as target:
        pass  # the server is stopped: nothing listens on its port any more
    with pytest.raises(ReplayError, match="UNAVAILABLE"):
        await replay(target, TOKEN, events(0), timeout=2.0, retry_for=1.0)


async def test_an_answer_missing_results_raises_instead_of_miscounting():
    async with serving(FakeIngestion(drop_last_result=True)) as target:
        with pytest.raises(ReplayError, match="2 results for a batch of 3"):
            await replay(target, TOKEN, events(0, 1, 2))


def test_merge_adds_up_tallies():
    total = ReplayTally(sent=3, accepted=2, duplicate=0)
    total.rejected["location: required"] += 1
    other = ReplayTally(sent=4, accepted=1, duplicate=1)
    other.rejected.update({"location: required": 1, "category: unknown_category": 1})
    assert total.merge(other) is total
    assert (total.sent, total.accepted, total.duplicate) == (7, 3, 1)
    assert total.rejected == {"location: required": 2, "category: unknown_category": 1}
    assert other.sent == 4  # the merged tally is left as it was


async def test_invalid_concurrency_is_refused():
    with pytest.raises(ValueError):
        await replay("127.0.0.1:1", TOKEN, events(0), concurrency=0)


async def test_a_call_that_failed_after_delivering_is_retried_and_its_events_count_once():
    fake = FakeIngestion(fail_after_storing=2)
    async with serving(fake) as target:
        tally = await replay(target, TOKEN, events(*range(10), 4), batch_size=4, concurrency=1, retry_for=30.0)
    # The retries came back DUPLICATE for the events the failed calls had delivered: accepted, once.
    assert tally.retried_calls == 2
    assert tally.sent == 11 and tally.accepted == 5 and tally.rejected["category: unknown_category"] == 5
    assert tally.duplicate == 1  # e-4 sent twice by the partner: a real duplicate


def answer(*results: tuple[str, int]) -> ingestion_pb2.IngestEventsResponse:
    return ingestion_pb2.IngestEventsResponse(
        results=[ingestion_pb2.EventResult(partner_event_id=i, status=status) for i, status in results]
    )


def test_an_id_accepted_again_in_another_call_counts_once():
    """The bus recognises a call sent again, not an event resent in another call: that one comes
    back ACCEPTED and is stored once, so the tally counts it as a duplicate."""
    tally = ReplayTally()
    tally.add(answer(("a", ingestion_pb2.EVENT_STATUS_ACCEPTED), ("b", ingestion_pb2.EVENT_STATUS_ACCEPTED)))
    tally.add(answer(("a", ingestion_pb2.EVENT_STATUS_ACCEPTED), ("c", ingestion_pb2.EVENT_STATUS_ACCEPTED)))
    tally.add(answer(("c", ingestion_pb2.EVENT_STATUS_DUPLICATE)))
    assert (tally.sent, tally.accepted, tally.duplicate) == (5, 3, 2)
    assert tally.accepted_ids == {"a", "b", "c"}


def test_batched_edge_cases():
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched(range(4), 2)) == [[0, 1], [2, 3]]
    assert list(batched(range(3), 10)) == [[0, 1, 2]]
    assert list(batched(range(3), 1)) == [[0], [1], [2]]
    assert list(batched([], 3)) == []
    assert list(batched((x for x in "abc"), 2)) == [["a", "b"], ["c"]]
    with pytest.raises(ValueError):
        list(batched([1], 0))
    with pytest.raises(ValueError):
        list(batched([1], -2))


def test_batched_is_lazy():
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield i

    first = next(batched(source(), 3))
    assert first == [0, 1, 2] and pulled == [0, 1, 2]
