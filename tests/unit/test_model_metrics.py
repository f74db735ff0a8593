"""What the scoring service exports about its model: the active version as numbers, the schedule,
and one counted, logged decision per training; and the city profile's acknowledgement delay."""

import json
import logging
from datetime import UTC, datetime

import pytest
from prometheus_client import REGISTRY
from pydantic import ValidationError

from civicpulse.runtime.city import CityProfile, Notifications
from civicpulse.runtime.logging import JsonFormatter
from civicpulse.runtime.model_card import AgainstBaselines, Band
from scoring import model_metrics
from scoring.app import show_schedule
from scoring.errors import CannotTrain
from scoring.repository import ModelRow
from scoring.settings import ScoringSettings
from support import CONFIG

TRAINED_AT = datetime(2010, 5, 3, 1, tzinfo=UTC)


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_version_is_its_issue_hour_as_a_number():
    assert model_metrics.version_number("20100503T00-0123456789") == 2010050300
    assert model_metrics.version_number(None) == 0
    assert model_metrics.version_number("hand-made") == -1


def test_the_gauges_follow_the_active_version_and_none():
    row = ModelRow("20100503T00-0123456789", "active", TRAINED_AT, TRAINED_AT, None, "passed", "")
    model_metrics.show_active(row)
    assert sample("civicpulse_model_version") == 2010050300
    assert sample("civicpulse_model_trained_timestamp_seconds") == TRAINED_AT.timestamp()
    assert sample("civicpulse_model_info", version=row.version) == 1
    model_metrics.show_active(None)
    assert sample("civicpulse_model_version") == 0 and sample("civicpulse_model_trained_timestamp_seconds") == 0
    assert REGISTRY.get_sample_value("civicpulse_model_info", {"version": row.version}) is None


def scoring_settings(**knobs) -> ScoringSettings:
    houston = CONFIG / "cities" / "houston.yaml"
    return ScoringSettings(city_profile=houston, database_url="postgresql://localhost/unused", plaintext=True, **knobs)


def test_the_schedule_says_how_often_it_scores_and_retrains():
    show_schedule(scoring_settings(schedule_minutes=60, retrain_hours=168))
    assert sample("civicpulse_score_period_seconds") == 3600
    assert sample("civicpulse_model_retrain_period_seconds") == 168 * 3600
    # Off the clock, nothing retrains by itself: no period to be late against.
    show_schedule(scoring_settings(schedule_minutes=0, retrain_hours=168))
    assert sample("civicpulse_score_period_seconds") == 0 and sample("civicpulse_model_retrain_period_seconds") == 0
    for outcome in model_metrics.TRAINING_OUTCOMES:
        assert REGISTRY.get_sample_value("civicpulse_model_decisions_total", {"outcome": outcome}) is not None


def decision_lines(caplog) -> list[dict]:
    formatter = JsonFormatter("scoring")
    return [json.loads(formatter.format(r)) for r in caplog.records if getattr(r, "fields", {}).get("event") == "model_decision"]


def test_each_training_is_one_counted_decision_and_one_json_line(caplog):
    caplog.set_level(logging.INFO, logger="scoring.model_metrics")
    promoted = sample("civicpulse_model_decisions_total", outcome="promoted")
    failed = sample("civicpulse_model_decisions_total", outcome="failed")
    trainings = sample("civicpulse_training_duration_seconds_count")
    pai5 = AgainstBaselines(0.4, 0.3, "dow_hour_mean", 1.33, (1.1, 1.6), {"dow_hour_mean": 0.3})
    bands = {"day1": Band(measured=True, issue_times=7, window_days=1, independent_windows=7, judged=True, pai5=pai5)}
    model_metrics.trained("20100503T00-0123456789", "promoted", "active", "next 24 h above 1", bands, 900, 120, 12.5)
    model_metrics.training_failed("2010-05-03T00:00Z", CannotTrain("history from 2010-05-01 is too short"), 0.5)

    assert sample("civicpulse_model_decisions_total", outcome="promoted") == promoted + 1
    assert sample("civicpulse_model_decisions_total", outcome="failed") == failed + 1
    assert sample("civicpulse_training_duration_seconds_count") == trainings + 2
    won, lost = decision_lines(caplog)
    assert won["model_version"] == "20100503T00-0123456789" and won["outcome"] == "promoted"
    assert won["reason"] == "next 24 h above 1" and won["training_rows"] == 900
    assert won["bands"]["day1"]["pai5_ratio"] == 1.33 and won["bands"]["day1"]["pai5_ratio_ci95"] == [1.1, 1.6]
    assert lost["outcome"] == "failed" and lost["reason"] == "CANNOT_TRAIN" and "too short" in lost["message"]


def test_an_unexpected_failure_says_its_kind_not_its_text(caplog):
    caplog.set_level(logging.INFO, logger="scoring.model_metrics")
    model_metrics.training_failed("2010-05-03T00:00Z", RuntimeError("row of someone@example.org"), 0.1)
    (line,) = decision_lines(caplog)
    assert line["reason"] == "INTERNAL" and line["message"] == "unexpected RuntimeError"
    assert "example.org" not in json.dumps(line)


def test_the_acknowledgement_delay_has_a_default_and_is_checked():
    houston = CityProfile.load(CONFIG / "cities" / "houston.yaml")
    assert houston.notifications == Notifications(acknowledge_within_minutes=15, overdue_for_hours=24)
    with pytest.raises(ValidationError, match="overdue_for_hours .* must be longer than acknowledge_within_minutes"):
        Notifications(acknowledge_within_minutes=120, overdue_for_hours=1)
    with pytest.raises(ValidationError, match="acknowledge_within_minutes"):
        Notifications(acknowledge_within_minutes=0)
