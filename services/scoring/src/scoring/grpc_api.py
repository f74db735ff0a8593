"""ScoringService: protobuf <-> the forecaster. The model card leaves as JSON here."""

from __future__ import annotations

import grpc

from civicpulse.runtime.access import Role, current_caller, method_rights
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import (
    FieldProblem,
    InvalidArgument,
    NotFound,
    Resource,
    check_text_fields,
    time_problem,
)
from civicpulse.runtime.grpc_server import time_left
from civicpulse.runtime.model_card import NOT_JUDGED, ModelCard
from civicpulse.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from scoring.feature_client import timestamp
from scoring.forecaster import Forecaster
from scoring.jobs import Job, Jobs, without_card
from scoring.repository import ModelRow

# A request's own test period, when it names one (0: the service's setting).
MAX_TEST_DAYS = 365
# Jobs in one ListJobs page: when the request names none, and at most.
JOBS_PAGE = 20
MAX_JOBS_PAGE = 100
SERVICE_NAME = scoring_pb2.DESCRIPTOR.services_by_name["ScoringService"].full_name
# Training and scoring change what police applications receive: an operator or the scheduler.
# Approval and rollback are a person's decision: an operator. Models and cards are open to read;
# jobs, to those who may start them.
RIGHTS = method_rights(
    SERVICE_NAME,
    {
        "TrainModel": {Role.OPERATOR, Role.SCHEDULER},
        "GetJob": {Role.OPERATOR, Role.SCHEDULER},
        "ListJobs": {Role.OPERATOR, Role.SCHEDULER},
        "ScoreCells": {Role.OPERATOR, Role.SCHEDULER},
        "ApproveModel": {Role.OPERATOR},
        "RollbackModel": {Role.OPERATOR},
        "ListModels": {Role.OPERATOR, Role.SCHEDULER, Role.APPLICATION},
        "GetModelCard": {Role.OPERATOR, Role.SCHEDULER, Role.APPLICATION},
    },
)

STATUS = {
    "rejected": scoring_pb2.MODEL_STATUS_REJECTED,
    "awaiting_approval": scoring_pb2.MODEL_STATUS_AWAITING_APPROVAL,
    "active": scoring_pb2.MODEL_STATUS_ACTIVE,
    "retired": scoring_pb2.MODEL_STATUS_RETIRED,
}
JOB_KIND = {"training": scoring_pb2.JOB_KIND_TRAINING}
JOB_STATE = {
    "queued": scoring_pb2.JOB_STATE_QUEUED,
    "running": scoring_pb2.JOB_STATE_RUNNING,
    "succeeded": scoring_pb2.JOB_STATE_SUCCEEDED,
    "failed": scoring_pb2.JOB_STATE_FAILED,
}


def _issue_time(request):
    if not request.HasField("issue_time"):
        raise InvalidArgument(
            "issue_time is required", (FieldProblem("issue_time", "required", "the time the forecast is issued as of"),)
        )
    if problem := time_problem("issue_time", request.issue_time):
        raise InvalidArgument("issue_time is out of range", (problem,))
    return to_datetime(request.issue_time)


def _required(value: str, field: str, what: str) -> str:
    if not value.strip():
        raise InvalidArgument(f"{field} is required", (FieldProblem(field, "required", what),))
    return value.strip()


def day1_ratio(card: ModelCard) -> tuple[float, float, float]:
    """Next-24 h PAI@5 % against the best baseline, with its interval; 0 where not judged."""
    day1 = card.bands.get("day1")
    pai5 = day1.pai5 if day1 else NOT_JUDGED
    low, high = pai5.ratio_ci95 or (0.0, 0.0)
    return pai5.ratio or 0.0, low or 0.0, high or 0.0


def summary(row: ModelRow) -> scoring_pb2.ModelSummary:
    return scoring_pb2.ModelSummary(
        model_version=row.version,
        status=STATUS[row.status],
        trained_at=timestamp(row.trained_at),
        issue_time=timestamp(row.issue_time),
        day1_pai5_ratio=day1_ratio(row.card)[0],
        gate_reason=row.gate_reason,
    )


def job_message(job: Job) -> scoring_pb2.Job:
    message = scoring_pb2.Job(
        job_id=job.job_id,
        kind=JOB_KIND[job.kind],
        state=JOB_STATE[job.state],
        stage=job.stage,
        percent=job.percent,
        rows_read=job.rows_read,
        rows_expected=job.rows_expected,
        requested_by=job.requested_by,
        created_at=timestamp(job.created_at),
        issue_time=timestamp(job.issue_time),
        test_days=job.test_days,
    )
    for field, moment in (("started_at", job.started_at), ("finished_at", job.finished_at)):
        if moment is not None:
            getattr(message, field).CopyFrom(timestamp(moment))
    if job.error is not None:
        message.error.CopyFrom(scoring_pb2.JobError(code=job.error.code, reason=job.error.reason, message=job.error.message))
    if (t := job.training) is not None:
        message.training.CopyFrom(
            scoring_pb2.TrainingResult(
                model_version=t.model_version,
                training_rows=t.training_rows,
                positive_rows=t.positive_rows,
                status=STATUS[t.status],
                gate_reason=t.gate_reason,
                day1_pai5_ratio=t.day1_pai5_ratio,
                day1_pai5_ratio_ci_low=t.day1_pai5_ratio_ci_low,
                day1_pai5_ratio_ci_high=t.day1_pai5_ratio_ci_high,
                card_json=t.card_json,
            )
        )
    return message


