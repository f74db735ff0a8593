"""Plain-language reasons: XGBoost's exact contributions grouped into the registry's factor families."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from civicpulse.runtime.model_card import FeatureDefinition, FeatureFamily


@dataclass(frozen=True)
class Factor:
    """A family that raises a cell's expected count, in words, and by how much (log scale)."""

    family: str
    label_en: str
    label_fr: str
    contribution: float


def top_factors(
    contributions: np.ndarray, features: list[FeatureDefinition], families: list[FeatureFamily], limit: int = 3
) -> list[list[Factor]]:
    """For each row, the families that raise its expected count most (largest contributions first)."""
    columns = {f.name: i for i, f in enumerate(features)}
    members = [[columns[f.name] for f in features if f.family == family.name] for family in families]
    grouped = np.stack([contributions[:, m].sum(axis=1) if m else np.zeros(len(contributions)) for m in members], axis=1)
    result = []
    for row in grouped:
        order = np.argsort(-row)[:limit]
        result.append([_factor(families[i], float(row[i])) for i in order])
    return result


def _factor(family: FeatureFamily, contribution: float) -> Factor:
    return Factor(family.name, family.label_en, family.label_fr, contribution)
