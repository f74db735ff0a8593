"""Training and prediction with XGBoost, calibration and risk levels. No I/O.

The model forecasts the expected target count of a cell over a 24-hour window (lead days
1..30). It is fitted with a Poisson objective on the training rows, stops early on the
validation rows (a later window whose targets no training row overlaps), and is then calibrated
on the same validation rows by log(mu) = a + b log(prediction): a monotone map, so ranking is
unchanged, that corrects the overall level and over-confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import xgboost as xgb

from civicpulse.runtime.model_card import TrainingFacts
from scoring.errors import CannotTrain
from scoring.evaluation import DEVIANCE_FLOOR, poisson_deviance

# Share of forecasts below each threshold: levels 2..5 start at these quantiles.
LEVEL_QUANTILES = (0.80, 0.95, 0.99, 0.999)
FLOOR = 1e-6  # the least raw prediction calibration and prediction take the log of


@dataclass
class Dataset:
    feature_names: list[str]
    values: np.ndarray
    labels: np.ndarray


@dataclass
class TrainedModel:
    booster: xgb.Booster
    feature_names: list[str]
    params: dict
    calibration: tuple[float, float] = (0.0, 1.0)  # a, b of log(mu) = a + b log(raw)
    level_thresholds: dict[str, list[float]] = field(default_factory=dict)  # "hourly", "daily"

    def raw(self, values: np.ndarray) -> np.ndarray:
        return self.booster.inplace_predict(values)

    def predict(self, values: np.ndarray) -> np.ndarray:
        """Calibrated expected count of each row's 24-hour window."""
        a, b = self.calibration
        return np.exp(a + b * np.log(np.maximum(self.raw(values), FLOOR))).astype(np.float64)

    def contributions(self, values: np.ndarray) -> np.ndarray:
        """Exact per-feature contributions (log scale), last column the bias. Costly: few rows only."""
        contributions = self.booster.predict(xgb.DMatrix(values, feature_names=self.feature_names), pred_contribs=True)
        # XGBoost flattens the result for zero rows: keep one row per input, whatever their number.
        return contributions.reshape(len(values), len(self.feature_names) + 1)

    def serialise(self) -> bytes:
        return bytes(self.booster.save_raw("ubj"))


def load_model(raw: bytes, feature_names: list[str], params: dict, calibration, thresholds: dict) -> TrainedModel:
    booster = xgb.Booster()
    booster.load_model(bytearray(raw))
    booster.feature_names = feature_names
    return TrainedModel(booster, feature_names, params, tuple(calibration), thresholds)


def risk_levels(expected: np.ndarray, thresholds: list[float]) -> np.ndarray:
    return (1 + np.searchsorted(np.asarray(thresholds), expected, side="right")).astype(np.int16)


def level_thresholds(expected: np.ndarray) -> list[float]:
    return [float(np.quantile(expected, q)) for q in LEVEL_QUANTILES] if len(expected) else [1.0, 2.0, 3.0, 4.0]


def calibrate(raw: np.ndarray, labels: np.ndarray, iterations: int = 25) -> tuple[float, float]:
    """Poisson regression of the labels on log(raw), by Newton's method; (0, 1) is no change."""
    x = np.log(np.maximum(raw, FLOOR)).astype(np.float64)
    y = labels.astype(np.float64)
    design = np.column_stack([np.ones_like(x), x])
    beta = np.array([0.0, 1.0])
    for _ in range(iterations):
        mu = np.exp(design @ beta)
        hessian = design.T @ (design * mu[:, None])
        step = np.linalg.solve(hessian + 1e-9 * np.eye(2), design.T @ (y - mu))
        beta = beta + step
        if np.abs(step).max() < 1e-8:
            break
    a, b = float(beta[0]), float(beta[1])
    # A flat or inverted fit would destroy the ranking: keep the raw model instead.
    return (a, b) if np.isfinite(a) and np.isfinite(b) and b > 0.2 else (0.0, 1.0)


def train(
    training: Dataset, validation: Dataset, rounds: int, max_depth: int, learning_rate: float, seed: int = 7
) -> tuple[TrainedModel, TrainingFacts]:
    if not len(training.labels) or training.labels.sum() == 0:
        raise CannotTrain("no target event in the training rows")
    params = {
        "objective": "count:poisson",
        "max_depth": max_depth,
        "eta": learning_rate,
        "subsample": 0.8,
        "colsample_bytree": 0.8,
        "min_child_weight": 20.0,
        "max_delta_step": 0.7,
        "tree_method": "hist",
        "nthread": 2,
        "seed": seed,
    }
    names = training.feature_names
    fit = xgb.DMatrix(training.values, label=training.labels, feature_names=names)
    check = xgb.DMatrix(validation.values, label=validation.labels, feature_names=names)
    booster = xgb.train(
        params, fit, num_boost_round=rounds, evals=[(check, "validation")], early_stopping_rounds=40, verbose_eval=False
    )
    # Keep only the trees up to the best validation round.
    booster = booster[: booster.best_iteration + 1]
    model = TrainedModel(booster, list(names), {**params, "rounds": booster.num_boosted_rounds()})
    raw = model.raw(validation.values)
    model.calibration = calibrate(raw, validation.labels)
    # The same deviance, with the same floor, as the test bands' on the model card.
    facts = TrainingFacts(
        training_rows=len(training.labels),
        training_positive_rows=int((training.labels > 0).sum()),
        validation_rows=len(validation.labels),
        best_round=booster.num_boosted_rounds(),
        validation_deviance_raw=poisson_deviance(validation.labels, raw, floor=DEVIANCE_FLOOR),
        validation_deviance=poisson_deviance(validation.labels, model.predict(validation.values), floor=DEVIANCE_FLOOR),
        calibration=model.calibration,
    )
    return model, facts
