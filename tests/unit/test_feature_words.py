"""Every feature's family, words and source say what the feature builder computes: the words people
read in explanations and on the model card are checked here against the values the builder gives."""

from datetime import UTC, datetime, timedelta

import h3
import pytest

from feature_store.domain import CityGrid, FeatureBuilder, ScheduledEvent, TargetHistory, blocks, in_registry_order, unix_hour
from feature_store.registry import BY_NAME, FAMILIES, FEATURE_NAMES, FEATURES

ISSUE = datetime(2010, 6, 1, 5, tzinfo=UTC)  # midnight in Houston
H = timedelta(hours=1)
FAMILY = {f.name: f for f in FAMILIES}
# Sources of features that read no event: what is asked (a window, a lead) or the calendar.
NO_EVENT = {"calendar", "forecast"}


@pytest.fixture(scope="module")
def grid(city):
    return CityGrid(city)


@pytest.fixture(scope="module")
def cell(city):
    return city.cell_of(29.7573, -95.3555)


def values(city, grid, counts, cell, issue=ISSUE, leads=(1, 2), scheduled=()) -> dict[int, dict[str, float]]:
    """Per lead day, the features of `cell` (which must be in the study area) as of `issue`."""
    history = TargetHistory.from_counts(grid, [(c, unix_hour(at), n) for c, at, n in counts])
    builder = FeatureBuilder(
        city, grid, history, list(scheduled), unix_hour(ISSUE - 400 * 24 * H), unix_hour(ISSUE + 40 * 24 * H)
    )
    block = next(blocks(builder, [issue], list(leads), [cell], None, False, False))
    rows = zip(block.lead_days, block.values, strict=True)
    return {int(lead): dict(zip(FEATURE_NAMES, map(float, row), strict=True)) for lead, row in rows}


def words(name: str) -> str:
    feature = BY_NAME[name]
    family = FAMILY[feature.family]
    return " ".join((feature.description_en, feature.description_fr, feature.window, family.label_en, family.label_fr)).lower()


def test_every_feature_the_builder_computes_is_declared_and_every_declared_one_computed(city, grid, cell):
    # A block is built only when what the builder computes is what the registry declares, both ways.
    values(city, grid, [(cell, ISSUE - 5 * H, 1.0)], cell, leads=(1, 30))
    with pytest.raises(ValueError, match=r"computed but not declared \['crowd_near'\], declared but not computed \['rate_all'\]"):
        in_registry_order({**{n: 0.0 for n in FEATURE_NAMES if n != "rate_all"}, "crowd_near": 1.0})
    assert len({f.name for f in FAMILIES}) == len(FAMILIES) and {f.family for f in FEATURES} == set(FAMILY)


def test_history_days_is_the_history_before_the_issue_time_not_how_far_ahead(city, grid, cell):
    first = ISSUE - 100 * 24 * H
    counts = [(cell, first, 1.0), (cell, ISSUE - 5 * H, 1.0)]
    by_lead = values(city, grid, counts, cell, leads=(1, 7))
    later = values(city, grid, counts, cell, issue=ISSUE + 48 * H, leads=(1,))
    # Days from the first target event to the issue time, whatever the lead day.
    assert by_lead[1]["history_days"] == by_lead[7]["history_days"] == pytest.approx(100)
    assert later[1]["history_days"] == pytest.approx(102)
    assert BY_NAME["history_days"].family == "history_length" and BY_NAME["history_days"].source == "target"
    assert "history" in words("history_days") and "historique" in words("history_days")
    assert not {"ahead", "éloignement", "horizon", "lead"} & set(words("history_days").split())
    # How far ahead is the lead day, and that alone.
    assert (by_lead[1]["lead_days"], by_lead[7]["lead_days"]) == (1, 7)
    assert {f.name for f in FEATURES if f.family == "forecast_lead"} == {"lead_days"}


def test_the_issue_hour_is_the_local_hour_of_issue_in_a_family_that_says_so(city, grid, cell):
    at_noon = values(city, grid, [(cell, ISSUE - 5 * H, 1.0)], cell, issue=ISSUE + 12 * H, leads=(1, 3))
    assert at_noon[1]["issue_hour"] == at_noon[3]["issue_hour"] == city.local(ISSUE + 12 * H).hour == 12
    assert BY_NAME["issue_hour"].family == "issue_time" and "issued" in words("issue_hour")


