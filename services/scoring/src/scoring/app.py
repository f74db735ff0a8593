"""Composition root of the scoring service."""

from __future__ import annotations

from civicpulse.messaging.publisher import Publisher
from civicpulse.runtime import metrics
from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.city import CityProfile
from civicpulse.scoring.v1 import forecasts_pb2_grpc, scoring_pb2_grpc
from scoring import model_metrics
from scoring.feature_client import FeatureStoreClient
from scoring.forecaster import Forecaster, ForecastPolicy
from scoring.grpc_api import RIGHTS, ScoringServicer
from scoring.jobs import Jobs, JobStore
from scoring.outbox import OutboxRelay
from scoring.read_api import RIGHTS as READ_RIGHTS
from scoring.read_api import ForecastServicer, ReadLimits
from scoring.reads import ForecastReads
from scoring.repository import ScoringRepository
from scoring.settings import ScoringSettings

# How often a replica reads the registry's active version again (another replica may have changed it).
MODEL_GAUGES_SECONDS = 60.0


class ScoringApp(ServiceApp, service="scoring"):
    settings: ScoringSettings
    forecaster: Forecaster  # set by build()
    jobs: Jobs  # set by build()

    async def build(self) -> None:
        s = self.settings
        city = self.city()
        pool = await self.open_database()
        features = FeatureStoreClient(s.feature_store_address, s.feature_store_timeout_seconds, self.tls, s.feature_store_token)
        self.resources.push_async_callback(features.close)
        _, js = await self.open_bus()
        repository = ScoringRepository(pool)
        relay = OutboxRelay(repository, Publisher(js), self.clock)
        forecaster = self.forecaster = Forecaster(policy(s, city), city, features, repository, relay, self.clock)
        jobs = self.jobs = Jobs(JobStore(pool), forecaster, self.clock)
        await jobs.open()  # fails the jobs a stopped process left unfinished
        self.resources.push_async_callback(jobs.close)
        servicer = ScoringServicer(forecaster, jobs)
        reader = ForecastServicer(ForecastReads(pool), features, city, ReadLimits.of(s), self.clock)
        await self.serve_api(
            scoring_pb2_grpc.add_ScoringServiceServicer_to_server,
            servicer,
            RIGHTS,
            (forecasts_pb2_grpc.add_ForecastServiceServicer_to_server, reader, READ_RIGHTS),
        )
        self.run_periodically("outbox relay", relay.every_seconds, relay.flush)
        self.run_periodically("model gauges", MODEL_GAUGES_SECONDS, forecaster.show_active_model)
        show_schedule(s)
        if scored := await repository.last_scored_at():  # then each scoring in this process sets it
            metrics.SCORES_LAST_RUN.set(scored.timestamp())
        if s.schedule_minutes:
            self.run_periodically("scheduled run", s.schedule_minutes * 60, forecaster.scheduled_run)


def policy(s: ScoringSettings, city: CityProfile) -> ForecastPolicy:
    """The settings' training knobs; held-out time is the city's (its profile's evaluation)."""
    return ForecastPolicy(
        test_days=city.evaluation.test_days,
        validation_days=city.evaluation.validation_days,
        training_days=s.training_days,
        training_step_hours=s.training_step_hours,
        boost_rounds=s.boost_rounds,
        max_depth=s.max_depth,
        learning_rate=s.learning_rate,
        gate_tolerance=s.gate_tolerance,
        zone_update_max_cells=s.zone_update_max_cells,
        retrain_hours=s.retrain_hours,
    )


def show_schedule(s: ScoringSettings) -> None:
    """The schedule's gauges (0: not on the clock). The city profile has no retraining period:
    the scheduled run trains again once the newest version is `retrain_hours` old."""
    metrics.SCORE_PERIOD.set(s.schedule_minutes * 60)
    metrics.MODEL_RETRAIN_PERIOD.set(s.retrain_hours * 3600 if s.schedule_minutes else 0)
    model_metrics.declare_outcomes()