class ScoringServicer(scoring_pb2_grpc.ScoringServiceServicer):
    def __init__(self, forecaster: Forecaster, jobs: Jobs) -> None:
        self._forecaster = forecaster
        self._jobs = jobs

    async def TrainModel(self, request: scoring_pb2.TrainModelRequest, context: grpc.aio.ServicerContext):
        # What the request says is checked now; what the data allows, by the job (its error says why).
        if not 0 <= request.test_days <= MAX_TEST_DAYS:
            raise InvalidArgument(
                f"test_days lies in [0, {MAX_TEST_DAYS}]",
                (FieldProblem("test_days", "out_of_range", f"0 (the service's setting) to {MAX_TEST_DAYS} days"),),
            )
        issue_time = _issue_time(request)
        job = await self._jobs.start_training(issue_time, request.test_days, current_caller().id)
        return scoring_pb2.TrainModelResponse(job=job_message(job))

    async def GetJob(self, request: scoring_pb2.GetJobRequest, context: grpc.aio.ServicerContext):
        check_text_fields(request, identifiers=("job_id",))
        job_id = _required(request.job_id, "job_id", "the id TrainModel answered")
        return scoring_pb2.GetJobResponse(job=job_message(await self._jobs.job(job_id)))

    async def ListJobs(self, request: scoring_pb2.ListJobsRequest, context: grpc.aio.ServicerContext):
        check_text_fields(request, identifiers=("page_token",))
        if not 0 <= request.page_size <= MAX_JOBS_PAGE:
            raise InvalidArgument(
                f"page_size lies in [0, {MAX_JOBS_PAGE}]",
                (FieldProblem("page_size", "out_of_range", f"1 to {MAX_JOBS_PAGE} jobs, or 0 for {JOBS_PAGE}"),),
            )
        size = request.page_size or JOBS_PAGE
        try:
            jobs = await self._jobs.newest(size + 1, request.page_token.strip())
        except NotFound:
            raise InvalidArgument(
                "page_token names no job",
                (FieldProblem("page_token", "unknown", "the next_page_token of the previous page, or empty"),),
            ) from None
        page = jobs[:size]
        return scoring_pb2.ListJobsResponse(
            jobs=[job_message(without_card(j)) for j in page],
            next_page_token=page[-1].job_id if len(jobs) > size else "",
        )

    async def ScoreCells(self, request: scoring_pb2.ScoreCellsRequest, context: grpc.aio.ServicerContext):
        issue_time = _issue_time(request)
        check_text_fields(request, identifiers=("model_version",))
        time_left(context, "scoring")
        result = await self._forecaster.score(issue_time, request.model_version)
        return scoring_pb2.ScoreCellsResponse(
            model_version=result.model_version,
            cells_scored=result.cells_scored,
            scores_stored=result.scores_stored,
            daily_scores_stored=result.daily_scores_stored,
            zones_published=result.zones_published,
        )

    async def ListModels(self, request: scoring_pb2.ListModelsRequest, context: grpc.aio.ServicerContext):
        rows = await self._forecaster.repository.models()
        return scoring_pb2.ListModelsResponse(models=[summary(r) for r in rows])

    async def GetModelCard(self, request: scoring_pb2.GetModelCardRequest, context: grpc.aio.ServicerContext):
        check_text_fields(request, identifiers=("model_version",))
        row = await self._forecaster.repository.model_row(request.model_version or None)
        if row is None:
            raise NotFound(
                f"no model version {request.model_version}" if request.model_version else "no active model",
                Resource("model", request.model_version or "active"),
                reason="MODEL_NOT_FOUND" if request.model_version else "NO_ACTIVE_MODEL",
            )
        return scoring_pb2.GetModelCardResponse(
            model_version=row.version, card_json=row.card.to_json(), card_markdown=row.card_markdown
        )

    async def ApproveModel(self, request: scoring_pb2.ApproveModelRequest, context: grpc.aio.ServicerContext):
        check_text_fields(request, identifiers=("model_version",), notes=("note",))
        version = _required(request.model_version, "model_version", "the version to approve")
        operator = current_caller().id
        await self._forecaster.approve(version, operator, request.note)
        return scoring_pb2.ApproveModelResponse(model=summary(await self._forecaster.repository.model_row(version)))

    async def RollbackModel(self, request: scoring_pb2.RollbackModelRequest, context: grpc.aio.ServicerContext):
        check_text_fields(request, identifiers=("model_version",), notes=("reason",))
        version = _required(request.model_version, "model_version", "the earlier version to make active")
        operator = current_caller().id
        await self._forecaster.rollback(version, operator, request.reason)
        return scoring_pb2.RollbackModelResponse(model=summary(await self._forecaster.repository.model_row(version)))