def test_rates_over_a_year_or_91_days_are_over_all_history_when_it_is_shorter(city, grid, cell):
    counts = [(cell, ISSUE - 50 * 24 * H, 3.0), (cell, ISSUE - 5 * H, 2.0)]
    v = values(city, grid, counts, cell)[1]
    assert v["rate_365d"] == v["rate_91d"] == v["rate_all"] == pytest.approx(5 / 50)
    for name in ("rate_365d", "rate_91d"):
        assert "all history, when shorter" in BY_NAME[name].description_en


def test_the_usual_level_for_the_window_is_a_count_expected_hour_by_hour(city, grid, cell):
    # Three weeks of history (from an event at Tuesday 00:00 local) with 3 events at Tuesday 20:00.
    counts = [(cell, ISSUE - 21 * 24 * H, 1.0), *((cell, ISSUE + 20 * H - 7 * 24 * H * w, 1.0) for w in (1, 1, 2))]
    v = values(city, grid, counts, cell)
    # The window (Tuesday) expects 3 events over 3 such hours at 20:00, 1 over 3 at midnight.
    assert v[1]["dow_hour_mean"] == pytest.approx(3 / 3 + 1 / 3)
    assert BY_NAME["dow_hour_mean"].description_en.startswith("Count expected")


def test_neighbours_features_average_or_sum_the_six_around_and_the_hotspot_halves_them(city, grid, cell):
    ring = sorted(set(h3.grid_ring(cell, 1)) & set(grid.cells))
    assert len(ring) == 6
    counts = [(cell, ISSUE - 100 * 24 * H, 1.0), (ring[0], ISSUE - 3 * H, 4.0), (ring[1], ISSUE - 60 * 24 * H, 2.0)]
    v = values(city, grid, counts, cell)[1]
    assert v["neighbours_rate_all"] == pytest.approx((4 + 2) / 100 / 6)  # a mean per neighbouring cell
    assert v["neighbours_28d"] == pytest.approx(4)  # the six together, in the last 28 days
    assert v["hotspot_neighbours"] == pytest.approx(0 + 4 / 2)  # each neighbour at half weight
    assert "per neighbouring cell" in BY_NAME["neighbours_rate_all"].description_en
    assert "together" in BY_NAME["neighbours_28d"].description_en
    assert "half weight" in BY_NAME["hotspot_neighbours"].description_en


def test_the_city_trend_is_the_last_weeks_daily_count_over_the_long_run_one(city, grid, cell):
    counts = [(cell, ISSUE - 100 * 24 * H, 10.0), (cell, ISSUE - 2 * 24 * H, 4.0)]
    v = values(city, grid, counts, cell)[1]
    assert v["city_trend"] == pytest.approx((4 / 7) / (14 / 100))
    assert "divided by" in BY_NAME["city_trend"].description_en and "7 days" in BY_NAME["city_trend"].window


def test_each_feature_reads_the_events_its_source_says(city, grid, cell):
    """Features of no event do not move when the target events and the scheduled events change;
    each target feature moves with the target events; the scheduled-event feature with the events."""
    sparse = [(cell, ISSUE - 300 * 24 * H, 1.0)]
    busy = [
        *((cell, ISSUE - h * H, 1.0) for h in range(1, 380 * 24, 5)),
        *((cell, ISSUE - h * H, 3.0) for h in range(1, 72, 2)),  # a busy last three days
        *((near, ISSUE - h * H, 2.0) for near in h3.grid_ring(cell, 1) if near in grid.index for h in range(7, 900, 11)),
    ]
    game = ScheduledEvent(cell, ISSUE + 10 * H, ISSUE + 13 * H, 40_000)
    quiet, lively = values(city, grid, sparse, cell)[1], values(city, grid, busy, cell, scheduled=[game])[1]
    for feature in FEATURES:
        moved = quiet[feature.name] != pytest.approx(lively[feature.name])
        assert moved == (feature.source not in NO_EVENT), feature.name
    assert {f.source for f in FEATURES} == {"target", "scheduled_event", *NO_EVENT}
    assert [f.name for f in FEATURES if f.source == "scheduled_event"] == ["attendance_near"]
