import numpy as np
import pytest

from feature_store.domain import FEATURE_NAMES
from scoring.explain import FAMILIES, top_factors
from scoring.model import TrainingSet, load_model, poisson_deviance, risk_levels, train


def synthetic(rows_per_issue=3000, issues=4, seed=3) -> TrainingSet:
    """Counts driven by recent history: a model that learns must beat the hour-of-week baseline."""
    rng = np.random.default_rng(seed)
    n = rows_per_issue * issues
    values = rng.random((n, len(FEATURE_NAMES)), dtype=np.float32)
    history = rng.poisson(1.0, n).astype(np.float32)
    values[:, FEATURE_NAMES.index("history_7d")] = history
    values[:, FEATURE_NAMES.index("same_hour_of_week_8w")] = 0.3
    labels = rng.poisson(0.05 + 0.4 * history).astype(np.float32)
    issue_times = np.repeat(np.arange(issues, dtype=np.int64) * 86400, rows_per_issue)
    return TrainingSet(list(FEATURE_NAMES), issue_times, values, labels)


def test_training_beats_the_baseline_on_held_out_time():
    model = train(synthetic(), rounds=40, max_depth=3, learning_rate=0.2)
    m = model.metrics
    assert m["holdout_rows"] == 3000 and m["training_rows"] == 9000
    assert m["holdout_deviance"] < m["baseline_deviance"]
    assert sorted(model.level_thresholds) == model.level_thresholds


def test_a_model_survives_serialisation():
    data = synthetic(500, 2)
    model = train(data, rounds=10, max_depth=3, learning_rate=0.3)
    again = load_model(model.serialise(), model.feature_names, model.level_thresholds, model.params, model.metrics)
    np.testing.assert_allclose(model.predict(data.values[:50]), again.predict(data.values[:50]), rtol=1e-6)


def test_one_issue_time_is_not_enough():
    with pytest.raises(ValueError, match="two issue times"):
        train(synthetic(100, 1), rounds=2, max_depth=2, learning_rate=0.3)


def test_risk_levels_follow_thresholds():
    levels = risk_levels(np.array([0.0, 0.1, 0.2, 0.5, 0.9, 5.0]), [0.1, 0.2, 0.5, 1.0])
    assert levels.tolist() == [1, 2, 3, 4, 4, 5]


def test_poisson_deviance_is_zero_for_a_perfect_forecast_and_grows_with_error():
    y = np.array([0.0, 1.0, 3.0])
    assert poisson_deviance(y, y) == pytest.approx(0.0, abs=1e-5)
    assert poisson_deviance(y, y + 1) > poisson_deviance(y, y + 0.1) > 0


def test_every_feature_belongs_to_one_family_with_labels_in_both_languages():
    covered = [f for family in FAMILIES for f in family.features]
    assert sorted(covered) == sorted(FEATURE_NAMES)
    assert all(family.label_en and family.label_fr and family.label_en != family.label_fr for family in FAMILIES)


def test_top_factors_rank_families_by_contribution():
    names = list(FEATURE_NAMES)
    contributions = np.zeros((1, len(names) + 1))
    contributions[0, names.index("history_24h")] = 0.2
    contributions[0, names.index("near_repeat")] = 0.3
    contributions[0, names.index("scheduled_attendance_near")] = 0.4
    contributions[0, names.index("hour_of_day")] = -0.5
    [factors] = top_factors(contributions, names, limit=2)
    assert [f.family.name for f in factors] == ["recent_incidents", "scheduled_events"]
    assert factors[0].contribution == pytest.approx(0.5)
