"""Long work as operations: a training starts as a job, answers at once, and is followed by its row.

The row lives in the scoring database, so any replica answers for it; the work itself runs as an
asyncio task in the process that started it, one training at a time per process (a job started
meanwhile waits QUEUED, as it does behind the scheduled run's training). Progress is written to
the row at most every `report_seconds`.

Each process holds a PostgreSQL advisory lock named after itself (its runner id) for as long as
it lives. A process that starts fails the unfinished jobs of every runner whose lock it can take:
their process is gone (a crash, a kill), and the job will never end otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any
from uuid import uuid4

from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from civicpulse.runtime import metrics
from civicpulse.runtime.clock import Clock
from civicpulse.runtime.errors import CivicpulseError, NotFound, Resource, dependency_failure
from civicpulse.runtime.model_card import NOT_JUDGED
from scoring.forecaster import Forecaster, TrainingResult
from scoring.training import Progress

log = logging.getLogger(__name__)

TRAINING = "training"
QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
INTERRUPTED = "JOB_INTERRUPTED"
RESTARTED = "interrupted: the scoring service restarted while it ran; start it again"
STOPPED = "interrupted: the scoring service stopped while it ran; start it again"
UNEXPECTED = "the training failed unexpectedly; the scoring service's log says why"
COLUMNS = (
    "job_id, kind, state, stage, percent, rows_read, rows_expected, requested_by, created_at, started_at, finished_at,"
    " issue_time, test_days, error_code, error_reason, error_message, result"
)


@dataclass(frozen=True)
class JobError:
    code: str  # the gRPC status code's name the call would have answered
    reason: str  # the ErrorInfo reason
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> JobError:
        known = exc if isinstance(exc, CivicpulseError) else dependency_failure(exc)
        if known is None:
            return cls("INTERNAL", "INTERNAL", UNEXPECTED)
        return cls(known.code.name, known.reason, known.message)


@dataclass(frozen=True)
class TrainingFigures:
    """A succeeded training's result, as the job keeps it."""

    model_version: str
    training_rows: int
    positive_rows: int
    status: str
    gate_reason: str
    day1_pai5_ratio: float
    day1_pai5_ratio_ci_low: float
    day1_pai5_ratio_ci_high: float
    card_json: str

    @classmethod
    def of(cls, result: TrainingResult) -> TrainingFigures:
        day1 = result.card.bands.get("day1")
        pai5 = day1.pai5 if day1 else NOT_JUDGED  # 0 where not judged
        low, high = pai5.ratio_ci95 or (0.0, 0.0)
        return cls(
            result.model_version,
            result.training_rows,
            result.positive_rows,
            result.status,
            result.gate_reason,
            pai5.ratio or 0.0,
            low or 0.0,
            high or 0.0,
            result.card.to_json(),
        )


@dataclass(frozen=True)
class Job:
    job_id: str
    kind: str
    state: str
    stage: str
    percent: int
    rows_read: int
    rows_expected: int
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    issue_time: datetime
    test_days: int
    error: JobError | None
    training: TrainingFigures | None

    @classmethod
    def of(cls, row: tuple) -> Job:
        *head, code, reason, message, result = row
        error = JobError(code, reason, message) if code else None
        return cls(*head, error, TrainingFigures(**result) if result else None)


class JobStore:
    """SQL of the jobs table."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def create(self, job: Job, runner: str) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="job"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "INSERT INTO scoring.jobs (job_id, kind, state, stage, requested_by, created_at, issue_time, test_days,"
                    " runner) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (job.job_id, job.kind, job.state, job.stage, job.requested_by, job.created_at, job.issue_time, job.test_days)
                    + (runner,),
                )

    async def started(self, job_id: str, at: datetime) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="job"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "UPDATE scoring.jobs SET state = 'running', started_at = %s, stage = 'starting'"
                    " WHERE job_id = %s AND state = 'queued'",
                    (at, job_id),
                )

    async def progressed(self, job_id: str, stage: str, percent: int, rows_read: int, rows_expected: int) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="job"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "UPDATE scoring.jobs SET stage = %s, percent = greatest(percent, %s), rows_read = %s, rows_expected = %s"
                    " WHERE job_id = %s AND state = 'running'",
                    (stage, percent, rows_read, rows_expected, job_id),
                )

    async def succeeded(self, job_id: str, at: datetime, progress: Progress, figures: TrainingFigures) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="job"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "UPDATE scoring.jobs SET state = 'succeeded', stage = 'done', percent = 100, rows_read = %s,"
                    " rows_expected = %s, finished_at = %s, result = %s WHERE job_id = %s",
                    (progress.rows_read, progress.rows_read, at, Jsonb(asdict(figures)), job_id),
                )

    async def failed(self, job_ids: list[str], at: datetime, error: JobError) -> None:
        """Ends unfinished jobs FAILED (a job already ended keeps its outcome)."""
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="job"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "UPDATE scoring.jobs SET state = 'failed', finished_at = %s, error_code = %s, error_reason = %s,"
                    " error_message = %s WHERE job_id = ANY(%s) AND state IN ('queued', 'running')",
                    (at, error.code, error.reason, error.message, job_ids),
                )

    async def job(self, job_id: str) -> Job | None:
        async with self._pool.connection() as conn:
            cur = await conn.execute(f"SELECT {COLUMNS} FROM scoring.jobs WHERE job_id = %s", (job_id,))
            row = await cur.fetchone()
        return Job.of(row) if row else None

    async def newest(self, limit: int, before: Job | None = None) -> list[Job]:
        """Newest first; `before`: the jobs after that one in this order."""
        where, args = "", ()
        if before is not None:
            where, args = "WHERE (created_at, job_id) < (%s, %s)", (before.created_at, before.job_id)
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                f"SELECT {COLUMNS} FROM scoring.jobs {where} ORDER BY created_at DESC, job_id DESC LIMIT %s", (*args, limit)
            )
            return [Job.of(row) for row in await cur.fetchall()]

    async def orphaned(self, runner: str) -> dict[str, list[str]]:
        """Unfinished jobs of runners other than `runner` whose process is gone, by runner."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT runner, array_agg(job_id) FROM scoring.jobs WHERE state IN ('queued', 'running') AND runner <> %s"
                " GROUP BY runner",
                (runner,),
            )
            unfinished = dict(await cur.fetchall())
        gone = {}
        for other, job_ids in unfinished.items():
            async with self._pool.connection() as conn:
                await conn.set_autocommit(True)
                cur = await conn.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (_lock_name(other),))
                if (await cur.fetchone())[0]:
                    await conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (_lock_name(other),))
                    gone[other] = job_ids
        return gone

    @contextlib.asynccontextmanager
    async def holding(self, runner: str):
        """Holds the runner's lock (on a connection of its own) until exit: the runner's proof of life."""
        async with self._pool.connection() as conn:
            await conn.set_autocommit(True)
            await conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (_lock_name(runner),))
            try:
                yield
            finally:
                await conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (_lock_name(runner),))


