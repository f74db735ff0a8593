"""Training and prediction with XGBoost, risk levels, and held-out evaluation. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xgboost as xgb

# Share of training predictions below each threshold: levels 2..5 start at these quantiles.
LEVEL_QUANTILES = (0.80, 0.95, 0.99, 0.999)
BASELINE_FEATURE = "same_hour_of_week_8w"


@dataclass
class TrainingSet:
    feature_names: list[str]
    issue_times: np.ndarray
    values: np.ndarray
    labels: np.ndarray


@dataclass
class TrainedModel:
    booster: xgb.Booster
    feature_names: list[str]
    level_thresholds: list[float]
    params: dict
    metrics: dict

    def predict(self, values: np.ndarray) -> np.ndarray:
        return self.booster.inplace_predict(values)

    def contributions(self, values: np.ndarray) -> np.ndarray:
        """Exact per-feature contributions (log scale), last column the bias. Costly: few rows only."""
        contributions = self.booster.predict(xgb.DMatrix(values, feature_names=self.feature_names), pred_contribs=True)
        # XGBoost flattens the result for zero rows: keep one row per input, whatever their number.
        return contributions.reshape(len(values), len(self.feature_names) + 1)

    def serialise(self) -> bytes:
        return bytes(self.booster.save_raw("ubj"))


def load_model(raw: bytes, feature_names: list[str], thresholds: list[float], params: dict, metrics: dict) -> TrainedModel:
    booster = xgb.Booster()
    booster.load_model(bytearray(raw))
    booster.feature_names = feature_names
    return TrainedModel(booster, feature_names, thresholds, params, metrics)


def risk_levels(expected: np.ndarray, thresholds: list[float]) -> np.ndarray:
    return (1 + np.searchsorted(np.asarray(thresholds), expected, side="right")).astype(np.int16)


def poisson_deviance(labels: np.ndarray, predicted: np.ndarray) -> float:
    mu = np.clip(predicted, 1e-6, None)
    y = labels
    term = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
    return float(np.mean(2.0 * (term - (y - mu))))


def train(data: TrainingSet, rounds: int, max_depth: int, learning_rate: float) -> TrainedModel:
    """Rolling origin: fit on every issue time but the newest, evaluate on the newest.

    The newest issue time's targets come after every training target, so the evaluation is on
    held-out time, against the hour-of-week historical mean baseline on the same rows.
    """
    newest = data.issue_times.max()
    held_out = data.issue_times == newest
    if held_out.all():
        raise ValueError("training needs at least two issue times")
    params = {
        "objective": "count:poisson",
        "max_depth": max_depth,
        "eta": learning_rate,
        "subsample": 0.8,
        "min_child_weight": 5.0,
        "tree_method": "hist",
        "nthread": 2,
        "seed": 7,
    }
    fit = xgb.DMatrix(data.values[~held_out], label=data.labels[~held_out], feature_names=data.feature_names)
    booster = xgb.train(params, fit, num_boost_round=rounds)
    predicted = booster.inplace_predict(data.values[held_out])
    baseline = data.values[held_out][:, data.feature_names.index(BASELINE_FEATURE)]
    train_predictions = booster.inplace_predict(data.values[~held_out])
    thresholds = [float(np.quantile(train_predictions, q)) for q in LEVEL_QUANTILES]
    metrics = {
        "training_rows": int((~held_out).sum()),
        "holdout_rows": int(held_out.sum()),
        "positive_rows": int((data.labels > 0).sum()),
        "holdout_deviance": poisson_deviance(data.labels[held_out], predicted),
        "baseline_deviance": poisson_deviance(data.labels[held_out], baseline),
    }
    return TrainedModel(booster, data.feature_names, thresholds, {**params, "rounds": rounds}, metrics)
