from datetime import UTC, datetime

import h3
import numpy as np

from feature_store.domain import FEATURE_NAMES
from scoring.feature_client import FeatureMatrix
from scoring.forecast import make_forecast, update_id, zone_updates
from scoring.model import TrainingSet, train

ISSUE = datetime(2010, 9, 1, 5, tzinfo=UTC)


def matrix_for(cells, hours=3) -> FeatureMatrix:
    n = len(cells) * hours
    values = np.zeros((n, len(FEATURE_NAMES)), np.float32)
    # The first cell has a heavy recent history, so it must come out on top.
    values[:hours, FEATURE_NAMES.index("history_7d")] = 6.0
    return FeatureMatrix(
        list(FEATURE_NAMES),
        [c for c in cells for _ in range(hours)],
        np.full(n, int(ISSUE.timestamp())),
        np.tile(int(ISSUE.timestamp()) + 3600 * np.arange(hours), len(cells)),
        values,
        None,
    )


def model():
    rng = np.random.default_rng(1)
    values = np.zeros((4000, len(FEATURE_NAMES)), np.float32)
    history = rng.integers(0, 7, 4000).astype(np.float32)
    values[:, FEATURE_NAMES.index("history_7d")] = history
    labels = rng.poisson(0.02 + 0.3 * history).astype(np.float32)
    return train(TrainingSet(list(FEATURE_NAMES), np.repeat([0, 1], 2000), values, labels), 30, 3, 0.3)


def test_forecast_rows_peaks_and_zone_updates(city):
    cells = sorted(city.cells)[:40]
    trained = model()
    forecast = make_forecast(matrix_for(cells), trained, "v1", ISSUE, city)
    assert len(forecast.rows) == 120 and len(forecast.cells) == 40
    top = max(forecast.cells, key=lambda c: c.expected_count)
    assert top.cell == cells[0] and top.risk_level >= 2
    assert top.factors and top.factors[0]["family"] == "recent_incidents" and top.factors[0]["label_fr"]
    quiet = [c for c in forecast.cells if c.risk_level == 1]
    assert quiet and all(c.factors == [] for c in quiet)

    updates = zone_updates(forecast, city, ISSUE, max_cells=5)
    assert len(updates) == len(city.zones)
    mine = next(u for u in updates if u.zone == h3.cell_to_parent(cells[0], city.zone_resolution))
    assert mine.max_risk_level == top.risk_level
    assert mine.cells[0].cell == cells[0] and mine.model_version == "v1"
    assert all(c.risk_level >= 2 for u in updates for c in u.cells)
    assert mine.update_id == update_id(ISSUE, "v1", mine.zone) != update_id(ISSUE, "v2", mine.zone)


def test_a_quiet_forecast_has_nothing_to_explain(city):
    cells = sorted(city.cells)[:10]
    quiet = matrix_for(cells)
    quiet.values[:] = 0.0  # no history anywhere: every cell at level 1
    forecast = make_forecast(quiet, model(), "v1", ISSUE, city)
    assert len(forecast.cells) == 10 and {c.risk_level for c in forecast.cells} == {1}
    assert all(c.factors == [] for c in forecast.cells)
    assert all(u.max_risk_level == 1 and not u.cells for u in zone_updates(forecast, city, ISSUE, max_cells=5))
