"""Accepting a partner's call: ingestion's one use case, whatever the transport.

Each event of the call is tidied (unknown fields and control characters in attributes), completed,
validated against the city's vocabulary and the partner's agreement, and checked against the
events before it in the same call; the valid ones are published to RAW, several per message and
one kind per message (subjects name the kind). The answer has one outcome per event, in order.
Nothing is published once the caller's deadline has passed; a resent call is recognised by its
events' ids (the bus's duplicate window), so retrying is safe.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import ELEMENT_OVERHEAD, Outgoing, Publisher, runs_within
from civicpulse.messaging.topology import RAW, raw_subject
from civicpulse.runtime import metrics
from civicpulse.runtime.agreements import Partner, PartnerRegistry, kind_name
from civicpulse.runtime.errors import (
    DeadlineExceeded,
    FieldProblem,
    InvalidArgument,
    ResourceExhausted,
    RetryLater,
    Unavailable,
    dependency_failure,
)
from ingestion.domain import (
    KNOWN_KINDS,
    TIDYING_REASONS,
    EventChecks,
    Rules,
    batch_id,
    complete,
    drop_unknown_fields_of_call,
    largest_completed_event,
    tidy_attributes,
)
from ingestion.rate_limit import RateLimits

# Seconds left before the caller stops waiting (None: it set no deadline); raises DeadlineExceeded,
# naming what would have been done, once it has passed.
TimeLeft = Callable[[str], float | None]
# The kind label of an event whose kind this API does not know.
UNKNOWN_KIND = "unknown"

log = logging.getLogger(__name__)


class EventStatus(enum.Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # sent before, or twice in this call: stored once
    REJECTED = "rejected"
    # Members are singletons, equal only to themselves: hashed by identity, in C (Enum's own hash is
    # Python code, and statuses are looked up once or twice per event).
    __hash__ = object.__hash__


@dataclass(slots=True)
class EventOutcome:
    """What became of one event: its status, what was done to it (notices) and why it was refused."""

    partner_event_id: str
    status: EventStatus = EventStatus.REJECTED
    notices: list[FieldProblem] = field(default_factory=list)
    violations: list[FieldProblem] = field(default_factory=list)


@dataclass(frozen=True)
class CallOutcome:
    events: tuple[EventOutcome, ...]

    def count(self, status: EventStatus) -> int:
        return sum(1 for event in self.events if event.status is status)


@dataclass(frozen=True)
class _Message:
    """One message to RAW and the positions in the call of the events it carries."""

    outgoing: Outgoing
    positions: list[int]


class Intake:
    """The door of the pipeline for every partner: size, pace and content of a call, then RAW."""

    def __init__(
        self,
        partners: PartnerRegistry,
        rules: Rules,
        publisher: Publisher,
        clock: Callable[[], datetime],
        max_batch: int,
    ) -> None:
        self._partners = partners
        self._limits = RateLimits(partners)
        self._rules = rules
        self._publisher = publisher
        self._clock = clock
        self._max_batch = max_batch
        # How often each partner is expected to send each kind: what "gone silent" is measured against.
        for pid, p in partners.partners.items():
            for kind, every in p.agreement.expected_intervals().items():
                metrics.PARTNER_EXPECTED_INTERVAL.labels(pid, kind).set(every.total_seconds())

    def partner(self, partner_id: str) -> Partner:
        """The partner's agreement; PermissionDenied (NO_AGREEMENT) without one: it sends nothing."""
        return self._partners.get(partner_id)

    def check_size(self, events: Sequence[events_pb2.PartnerEvent]) -> None:
        if len(events) > self._max_batch:
            raise InvalidArgument(
                f"a batch carries at most {self._max_batch} events, got {len(events)}",
                (FieldProblem("events", "too_many", f"at most {self._max_batch} per batch"),),
                reason="BATCH_TOO_LARGE",
                metadata={"max_batch_size": str(self._max_batch)},
            )

    def pace(self, partner_id: str, events: int) -> ResourceExhausted | None:
        """None when the partner may send `events` now (they are counted), else the refusal saying
        how long to wait (RATE_LIMITED)."""
        return self._limits.refusal(partner_id, events)

    async def accept(self, partner_id: str, partner: Partner, call: Message, time_left: TimeLeft) -> CallOutcome:
        """Validates each event of the call (a request whose `events` are partner events), publishes
        the valid ones, answers per event in order, and counts the outcomes.

        Raises, with nothing confirmed (the partner retries the whole call): DeadlineExceeded when
        the deadline passes first, ResourceExhausted (BUS_FULL) when RAW holds as much of the
        partner's data as it may, Unavailable (BUS_UNAVAILABLE) when the bus does not confirm.
        """
        time_left("validating the batch")
        now = self._clock()
        unknown = drop_unknown_fields_of_call(call)
        events = list(call.events)  # one wrapper per event, not one per pass
        outcomes = [EventOutcome(e.partner_event_id) for e in events]
        for position, names in unknown.items():
            outcomes[position].notices.extend(
                FieldProblem(name, "unknown_field", "not a field of this API: dropped") for name in names
            )
        largest = largest_completed_event(call)
        kept = self._check(EventChecks(partner, self._rules, now, largest), events, outcomes)
        messages = self._messages(partner_id, events, kept, now, largest)
        acks = await self._publish(partner_id, [m.outgoing for m in messages], time_left)
        for message, duplicate in zip(messages, acks, strict=True):
            status = EventStatus.DUPLICATE if duplicate else EventStatus.ACCEPTED
            for position in message.positions:
                outcomes[position].status = status
        outcome = CallOutcome(tuple(outcomes))
        _count(partner_id, events, outcome, now)
        return outcome

    @staticmethod
    def _check(
        checks: EventChecks, events: Sequence[events_pb2.PartnerEvent], outcomes: list[EventOutcome]
    ) -> dict[int, list[int]]:
        """Tidies, completes and validates each event in place; the positions to publish, by kind."""
        kept: dict[int, list[int]] = {}
        seen: set[str] = set()
        for position, (event, outcome) in enumerate(zip(events, outcomes, strict=True)):
            if event.attributes:
                outcome.notices.extend(tidy_attributes(event))
            complete(event)
            if violations := checks(event):
                outcome.violations.extend(violations)
                outcome.status = EventStatus.REJECTED
            elif (event_id := outcome.partner_event_id) in seen:  # twice in one call: the first copy is kept
                outcome.status = EventStatus.DUPLICATE
            else:
                seen.add(event_id)
                kind = event.kind
                if kind in kept:
                    kept[kind].append(position)
                else:
                    kept[kind] = [position]
        return kept

    def _messages(
        self,
        partner_id: str,
        events: Sequence[events_pb2.PartnerEvent],
        kept: dict[int, list[int]],
        now: datetime,
        largest: int,
    ) -> list[_Message]:
        """Several events per message, one kind per message, each message within the bus's limit.
        `largest` bounds the size of the call's events together (largest_completed_event): when the
        whole call fits in one message, no event is measured."""
        received_at = Timestamp()
        received_at.FromDatetime(now)
        messages: list[_Message] = []
        fits = largest + ELEMENT_OVERHEAD * len(events) <= self._publisher.batch_bytes
        for kind, positions in kept.items():
            of_kind = [events[i] for i in positions]
            runs = [(0, len(of_kind))] if fits else runs_within([e.ByteSize() for e in of_kind], self._publisher.batch_bytes)
            for start, end in runs:
                batch = events_pb2.RawEventBatch(partner=partner_id, received_at=received_at, events=of_kind[start:end])
                subject = raw_subject(partner_id, kind_name(kind))
                outgoing = Outgoing(subject, batch.SerializeToString(), batch_id(partner_id, batch))
                messages.append(_Message(outgoing, positions[start:end]))
        return messages

    async def _publish(self, partner_id: str, outgoing: list[Outgoing], time_left: TimeLeft) -> list[bool]:
        """Whether each message was a duplicate; the refusal to retry later when the bus confirms nothing."""
        deadline = asyncio.timeout(time_left("publishing the batch"))
        try:
            async with deadline:
                acks = await self._publisher.publish_batch(outgoing)
        except Exception as exc:
            # Nothing is confirmed: the partner retries the whole batch; message ids make that safe.
            if deadline.expired():
                raise DeadlineExceeded("the deadline passed before the bus confirmed the batch") from exc
            raise bus_refusal(partner_id, exc) from exc
        return [ack.duplicate for ack in acks]


