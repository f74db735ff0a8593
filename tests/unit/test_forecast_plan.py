"""The split of time into training, validation and test; the gate; calibration."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from scoring.errors import CannotTrain
from scoring.model import calibrate
from scoring.plan import make_plan, rows_within

T = datetime(2010, 9, 1, 5, tzinfo=UTC)
FIRST = datetime(2010, 1, 1, 6, tzinfo=UTC)


def test_no_training_target_overlaps_validation_or_test():
    plan = make_plan(T, FIRST, test_days=62, validation_days=28, training_days=365, step_hours=48)
    assert plan.test_start == T - timedelta(days=62) and plan.validation_start == plan.test_start - timedelta(days=28)
    assert plan.test[0] == plan.test_start and plan.test[-1] == T - timedelta(days=1)
    assert plan.training[-1] + timedelta(days=1) <= plan.validation_start
    assert plan.training[0] >= FIRST + timedelta(days=28)
    issues = np.array([int(t.timestamp()) for t in plan.training for _ in range(30)])
    leads = np.tile(np.arange(1, 31), len(plan.training))
    kept = rows_within(issues, leads, plan.validation_start)
    ends = issues[kept] + leads[kept] * 86400
    assert kept.any() and (ends <= plan.validation_start.timestamp()).all()


def test_too_little_history_is_said_in_words():
    with pytest.raises(CannotTrain, match="too short"):
        make_plan(T, T - timedelta(days=60), test_days=56, validation_days=28, training_days=365, step_hours=48)


def test_calibration_corrects_the_level_and_keeps_the_ranking():
    rng = np.random.default_rng(0)
    truth = rng.gamma(0.5, 0.4, 50_000)
    labels = rng.poisson(truth).astype(float)
    a, b = calibrate(truth * 3.0, labels)  # a model three times too high
    corrected = np.exp(a + b * np.log(truth * 3.0))
    assert corrected.sum() == pytest.approx(labels.sum(), rel=0.02)
    assert b > 0 and np.all(np.diff(corrected[np.argsort(truth)]) >= -1e-12)
