"""FeatureStoreService: protobuf <-> the matrices (feature_store.matrix), the agenda
(feature_store.agenda), the observed counts (feature_store.observed) and the repository."""

from __future__ import annotations

import functools
from contextlib import aclosing
from datetime import UTC, datetime

import grpc
import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.access import Role, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.grpc_server import time_left
from feature_store.agenda import Agenda
from feature_store.domain import Block
from feature_store.matrix import Matrices
from feature_store.observed import ObservedCounts, PlaceCount
from feature_store.registry import FAMILIES, FEATURES
from feature_store.repository import FeatureRepository

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["FeatureStoreService"].full_name
# Feature matrices are for the scoring service alone; the data status, the agenda and the observed
# counts also for operators (the scoring service serves the last two onward to applications).
RIGHTS = method_rights(
    SERVICE_NAME,
    {
        "GetFeatureMatrix": {Role.SCORING},
        "GetDataStatus": {Role.SCORING, Role.OPERATOR},
        "ListScheduledEvents": {Role.SCORING, Role.OPERATOR},
        "GetObservedCounts": {Role.SCORING, Role.OPERATOR},
    },
)


def _floats(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array, dtype="<f4").tobytes()


def _stamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp


def _declare_columns(chunk: pb.GetFeatureMatrixResponse) -> pb.GetFeatureMatrixResponse:
    """The registry's definitions, sent with the first chunk of every matrix."""
    chunk.features.extend(pb.FeatureDefinition(**vars(f)) for f in FEATURES)
    chunk.families.extend(pb.FeatureFamily(**vars(f)) for f in FAMILIES)
    return chunk


class FeatureStoreServicer(feature_store_pb2_grpc.FeatureStoreServiceServicer):
    def __init__(
        self,
        matrices: Matrices,
        agenda: Agenda,
        observed: ObservedCounts,
        repository: FeatureRepository,
        city: CityProfile,
        chunk_rows: int,
        police_generated: frozenset[str],
    ) -> None:
        """`police_generated`: the partners whose agreements say their data is police-generated."""
        self._matrices = matrices
        self._agenda = agenda
        self._observed = observed
        self._repository = repository
        self._city = city
        self._chunk_rows = chunk_rows
        self._police_generated = police_generated

    async def GetFeatureMatrix(self, request: pb.GetFeatureMatrixRequest, context: grpc.aio.ServicerContext):
        query = self._matrices.query(request)
        declared = False
        async with aclosing(self._matrices.blocks(query, functools.partial(time_left, context))) as blocks:
            async for block in blocks:
                for chunk in self._chunks(block):
                    if not declared:
                        _declare_columns(chunk)
                        declared = True
                    yield chunk
        if not declared:  # no rows at all: still declare the columns
            yield _declare_columns(pb.GetFeatureMatrixResponse())

    def _chunks(self, block: Block):
        rows = len(block.cells)
        starts = block.window_starts
        for first in range(0, rows, self._chunk_rows):
            part = slice(first, min(first + self._chunk_rows, rows))
            chunk = pb.GetFeatureMatrixResponse(
                cells=[self._matrices.grid.cells[i] for i in block.cells[part]],
                issue_times_unix=[block.issue_hour * 3600] * (part.stop - part.start),
                target_times_unix=starts[part].tolist(),
                lead_days=block.lead_days[part].tolist(),
                values=_floats(block.values[part]),
            )
            if block.labels is not None:
                chunk.labels = _floats(block.labels[part])
            for name, array in (block.hourly or {}).items():
                setattr(chunk, f"hourly_{name}", _floats(array[part]))
            yield chunk

    async def GetDataStatus(self, request: pb.GetDataStatusRequest, context: grpc.aio.ServicerContext):
        status = await self._repository.status(list(self._city.targets))
        response = pb.GetDataStatusResponse(
            events_stored=status.events_stored,
            scheduled_events_stored=status.scheduled_events_stored,
            timescaledb=status.timescaledb,
            min_published_count=self._observed.min_published_count,
            senders_by_kind=[pb.KindSenders(**vars(k)) for k in await self._repository.senders_by_kind(self._police_generated)],
        )
        for moment, field in (
            (status.newest_event_at, response.newest_event_at),
            (status.oldest_target_event_at, response.oldest_target_event_at),
        ):
            if moment is not None:
                stamp = Timestamp()
                stamp.FromDatetime(moment.astimezone(UTC))
                field.CopyFrom(stamp)
        return response

    async def ListScheduledEvents(self, request: pb.ListScheduledEventsRequest, context: grpc.aio.ServicerContext):
        page = await self._agenda.events(self._agenda.query(request))
        return pb.ListScheduledEventsResponse(
            events=[
                pb.ScheduledEvent(
                    event_key=e.event_key,
                    category=e.category,
                    organiser_type=e.organiser_type,
                    expected_attendance=e.expected_attendance,
                    cell=e.cell,
                    area=e.area,
                    starts_at=_stamp(e.starts_at),
                    ends_at=_stamp(e.ends_at),
                    partner=e.partner,
                )
                for e in page.events
            ],
            truncated=page.truncated,
        )

    async def GetObservedCounts(self, request: pb.GetObservedCountsRequest, context: grpc.aio.ServicerContext):
        answer = await self._observed.count(self._observed.query(request))
        published = answer.published

        def counts(places: list[PlaceCount], field: str) -> list[pb.ObservedCount]:
            return [pb.ObservedCount(**{field: c.place}, period_start=_stamp(c.period_start), count=c.count) for c in places]

        response = pb.GetObservedCountsResponse(
            cell_counts=counts(published.cells, "cell"),
            zone_counts=counts(published.zones, "zone"),
            min_published_count=answer.min_published_count,
            withheld_cell_events=published.withheld_cell_events,
        )
        if answer.newest_event_at is not None:
            response.newest_event_at.CopyFrom(_stamp(answer.newest_event_at))
        return response
