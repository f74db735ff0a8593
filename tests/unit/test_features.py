"""The feature builder: windows before the issue time only, labels of 24-hour windows, study area, baselines."""

from datetime import UTC, datetime, timedelta

import h3
import numpy as np
import pytest

from civicpulse.runtime import baselines
from feature_store.domain import CityGrid, FeatureBuilder, TargetHistory, blocks, unix_hour
from feature_store.registry import BASELINES, FAMILIES, FEATURE_NAMES, FEATURES

ISSUE = datetime(2010, 6, 1, 5, tzinfo=UTC)  # midnight in Houston
H = timedelta(hours=1)
col = {name: i for i, name in enumerate(FEATURE_NAMES)}


@pytest.fixture(scope="module")
def grid(city):
    return CityGrid(city)


def build(city, grid, counts, issue=ISSUE, leads=(1, 2), labels=True, hourly=False):
    history = TargetHistory.from_counts(grid, [(cell, unix_hour(at), n) for cell, at, n in counts])
    builder = FeatureBuilder(city, grid, history, [], unix_hour(issue - 400 * 24 * H), unix_hour(issue + 40 * 24 * H))
    return next(blocks(builder, [issue], list(leads), None, None, labels, hourly))


def test_every_feature_is_declared_once_with_a_known_family_and_both_languages():
    assert len(set(FEATURE_NAMES)) == len(FEATURES)
    families = {f.name for f in FAMILIES}
    assert all(f.family in families and f.description_en and f.description_fr for f in FEATURES)
    assert set(BASELINES.values()) <= set(FEATURE_NAMES)
    assert BASELINES == {b.method: b.feature for b in baselines.BASELINES}  # declared once, in the runtime


def test_features_see_only_the_past_and_labels_count_the_window(city, grid):
    cell = city.cell_of(29.7573, -95.3555)
    past = [(cell, ISSUE - 2 * H, 2.0), (cell, ISSUE - 30 * H, 1.0), (cell, ISSUE - 100 * 24 * H, 4.0)]
    future = [(cell, ISSUE, 9.0), (cell, ISSUE + 25 * H, 5.0)]
    with_future = build(city, grid, past + future)
    without = build(city, grid, past)
    np.testing.assert_array_equal(with_future.values, without.values)
    row = int(np.flatnonzero((with_future.cells == grid.index[cell]) & (with_future.lead_days == 1))[0])
    values = with_future.values[row]
    assert values[col["count_24h"]] == 2.0 and values[col["count_7d"]] == 3.0 and values[col["count_28d"]] == 3.0
    assert values[col["rate_all"]] == pytest.approx(7.0 / 100, rel=1e-4)  # 7 events over 100 days of history
    assert with_future.labels[row] == 9.0
    day2 = int(np.flatnonzero((with_future.cells == grid.index[cell]) & (with_future.lead_days == 2))[0])
    assert with_future.labels[day2] == 5.0


def test_the_study_area_is_cells_with_history_and_their_neighbours(city, grid):
    cell = city.cell_of(29.7573, -95.3555)
    block = build(city, grid, [(cell, ISSUE - 5 * H, 1.0)], leads=(1,))
    expected = {cell, *h3.grid_ring(cell, 1)} & set(grid.cells)
    assert {grid.cells[i] for i in block.cells} == expected


def test_hotspot_weighs_weeks_and_neighbours(city, grid):
    cell = city.cell_of(29.7573, -95.3555)
    ring = sorted(set(h3.grid_ring(cell, 1)) & set(grid.cells))
    counts = [(cell, ISSUE - 1 * H, 1.0), (cell, ISSUE - (168 + 1) * H, 1.0), (ring[0], ISSUE - 1 * H, 2.0)]
    block = build(city, grid, counts, leads=(1,))
    at = {grid.cells[c]: i for i, c in enumerate(block.cells)}
    assert block.values[at[cell], col["hotspot_own"]] == pytest.approx(1.0 + 0.5)
    assert block.values[at[cell], col["hotspot_neighbours"]] == pytest.approx(1.5 + 2.0 / 2)


def test_hourly_shares_sum_to_one_and_hourly_labels_to_the_window(city, grid):
    cell = city.cell_of(29.7573, -95.3555)
    counts = [(cell, ISSUE - 7 * 24 * H + 20 * H, 3.0), (cell, ISSUE + 20 * H, 2.0)]
    block = build(city, grid, counts, leads=(1,), hourly=True)
    np.testing.assert_allclose(block.hourly["shares"].sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(block.hourly["labels"].sum(axis=1), block.labels)
    row = [grid.cells[c] for c in block.cells].index(cell)
    assert block.hourly["shares"][row].argmax() == 20  # the hour of the week it happened before
    # The baseline per hour: 3 events at that hour of the week over the 7 days (one such hour) of history.
    assert block.hourly["dow_hour_mean"][row][20] == pytest.approx(3.0)
    np.testing.assert_allclose(block.hourly["dow_hour_mean"].sum(axis=1), block.values[:, col["dow_hour_mean"]], rtol=1e-5)


def test_scheduled_events_reach_nearby_cells_in_their_hours(city, grid):
    from feature_store.domain import ScheduledEvent

    venue = city.cell_of(29.7573, -95.3555)
    game = ScheduledEvent(venue, ISSUE + 10 * H, ISSUE + 13 * H, 40_000)
    history = TargetHistory.from_counts(grid, [(venue, unix_hour(ISSUE - 5 * H), 1.0)])
    builder = FeatureBuilder(city, grid, history, [game], unix_hour(ISSUE - 30 * 24 * H), unix_hour(ISSUE + 40 * 24 * H))
    block = next(blocks(builder, [ISSUE], [1, 2], None, None, False, True))
    row = int(np.flatnonzero((block.cells == grid.index[venue]) & (block.lead_days == 1))[0])
    assert block.values[row, col["attendance_near"]] == 40_000
    hours = block.hourly["attendance_near"][row]
    assert hours[7] == 0 and hours[8] == 40_000 and hours[15] == 40_000 and hours[16] == 0  # 2 h either side
    day2 = int(np.flatnonzero((block.cells == grid.index[venue]) & (block.lead_days == 2))[0])
    assert block.values[day2, col["attendance_near"]] == 0
