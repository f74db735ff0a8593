"""Use cases of the scoring service: train a model as of a time; score every cell as of a time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicpulse.messaging.consumer import cause
from civicpulse.messaging.publisher import Outgoing
from civicpulse.messaging.topology import scores_subject
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import Clock, floor_hour, to_datetime
from civicpulse.runtime.errors import FailedPrecondition, NotFound, Precondition, Resource
from scoring.card import gate, markdown, signal_by_source, where_the_model_loses
from scoring.feature_client import FeatureStoreClient
from scoring.forecast import make_forecast, model_version, zone_updates
from scoring.outbox import OutboxRelay
from scoring.plan import LEAD_DAYS, make_plan
from scoring.repository import SavedModel, ScoringRepository
from scoring.settings import ScoringSettings
from scoring.training import evaluate, fit

log = logging.getLogger(__name__)
SCHEDULE_LOCK = "scoring.schedule"


@dataclass(frozen=True)
class TrainingResult:
    model_version: str
    training_rows: int
    positive_rows: int
    status: str
    gate_reason: str
    card: dict


@dataclass(frozen=True)
class ScoringResult:
    model_version: str
    cells_scored: int
    scores_stored: int
    daily_scores_stored: int
    zones_published: int


class Forecaster:
    def __init__(
        self,
        settings: ScoringSettings,
        city: CityProfile,
        features: FeatureStoreClient,
        repository: ScoringRepository,
        relay: OutboxRelay,
        clock: Clock,
    ) -> None:
        self._s = settings
        self._city = city
        self._features = features
        self._repository = repository
        self._relay = relay
        self._clock = clock

    @property
    def repository(self) -> ScoringRepository:
        return self._repository

    async def train(self, issue_time: datetime, test_days: int = 0, operator: str = "scheduler") -> TrainingResult:
        """Trains, judges on the test period, writes the card, and promotes only what passes the gate."""
        s = self._s
        issue_time = floor_hour(issue_time)
        status = await self._features.status()
        if not status.HasField("oldest_target_event_at"):
            raise FailedPrecondition("the feature store holds no event of the city's targets: nothing to learn")
        first_event = to_datetime(status.oldest_target_event_at)
        try:
            plan = make_plan(
                issue_time, first_event, test_days or s.test_days, s.validation_days, s.training_days, s.training_step_hours
            )
            model, facts, features, families = await fit(self._features, plan, s.boost_rounds, s.max_depth, s.learning_rate)
        except ValueError as exc:
            raise FailedPrecondition(f"cannot train as of {issue_time:%Y-%m-%d %H:00}: {exc}") from exc
        evaluation = await evaluate(self._features, plan, model, self._city)
        version = model_version(issue_time, model)
        decision = gate(evaluation["bands"], s.gate_tolerance)
        if not decision.passed:
            state, event = "rejected", "rejected"
        elif self._city.promotion.require_operator_approval:
            state, event = "awaiting_approval", "awaiting_approval"
        else:
            state, event = "active", "promoted"
        card = self._card(version, plan, model, facts, evaluation, features, families, decision, state)
        saved = SavedModel(
            version, self._clock(), issue_time, model, state, decision.reason, card, markdown(card), features, families
        )
        state = await self._repository.save_model(saved, event, operator, self._clock())
        card = {**card, "status": state, "promoted": state == "active"}  # a version trained before keeps its status
        log.info("trained %s: %s (%s)", version, state, decision.reason)
        return TrainingResult(version, facts["training_rows"], facts["training_positive_rows"], state, decision.reason, card)

    def _card(self, version, plan, model, facts, evaluation, features, families, decision, state) -> dict:
        card = {
            "model_version": version,
            "city": self._city.name,
            "targets": [t.model_dump() for t in self._city.targets],
            "status": state,
            "promoted": state == "active",
            "gate": {
                "passed": decision.passed,
                "reason": decision.reason,
                "require_operator_approval": self._city.promotion.require_operator_approval,
                "tolerance": self._s.gate_tolerance,
            },
            "data": {
                "issue_time": plan.issue_time.isoformat(),
                "training": [plan.training[0].isoformat(), plan.training[-1].isoformat()],
                "validation_start": plan.validation_start.isoformat(),
                "test_start": plan.test_start.isoformat(),
            },
            "training": facts,
            "parameters": {**model.params, "calibration": list(model.calibration), "level_thresholds": model.level_thresholds},
            "features": features,
            "families": families,
            "evaluation": {k: v for k, v in evaluation.items() if k not in ("bands", "signal_sources")},
            "bands": evaluation["bands"],
            "hourly_72h": evaluation["hourly_72h"],
            "signal": {
                "by_feature": evaluation["signal_sources"]["by_feature"],
                **signal_by_source(evaluation["signal_sources"]["by_feature"], features, self._city),
            },
        }
        card["where_the_model_loses"] = where_the_model_loses(evaluation)
        return card

    async def score(self, issue_time: datetime, version: str | None = None) -> ScoringResult:
        issue_time = floor_hour(issue_time)
        loaded = await self._repository.active_model()
        if loaded is None:
            raise FailedPrecondition("no active model: train one that passes the gate, or approve or roll back to one")
        active, model, families = loaded
        if version and version != active:
            raise FailedPrecondition(f"only the active version scores; {version} is not active ({active} is)")
        matrix = await self._features.matrix([issue_time], LEAD_DAYS, labels=False, hourly=True)
        if not len(matrix.cells):
            raise FailedPrecondition("the study area is empty: no target event before this issue time")
        status = await self._features.status()
        freshness = to_datetime(status.newest_event_at) if status.HasField("newest_event_at") else None
        forecast = await asyncio.to_thread(make_forecast, matrix, model, active, issue_time, self._city, families)
        updates = zone_updates(forecast, self._city, freshness, self._s.zone_update_max_cells)
        outbox = [Outgoing(scores_subject(u.zone), u.SerializeToString(), u.update_id) for u in updates]
        hourly, daily = await self._repository.save_scores(issue_time, active, forecast, freshness, outbox)
        try:
            await self._relay.flush()
        except Exception as exc:  # stored is what counts: the relay publishes them when the bus is back
            log.warning("risk updates stored but not yet published: %s", cause(exc))
        return ScoringResult(active, len(forecast.cells), hourly, daily, len(updates))

    async def approve(self, version: str, operator: str, note: str) -> None:
        await self._change(version, ("awaiting_approval",), "approved", operator, note)

    async def rollback(self, version: str, operator: str, reason: str) -> None:
        await self._change(version, ("retired", "awaiting_approval"), "rolled_back", operator, reason)

    async def _change(self, version: str, expected: tuple[str, ...], decision: str, operator: str, note: str) -> None:
        try:
            await self._repository.change_status(version, expected, decision, operator, note, self._clock())
        except LookupError as exc:
            raise NotFound(str(exc), Resource("model", version), reason="MODEL_NOT_FOUND") from exc
        except ValueError as exc:
            unmet = (Precondition("MODEL_STATUS", f"model/{version}", str(exc)),)
            raise FailedPrecondition(str(exc), unmet, reason="MODEL_STATUS") from exc

    async def scheduled_run(self) -> str:
        """Scores the current hour with the active version, training one first when none was trained
        or when the newest is `retrain_hours` old (a new version scores only if it passes the gate).

        Every replica runs the schedule; an advisory lock lets one work at a time, and an hour
        already scored with the active version is not scored again.
        """
        now = self._clock()
        async with self._repository.exclusive(SCHEDULE_LOCK) as held:
            if not held:
                return "skipped: another replica is running it"
            newest = await self._repository.newest_model()
            done = []
            if newest is None or self._due_for_training(newest[1], now):
                trained = await self.train(now)
                done.append(f"trained {trained.model_version} ({trained.status})")
            active = await self._repository.model_row(None)
            if active is None:
                return "; ".join([*done, "not scored: no active model"])
            version = active.version
            if await self._repository.has_forecast(floor_hour(now), version):
                return f"skipped: {floor_hour(now):%Y-%m-%d %H:00} is already scored with {version}"
            result = await self.score(now)
            return "; ".join([*done, f"scored {result.cells_scored} cells with {version}"])

    def _due_for_training(self, trained_at: datetime, now: datetime) -> bool:
        return self._s.retrain_hours > 0 and now - trained_at >= timedelta(hours=self._s.retrain_hours)
