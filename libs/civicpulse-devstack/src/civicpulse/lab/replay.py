"""Replays partner events through the ingestion API, as a partner system would, and tallies the answers."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

import grpc

from civicpulse.devstack.endpoint import Endpoint, endpoint
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc

T = TypeVar("T")
CALL_TIMEOUT_SECONDS = 30.0
# Failures that pass: the call is sent again.
RETRYABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.RESOURCE_EXHAUSTED)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), consuming `items` lazily; never an empty list."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class ReplayError(RuntimeError):
    """A whole IngestEvents call failed or gave an unusable answer: the replay stops rather than miscount."""


@dataclass
class ReplayTally:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    # "<field>: <reason>" of each rejected event's first violation -> count
    rejected: Counter[str] = field(default_factory=Counter)
    retried_calls: int = 0
    _accepted: set[str] = field(default_factory=set, repr=False)

    def add(self, response: ingestion_pb2.IngestEventsResponse, retried: bool = False) -> None:
        """Counts per event id: `accepted` is the ids accepted, each once, and `duplicate` every
        other answer for them (DUPLICATE, or ACCEPTED again for an id resent in another call,
        which the pipeline stores once). After a failed call, an event answered DUPLICATE that this
        replay never saw accepted did enter the pipeline in the failed call: it counts as accepted."""
        for result in response.results:
            self.sent += 1
            known = result.partner_event_id in self._accepted
            if not known and (
                result.status == ingestion_pb2.EVENT_STATUS_ACCEPTED
                or (result.status == ingestion_pb2.EVENT_STATUS_DUPLICATE and retried)
            ):
                self.accepted += 1
                self._accepted.add(result.partner_event_id)
            elif result.status in (ingestion_pb2.EVENT_STATUS_ACCEPTED, ingestion_pb2.EVENT_STATUS_DUPLICATE):
                self.duplicate += 1
            elif result.status == ingestion_pb2.EVENT_STATUS_REJECTED:
                first = result.violations[0] if result.violations else None
                self.rejected[f"{first.field}: {first.reason}" if first else "unspecified"] += 1
            else:
                self.rejected[f"status: {ingestion_pb2.EventStatus.Name(result.status).lower()}"] += 1

    @property
    def accepted_ids(self) -> frozenset[str]:
        """Partner ids of the events accepted, whatever call carried them."""
        return frozenset(self._accepted)

    def merge(self, other: ReplayTally) -> ReplayTally:
        self.sent += other.sent
        self.accepted += other.accepted
        self.duplicate += other.duplicate
        self.rejected.update(other.rejected)
        self.retried_calls += other.retried_calls
        self._accepted |= other._accepted
        return self


def _check(batch: list[events_pb2.PartnerEvent], response: ingestion_pb2.IngestEventsResponse) -> None:
    """The API answers once per event, in order: anything else cannot be tallied honestly."""
    if len(response.results) != len(batch):
        raise ReplayError(f"ingestion answered {len(response.results)} results for a batch of {len(batch)} events")
    for event, result in zip(batch, response.results, strict=True):
        if result.partner_event_id and result.partner_event_id != event.partner_event_id:
            raise ReplayError(f"ingestion answered for {result.partner_event_id!r} where {event.partner_event_id!r} was sent")


async def replay(
    target: Endpoint | str,
    token: str,
    events: Iterable[events_pb2.PartnerEvent],
    batch_size: int = 500,
    concurrency: int = 4,
    timeout: float = CALL_TIMEOUT_SECONDS,
    retry_for: float = 300.0,
    rate: float | None = None,
    on_progress: Callable[[ReplayTally], None] | None = None,
    progress_seconds: float = 10.0,
) -> ReplayTally:
    """Sends `events` in batches through IngestEvents with up to `concurrency` calls in flight, each with a deadline.

    Events are read lazily, one batch ahead of the calls in flight. A call that fails for a passing
    reason (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) is sent again, as a partner would, for
    up to `retry_for` seconds: retrying a batch is safe, and the events it had already delivered come
    back DUPLICATE. With `rate`, calls start no faster than that many events per second, as a
    partner's live feed would arrive; `on_progress` hears the tally so far every `progress_seconds`.
    Any other failure, or one that outlasts `retry_for`, raises ReplayError (a RuntimeError) naming
    the gRPC status; the calls still in flight are cancelled, and nothing is miscounted.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    tally = ReplayTally()
    metadata = (("authorization", f"Bearer {token}"),)
    slots = asyncio.Semaphore(concurrency)
    next_report = [time.monotonic() + progress_seconds]
    target = endpoint(target)
    async with target.channel() as channel:
        stub = ingestion_pb2_grpc.IngestionServiceStub(channel)

        async def send(number: int, batch: list[events_pb2.PartnerEvent]) -> None:
            try:
                request = ingestion_pb2.IngestEventsRequest(events=batch)
                give_up, delay, retried = time.monotonic() + retry_for, 0.5, False
                while True:
                    try:
                        response = await stub.IngestEvents(request, metadata=metadata, timeout=timeout)
                        break
                    except grpc.aio.AioRpcError as exc:
                        if exc.code() not in RETRYABLE or time.monotonic() + delay > give_up:
                            raise ReplayError(
                                f"IngestEvents call for batch {number} ({len(batch)} events, first "
                                f"{batch[0].partner_event_id!r}) to {target.address} failed: {exc.code().name}: {exc.details()}"
                            ) from exc
                        retried = True
                        tally.retried_calls += 1
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, 10.0)
                _check(batch, response)
                tally.add(response, retried)
                if on_progress is not None and time.monotonic() >= next_report[0]:
                    next_report[0] = time.monotonic() + progress_seconds
                    on_progress(tally)
            finally:
                slots.release()

        failure: BaseException | None = None
        try:
            async with asyncio.TaskGroup() as group:
                began, queued = time.monotonic(), 0
                for number, batch in enumerate(batched(events, batch_size)):
                    if rate:
                        await asyncio.sleep(max(0.0, began + queued / rate - time.monotonic()))
                        queued += len(batch)
                    await slots.acquire()
                    group.create_task(send(number, batch))
        except BaseExceptionGroup as group_error:
            # The first failed call cancels the others; report it alone, not wrapped in a group.
            failure = group_error.exceptions[0]
        if failure is not None:
            raise failure  # its cause is the gRPC error
    return tally
