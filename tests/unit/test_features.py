"""The feature builder: window sums, same-hour-of-week, events nearby, and no look-ahead."""

from datetime import UTC, datetime, timedelta

import h3
import numpy as np
import pytest

from feature_store.domain import (
    FEATURE_NAMES,
    HISTORY_HOURS,
    FeatureBuilder,
    ScheduledEvent,
    build_history,
    build_matrix,
    history_window,
)

H = timedelta(hours=1)
ISSUE = datetime(2010, 6, 1, 5, tzinfo=UTC)
col = {name: i for i, name in enumerate(FEATURE_NAMES)}


@pytest.fixture
def cells(city):
    centre = city.cell_of(29.7573, -95.3555)
    return sorted(set(h3.grid_disk(centre, 3)) & city.cells)


def builder(city, cells, counts, scheduled=(), issues=(ISSUE,), horizon=24):
    start, end = history_window(list(issues), horizon)
    return FeatureBuilder(city, build_history(cells, start, end, counts, list(scheduled)))


def test_windows_count_only_what_happened_before_the_issue_time(city, cells):
    c = cells[0]
    counts = [
        (c, ISSUE - 1 * H, 2.0),
        (c, ISSUE - 30 * H, 1.0),
        (c, ISSUE - 200 * H, 4.0),
        (c, ISSUE, 9.0),
        (c, ISSUE + 3 * H, 5.0),
    ]
    m = build_matrix(builder(city, cells, counts), [ISSUE], 24, [c], active_only=False, labels=True)
    assert m.values.shape == (24, len(FEATURE_NAMES))
    row = m.values[0]
    assert row[col["history_24h"]] == 2.0
    assert row[col["history_7d"]] == 3.0
    assert row[col["history_28d"]] == 7.0
    # Labels are the counts of the target hours; the hours at and after T never leak into features.
    assert m.labels[0] == 9.0 and m.labels[3] == 5.0 and m.labels.sum() == 14.0
    assert (m.target_times - m.issue_times).tolist() == [3600 * k for k in range(24)]


def test_a_matrix_is_the_same_whatever_happens_after_the_issue_time(city, cells):
    past = [(cells[1], ISSUE - k * H, 1.0) for k in range(1, 400, 7)]
    future = [(cells[1], ISSUE + k * H, 3.0) for k in range(0, 400, 5)]
    before = build_matrix(builder(city, cells, past), [ISSUE], 24, None, False, False)
    after = build_matrix(builder(city, cells, past + future), [ISSUE], 24, None, False, False)
    np.testing.assert_array_equal(before.values, after.values)


def test_same_hour_of_week_averages_eight_weeks(city, cells):
    c = cells[2]
    target = ISSUE + 5 * H
    counts = [(c, target - 168 * k * H, float(k)) for k in range(1, 9)]
    m = build_matrix(builder(city, cells, counts), [ISSUE], 24, [c], False, False)
    assert m.values[5, col["same_hour_of_week_8w"]] == pytest.approx(sum(range(1, 9)) / 8)
    assert m.values[4, col["same_hour_of_week_8w"]] == 0.0


def test_neighbours_and_city_totals(city, cells):
    centre = city.cell_of(29.7573, -95.3555)
    ring = sorted(set(h3.grid_ring(centre, 1)) & set(cells))
    counts = [(cell, ISSUE - 2 * H, 1.0) for cell in ring]
    m = build_matrix(builder(city, cells, counts), [ISSUE], 1, [centre], False, False)
    assert m.values[0, col["neighbours_7d"]] == len(ring)
    assert m.values[0, col["city_24h"]] == len(ring)
    assert m.values[0, col["history_7d"]] == 0.0


def test_scheduled_events_reach_nearby_cells_around_their_hours(city, cells):
    venue = city.cell_of(29.7573, -95.3555)
    game = ScheduledEvent(venue, ISSUE + 10 * H, ISSUE + 13 * H, 40_000)
    m = build_matrix(builder(city, cells, [], [game]), [ISSUE], 24, [venue], False, False)
    attendance = m.values[:, col["scheduled_attendance_near"]]
    assert attendance[7] == 0 and attendance[8] == 40_000 and attendance[15] == 40_000 and attendance[16] == 0


def test_active_only_keeps_cells_with_recent_history(city, cells):
    counts = [(cells[0], ISSUE - 24 * H, 1.0), (cells[1], ISSUE - 40 * 24 * H, 1.0)]
    m = build_matrix(builder(city, cells, counts), [ISSUE], 2, None, active_only=True, labels=True)
    assert set(m.cells) == {cells[0]}


def test_calendar_is_local_time(city, cells):
    m = build_matrix(builder(city, cells, []), [ISSUE], 2, [cells[0]], False, False)
    # 05:00 UTC on 1 June is midnight in Houston (CDT, UTC-5); 2010-06-01 is a Tuesday.
    assert m.values[0, col["hour_of_day"]] == 0 and m.values[0, col["day_of_week"]] == 1
    july4 = datetime(2010, 7, 4, 17, tzinfo=UTC)
    m = build_matrix(builder(city, cells, [], issues=[july4], horizon=1), [july4], 1, [cells[0]], False, False)
    assert m.values[0, col["is_holiday"]] == 1


def test_history_window_covers_eight_weeks_and_the_horizon():
    start, end = history_window([ISSUE, ISSUE + 24 * H], 72)
    assert start == ISSUE - HISTORY_HOURS * H and end == ISSUE + 96 * H
