"""Use cases of the scoring service: train a model as of a time; score every cell as of a time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.streams import subject_token
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import Clock, floor_hour
from civicpulse.runtime.errors import FailedPrecondition, NotFound
from scoring.feature_client import FeatureStoreClient
from scoring.forecast import make_forecast, model_version, zone_updates
from scoring.model import TrainingSet, train
from scoring.repository import ScoringRepository
from scoring.settings import ScoringSettings

log = logging.getLogger(__name__)
SCHEDULE_LOCK = "scoring.schedule"


@dataclass(frozen=True)
class TrainingResult:
    model_version: str
    training_rows: int
    positive_rows: int
    holdout_deviance: float
    baseline_deviance: float


@dataclass(frozen=True)
class ScoringResult:
    model_version: str
    cells_scored: int
    scores_stored: int
    zones_published: int


class Forecaster:
    def __init__(
        self,
        settings: ScoringSettings,
        city: CityProfile,
        features: FeatureStoreClient,
        repository: ScoringRepository,
        publisher: Publisher,
        clock: Clock,
    ) -> None:
        self._s = settings
        self._city = city
        self._features = features
        self._repository = repository
        self._publisher = publisher
        self._clock = clock

    def training_issue_times(self, issue_time: datetime) -> list[datetime]:
        """Issue times whose targets all end before `issue_time`: nothing from the future leaks in."""
        last = floor_hour(issue_time) - timedelta(hours=self._s.horizon_hours)
        steps = self._s.training_days * 24 // self._s.training_step_hours
        return [last - timedelta(hours=k * self._s.training_step_hours) for k in range(steps)]

    async def train(self, issue_time: datetime) -> TrainingResult:
        matrix = await self._features.matrix(
            self.training_issue_times(issue_time),
            self._s.horizon_hours,
            self._city.target_categories,
            labels=True,
            active_only=True,
        )
        if matrix.labels is None or len(matrix.labels) == 0 or matrix.labels.sum() == 0:
            raise FailedPrecondition("no incidents of the target categories before this issue time: nothing to learn")
        data = TrainingSet(matrix.feature_names, matrix.issue_times, matrix.values, matrix.labels)
        model = await asyncio.to_thread(train, data, self._s.boost_rounds, self._s.max_depth, self._s.learning_rate)
        version = model_version(issue_time, model)
        await self._repository.save_model(version, self._clock(), issue_time, model)
        m = model.metrics
        log.info("trained %s", version, extra={"fields": m})
        return TrainingResult(version, m["training_rows"], m["positive_rows"], m["holdout_deviance"], m["baseline_deviance"])

    async def score(self, issue_time: datetime, version: str | None = None) -> ScoringResult:
        issue_time = floor_hour(issue_time)
        loaded = await self._repository.load_model(version or None)
        if loaded is None:
            raise NotFound(f"no model {version}" if version else "no model trained yet: call TrainModel first")
        version, model = loaded
        matrix = await self._features.matrix([issue_time], self._s.horizon_hours, self._city.target_categories, labels=False)
        freshness = await self._features.newest_event_at()
        forecast = await asyncio.to_thread(make_forecast, matrix, model, version, issue_time, self._city)
        stored = await self._repository.save_scores(issue_time, version, forecast.rows, forecast.cells, freshness)
        updates = zone_updates(forecast, self._city, freshness, self._s.zone_update_max_cells)
        await self._publisher.publish_batch(
            [Outgoing(f"scores.v1.{subject_token(u.zone)}", u.SerializeToString(), u.update_id) for u in updates]
        )
        return ScoringResult(version, len(forecast.cells), stored, len(updates))

    async def run_schedule(self, stop: asyncio.Event) -> None:
        """Runs `scheduled_run` every `schedule_minutes` until `stop` is set."""
        while not stop.is_set():
            try:
                log.info("scheduled run: %s", await self.scheduled_run())
            except Exception:
                log.exception("scheduled run failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=self._s.schedule_minutes * 60)
            except TimeoutError:
                pass

    async def scheduled_run(self) -> str:
        """Scores the current hour with the newest model, training one first when there is none
        or when the newest is `retrain_hours` old.

        Every replica runs the schedule; an advisory lock lets one work at a time, and an hour
        already scored with the newest model is not scored again.
        """
        now = self._clock()
        async with self._repository.exclusive(SCHEDULE_LOCK) as held:
            if not held:
                return "skipped: another replica is running it"
            newest = await self._repository.newest_model()
            done = []
            if newest is None or self._due_for_training(newest[1], now):
                newest = ((await self.train(now)).model_version, now)
                done.append(f"trained {newest[0]}")
            version = newest[0]
            if await self._repository.has_forecast(floor_hour(now), version):
                return f"skipped: {floor_hour(now):%Y-%m-%d %H:00} is already scored with {version}"
            result = await self.score(now, version)
            return "; ".join([*done, f"scored {result.cells_scored} cells with {version}"])

    def _due_for_training(self, trained_at: datetime, now: datetime) -> bool:
        return self._s.retrain_hours > 0 and now - trained_at >= timedelta(hours=self._s.retrain_hours)
