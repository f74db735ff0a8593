"""Zones' own levels: training sums the forecasts per zone, issue time and lead day (or hour), and
the thresholds of zones' levels come from those totals, not from the cells'."""

import numpy as np

from scoring.model import level_thresholds, risk_levels
from scoring.training import zone_sums, zones_of


def test_rows_are_summed_per_zone_and_window(city):
    a, b = sorted(city.zones - {city.remainder_zone})[:2]
    cell_a, cell_b = sorted(city.zone_cells(a))[0], sorted(city.zone_cells(b))[0]
    cells = np.array([cell_a, cell_a, cell_b, cell_a], dtype=object)
    issue_times = np.array([100, 100, 100, 200])
    lead_days = np.array([1, 1, 1, 1])
    values = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, 40.0], [8.0, 80.0]])
    zones = zones_of(cells, city)
    assert zones.tolist() == [a, a, b, a]
    sums = zone_sums(values, zones, issue_times, lead_days)
    # One row per distinct (zone, issue time, lead day), each column summed.
    assert sorted(map(tuple, sums.tolist())) == [(3.0, 30.0), (4.0, 40.0), (8.0, 80.0)]


def test_a_large_zone_with_one_hot_cell_is_judged_by_its_total():
    # 100 cells, one at the cells' top level: the zone's total sits among other zones' totals.
    cells = np.full(100, 0.05)
    cells[0] = 3.0
    cell_thresholds = level_thresholds(np.concatenate([np.full(999, 0.05), [3.0]]))
    assert int(risk_levels(cells, cell_thresholds).max()) == 5
    zone_totals = np.array([cells.sum(), 2.0, 9.0, 12.0, 30.0] * 20)
    assert int(risk_levels(np.array([cells.sum()]), level_thresholds(zone_totals))[0]) == 1
