"""Following a scoring job to its end: TrainModel answers at once with a job; GetJob says how it stands.

    started = await stub.TrainModel(request, metadata=metadata)
    job = await wait_for_job(stub, started.job.job_id, metadata, on_progress=print_progress)
    job.training.model_version

A job that fails raises JobFailed with the job's own words (and its status code and reason).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

from civicpulse.scoring.v1 import scoring_pb2

Metadata = Sequence[tuple[str, str]] | None


class JobFailed(Exception):
    def __init__(self, job: scoring_pb2.Job) -> None:
        self.job = job
        error = job.error
        super().__init__(f"job {job.job_id} failed: {error.message} ({error.code} {error.reason})")


def progress_line(job: scoring_pb2.Job) -> str:
    """One line of a job's progress: state, percent, stage and rows read."""
    state = scoring_pb2.JobState.Name(job.state).removeprefix("JOB_STATE_").lower()
    rows = f", {job.rows_read:,} of ~{job.rows_expected:,} rows" if job.rows_expected else ""
    return f"job {job.job_id}: {state} {job.percent:3d}% {job.stage}{rows}"


async def wait_for_job(
    stub,
    job_id: str,
    metadata: Metadata = None,
    on_progress: Callable[[scoring_pb2.Job], None] | None = None,
    poll_seconds: float = 1.0,
    timeout: float = 3600.0,
) -> scoring_pb2.Job:
    """Polls GetJob until the job ends; the succeeded job, or JobFailed. `on_progress` hears each
    change of state, stage or percent. TimeoutError after `timeout` seconds (the job goes on)."""
    deadline = time.monotonic() + timeout
    heard: tuple | None = None
    while True:
        job = (await stub.GetJob(scoring_pb2.GetJobRequest(job_id=job_id), metadata=metadata, timeout=30)).job
        now = (job.state, job.stage, job.percent)
        if on_progress is not None and now != heard:
            on_progress(job)
            heard = now
        if job.state == scoring_pb2.JOB_STATE_SUCCEEDED:
            return job
        if job.state == scoring_pb2.JOB_STATE_FAILED:
            raise JobFailed(job)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{progress_line(job)}: not ended after {timeout:.0f} s (it goes on: GetJob follows it)")
        await asyncio.sleep(poll_seconds)


async def train(
    stub,
    request: scoring_pb2.TrainModelRequest,
    metadata: Metadata = None,
    on_progress: Callable[[scoring_pb2.Job], None] | None = None,
    poll_seconds: float = 1.0,
    timeout: float = 3600.0,
) -> scoring_pb2.TrainingResult:
    """Starts a training and waits for its result."""
    started = await stub.TrainModel(request, metadata=metadata, timeout=30)
    job = await wait_for_job(stub, started.job.job_id, metadata, on_progress, poll_seconds, timeout)
    return job.training
