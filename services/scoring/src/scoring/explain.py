"""Plain-language reasons: XGBoost's exact contributions grouped into the registry's factor families."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FactorContribution:
    family: dict  # name, label_en, label_fr
    contribution: float


def top_factors(
    contributions: np.ndarray, features: list[dict], families: list[dict], limit: int = 3
) -> list[list[FactorContribution]]:
    """For each row, the families that raise its expected count most (largest contributions first)."""
    columns = {f["name"]: i for i, f in enumerate(features)}
    members = [[columns[f["name"]] for f in features if f["family"] == family["name"]] for family in families]
    grouped = np.stack([contributions[:, m].sum(axis=1) if m else np.zeros(len(contributions)) for m in members], axis=1)
    result = []
    for row in grouped:
        order = np.argsort(-row)[:limit]
        result.append([FactorContribution(families[i], float(row[i])) for i in order])
    return result
