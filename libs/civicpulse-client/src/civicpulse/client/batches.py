"""Any number of events through IngestEvents, in calls of at most the service's batch size, each
retried by the retry policy; and the answers, typed: per event its status and violations.

    result = await client.send(events)
    result.totals          # Totals(accepted=2497, duplicate=0, rejected=3)
    result.rejected        # the rejected events, each with (field, reason, description) violations

An event answered DUPLICATE is on the bus already: sent before, or by an attempt whose answer was
lost before a retry. Accepted and duplicate events are both delivered (`totals.delivered`).
"""

from __future__ import annotations

import enum
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

from civicpulse.client.retry import CallFailed, RetryPolicy, with_retries
from civicpulse.client.status import Violation
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2

# The service's own MAX_BATCH_SIZE by default; a smaller one is learnt from its first refusal.
DEFAULT_BATCH_SIZE = 1000


class EventStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


STATUS = {
    ingestion_pb2.EVENT_STATUS_ACCEPTED: EventStatus.ACCEPTED,
    ingestion_pb2.EVENT_STATUS_DUPLICATE: EventStatus.DUPLICATE,
    ingestion_pb2.EVENT_STATUS_REJECTED: EventStatus.REJECTED,
}


@dataclass(frozen=True)
class EventOutcome:
    partner_event_id: str
    status: EventStatus
    violations: tuple[Violation, ...] = ()  # why it was rejected
    notices: tuple[Violation, ...] = ()  # what was dropped from it (fields this API does not know)


@dataclass(frozen=True)
class Totals:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0

    @property
    def delivered(self) -> int:
        return self.accepted + self.duplicate


@dataclass(frozen=True)
class Answers:
    """The answer to each event, in the order the events were sent."""

    events: tuple[EventOutcome, ...]

    @property
    def totals(self) -> Totals:
        counts = {status: 0 for status in EventStatus}
        for outcome in self.events:
            counts[outcome.status] += 1
        return Totals(*(counts[status] for status in EventStatus))

    @property
    def rejected(self) -> tuple[EventOutcome, ...]:
        return tuple(e for e in self.events if e.status is EventStatus.REJECTED)

    def by_id(self) -> dict[str, EventOutcome]:
        """Each event id's answer (an id sent twice: its first answer)."""
        found: dict[str, EventOutcome] = {}
        for outcome in self.events:
            found.setdefault(outcome.partner_event_id, outcome)
        return found


@dataclass(frozen=True)
class SendResult(Answers):
    calls: int = 0  # calls answered
    attempts: int = 0  # calls made, retries included


@dataclass(frozen=True)
class BackfillAnswer(Answers):
    position: int = 0  # the position the batch was sent with


class SendFailed(Exception):
    """A batch was refused for good: why (`error`, a CallFailed), what was answered before it, and
    how many events were not. Sending the same events again is safe."""

    def __init__(self, error: CallFailed, answered: SendResult, unanswered: int) -> None:
        super().__init__(f"{error}; {len(answered.events)} events answered before, {unanswered} not")
        self.error = error
        self.answered = answered
        self.unanswered = unanswered


def _violations(fields) -> tuple[Violation, ...]:
    return tuple(Violation(v.field, v.reason, v.description) for v in fields)


def outcomes(response: ingestion_pb2.IngestEventsResponse) -> tuple[EventOutcome, ...]:
    return tuple(
        EventOutcome(r.partner_event_id, STATUS[r.status], _violations(r.violations), _violations(r.notices))
        for r in response.results
    )


IngestCall = Callable[[Sequence[events_pb2.PartnerEvent], float | None], Awaitable[ingestion_pb2.IngestEventsResponse]]


async def send_in_batches(
    ingest: IngestCall,
    events: Iterable[events_pb2.PartnerEvent],
    batch_size: int = DEFAULT_BATCH_SIZE,
    policy: RetryPolicy | None = None,
    deadline: float | None = 120.0,
    attempt_timeout: float | None = 30.0,
    clock: Callable[[], float] = time.monotonic,
) -> SendResult:
    """Sends `events` in order, `batch_size` at a time, through `ingest(events, timeout)` (one call).

    Each batch is retried by `policy` within `deadline` seconds for all its attempts, each attempt
    within `attempt_timeout`. A service that allows fewer events per call says so (BATCH_TOO_LARGE,
    with its max_batch_size): the batches are cut to its size. Raises SendFailed when a batch is
    refused for good."""
    policy = policy or RetryPolicy()
    pending = list(events)
    answered: list[EventOutcome] = []
    calls = attempts = 0
    while len(answered) < len(pending):
        batch = pending[len(answered) : len(answered) + batch_size]
        ends = None if deadline is None else clock() + deadline
        try:
            response, made = await with_retries(
                lambda timeout, batch=batch: ingest(batch, timeout), policy, ends, attempt_timeout, clock=clock
            )
        except CallFailed as failed:
            attempts += failed.attempts
            allowed = int(failed.refusal.metadata.get("max_batch_size", 0)) if failed.refusal.reason == "BATCH_TOO_LARGE" else 0
            if 0 < allowed < batch_size:
                batch_size = allowed
                continue
            done = SendResult(tuple(answered), calls, attempts)
            raise SendFailed(failed, done, len(pending) - len(answered)) from failed
        calls, attempts = calls + 1, attempts + made
        answered.extend(outcomes(response))
    return SendResult(tuple(answered), calls, attempts)


async def backfill_answers(
    answers: AsyncIterable[ingestion_pb2.BackfillEventsResponse],
) -> AsyncIterator[BackfillAnswer]:
    """The streaming backfill's answers, typed: each batch's position and its events' answers."""
    async for answer in answers:
        yield BackfillAnswer(outcomes(answer.answer), answer.position)
