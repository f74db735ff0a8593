"""ScoringService: protobuf <-> the forecaster."""

from __future__ import annotations

import grpc

from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import FieldProblem, InvalidArgument
from civicpulse.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from scoring.forecaster import Forecaster


def _issue_time(request):
    if not request.HasField("issue_time"):
        raise InvalidArgument(
            "issue_time is required", (FieldProblem("issue_time", "required", "the time the forecast is issued as of"),)
        )
    return to_datetime(request.issue_time)


class ScoringServicer(scoring_pb2_grpc.ScoringServiceServicer):
    def __init__(self, forecaster: Forecaster) -> None:
        self._forecaster = forecaster

    async def TrainModel(self, request: scoring_pb2.TrainModelRequest, context: grpc.aio.ServicerContext):
        result = await self._forecaster.train(_issue_time(request))
        return scoring_pb2.TrainModelResponse(
            model_version=result.model_version,
            training_rows=result.training_rows,
            positive_rows=result.positive_rows,
            holdout_deviance=result.holdout_deviance,
            baseline_deviance=result.baseline_deviance,
        )

    async def ScoreCells(self, request: scoring_pb2.ScoreCellsRequest, context: grpc.aio.ServicerContext):
        result = await self._forecaster.score(_issue_time(request), request.model_version)
        return scoring_pb2.ScoreCellsResponse(
            model_version=result.model_version,
            cells_scored=result.cells_scored,
            scores_stored=result.scores_stored,
            zones_published=result.zones_published,
        )
