"""The simple methods every model must beat, declared once.

Each baseline is a feature of the feature store (so the model may use it too) and a method the
scoring service's evaluation ranks cells by. The feature store's registry and the evaluation both
read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

# The prospective hotspot scores weigh the events of each of the last 8 weeks by 1 / (1 + weeks ago).
HOTSPOT_WEEKS = 8
HOTSPOT_WEEK_WEIGHTS = sum(1 / (1 + w) for w in range(HOTSPOT_WEEKS))
# hotspot_neighbours adds the six neighbouring cells' scores at half weight: 1 + 6 / 2 cells' worth.
HOTSPOT_NEIGHBOURS_CELLS = 1 + 6 / 2


@dataclass(frozen=True)
class Baseline:
    method: str  # its name in the evaluation and the model card
    feature: str  # the feature (a column of the feature matrix) that holds it
    # What turns the feature into an expected count per day, for the deviance (ranking does not
    # depend on the scale); None when the feature already is the expected count of its window.
    per_day: float | None


BASELINES = (
    Baseline("dow_hour_mean", "dow_hour_mean", None),
    Baseline("hotspot_own", "hotspot_own", 1 / (7 * HOTSPOT_WEEK_WEIGHTS)),
    Baseline("hotspot_neighbours", "hotspot_neighbours", 1 / (7 * HOTSPOT_WEEK_WEIGHTS * HOTSPOT_NEIGHBOURS_CELLS)),
    Baseline("last_28d", "count_28d", 1 / 28),
)
BASELINE_METHODS = tuple(b.method for b in BASELINES)
