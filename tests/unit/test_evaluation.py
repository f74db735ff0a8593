import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import numpy as np
import pytest

from civicpulse.runtime.model_card import (
    NOT_JUDGED,
    Band,
    Evaluation,
    EventError,
    FeatureDefinition,
    FeatureFamily,
    Hourly,
    ModelCard,
    Signal,
    TrainingFacts,
    from_plain,
    to_plain,
)
from scoring.card import gate, markdown, model_card
from scoring.evaluation import (
    DEVIANCE_FLOOR,
    band_metrics,
    bootstrap_ratio_ci,
    by_zone,
    event_error,
    hit_rate_and_pai,
    poisson_deviance,
    reliability_table,
    rounded,
)
from scoring.plan import make_plan

# The card's signal is not under test here: one feature, all of it from the target.
SIGNAL = Signal({"f": 1.0}, {"incident_report": 1.0}, 1.0, 0.0)


def band(issue_times=60, cells=200, scale=1.0, seed=5):
    """Counts whose hot spots drift over time: a fixed map can only follow them on average."""
    rng = np.random.default_rng(seed)
    base = rng.gamma(0.5, 1.0, cells)
    drift = np.exp(0.8 * np.sin(np.arange(issue_times)[:, None] / 6 + rng.uniform(0, 6, cells)))
    rate = scale * base * drift
    actual = rng.poisson(rate).astype(float)
    scores = {
        "model": rate,
        "historical_mean": np.broadcast_to(scale * base * drift.mean(axis=0), rate.shape),
        "uniform": np.full(rate.shape, rate.mean()),
    }
    return scores, actual


def test_pai_by_hand():
    scores = np.array([5, 4, 3, 2, 1, 0, 0, 0, 0, 0], float)
    actual = np.array([2, 0, 1, 0, 0, 0, 0, 0, 0, 1], float)
    assert hit_rate_and_pai(scores, actual, 0.2) == pytest.approx((0.5, 2.5))
    assert hit_rate_and_pai(scores, actual, 0.3) == pytest.approx((0.75, 2.5))
    # 2.5 cells: the first two whole, half of the third.
    assert hit_rate_and_pai(scores, actual, 0.25) == pytest.approx((2.5 / 4, 2.5))


def test_all_equal_scores_get_exactly_the_area_share():
    actual = np.random.default_rng(1).poisson(0.3, 500).astype(float)
    for fraction in (0.01, 0.05, 0.1, 0.2):
        assert hit_rate_and_pai(np.zeros(500), actual, fraction) == pytest.approx((fraction, 1.0))


def test_cells_tied_at_the_cut_off_share_the_credit():
    # Capacity 2: the first cell whole, then one place for the two tied cells, so half their events.
    actual = np.array([1, 1, 0, 2], float)
    assert hit_rate_and_pai(np.array([3, 2, 2, 0], float), actual, 0.5) == pytest.approx((1.5 / 4, 0.75))
    # The order of the tied cells does not matter.
    assert hit_rate_and_pai(np.array([3, 2, 2, 0], float), actual[[0, 2, 1, 3]], 0.5) == pytest.approx((1.5 / 4, 0.75))


def test_no_events_gives_nan_and_the_band_skips_that_issue_time():
    assert np.isnan(hit_rate_and_pai(np.arange(5.0), np.zeros(5), 0.2)).all()
    scores, actual = band(issue_times=20)
    actual[3] = 0
    result = band_metrics(scores, actual, n_boot=200)
    five = result.fractions[1]
    assert np.isnan(five.methods["model"].pai_series[3])
    assert np.isfinite(five.methods["model"].pai)
    assert five.methods["model"].pai == pytest.approx(np.mean(np.delete(five.methods["model"].pai_series, 3)))
    assert rounded(five.methods["model"].pai_series)[3] is None  # nan is null in the card


def test_the_oracle_caps_every_method_and_the_ceiling_every_fixed_map():
    scores, actual = band()
    rng = np.random.default_rng(2)
    fixed_maps = {f"map{i}": np.broadcast_to(rng.random(actual.shape[1]), actual.shape) for i in range(5)}
    result = band_metrics({**scores, **fixed_maps}, actual, n_boot=100)
    for r in result.fractions:
        for name, method in r.methods.items():
            assert np.all(r.oracle.pai_series >= method.pai_series - 1e-9), name
        assert np.all(r.oracle.pai_series >= r.ceiling.pai_series - 1e-9)
        for name in ["historical_mean", "uniform", *fixed_maps]:
            assert r.ceiling.pai >= r.methods[name].pai - 1e-9, name