def _count(partner_id: str, events: Sequence[events_pb2.PartnerEvent], outcome: CallOutcome, now: datetime) -> None:
    """The call's outcomes into the metrics, one update per label set (never one per event), and
    a summary of its rejections into the log: counts by reason, never an id or a value."""
    # Counted by the kind's number first, named once per number after.
    by_number: Counter[tuple[int, EventStatus, str]] = Counter()
    tidied: Counter[str] = Counter()
    rejected_status = EventStatus.REJECTED
    for event, result in zip(events, outcome.events, strict=True):
        status = result.status
        # A rejection is counted under its first violation's reason code: a short, fixed vocabulary.
        reason = result.violations[0].reason if status is rejected_status and result.violations else ""
        by_number[event.kind, status, reason] += 1
        if result.notices:
            for notice in result.notices:
                if notice.reason in TIDYING_REASONS:
                    tidied[notice.reason] += 1
    by_label: Counter[tuple[str, str, str]] = Counter()
    for (number, status, reason), count in by_number.items():
        kind = kind_name(number) if number in KNOWN_KINDS else UNKNOWN_KIND
        by_label[kind, status.value, reason] += count
    for (kind, status, reason), count in by_label.items():
        metrics.EVENTS.labels(partner_id, kind, status, reason).inc(count)
    for kind in {kind for kind, status, _ in by_label if status == EventStatus.ACCEPTED.value}:
        metrics.PARTNER_LAST_EVENT.labels(partner_id, kind).set(now.timestamp())
    for reason, count in tidied.items():
        metrics.ATTRIBUTES_TIDIED.labels(partner_id, reason).inc(count)
    rejected: Counter[str] = Counter()
    for (_, status, reason), count in by_label.items():
        if status == EventStatus.REJECTED.value:
            rejected[reason] += count
    if rejected:
        log.info(
            "%s: %d of %d events rejected (%s)",
            partner_id,
            rejected.total(),
            len(events),
            ", ".join(f"{reason}: {n}" for reason, n in rejected.most_common()),
            extra={"fields": {"partner": partner_id, "events": len(events), "rejected": dict(rejected)}},
        )


def bus_refusal(partner_id: str, exc: BaseException) -> RetryLater:
    """What the partner is told when the bus confirms nothing: full (retry after the classifier's
    delay), or not reached."""
    refusal = dependency_failure(exc)  # the one classifier of "try again later"
    if isinstance(refusal, ResourceExhausted):
        return ResourceExhausted(
            f"the bus holds as much of {partner_id}'s data as it may; retry later",
            refusal.retry_after,
            reason=refusal.reason,
            metadata={"partner": partner_id, "stream": RAW.name},
        )
    return Unavailable(f"the event bus did not confirm the batch ({type(exc).__name__}); retry", reason="BUS_UNAVAILABLE")
