"""The model card's day-by-day series per zone on held-out time: what the model and the closest
baseline expected for the next 24 hours against what was observed."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from civicpulse.runtime.baselines import BASELINE_METHODS
from civicpulse.runtime.model_card import (
    Band,
    Evaluation,
    EventError,
    FeatureDefinition,
    FeatureFamily,
    Hourly,
    ModelCard,
    Signal,
    TrainingFacts,
    ZoneSeries,
    from_plain,
    to_plain,
)
from scoring.card import gate, model_card
from scoring.evaluation import band_metrics, rounded, zone_series
from scoring.plan import make_plan
from scoring.training import BandData, _judge_band

# The card's signal is not under test here: one feature, all of it from the target.
SIGNAL = Signal({"f": 1.0}, {"incident_report": 1.0}, 1.0, 0.0)

CHICAGO = ZoneInfo("America/Chicago")
# Midnight in Chicago (CDT, UTC-5) on 1 and 2 June, then 03:00 UTC on 4 June: still 3 June there.
ISSUE_TIMES = [
    int(datetime(2010, 6, 1, 5, tzinfo=UTC).timestamp()),
    int(datetime(2010, 6, 2, 5, tzinfo=UTC).timestamp()),
    int(datetime(2010, 6, 4, 3, tzinfo=UTC).timestamp()),
]
ZONES = ["north", "south", "north", "south", "south"]


def test_each_zone_sums_its_cells_per_issue_time_and_dates_are_local():
    actual = np.array([[1, 0, 2, 0, 1], [0, 0, 0, 3, 0], [4, 1, 0, 0, 0]], float)
    model = np.array([[0.5, 0.1, 1.0, 0.2, 0.3], [0.2, 0.2, 0.2, 1.5, 0.1], [1.0, 0.4, 0.3333, 0.0, 0.0]])
    close = actual + 0.1  # near the observed counts in every zone
    flat = np.full(actual.shape, 0.2)
    rows = zone_series({"model": model, "flat": flat, "close": close}, actual, ZONES, ISSUE_TIMES, CHICAGO)

    assert [r.zone for r in rows] == ["north", "south"]
    north, south = rows
    assert north.dates == south.dates == ["2010-06-01", "2010-06-02", "2010-06-03"]
    assert north.observed == [3.0, 0.0, 4.0] and south.observed == [1.0, 3.0, 1.0]
    assert north.model == [1.5, 0.4, 1.333]  # 1.0 + 0.3333, to 3 decimals
    assert south.model == [0.6, 1.8, 0.4]
    # The baseline shown is the one closest to the zone's observed counts, whatever the order given.
    assert north.baseline_name == south.baseline_name == "close"
    assert north.baseline == pytest.approx([3.2, 0.2, 4.2]) and south.baseline == pytest.approx([1.3, 3.3, 1.3])
    assert sum(sum(r.observed) for r in rows) == actual.sum()
    assert north.withheld_below == south.withheld_below == 1


def test_observed_counts_the_partners_may_not_publish_are_withheld_and_zeros_kept():
    actual = np.array([[1, 0, 2, 0, 1], [0, 0, 0, 3, 0], [4, 1, 0, 0, 0]], float)
    model = np.full(actual.shape, 0.5)
    north, south = zone_series({"model": model, "flat": model}, actual, ZONES, ISSUE_TIMES, CHICAGO, min_published_count=3)
    assert north.observed == [3.0, 0.0, 4.0]
    assert south.observed == [None, 3.0, None]  # 1 and 1: below 3
    assert north.withheld_below == south.withheld_below == 3
    assert south.model == [1.5, 1.5, 1.5]  # what the methods expected is never withheld


def test_the_day1_band_of_a_judged_band_data_carries_the_series_and_other_bands_none():
    rng = np.random.default_rng(3)
    data = BandData()
    for issue in ISSUE_TIMES:
        data.issue_times.append(issue)
        data.actual.append(rng.poisson(1.0, len(ZONES)).astype(float))
        data.attendance.append(np.zeros(len(ZONES)))
        for method in ("model", *BASELINE_METHODS):
            data.scores.setdefault(method, []).append(rng.gamma(1.0, 1.0, len(ZONES)))
    with_series = _judge_band(data, ZONES, 1, CHICAGO)
    assert [s.zone for s in with_series.zone_series] == ["north", "south"]
    for series in with_series.zone_series:
        cells = np.array(ZONES) == series.zone
        assert series.dates == ["2010-06-01", "2010-06-02", "2010-06-03"]
        assert series.observed == [float(a[cells].sum()) for a in data.actual]
        assert series.model == pytest.approx([s[cells].sum() for s in data.scores["model"]], abs=5e-4)
        assert series.baseline_name in BASELINE_METHODS
    assert _judge_band(data, ZONES, 1).zone_series == []


def _card_with(band: Band, city) -> ModelCard:
    hourly = Hourly(
        3600, {"model": 0.05, "dow_hour_mean": 0.07}, dict.fromkeys(("model", "dow_hour_mean"), EventError(0, None, None))
    )
    evaluation = Evaluation(
        3, len(ZONES), {"day1": band, "days2_7": Band.not_judged(6), "days8_30": Band.not_judged(23)}, hourly, {"f": 1.0}
    )
    start = datetime(2010, 6, 1, 5, tzinfo=UTC)
    plan = make_plan(start, start - timedelta(days=200), 14, 14, 60, 48)
    model = SimpleNamespace(params={"eta": 0.1}, calibration=(0.0, 1.0), level_thresholds={"daily": [1.0]})
    facts = TrainingFacts(10, 2, 5, 3, 0.31, 0.3, (0.0, 1.0))
    feature = FeatureDefinition("f", "usual_level", "en", "fr", "all history", "target")
    family = FeatureFamily("usual_level", "Usual level", "Niveau habituel")
    return model_card(
        "v1",
        city,
        plan,
        model,
        facts,
        evaluation,
        [feature],
        [family],
        gate(evaluation.bands, 0.01),
        0.01,
        "rejected",
        SIGNAL,
    )


def test_the_card_keeps_its_series_through_json_and_a_card_without_them_still_loads(city):
    actual = np.array([[1, 0, 2, 0, 1], [0, 0, 0, 3, 0], [4, 1, 0, 0, 0]], float)
    scores = {"model": actual + 0.5, "dow_hour_mean": np.full(actual.shape, 0.4), "hotspot_own": actual * 0.9}
    judged = rounded(band_metrics(scores, actual, n_boot=50).as_band())
    series = zone_series(scores, actual, ZONES, ISSUE_TIMES, CHICAGO, min_published_count=2)
    card = _card_with(replace(judged, zone_series=series), city)

    text = card.to_json()
    assert ModelCard.from_json(text) == card
    layout = json.loads(text)
    north = layout["bands"]["day1"]["zone_series"][0]
    assert north == {
        "zone": "north",
        "dates": ["2010-06-01", "2010-06-02", "2010-06-03"],
        "model": [4.0, 1.0, 5.0],
        "baseline_name": "hotspot_own",
        "baseline": [2.7, 0.0, 3.6],
        "observed": [3.0, 0.0, 4.0],
        "withheld_below": 2,
    }
    assert layout["bands"]["day1"]["zone_series"][1]["observed"] == [None, 3.0, None]
    assert "zone_series" not in layout["bands"]["days8_30"]  # a band not judged keeps only its PAI blocks

    # A card stored before the series existed.
    del layout["bands"]["day1"]["zone_series"]
    older = ModelCard.from_dict(layout)
    assert older.bands["day1"].zone_series == []
    assert older.bands["day1"].zones == card.bands["day1"].zones
    assert from_plain(ZoneSeries, to_plain(series[1])) == series[1]