def test_a_perfect_forecast_beats_the_baselines():
    scores, actual = band()
    scores["model"] = actual
    result = band_metrics(scores, actual, n_boot=500)
    for r in result.fractions:
        assert r.methods["model"].pai == pytest.approx(r.oracle.pai)
        assert r.ratio > 1 and r.ratio_ci95[0] > 1
        assert r.model_beats_best_share > 0.75
        assert r.best_baseline == "historical_mean"
    assert result.deviance["model"] == 0
    assert result.deviance["model"] < result.deviance["historical_mean"] < result.deviance["uniform"]


def test_a_model_equal_to_its_baseline_ties():
    scores, actual = band(issue_times=20)
    result = band_metrics({"model": scores["model"], "same": scores["model"].copy()}, actual, n_boot=200)
    for r in result.fractions:
        assert r.ratio == pytest.approx(1.0) and r.ratio_ci95 == pytest.approx((1.0, 1.0))
        assert r.model_beats_best_share == 0.5


def test_the_bootstrap_interval_holds_the_ratio_is_reproducible_and_narrows_with_less_noise():
    scores, actual = band()
    first, again = band_metrics(scores, actual, seed=3), band_metrics(scores, actual, seed=3)
    other_seed = band_metrics(scores, actual, seed=4)
    for r, r_again, r_other in zip(first.fractions, again.fractions, other_seed.fractions, strict=True):
        assert r.ratio_ci95[0] <= r.ratio <= r.ratio_ci95[1]
        assert r.ratio == pytest.approx(r.methods["model"].pai / r.methods[r.best_baseline].pai)
        assert r.ratio_ci95 == r_again.ratio_ci95
        assert r.ratio_ci95 != r_other.ratio_ci95

    rng = np.random.default_rng(0)
    baseline = 2 + rng.random(90)
    widths = []
    for noise in (1.0, 0.1):
        model = 1.5 * baseline + noise * rng.standard_normal(90)
        low, high = bootstrap_ratio_ci(model, baseline, block_days=7, n_boot=1000, seed=1)
        widths.append(high - low)
    assert widths[1] < widths[0] / 3


def test_deviance_is_zero_for_a_perfect_forecast_and_floors_a_zero_prediction_where_events_happened():
    labels = np.array([0, 0, 3, 1], float)
    assert poisson_deviance(labels, labels, floor=1e-4) == 0
    missed = poisson_deviance(np.array([2.0]), np.array([0.0]), floor=1e-4)
    assert np.isfinite(missed)
    assert missed == pytest.approx(2 * (2 * np.log(2 / 1e-4) - 2 + 1e-4))
    assert missed == pytest.approx(poisson_deviance(np.array([2.0]), np.array([1e-4]), floor=1e-4))
    assert poisson_deviance(np.array([2.0]), np.array([0.0]), floor=1e-2) < missed


def test_reliability_bins_add_up_and_keep_ties_together():
    rng = np.random.default_rng(4)
    predicted = np.where(rng.random(5000) < 0.6, 0.0, rng.gamma(1.0, 1.0, 5000))
    actual = rng.poisson(predicted).astype(float)
    rows = reliability_table(predicted, actual, bins=10)
    assert sum(r.count for r in rows) == 5000
    assert sum(r.sum_predicted for r in rows) == pytest.approx(predicted.sum())
    assert sum(r.sum_observed for r in rows) == pytest.approx(actual.sum())
    # The zeros (60 % of the rows) sit in one bin, which holds nothing else.
    assert rows[0].count == int((predicted == 0).sum()) and rows[0].mean_predicted == 0
    assert len(rows) == 5
    assert all(a.mean_predicted < b.mean_predicted for a, b in zip(rows, rows[1:], strict=False))


def test_by_zone_sums_match_the_totals():
    scores, actual = band(issue_times=10, cells=40)
    zones = ["north"] * 10 + ["centre"] * 25 + ["south"] * 5
    rows = by_zone(scores, actual, zones, fraction=0.2)
    assert [r.zone for r in rows] == ["centre", "north", "south"]
    assert [r.cells for r in rows] == [25, 10, 5]
    assert sum(r.observed for r in rows) == pytest.approx(actual.sum())
    for name, method_scores in scores.items():
        assert sum(r.methods[name].predicted for r in rows) == pytest.approx(method_scores.sum())
        for r in rows:
            assert r.methods[name].ratio == pytest.approx(r.methods[name].predicted / r.observed)
    # Cells ranked within the zone: a uniform forecast finds exactly the zone's area share.
    assert all(r.methods["uniform"].pai == pytest.approx(1.0) for r in rows)


