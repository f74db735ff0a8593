"""Client of the feature store: streams a feature matrix into numpy arrays."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import grpc
import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.telemetry import grpc_client_interceptors

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


@dataclass
class FeatureMatrix:
    feature_names: list[str]
    cells: list[str]
    issue_times: np.ndarray
    target_times: np.ndarray
    values: np.ndarray
    labels: np.ndarray | None


def timestamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


class FeatureStoreClient:
    def __init__(self, address: str, timeout: float) -> None:
        self._channel = grpc.aio.insecure_channel(
            address,
            interceptors=grpc_client_interceptors(),
            options=[("grpc.service_config", SERVICE_CONFIG), ("grpc.max_receive_message_length", 64 * 1024 * 1024)],
        )
        self._stub = feature_store_pb2_grpc.FeatureStoreServiceStub(self._channel)
        self._timeout = timeout

    async def close(self) -> None:
        await self._channel.close()

    async def matrix(
        self, issue_times: list[datetime], horizon: int, categories: list[str], labels: bool, active_only: bool = False
    ) -> FeatureMatrix:
        request = pb.GetFeatureMatrixRequest(
            issue_times=[timestamp(t) for t in issue_times],
            horizon_hours=horizon,
            target_categories=categories,
            include_labels=labels,
            active_cells_only=active_only,
        )
        names: list[str] = []
        cells: list[str] = []
        issues, targets, values, label_parts = [], [], [], []
        async for chunk in self._stub.GetFeatureMatrix(request, timeout=self._timeout):
            names = names or list(chunk.feature_names)
            cells.extend(chunk.cells)
            issues.append(np.asarray(chunk.issue_times_unix, np.int64))
            targets.append(np.asarray(chunk.target_times_unix, np.int64))
            values.append(np.asarray(chunk.values, np.float32))
            label_parts.append(np.asarray(chunk.labels, np.float32))
        width = max(len(names), 1)
        return FeatureMatrix(
            feature_names=names,
            cells=cells,
            issue_times=np.concatenate(issues) if issues else np.empty(0, np.int64),
            target_times=np.concatenate(targets) if targets else np.empty(0, np.int64),
            values=(np.concatenate(values) if values else np.empty(0, np.float32)).reshape(-1, width),
            labels=np.concatenate(label_parts) if labels and label_parts else None,
        )

    async def newest_event_at(self) -> datetime | None:
        status = await self._stub.GetDataStatus(pb.GetDataStatusRequest(), timeout=30)
        return to_datetime(status.newest_event_at) if status.HasField("newest_event_at") else None
