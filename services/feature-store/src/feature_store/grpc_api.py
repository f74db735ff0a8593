"""FeatureStoreService: protobuf <-> the feature builder and the repository."""

from __future__ import annotations

import asyncio
from datetime import UTC

import grpc
import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import floor_hour, to_datetime
from civicpulse.runtime.errors import FieldProblem, InvalidArgument
from feature_store.domain import FEATURE_NAMES, FeatureBuilder, build_history, build_matrix, history_window
from feature_store.repository import FeatureRepository

MAX_HORIZON_HOURS = 30 * 24
MAX_ISSUE_TIMES = 400


class FeatureStoreServicer(feature_store_pb2_grpc.FeatureStoreServiceServicer):
    def __init__(self, repository: FeatureRepository, city: CityProfile, chunk_rows: int) -> None:
        self._repository = repository
        self._city = city
        self._cells = sorted(city.cells)
        self._chunk_rows = chunk_rows

    def _check(self, request: pb.GetFeatureMatrixRequest) -> None:
        problems = []
        if not request.issue_times or len(request.issue_times) > MAX_ISSUE_TIMES:
            problems.append(FieldProblem("issue_times", "out_of_range", f"between 1 and {MAX_ISSUE_TIMES} issue times"))
        if not 1 <= request.horizon_hours <= MAX_HORIZON_HOURS:
            problems.append(FieldProblem("horizon_hours", "out_of_range", f"between 1 and {MAX_HORIZON_HOURS}"))
        unknown = sorted(set(request.target_categories) - set(self._city.vocabulary.get("incident_report", [])))
        if not request.target_categories or unknown:
            problems.append(
                FieldProblem("target_categories", "unknown_category", f"incident categories required; unknown: {unknown}")
            )
        if problems:
            raise InvalidArgument("invalid feature matrix request", tuple(problems))

    async def GetFeatureMatrix(self, request: pb.GetFeatureMatrixRequest, context: grpc.aio.ServicerContext):
        self._check(request)
        issue_times = sorted({floor_hour(to_datetime(t)) for t in request.issue_times})
        start, end = history_window(issue_times, request.horizon_hours)
        counts = await self._repository.hourly_counts(list(request.target_categories), start, end)
        scheduled = await self._repository.scheduled_events(start, end)
        # Numpy work runs off the event loop so the consumer keeps storing events meanwhile.
        matrix = await asyncio.to_thread(self._build, start, end, counts, scheduled, issue_times, request)
        rows = len(matrix.cells)
        for first in range(0, max(rows, 1), self._chunk_rows):
            last = min(first + self._chunk_rows, rows)
            chunk = pb.GetFeatureMatrixResponse(
                cells=matrix.cells[first:last],
                issue_times_unix=matrix.issue_times[first:last].tolist(),
                target_times_unix=matrix.target_times[first:last].tolist(),
                values=np.ascontiguousarray(matrix.values[first:last]).ravel().tolist(),
            )
            if first == 0:
                chunk.feature_names.extend(FEATURE_NAMES)
            if matrix.labels is not None:
                chunk.labels.extend(matrix.labels[first:last].tolist())
            yield chunk

    def _build(self, start, end, counts, scheduled, issue_times, request: pb.GetFeatureMatrixRequest):
        builder = FeatureBuilder(self._city, build_history(self._cells, start, end, counts, scheduled))
        cells = list(request.cells) or None
        return build_matrix(builder, issue_times, request.horizon_hours, cells, request.active_cells_only, request.include_labels)

    async def GetDataStatus(self, request: pb.GetDataStatusRequest, context: grpc.aio.ServicerContext):
        status = await self._repository.status()
        response = pb.GetDataStatusResponse(
            events_stored=status.events_stored,
            scheduled_events_stored=status.scheduled_events_stored,
            timescaledb=status.timescaledb,
        )
        if status.newest_event_at is not None:
            newest = Timestamp()
            newest.FromDatetime(status.newest_event_at.astimezone(UTC))
            response.newest_event_at.CopyFrom(newest)
        return response