def test_event_error_on_the_masked_cell_windows():
    predicted = np.array([[1.0, 2.0], [0.0, 5.0]])
    actual = np.array([[3.0, 2.0], [1.0, 1.0]])
    mask = np.array([[True, False], [True, True]])
    error = event_error(predicted, actual, mask)
    assert (error.cell_windows, error.mae, error.bias) == (3, pytest.approx(7 / 3), pytest.approx(1 / 3))
    assert event_error(predicted, actual, np.zeros_like(mask)).cell_windows == 0


def test_the_band_json_layout():
    scores, actual = band()
    judged = rounded(band_metrics(scores, actual, n_boot=200).as_band())
    result = json.loads(json.dumps(to_plain(judged), allow_nan=False))
    assert from_plain(Band, result) == judged  # the card's JSON gives the typed band back
    assert result["issue_times"] == 60 and result["baselines"] == ["historical_mean", "uniform"]
    for pct in ("1", "5", "10", "20"):
        block = result[f"pai{pct}"]
        assert set(block) >= {"model", "best_baseline", "best_baseline_name", "ratio", "ratio_ci95"}
        assert block["best_baseline"] == block["baselines"][block["best_baseline_name"]]
        assert len(block["ratio_ci95"]) == 2
        assert set(result["hit_rate"][f"top{pct}"]) == {"model", "historical_mean", "uniform"}
        assert set(result["ceiling"][f"top{pct}"]) == {"hit_rate", "pai", "ratio_to_best_baseline"}
        assert 0 <= result["model_beats_best_share"][f"top{pct}"] <= 1
    assert set(result["deviance"]) == {"model", "historical_mean", "uniform"}
    assert rounded({"x": np.float32(1.234567), "y": float("nan"), "z": np.int64(3)}) == {"x": 1.2346, "y": None, "z": 3}


def test_the_model_card_gives_itself_back_from_its_json_and_judges_validation_and_test_alike(city):
    scores, actual = band(issue_times=14, cells=60)
    scores = {"model": scores["model"], "dow_hour_mean": scores["historical_mean"], "hotspot_own": scores["uniform"]}
    judged = rounded(band_metrics(scores, actual, n_boot=100).as_band())
    hourly = Hourly(
        3600, {"model": 0.05, "dow_hour_mean": 0.07}, dict.fromkeys(("model", "dow_hour_mean"), EventError(0, None, None))
    )
    evaluation = Evaluation(14, 60, {"day1": judged, "days2_7": judged, "days8_30": Band.not_judged(23)}, hourly, {"f": 1.0})
    start = datetime(2010, 6, 1, 5, tzinfo=UTC)
    plan = make_plan(start, start - timedelta(days=200), 14, 14, 60, 48)
    model = SimpleNamespace(params={"eta": 0.1}, calibration=(0.0, 1.0), level_thresholds={"daily": [1.0]})
    facts = TrainingFacts(10, 2, 5, 3, 0.31, 0.3, (0.0, 1.0))
    feature = FeatureDefinition("f", "usual_level", "en", "fr", "all history", "target")
    family = FeatureFamily("usual_level", "Usual level", "Niveau habituel")
    decision = gate(evaluation.bands, 0.01, city.evaluation)
    card = model_card(
        "v1",
        city,
        plan,
        model,
        facts,
        evaluation,
        [feature],
        [family],
        decision,
        0.01,
        "rejected",
        SIGNAL,
    )

    assert ModelCard.from_json(card.to_json()) == card
    layout = json.loads(card.to_json())
    assert layout["bands"]["days8_30"] == {
        "measured": False,
        "issue_times": 0,
        "window_days": 23,
        "independent_windows": 0,
        "judged": False,
        **{k: to_plain(NOT_JUDGED) for k in judged.pai},
    }
    assert set(layout["evaluation"]) == {"test_issue_times", "cells", "hourly_72h"}
    # One deviance for validation and test: the card names it and its floor, the bands use the same floor.
    assert f"{DEVIANCE_FLOOR:g}" in card.deviance_definition and judged.deviance_floor == DEVIANCE_FLOOR
    assert "Deviance, validation and test alike" in markdown(card)
