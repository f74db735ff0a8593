"""IngestionService: protobuf in, the intake (ingestion.accept) does the work, protobuf out."""

from __future__ import annotations

import asyncio
import functools

import grpc

from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.errors import FieldProblem, ResourceExhausted, RetryLater
from civicpulse.runtime.grpc_server import time_left
from ingestion.accept import CallOutcome, EventStatus, Intake

SERVICE_NAME = ingestion_pb2.DESCRIPTOR.services_by_name["IngestionService"].full_name
RIGHTS = method_rights(SERVICE_NAME, {"IngestEvents": {Role.PARTNER}, "BackfillEvents": {Role.PARTNER}})
STATUS = {
    EventStatus.ACCEPTED: ingestion_pb2.EVENT_STATUS_ACCEPTED,
    EventStatus.DUPLICATE: ingestion_pb2.EVENT_STATUS_DUPLICATE,
    EventStatus.REJECTED: ingestion_pb2.EVENT_STATUS_REJECTED,
}


class IngestionServicer(ingestion_pb2_grpc.IngestionServiceServicer):
    def __init__(self, intake: Intake) -> None:
        self._intake = intake

    async def IngestEvents(self, request: ingestion_pb2.IngestEventsRequest, context: grpc.aio.ServicerContext):
        partner_id = current_caller().id
        partner = self._intake.partner(partner_id)  # a partner without an agreement sends nothing
        self._intake.check_size(request.events)
        if refusal := self._intake.pace(partner_id, len(request.events)):
            raise refusal
        outcome = await self._intake.accept(partner_id, partner, request, functools.partial(time_left, context))
        return _response(outcome)

    async def BackfillEvents(self, requests, context: grpc.aio.ServicerContext):
        partner_id = current_caller().id
        partner = self._intake.partner(partner_id)
        deadline = functools.partial(time_left, context)
        async for request in requests:
            self._intake.check_size(request.events)
            # History goes at the pace the agreement allows, and waits while the bus is full:
            # the stream slows down rather than fails, within the call's deadline.
            while refusal := self._intake.pace(partner_id, len(request.events)):
                await _pause(context, refusal)
            while True:
                try:
                    outcome = await self._intake.accept(partner_id, partner, request, deadline)
                    break
                except ResourceExhausted as full:
                    await _pause(context, full)
            yield ingestion_pb2.BackfillEventsResponse(position=request.position, answer=_response(outcome))


def _violations(problems: list[FieldProblem]) -> list[ingestion_pb2.FieldViolation]:
    return [ingestion_pb2.FieldViolation(field=p.field, reason=p.reason, description=p.description) for p in problems]


def _response(outcome: CallOutcome) -> ingestion_pb2.IngestEventsResponse:
    response = ingestion_pb2.IngestEventsResponse(
        accepted=outcome.count(EventStatus.ACCEPTED),
        duplicates=outcome.count(EventStatus.DUPLICATE),
        rejected=outcome.count(EventStatus.REJECTED),
    )
    add = response.results.add  # in place: half the cost of building each result, then the list
    for event in outcome.events:
        if not (event.notices or event.violations):  # most events: nothing to say but the status
            add(partner_event_id=event.partner_event_id, status=STATUS[event.status])
        else:
            add(
                partner_event_id=event.partner_event_id,
                status=STATUS[event.status],
                notices=_violations(event.notices),
                violations=_violations(event.violations),
            )
    return response


async def _pause(context: grpc.aio.ServicerContext, refusal: RetryLater) -> None:
    """Waits as long as `refusal` says, unless the caller's deadline comes first: then refuses at
    once, saying when to retry, rather than wait for a deadline the wait would outlast."""
    remaining = time_left(context, "waiting to go on")
    if remaining is not None and refusal.retry_after >= remaining:
        refusal.metadata["deadline_seconds_left"] = f"{remaining:.3f}"
        raise refusal
    await asyncio.sleep(refusal.retry_after)
