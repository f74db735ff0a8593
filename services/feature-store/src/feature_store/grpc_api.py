"""FeatureStoreService: protobuf <-> the feature builder and the repository."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, timedelta

import grpc
import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.access import Role, method_rights
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import floor_hour, to_datetime
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, time_problem
from civicpulse.runtime.grpc_server import time_left
from feature_store.domain import Block, CityGrid, FeatureBuilder, TargetHistory, blocks, unix_hour
from feature_store.registry import FAMILIES, FEATURES
from feature_store.repository import FeatureRepository

MAX_LEAD_DAYS = 30
MAX_ISSUE_TIMES = 400
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["FeatureStoreService"].full_name
# Feature matrices are for the scoring service alone; the data status also for operators.
RIGHTS = method_rights(SERVICE_NAME, {"GetFeatureMatrix": {Role.SCORING}, "GetDataStatus": {Role.SCORING, Role.OPERATOR}})


@dataclass(frozen=True)
class MatrixLimits:
    """What one call may ask for: rows in all, and days between its first and last issue time."""

    max_rows: int
    max_span_days: int


def _floats(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array, dtype="<f4").tobytes()


def _declare_columns(chunk: pb.GetFeatureMatrixResponse) -> pb.GetFeatureMatrixResponse:
    """The registry's definitions, sent with the first chunk of every matrix."""
    chunk.features.extend(pb.FeatureDefinition(**vars(f)) for f in FEATURES)
    chunk.families.extend(pb.FeatureFamily(**vars(f)) for f in FAMILIES)
    return chunk


class FeatureStoreServicer(feature_store_pb2_grpc.FeatureStoreServiceServicer):
    def __init__(
        self, repository: FeatureRepository, city: CityProfile, chunk_rows: int, history_days: int, limits: MatrixLimits
    ) -> None:
        self._repository = repository
        self._limits = limits
        self._city = city
        self._grid = CityGrid(city)
        self._chunk_rows = chunk_rows
        self._history = timedelta(days=history_days)

    def _check(self, request: pb.GetFeatureMatrixRequest) -> None:
        problems = []
        if not request.issue_times or len(request.issue_times) > MAX_ISSUE_TIMES:
            problems.append(FieldProblem("issue_times", "out_of_range", f"between 1 and {MAX_ISSUE_TIMES} issue times"))
        if not request.lead_days or any(not 1 <= d <= MAX_LEAD_DAYS for d in request.lead_days):
            problems.append(FieldProblem("lead_days", "out_of_range", f"at least one, each between 1 and {MAX_LEAD_DAYS}"))
        moments = [time_problem("issue_times", t) for t in request.issue_times]
        if request.HasField("study_area_as_of"):
            moments.append(time_problem("study_area_as_of", request.study_area_as_of))
        problems.extend(dict.fromkeys(p for p in moments if p))
        unknown = sorted(set(request.cells) - set(self._grid.index))
        if unknown:
            problems.append(FieldProblem("cells", "not_in_city", f"{len(unknown)} cells outside the city, e.g. {unknown[0]}"))
        if request.issue_times:
            seconds = [t.seconds for t in request.issue_times]
            span_days = (max(seconds) - min(seconds)) / 86400
            if span_days > self._limits.max_span_days:
                problems.append(
                    FieldProblem(
                        "issue_times",
                        "span_too_long",
                        f"{span_days:.0f} days from first to last; at most {self._limits.max_span_days} per call",
                    )
                )
            cells = len(request.cells) or len(self._grid.cells)  # the study area is at most the grid
            rows = cells * len(set(seconds)) * len(set(request.lead_days))
            if rows > self._limits.max_rows and not problems:
                problems.append(
                    FieldProblem(
                        "issue_times",
                        "too_many_rows",
                        f"up to {rows:,} rows (cells x issue times x lead days); at most {self._limits.max_rows:,} per call",
                    )
                )
        if problems:
            raise InvalidArgument("invalid feature matrix request", tuple(problems))

    async def GetFeatureMatrix(self, request: pb.GetFeatureMatrixRequest, context: grpc.aio.ServicerContext):
        self._check(request)
        issue_times = sorted({floor_hour(to_datetime(t)) for t in request.issue_times})
        leads = sorted(set(request.lead_days))
        area_as_of = floor_hour(to_datetime(request.study_area_as_of)) if request.HasField("study_area_as_of") else None
        first = min([*issue_times, *([area_as_of] if area_as_of else [])]) - self._history
        last = issue_times[-1] + timedelta(days=leads[-1])
        counts = await self._repository.target_counts(list(self._city.targets), first, last)
        scheduled = await self._repository.scheduled_events(first, last)
        time_left(context, "building the features")
        # Numpy work runs off the event loop so the consumer keeps storing events meanwhile.
        builder = await asyncio.to_thread(
            lambda: FeatureBuilder(
                self._city,
                self._grid,
                TargetHistory.from_counts(self._grid, counts),
                scheduled,
                unix_hour(first),
                unix_hour(last),
            )
        )
        produce = blocks(
            builder, issue_times, leads, list(request.cells), area_as_of, request.include_labels, request.include_hourly
        )
        declared = False
        while True:
            time_left(context, "building the next rows")  # a block is built only while the caller waits
            if (block := await asyncio.to_thread(next, produce, None)) is None:
                break
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
                cells=[self._grid.cells[i] for i in block.cells[part]],
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