def _lock_name(runner: str) -> str:
    return f"scoring.jobs.runner|{runner}"


class Jobs:
    """Starts trainings as jobs and runs them, one at a time in this process."""

    def __init__(self, store: JobStore, forecaster: Forecaster, clock: Clock, report_seconds: float = 0.5) -> None:
        self._store = store
        self._forecaster = forecaster
        self._clock = clock
        self._report_seconds = report_seconds
        self._tasks: dict[str, asyncio.Task] = {}
        self._held = contextlib.AsyncExitStack()
        self.runner = uuid4().hex

    async def open(self) -> None:
        """Holds this runner's lock, then fails the jobs a process that is gone left unfinished."""
        await self._held.enter_async_context(self._store.holding(self.runner))
        for runner, job_ids in (await self._store.orphaned(self.runner)).items():
            log.warning("jobs %s of a stopped scoring process (%s) marked failed", ", ".join(job_ids), runner)
            await self._store.failed(job_ids, self._clock(), JobError("ABORTED", INTERRUPTED, RESTARTED))

    async def close(self) -> None:
        """Stops the jobs of this process: each ends FAILED, saying to start it again."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._tasks:
            await self._store.failed(list(self._tasks), self._clock(), JobError("ABORTED", INTERRUPTED, STOPPED))
            self._tasks.clear()
        await self._held.aclose()

    async def start_training(self, issue_time: datetime, test_days: int, requested_by: str) -> Job:
        job = Job(
            job_id=str(uuid4()),
            kind=TRAINING,
            state=QUEUED,
            stage="waiting for the training before it" if self._forecaster.one_training.locked() else "starting",
            percent=0,
            rows_read=0,
            rows_expected=0,
            requested_by=requested_by,
            created_at=self._clock(),
            started_at=None,
            finished_at=None,
            issue_time=issue_time,
            test_days=test_days,
            error=None,
            training=None,
        )
        await self._store.create(job, self.runner)
        self._tasks[job.job_id] = asyncio.create_task(self._run(job), name=f"training job {job.job_id}")
        return job

    async def _run(self, job: Job) -> None:
        try:
            async with self._forecaster.one_training:
                await self._store.started(job.job_id, self._clock())
                progress = Progress()
                reporter = asyncio.create_task(self._report(job.job_id, progress))
                try:
                    result = await self._forecaster.train(job.issue_time, job.test_days, job.requested_by, progress)
                finally:
                    reporter.cancel()
                    await asyncio.gather(reporter, return_exceptions=True)
                progress.finish()
                await self._store.succeeded(job.job_id, self._clock(), progress, TrainingFigures.of(result))
                log.info("job %s: trained %s (%s)", job.job_id, result.model_version, result.status)
        except asyncio.CancelledError:
            return  # close() records why
        except Exception as exc:
            error = JobError.of(exc)
            if error.code == "INTERNAL":
                log.exception("job %s failed", job.job_id)
            else:
                log.info("job %s failed: %s", job.job_id, error.message)
            try:
                await self._store.failed([job.job_id], self._clock(), error)
            except Exception:
                log.exception("job %s failed and its row could not say so", job.job_id)
        self._tasks.pop(job.job_id, None)

    async def _report(self, job_id: str, progress: Progress) -> None:
        """Writes the progress to the row when it changed, at most every `report_seconds`."""
        written: tuple[Any, ...] = ()
        while True:
            await asyncio.sleep(self._report_seconds)
            now = progress.snapshot()
            if now != written:
                try:
                    await self._store.progressed(job_id, *now)
                    written = now
                except Exception as exc:  # progress is a courtesy: the work goes on
                    log.warning("job %s: progress not written: %s", job_id, exc)

    async def job(self, job_id: str) -> Job:
        found = await self._store.job(job_id)
        if found is None:
            raise NotFound(f"no job {job_id}", Resource("job", job_id), reason="JOB_NOT_FOUND")
        return found

    async def newest(self, limit: int, after_job_id: str = "") -> list[Job]:
        before = await self.job(after_job_id) if after_job_id else None
        return await self._store.newest(limit, before)


def without_card(job: Job) -> Job:
    """A job as a list shows it: the model card is GetJob's or GetModelCard's to give."""
    return replace(job, training=replace(job.training, card_json="")) if job.training else job
