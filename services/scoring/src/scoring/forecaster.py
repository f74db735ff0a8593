"""Use cases of the scoring service: train a model as of a time; score every cell as of a time."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from civicpulse.messaging.consumer import cause
from civicpulse.messaging.publisher import Outgoing
from civicpulse.messaging.topology import scores_subject
from civicpulse.runtime import metrics
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import Clock, floor_hour
from civicpulse.runtime.model_card import ModelCard
from scoring import model_metrics
from scoring.card import gate, markdown, model_card
from scoring.errors import CannotTrain, EmptyStudyArea, NoActiveModel, NotTheActiveModel
from scoring.feature_client import FeatureStoreClient
from scoring.forecast import make_forecast, model_version, zone_updates
from scoring.outbox import OutboxRelay
from scoring.plan import LEAD_DAYS, make_plan
from scoring.repository import SavedModel, ScoringRepository
from scoring.signal import signal_by_source
from scoring.training import WRITING_CARD, Progress, evaluate, fit

log = logging.getLogger(__name__)
SCHEDULE_LOCK = "scoring.schedule"


@dataclass(frozen=True)
class ForecastPolicy:
    """What the forecaster is told: how it splits time, trains, judges and publishes."""

    # Held-out time before a training issue time: the test period judges (the gate, the card), the
    # validation period before it stops boosting early and calibrates.
    test_days: int
    validation_days: int
    # Training issue times every `training_step_hours` over at most `training_days` before validation.
    training_days: int
    training_step_hours: int
    boost_rounds: int
    max_depth: int
    learning_rate: float
    # Days 2-7 and 8-30, when judged, need the lower end of their PAI@5 % ratio's 95 % interval at
    # 1 - tolerance or above.
    gate_tolerance: float
    zone_update_max_cells: int  # cells listed in one zone's risk update
    retrain_hours: int  # on the clock, train again once the newest version is this old (0: never)


@dataclass(frozen=True)
class TrainingResult:
    model_version: str
    training_rows: int
    positive_rows: int
    status: str
    gate_reason: str
    card: ModelCard


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
        policy: ForecastPolicy,
        city: CityProfile,
        features: FeatureStoreClient,
        repository: ScoringRepository,
        relay: OutboxRelay,
        clock: Clock,
    ) -> None:
        self._policy = policy
        self._city = city
        self._features = features
        self._repository = repository
        self._relay = relay
        self._clock = clock
        # One training at a time in this process (jobs and the scheduled run): each takes a core and memory.
        self.one_training = asyncio.Lock()

    @property
    def repository(self) -> ScoringRepository:
        return self._repository

    async def train(
        self, issue_time: datetime, test_days: int = 0, operator: str = "scheduler", progress: Progress | None = None
    ) -> TrainingResult:
        """Trains, judges on the test period, writes the card, and promotes only what passes the gate.
        `progress` hears the stages, percent and rows read as they go. Each training that ends is a
        model decision (model_metrics); one stopped with the service is none."""
        started = time.perf_counter()
        try:
            result, outcome = await self._train(issue_time, test_days, operator, progress)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            model_metrics.training_failed(f"{floor_hour(issue_time):%Y-%m-%dT%H:%MZ}", exc, time.perf_counter() - started)
            raise
        model_metrics.trained(
            result.model_version,
            outcome,
            result.status,
            result.gate_reason,
            result.card.bands,
            result.training_rows,
            result.positive_rows,
            time.perf_counter() - started,
        )
        if result.status == "active":
            await self.show_active_model()
        return result

    async def _train(
        self, issue_time: datetime, test_days: int, operator: str, progress: Progress | None
    ) -> tuple[TrainingResult, str]:
        """The training and the gate's outcome (promoted, awaiting_approval, rejected)."""
        p = self._policy
        progress = progress or Progress()
        issue_time = floor_hour(issue_time)
        history = await self._features.history()
        if history.oldest_target_event_at is None:
            raise CannotTrain(
                "the feature store holds no event of the city's targets: nothing to learn;"
                " replay or ingest the city's history first"
            )
        plan = make_plan(
            issue_time,
            history.oldest_target_event_at,
            test_days or p.test_days,
            p.validation_days,
            p.training_days,
            p.training_step_hours,
        )
        if history.newest_event_at is not None and history.newest_event_at < plan.training[0]:
            # Every training window lies after the newest event: said now rather than after reading them all.
            raise CannotTrain(
                f"no target event in the training period ({plan.training[0]:%Y-%m-%d} to {plan.validation_start:%Y-%m-%d};"
                f" {history.span()}): {history.suggestion('train')}",
                issue_time,
            )
        fitted = await fit(self._features, plan, p.boost_rounds, p.max_depth, p.learning_rate, progress)
        model = fitted.model
        # The card's day-by-day counts per zone are published: never below what the agreements allow.
        minimum = await self._features.min_published_count()
        # The card's police-generated share follows the agreements: which partners sent the events read.
        senders = await self._features.senders_by_kind()
        evaluation = await evaluate(self._features, plan, model, self._city, progress, minimum)
        progress.enter(WRITING_CARD)
        version = model_version(issue_time, model)
        decision = gate(evaluation.bands, p.gate_tolerance, self._city.evaluation)
        if not decision.passed:
            state, event = "rejected", "rejected"
        elif self._city.promotion.require_operator_approval or not decision.judged:
            state, event = "awaiting_approval", "awaiting_approval"
        else:
            state, event = "active", "promoted"
        card = model_card(
            version,
            self._city,
            plan,
            model,
            fitted.facts,
            evaluation,
            fitted.features,
            fitted.families,
            decision,
            p.gate_tolerance,
            state,
            signal_by_source(evaluation.signal_by_feature, fitted.features, self._city, senders),
        )
        saved = SavedModel(
            version,
            self._clock(),
            issue_time,
            model,
            state,
            decision.reason,
            card,
            markdown(card),
            fitted.features,
            fitted.families,
        )
        state = await self._repository.save_model(saved, event, operator, self._clock())
        card = replace(card, status=state, promoted=state == "active")  # a version trained before keeps its status
        facts = fitted.facts
        return TrainingResult(version, facts.training_rows, facts.training_positive_rows, state, decision.reason, card), event

    async def score(self, issue_time: datetime, version: str | None = None) -> ScoringResult:
        issue_time = floor_hour(issue_time)
        loaded = await self._repository.active_model()
        if loaded is None:
            raise NoActiveModel(await self._repository.awaiting_approval())
        active, model, families = loaded
        if version and version != active:
            raise NotTheActiveModel(version, active)
        matrix = await self._features.matrix([issue_time], LEAD_DAYS, labels=False, hourly=True)
        history = await self._features.history()
        if not len(matrix.cells):
            raise EmptyStudyArea(issue_time, history)
        freshness = history.newest_event_at
        forecast = await asyncio.to_thread(make_forecast, matrix, model, active, issue_time, self._city, families)
        row = await self._repository.model_row(active)
        updates = zone_updates(
            forecast,
            self._city,
            freshness,
            self._policy.zone_update_max_cells,
            row.card if row else None,
            model.level_thresholds.get("hourly"),
        )
        outbox = [Outgoing(scores_subject(u.zone), u.SerializeToString(), u.update_id) for u in updates]
        hourly, daily = await self._repository.save_scores(issue_time, active, forecast, freshness, outbox)
        metrics.SCORES_LAST_RUN.set(time.time())
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
        await self._repository.change_status(version, expected, decision, operator, note, self._clock())
        model_metrics.status_changed(version, decision, bool(note))
        await self.show_active_model()

    async def show_active_model(self) -> None:
        """Sets the model gauges to the registry's active version (none: version 0)."""
        model_metrics.show_active(await self._repository.model_row(None))

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
                async with self.one_training:
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
        hours = self._policy.retrain_hours
        return hours > 0 and now - trained_at >= timedelta(hours=hours)
