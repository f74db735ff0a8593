"""Client of the feature store: streams a feature matrix into numpy arrays and typed feature definitions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime

import grpc
import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import CivicpulseError
from civicpulse.runtime.model_card import FeatureDefinition, FeatureFamily
from civicpulse.runtime.settings import SecretStr
from civicpulse.runtime.telemetry import grpc_client_interceptors
from civicpulse.runtime.tls import TlsFiles, channel
from scoring.errors import FeatureStoreRefused, FeatureStoreUnavailable, History
from scoring.signal import KindSenders

# Retries for transient failures are declared on the channel, not hand-written around calls.
SERVICE_CONFIG = json.dumps(
    {
        "methodConfig": [
            {
                "name": [{"service": "civicpulse.featurestore.v1.FeatureStoreService"}],
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.5s",
                    "maxBackoff": "5s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
)


@dataclass(frozen=True)
class HourlyColumns:
    """Per row, one value for each hour of its 24-hour window: [rows, 24] each."""

    shares: np.ndarray  # the split of the window's count (hourly forecasts are the daily ones spread by it)
    dow_hour_mean: np.ndarray  # the day-of-week/hour baseline
    attendance_near: np.ndarray  # attendance of scheduled events nearby
    labels: np.ndarray | None  # the counts, when labels are asked for


HOURLY_FIELDS = tuple(f.name for f in fields(HourlyColumns))


@dataclass
class FeatureMatrix:
    """Rows of (cell, issue time, 24-hour window) with columns addressed by name."""

    features: list[FeatureDefinition]  # the feature store's registry, in the order of the columns
    families: list[FeatureFamily]
    cells: np.ndarray  # str
    issue_times: np.ndarray  # unix seconds
    window_starts: np.ndarray  # unix seconds
    lead_days: np.ndarray
    values: np.ndarray  # float32 [rows, features]
    labels: np.ndarray | None
    hourly: HourlyColumns | None = None  # when asked for

    @property
    def feature_names(self) -> list[str]:
        return [f.name for f in self.features]

    def column(self, name: str) -> np.ndarray:
        return self.values[:, self.feature_names.index(name)]


def timestamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


def definition(message: pb.FeatureDefinition) -> FeatureDefinition:
    m = message
    return FeatureDefinition(m.name, m.family, m.description_en, m.description_fr, m.window, m.source)


def family(message: pb.FeatureFamily) -> FeatureFamily:
    return FeatureFamily(message.name, message.label_en, message.label_fr)


def _floats(parts: list[bytes], width: int = 1) -> np.ndarray | None:
    if not any(parts):
        return None
    array = np.frombuffer(b"".join(parts), "<f4").astype(np.float32)
    return array.reshape(-1, width) if width > 1 else array


class FeatureStoreClient:
    def __init__(self, address: str, timeout: float, tls: TlsFiles | None = None, token: SecretStr | None = None) -> None:
        self._channel = channel(
            address,
            tls,
            interceptors=grpc_client_interceptors(),
            options=[("grpc.service_config", SERVICE_CONFIG), ("grpc.max_receive_message_length", 64 * 1024 * 1024)],
        )
        self._stub = feature_store_pb2_grpc.FeatureStoreServiceStub(self._channel)
        self._timeout = timeout
        self._metadata = (("authorization", f"Bearer {token.get_secret_value()}"),) if token else ()

    async def close(self) -> None:
        await self._channel.close()

    async def matrix(
        self,
        issue_times: list[datetime],
        lead_days: list[int],
        labels: bool,
        hourly: bool = False,
        study_area_as_of: datetime | None = None,
        on_rows: Callable[[Sequence[int]], None] | None = None,
    ) -> FeatureMatrix:
        """`on_rows` hears the issue times (unix seconds) of each chunk's rows as they arrive."""
        request = pb.GetFeatureMatrixRequest(
            issue_times=[timestamp(t) for t in issue_times], lead_days=lead_days, include_labels=labels, include_hourly=hourly
        )
        if study_area_as_of is not None:
            request.study_area_as_of.CopyFrom(timestamp(study_area_as_of))
        features: list[FeatureDefinition] = []
        families: list[FeatureFamily] = []
        cells: list[str] = []
        issues, starts, leads = [], [], []
        values, label_parts = [], []
        hourly_parts: dict[str, list[bytes]] = {name: [] for name in HOURLY_FIELDS}
        try:
            async for chunk in self._stub.GetFeatureMatrix(request, timeout=self._timeout, metadata=self._metadata):
                if chunk.features:
                    features = [definition(f) for f in chunk.features]
                    families = [family(f) for f in chunk.families]
                cells.extend(chunk.cells)
                issues.extend(chunk.issue_times_unix)
                starts.extend(chunk.target_times_unix)
                leads.extend(chunk.lead_days)
                values.append(chunk.values)
                label_parts.append(chunk.labels)
                for name, parts in hourly_parts.items():
                    parts.append(getattr(chunk, f"hourly_{name}"))
                if on_rows is not None:
                    on_rows(chunk.issue_times_unix)
        except grpc.aio.AioRpcError as exc:
            raise feature_store_error(exc) from exc
        width = max(len(features), 1)
        return FeatureMatrix(
            features=features,
            families=families,
            cells=np.asarray(cells, dtype=object),
            issue_times=np.asarray(issues, np.int64),
            window_starts=np.asarray(starts, np.int64),
            lead_days=np.asarray(leads, np.int32),
            values=_floats(values, width) if any(values) else np.empty((0, width), np.float32),
            labels=_floats(label_parts) if labels else None,
            hourly=HourlyColumns(**{name: _floats(parts, 24) for name, parts in hourly_parts.items()}) if hourly else None,
        )

    async def status(self) -> pb.GetDataStatusResponse:
        try:
            return await self._stub.GetDataStatus(pb.GetDataStatusRequest(), timeout=30, metadata=self._metadata)
        except grpc.aio.AioRpcError as exc:
            raise feature_store_error(exc) from exc

    async def history(self) -> History:
        status = await self.status()
        return History(
            to_datetime(status.oldest_target_event_at) if status.HasField("oldest_target_event_at") else None,
            to_datetime(status.newest_event_at) if status.HasField("newest_event_at") else None,
        )

    async def min_published_count(self) -> int:
        """The smallest count of target events that may be published for one place and period."""
        return max(1, (await self.status()).min_published_count)

    async def senders_by_kind(self) -> dict[str, KindSenders]:
        """Per event kind the store holds, its events and those the partners whose agreements say
        `police_generated` sent."""
        return {k.kind: KindSenders(k.events, k.police_generated_events) for k in (await self.status()).senders_by_kind}

    async def scheduled_events(self, start: datetime, end: datetime, cells: Sequence[str] = ()) -> list[pb.ScheduledEvent]:
        """Scheduled events overlapping [start, end), by start time; FeatureStoreRefused when more
        matched than one answer holds (the agenda would be silently incomplete)."""
        request = pb.ListScheduledEventsRequest(start=timestamp(start), end=timestamp(end), cells=cells)
        try:
            response = await self._stub.ListScheduledEvents(request, timeout=30, metadata=self._metadata)
        except grpc.aio.AioRpcError as exc:
            raise feature_store_error(exc) from exc
        if response.truncated:
            raise FeatureStoreRefused(f"more than {len(response.events)} scheduled events in [{start}, {end}): ask for less")
        return list(response.events)

    async def observed_counts(
        self, start: datetime, end: datetime, cells: Sequence[str] = (), period_days: int = 0
    ) -> pb.GetObservedCountsResponse:
        """Counts of the city's targets per cell and zone and period of whole days [start, end); counts
        below `min_published_count` are withheld by the feature store."""
        request = pb.GetObservedCountsRequest(start=timestamp(start), end=timestamp(end), cells=cells, period_days=period_days)
        try:
            return await self._stub.GetObservedCounts(request, timeout=30, metadata=self._metadata)
        except grpc.aio.AioRpcError as exc:
            raise feature_store_error(exc) from exc


def feature_store_error(exc: grpc.aio.AioRpcError) -> CivicpulseError:
    """The feature store's failure, said in words: unreachable means retry later, anything else is a precondition."""
    detail = f"{exc.code().name} {exc.details()}"
    if exc.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return FeatureStoreUnavailable(detail)
    return FeatureStoreRefused(detail)
