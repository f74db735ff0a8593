"""IngestionService: protobuf in, domain validation, RAW stream out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from nats.js.errors import APIError
from opentelemetry import metrics

from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.messaging.publisher import Outgoing, Publisher, runs_within
from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.agreements import Partner, PartnerRegistry
from civicpulse.runtime.errors import (
    DeadlineExceeded,
    FieldProblem,
    InvalidArgument,
    ResourceExhausted,
    RetryLater,
    Unavailable,
)
from civicpulse.runtime.grpc_server import time_left
from ingestion.domain import Rules, batch_id, complete, drop_unknown_fields, raw_subject, tidy_attributes, validate
from ingestion.rate_limit import RateLimits

# JetStream's error code when a stream is at one of its limits (bytes, or messages per subject).
STREAM_LIMIT = 10077
SERVICE_NAME = ingestion_pb2.DESCRIPTOR.services_by_name["IngestionService"].full_name
RIGHTS = method_rights(SERVICE_NAME, {"IngestEvents": {Role.PARTNER}, "BackfillEvents": {Role.PARTNER}})


class IngestionServicer(ingestion_pb2_grpc.IngestionServiceServicer):
    def __init__(
        self,
        partners: PartnerRegistry,
        rules: Rules,
        publisher: Publisher,
        clock: Callable[[], datetime],
        max_batch: int,
        meter: metrics.Meter | None = None,
    ) -> None:
        self._partners = partners
        self._limits = RateLimits(partners)
        self._rules = rules
        self._publisher = publisher
        self._clock = clock
        self._max_batch = max_batch
        # Attributes tidied alone (line breaks normalised, a value with a control character dropped).
        self._tidied = (meter or metrics.get_meter(__name__)).create_counter(
            "civicpulse.ingestion.attributes_tidied", description="partner attributes normalised or dropped, their events kept"
        )

    async def IngestEvents(self, request: ingestion_pb2.IngestEventsRequest, context: grpc.aio.ServicerContext):
        partner_id = current_caller().id
        partner = self._partners.get(partner_id)  # a partner without an agreement sends nothing
        self._check_size(request.events)
        wait = self._limits.wait_for(partner_id, len(request.events))
        if wait:
            raise _rate_limited(partner_id, partner, wait)
        return await self._take(partner_id, partner, request.events, context)

    async def BackfillEvents(self, requests, context: grpc.aio.ServicerContext):
        partner_id = current_caller().id
        partner = self._partners.get(partner_id)
        async for request in requests:
            self._check_size(request.events)
            # History goes at the pace the agreement allows, and waits while the bus is full:
            # the stream slows down rather than fails, within the call's deadline.
            while wait := self._limits.wait_for(partner_id, len(request.events)):
                await _pause(context, _rate_limited(partner_id, partner, wait))
            while True:
                try:
                    answer = await self._take(partner_id, partner, request.events, context)
                    break
                except ResourceExhausted as full:
                    await _pause(context, full)
            yield ingestion_pb2.BackfillEventsResponse(position=request.position, answer=answer)

    def _check_size(self, events) -> None:
        if len(events) > self._max_batch:
            raise InvalidArgument(
                f"a batch carries at most {self._max_batch} events, got {len(events)}",
                (FieldProblem("events", "too_many", f"at most {self._max_batch} per batch"),),
                reason="BATCH_TOO_LARGE",
                metadata={"max_batch_size": str(self._max_batch)},
            )

    async def _take(self, partner_id: str, partner, events, context) -> ingestion_pb2.IngestEventsResponse:
        """Validates each event, publishes the valid ones, answers per event in order; nothing once
        the caller's deadline has passed (a resent call is recognised: retrying is safe)."""
        time_left(context, "validating the batch")
        now = self._clock()
        received_at = Timestamp()
        received_at.FromDatetime(now)

        results = [ingestion_pb2.EventResult(partner_event_id=e.partner_event_id) for e in events]
        by_kind: dict[int, list[int]] = {}
        seen: set[str] = set()
        for index, event in enumerate(events):
            results[index].notices.extend(
                ingestion_pb2.FieldViolation(field=field, reason="unknown_field", description="not a field of this API: dropped")
                for field in drop_unknown_fields(event)
            )
            tidied = tidy_attributes(event)
            results[index].notices.extend(
                ingestion_pb2.FieldViolation(field=p.field, reason=p.reason, description=p.description) for p in tidied
            )
            for problem in tidied:
                self._tidied.add(1, {"partner": partner_id, "reason": problem.reason})
            complete(event)
            problems = validate(event, partner, self._rules, now)
            if problems:
                results[index].status = ingestion_pb2.EVENT_STATUS_REJECTED
                results[index].violations.extend(
                    ingestion_pb2.FieldViolation(field=p.field, reason=p.reason, description=p.description) for p in problems
                )
            elif event.partner_event_id in seen:  # twice in one call: the first copy is the one kept
                results[index].status = ingestion_pb2.EVENT_STATUS_DUPLICATE
            else:
                seen.add(event.partner_event_id)
                by_kind.setdefault(event.kind, []).append(index)

        # Several events per message, one kind per message (subjects name the kind).
        runs: list[list[int]] = []
        outgoing: list[Outgoing] = []
        for kind, indexes in by_kind.items():
            of_kind = [events[i] for i in indexes]
            for start, end in runs_within([e.ByteSize() for e in of_kind], self._publisher.batch_bytes):
                batch = events_pb2.RawEventBatch(partner=partner_id, received_at=received_at, events=of_kind[start:end])
                runs.append(indexes[start:end])
                outgoing.append(Outgoing(raw_subject(partner_id, kind), batch.SerializeToString(), batch_id(partner_id, batch)))
        deadline = asyncio.timeout(time_left(context, "publishing the batch"))
        try:
            async with deadline:
                acks = await self._publisher.publish_batch(outgoing)
        except Exception as exc:
            # Nothing is confirmed: the partner retries the whole batch; message ids make that safe.
            if deadline.expired():
                raise DeadlineExceeded("the deadline passed before the bus confirmed the batch") from exc
            if isinstance(exc, APIError) and exc.err_code == STREAM_LIMIT:
                raise ResourceExhausted(
                    f"the bus holds as much of {partner_id}'s data as it may; retry later",
                    5.0,
                    reason="BUS_FULL",
                    metadata={"partner": partner_id, "stream": "RAW"},
                ) from exc
            raise Unavailable(
                f"the event bus did not confirm the batch ({type(exc).__name__}); retry", reason="BUS_UNAVAILABLE"
            ) from exc
        for run, ack in zip(runs, acks, strict=True):
            status = ingestion_pb2.EVENT_STATUS_DUPLICATE if ack.duplicate else ingestion_pb2.EVENT_STATUS_ACCEPTED
            for index in run:
                results[index].status = status

        response = ingestion_pb2.IngestEventsResponse(results=results)
        for result in results:
            if result.status == ingestion_pb2.EVENT_STATUS_ACCEPTED:
                response.accepted += 1
            elif result.status == ingestion_pb2.EVENT_STATUS_DUPLICATE:
                response.duplicates += 1
            else:
                response.rejected += 1
        return response


def _rate_limited(partner_id: str, partner: Partner, wait: float) -> ResourceExhausted:
    limit = partner.rate_limit  # set: only a limited partner is told to wait
    return ResourceExhausted(
        f"{partner_id} sends faster than its agreement allows; retry in {wait:.1f} s",
        wait,
        reason="RATE_LIMITED",
        metadata={"partner": partner_id, "events_per_second": f"{limit.events_per_second:g}", "burst": str(limit.burst)},
    )


async def _pause(context: grpc.aio.ServicerContext, refusal: RetryLater) -> None:
    """Waits as long as `refusal` says, unless the caller's deadline comes first: then refuses at
    once, saying when to retry, rather than wait for a deadline the wait would outlast."""
    remaining = time_left(context, "waiting to go on")
    if remaining is not None and refusal.retry_after >= remaining:
        refusal.metadata["deadline_seconds_left"] = f"{remaining:.3f}"
        raise refusal
    await asyncio.sleep(refusal.retry_after)
