"""The scoring service's metrics and decision lines through its real API on a real feature store:
each training is one counted decision (failed, rejected, awaiting approval), an approval moves the
model gauges, scoring says when it ran, and a restarted service reads both back from the database."""

import json
import logging
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from synthetic_city import HISTORY_END

from civicpulse.devstack.profiles import profile_variant
from civicpulse.lab.jobs import JobFailed, wait_for_job
from civicpulse.runtime import metrics
from civicpulse.runtime.logging import JsonFormatter
from civicpulse.scoring.v1 import scoring_pb2 as pb
from civicpulse.scoring.v1 import scoring_pb2_grpc
from scoring import model_metrics
from scoring.app import ScoringApp
from support import OPERATOR_TOKEN, channel_as, eventually

pytestmark = pytest.mark.integration
OUTCOMES = ("promoted", "awaiting_approval", "rejected", "failed")


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def gauge_becomes(name: str, value: float) -> bool:
    async def check() -> bool:
        return sample(name) == value

    return await eventually(check)


def decisions() -> dict[str, float]:
    return {o: sample("civicpulse_model_decisions_total", outcome=o) for o in OUTCOMES}


def request(issue_time) -> pb.TrainModelRequest:
    r = pb.TrainModelRequest()
    r.issue_time.FromDatetime(issue_time)
    return r


async def serving(settings):
    app = ScoringApp(settings)
    await app.start()
    channel = channel_as(f"127.0.0.1:{app.grpc.port}", OPERATOR_TOKEN)
    return app, channel, scoring_pb2_grpc.ScoringServiceStub(channel)


async def train(stub, issue_time=HISTORY_END) -> pb.Job:
    started = await stub.TrainModel(request(issue_time), timeout=10)
    try:
        return await wait_for_job(stub, started.job.job_id, poll_seconds=0.2, timeout=300)
    except JobFailed as failed:
        return failed.job


async def test_each_decision_is_counted_logged_and_moves_the_gauges(feature_store_with_history, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="scoring.model_metrics")
    settings = (await feature_store_with_history()).model_copy(update={"schedule_minutes": 0})
    before = decisions()
    trainings = sample("civicpulse_training_duration_seconds_count")
    model_writes = sample("civicpulse_db_write_duration_seconds_count", operation="model")

    # One boosting round of one split: a coarse model the baselines beat.
    crippled = settings.model_copy(update={"boost_rounds": 1, "max_depth": 1, "learning_rate": 0.01})
    app, channel, stub = await serving(crippled)
    try:
        assert await gauge_becomes("civicpulse_model_version", 0)  # an empty registry
        early = await train(stub, HISTORY_END - timedelta(days=40))  # history begins 60 days before
        assert early.state == pb.JOB_STATE_FAILED
        lost = await train(stub)
        assert lost.training.status == pb.MODEL_STATUS_REJECTED
        assert sample("civicpulse_model_version") == 0, "a rejected version does not score"
    finally:
        await channel.close()
        await app.stop()

    profile = profile_variant(settings.city_profile, tmp_path, {"promotion": {"require_operator_approval": True}})
    app, channel, stub = await serving(settings.model_copy(update={"city_profile": profile, "gate_tolerance": 0.2}))
    try:
        waiting = (await train(stub)).training
        assert waiting.status == pb.MODEL_STATUS_AWAITING_APPROVAL, waiting.gate_reason
        assert sample("civicpulse_model_version") == 0
        await stub.ApproveModel(pb.ApproveModelRequest(model_version=waiting.model_version, note="read"), timeout=30)
        version = waiting.model_version
        assert sample("civicpulse_model_version") == model_metrics.version_number(version) > 0
        assert sample("civicpulse_model_info", version=version) == 1
        trained_at = sample("civicpulse_model_trained_timestamp_seconds")
        assert trained_at > 0

        scored_before = sample("civicpulse_scores_last_run_timestamp_seconds")
        score_writes = sample("civicpulse_db_write_duration_seconds_count", operation="scores")
        score = pb.ScoreCellsRequest()
        score.issue_time.FromDatetime(HISTORY_END)
        await stub.ScoreCells(score, timeout=120)
        scored_at = sample("civicpulse_scores_last_run_timestamp_seconds")
        assert scored_at > scored_before
        assert sample("civicpulse_db_write_duration_seconds_count", operation="scores") == score_writes + 1
    finally:
        await channel.close()
        await app.stop()

    after = decisions()
    assert {o: after[o] - before[o] for o in OUTCOMES} == {"promoted": 0, "awaiting_approval": 1, "rejected": 1, "failed": 1}
    assert sample("civicpulse_training_duration_seconds_count") == trainings + 3
    assert sample("civicpulse_db_write_duration_seconds_count", operation="model") >= model_writes + 2

    formatter = JsonFormatter("scoring")
    lines = [json.loads(formatter.format(r)) for r in caplog.records if getattr(r, "fields", {}).get("event") == "model_decision"]
    assert [line["outcome"] for line in lines] == ["failed", "rejected", "awaiting_approval", "approved"]
    failed, rejected, awaiting, approved = lines
    assert failed["reason"] == "CANNOT_TRAIN" and "too short" in failed["message"]
    assert rejected["model_version"] == lost.training.model_version and rejected["reason"] == lost.training.gate_reason
    assert rejected["bands"]["day1"]["pai5_ratio_ci95"][0] == pytest.approx(lost.training.day1_pai5_ratio_ci_low, abs=1e-6)
    assert awaiting["model_version"] == approved["model_version"] == version and approved["note_given"] is True
    assert all("duty-operator" not in json.dumps(line) for line in lines), "who decided stays in the registry"

    # A restarted service reads the active version from the registry.
    model_metrics.show_active(None)
    metrics.SCORES_LAST_RUN.set(0)
    app, channel, stub = await serving(settings)
    try:
        assert await gauge_becomes("civicpulse_model_version", model_metrics.version_number(version))
        assert sample("civicpulse_model_trained_timestamp_seconds") == trained_at
        # When scores were last stored, by any replica, from the database: not 0 after a restart.
        assert sample("civicpulse_scores_last_run_timestamp_seconds") == pytest.approx(scored_at, abs=5)
    finally:
        await channel.close()
        await app.stop()
