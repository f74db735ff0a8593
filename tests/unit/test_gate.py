"""The promotion gate promotes only what the intervals show, on enough independent windows; the
bands' intervals heed their overlapping windows; the card says what each band rests on and flags
an overall bias."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import numpy as np
import pytest

from civicpulse.runtime.city import Evaluation as EvaluationRules
from civicpulse.runtime.model_card import (
    NOT_JUDGED,
    AgainstBaselines,
    Band,
    Evaluation,
    EventError,
    FeatureDefinition,
    FeatureFamily,
    Hourly,
    ModelCard,
    Signal,
    TrainingFacts,
)
from scoring.card import gate, markdown, model_card, where_the_model_loses
from scoring.evaluation import band_metrics, block_days, independent_windows, rounded
from scoring.plan import BANDS, make_plan
from scoring.training import WINDOW_DAYS

# The card's signal is not under test here: one feature, all of it from the target.
SIGNAL = Signal({"f": 1.0}, {"incident_report": 1.0}, 1.0, 0.0)

RULES = EvaluationRules(min_independent_windows=28, bias_margin=0.05)


def measured(name: str, issue_times: int, ratio: float | None, interval, bias: float | None = 1.0) -> Band:
    """A band measured on `issue_times` daily issue times with this PAI@5 % ratio and interval."""
    pai5 = AgainstBaselines(0.5 * (ratio or 0), 0.5, "dow_hour_mean", ratio, interval, {"dow_hour_mean": 0.5})
    window = WINDOW_DAYS[name]
    return Band(
        measured=True,
        issue_times=issue_times,
        window_days=window,
        independent_windows=independent_windows(issue_times, window),
        pai5=pai5,
        predicted_to_observed=bias,
    )


def bands(day1=(1.03, (1.019, 1.037)), days2_7=(1.0, (0.999, 1.008)), days8_30=(1.0, (0.998, 1.005)), test_days=62):
    """Each band with these (ratio, interval), on the daily issue times a test period of `test_days`
    holds for it (those whose whole window lies in it); a band it cannot hold is not measured."""
    out = {}
    for name, figures in (("day1", day1), ("days2_7", days2_7), ("days8_30", days8_30)):
        issue_times = test_days - max(BANDS[name]) + 1
        out[name] = measured(name, issue_times, *figures) if issue_times > 0 else Band.not_judged(WINDOW_DAYS[name])
    return out


# --- the gate ------------------------------------------------------------------------------------


def test_an_interval_including_1_refuses_and_one_above_1_promotes():
    # The point ratio is above 1 in both: only the interval's lower end decides.
    refused = gate(bands(day1=(1.03, (0.993, 1.072))), 0.01, RULES)
    assert not refused.passed and refused.judged
    assert "1.030x" in refused.reason and "0.993-1.072" in refused.reason and "not shown better" in refused.reason
    promoted = gate(bands(day1=(1.029, (1.019, 1.037))), 0.01, RULES)
    assert promoted.passed and promoted.judged
    assert "1.019-1.037" in promoted.reason and "above 1" in promoted.reason and "62 independent windows" in promoted.reason
    at_one = gate(bands(day1=(1.02, (1.0, 1.04))), 0.01, RULES)
    assert not at_one.passed  # a lower end of exactly 1 is not above it
    worse = gate(bands(day1=(0.95, (0.93, 0.97))), 0.01, RULES)
    assert not worse.passed and "shown worse" in worse.reason


def test_no_interval_and_no_event_refuse():
    assert not gate(bands(day1=(1.05, (None, None))), 0.01, RULES).passed
    empty = gate(bands(day1=(None, (None, None))), 0.01, RULES)
    assert not empty.passed and "no target event" in empty.reason


def test_bands_on_too_few_independent_windows_are_not_judged_whatever_their_figures():
    # A 62-day test period: days 2-7 on 56 issue times are 10 windows, days 8-30 on 33 are 2.
    figures = bands(days2_7=(0.8, (0.7, 0.9)), days8_30=(0.8, (0.7, 0.9)))
    assert (figures["days2_7"].independent_windows, figures["days8_30"].independent_windows) == (10, 2)
    decision = gate(figures, 0.01, RULES)
    assert decision.passed and decision.judged
    assert "not judged: days 2-7 (10 independent windows, fewer than 28)" in decision.reason
    assert "days 8-30 (2 independent windows, fewer than 28)" in decision.reason
    # Judged (a city content with 2 windows), the same figures refuse.
    lenient = gate(figures, 0.01, EvaluationRules(min_independent_windows=2))
    assert not lenient.passed and "days 2-7 PAI@5% is 0.800x" in lenient.reason and "days 8-30" in lenient.reason


def test_a_band_not_measured_is_said_so():
    figures = {**bands(), "days8_30": Band.not_judged(23)}
    decision = gate(figures, 0.01, RULES)
    assert decision.passed and "days 8-30 (the test period is shorter than this band)" in decision.reason


def test_the_later_bands_must_be_shown_within_the_tolerance():
    # Their interval's lower end at 1 - tolerance or above passes; below it refuses, whatever the point ratio.
    lenient = EvaluationRules(min_independent_windows=2)
    assert gate(bands(days2_7=(1.0, (0.995, 1.01))), 0.01, lenient).passed
    refused = gate(bands(days2_7=(1.0, (0.985, 1.02))), 0.01, lenient)
    assert not refused.passed and "days 2-7" in refused.reason and "0.985-1.020" in refused.reason
    assert "1 - 0.01" in refused.reason
    assert gate(bands(days2_7=(1.0, (0.985, 1.02))), 0.02, lenient).passed


def test_a_next_24_hours_on_too_few_windows_waits_for_an_operator():
    # A 21-day test period: 21 daily issue times, 21 independent windows, fewer than 28.
    short = bands(test_days=21)
    assert short["day1"].independent_windows == 21 and not short["days8_30"].measured
    decision = gate(short, 0.01, RULES)
    assert decision.passed and not decision.judged  # the forecaster puts it awaiting approval
    assert decision.reason.startswith("next 24 hours not judged (21 independent windows, fewer than 28)")
    assert "an operator decides (ApproveModel)" in decision.reason and "1.019-1.037" in decision.reason
    # Whatever its figures: an interval including 1 waits too.
    assert gate(bands(day1=(1.0, (0.9, 1.1)), test_days=21), 0.01, RULES).judged is False
    # A later band never has more independent windows than the next 24 hours; were one judged and
    # shown worse while the next 24 hours is not judged, the version would be refused all the same.
    figures = {**short, "days2_7": measured("days2_7", 200, 0.8, (0.7, 0.9))}
    refused = gate(figures, 0.01, RULES)
    assert not refused.passed and refused.reason.startswith("days 2-7 PAI@5% is 0.800x")
    assert "next 24 hours not judged (21 independent windows, fewer than 28)" in refused.reason


def test_without_rules_the_gate_uses_the_profiles_defaults():
    assert gate(bands(), 0.01) == gate(bands(), 0.01, EvaluationRules())


# --- blocks and independent windows --------------------------------------------------------------


def test_blocks_are_at_least_the_window_and_a_week_where_the_period_holds_two():
    assert WINDOW_DAYS == {"day1": 1, "days2_7": 6, "days8_30": 23}
    assert block_days(1, 62) == 7 and block_days(6, 56) == 7 and block_days(23, 33) == 23
    assert block_days(1, 7) == 3  # a one-week period: half of it, so draws differ
    for window in (1, 6, 23):
        for issue_times in (1, 7, 14, 33, 62, 200):
            assert block_days(window, issue_times) >= window


def test_independent_windows_are_the_most_windows_that_share_no_day():
    assert independent_windows(62, 1) == 62
    assert independent_windows(56, 6) == 10
    assert independent_windows(33, 23) == 2 and independent_windows(23, 23) == 1 and independent_windows(24, 23) == 2
    assert independent_windows(0, 23) == 0


def overlapping(issue_times: int, window: int, cells: int = 80, seed: int = 1):
    """Each issue time's counts summed over `window` days that the next issue time shares but one of."""
    rng = np.random.default_rng(seed)
    days = issue_times + window - 1
    base = rng.gamma(0.5, 1.0, cells)
    drift = np.exp(0.8 * np.sin(np.arange(days)[:, None] / 9 + rng.uniform(0, 6, cells)))
    daily_rate = base * drift
    daily = rng.poisson(daily_rate).astype(float)
    rolling = np.array([daily[i : i + window].sum(axis=0) for i in range(issue_times)])
    model = np.array([daily_rate[i : i + window].sum(axis=0) for i in range(issue_times)])
    fixed = np.broadcast_to(window * base * drift.mean(axis=0), rolling.shape)
    return {"model": model, "fixed_map": fixed}, rolling


def test_a_band_of_overlapping_windows_records_them_and_gets_a_wider_interval():
    scores, actual = overlapping(120, 23)
    honest = band_metrics(scores, actual, window_days=23, n_boot=500)
    assert (honest.window_days, honest.block_days, honest.independent_windows) == (23, 23, 6)
    as_if_daily = band_metrics(scores, actual, window_days=1, n_boot=500)
    assert as_if_daily.block_days == 7
    low, high = honest.fractions[1].ratio_ci95
    low_daily, high_daily = as_if_daily.fractions[1].ratio_ci95
    assert high - low > high_daily - low_daily
    band = rounded(honest.as_band())
    assert (band.issue_times, band.window_days, band.independent_windows, band.block_days) == (120, 23, 6, 23)


def test_one_block_holding_every_issue_time_gives_no_interval():
    scores, actual = overlapping(20, 23)
    result = band_metrics(scores, actual, window_days=23, n_boot=200)
    assert result.independent_windows == 1 and np.isnan(result.fractions[1].ratio_ci95).all()
    assert np.isfinite(result.fractions[1].ratio)  # the figure is still shown
    assert rounded(result.as_band()).pai5.ratio_ci95 == (None, None)


# --- bias ----------------------------------------------------------------------------------------


def test_the_band_records_its_predicted_to_observed_total():
    scores, actual = overlapping(30, 1)
    result = band_metrics({**scores, "model": scores["model"] * 0.89}, actual, n_boot=50)
    assert result.predicted_to_observed == pytest.approx(0.89 * scores["model"].sum() / actual.sum())


def evaluation_with(biases: dict[str, float | None]) -> Evaluation:
    hourly = Hourly(10, {"model": 0.1, "dow_hour_mean": 0.2}, {})
    figures = bands()
    judged = {name: replace(figures[name], predicted_to_observed=bias) for name, bias in biases.items()}
    return Evaluation(62, 80, judged, hourly, {})


def test_a_bias_beyond_the_margin_is_where_the_model_loses_and_within_it_is_not():
    losses = where_the_model_loses(evaluation_with({"day1": 0.89, "days2_7": 1.13, "days8_30": 1.04}), 0.05)
    bias_lines = [line for line in losses if "observed total" in line]
    assert bias_lines == [
        "next 24 hours: the model's total is 0.890x the observed total, under-predicting by more than 5%",
        "days 2-7: the model's total is 1.130x the observed total, over-predicting by more than 5%",
    ]
    assert not [line for line in where_the_model_loses(evaluation_with({"day1": 0.97}), 0.05) if "observed total" in line]
    assert [line for line in where_the_model_loses(evaluation_with({"day1": 0.97}), 0.02) if "observed total" in line]


# --- the card ------------------------------------------------------------------------------------


def card_of(evaluation: Evaluation, city, rules: EvaluationRules = RULES) -> ModelCard:
    city = city.model_copy(update={"evaluation": rules})
    start = datetime(2010, 9, 1, 5, tzinfo=UTC)
    plan = make_plan(start, start - timedelta(days=300), 62, 28, 60, 48)
    model = SimpleNamespace(params={"eta": 0.1}, calibration=(0.0, 1.0), level_thresholds={"daily": [1.0]})
    feature = FeatureDefinition("f", "usual_level", "en", "fr", "all history", "target")
    family = FeatureFamily("usual_level", "Usual level", "Niveau habituel")
    decision = gate(evaluation.bands, 0.01, rules)
    return model_card(
        "v1",
        city,
        plan,
        model,
        TrainingFacts(10, 2, 5, 3, 0.31, 0.3, (0.0, 1.0)),
        evaluation,
        [feature],
        [family],
        decision,
        0.01,
        "active" if decision.passed else "rejected",
        SIGNAL,
    )


def judged_band(name: str, issue_times: int, seed: int) -> Band:
    window = WINDOW_DAYS[name]
    scores, actual = overlapping(issue_times, window, seed=seed)
    scores = {"model": scores["model"] * 1.12, "dow_hour_mean": scores["fixed_map"], "hotspot_own": scores["fixed_map"] * 0.5}
    return rounded(band_metrics(scores, actual, window_days=window, n_boot=200).as_band())


def test_the_card_says_what_each_band_rests_on_and_comes_back_from_its_json(city):
    hourly = Hourly(
        10, {"model": 0.1, "dow_hour_mean": 0.2}, dict.fromkeys(("model", "dow_hour_mean"), EventError(0, None, None))
    )
    bands_ = {"day1": judged_band("day1", 62, 1), "days2_7": judged_band("days2_7", 56, 2), "days8_30": Band.not_judged(23)}
    card = card_of(Evaluation(62, 80, bands_, hourly, {"f": 1.0}), city)

    assert ModelCard.from_json(card.to_json()) == card
    day1, days2_7 = card.bands["day1"], card.bands["days2_7"]
    assert (day1.issue_times, day1.window_days, day1.independent_windows, day1.block_days, day1.judged) == (62, 1, 62, 7, True)
    assert (days2_7.issue_times, days2_7.window_days, days2_7.independent_windows, days2_7.judged) == (56, 6, 10, False)
    assert days2_7.block_days >= 6 and card.bands["days8_30"].judged is False
    assert (card.gate.min_independent_windows, card.gate.bias_margin, card.gate.judged) == (28, 0.05, True)
    text = markdown(card)
    assert "| next 24 hours | 62 | 62 (1 d) | 7 d | judged |" in text
    assert "| days 2-7 | 56 | 10 (6 d) |" in text and "not judged: 10 independent windows, fewer than 28" in text
    assert "| days 8-30 | 0 | 0 (23 d) | n/a | not judged: the test period is shorter than this band |" in text
    # The model expects 12 % more than the rates the counts were drawn from: said where it loses, for
    # every band measured.
    for words, band in (("next 24 hours", day1), ("days 2-7", days2_7)):
        assert band.predicted_to_observed > 1.05
        assert f"{words}: the model's total is {band.predicted_to_observed:.3f}x the observed total, over-predicting" in text

    # A card written before windows were counted still loads, its bands' judgement not recorded.
    layout = json.loads(card.to_json())
    for band in layout["bands"].values():
        for key in ("window_days", "independent_windows", "judged", "predicted_to_observed"):
            band.pop(key, None)
    for key in ("judged", "min_independent_windows", "bias_margin"):
        del layout["gate"][key]
    older = ModelCard.from_dict(layout)
    assert older.bands["day1"].judged is None and older.bands["day1"].independent_windows == 0
    assert older.bands["day1"].pai5 == day1.pai5 and older.bands["day1"].measured
    assert older.gate.judged is True and older.gate.min_independent_windows == 0
    assert "not recorded" in markdown(older)
    assert older.bands["days8_30"].pai5 == NOT_JUDGED


def test_a_card_whose_next_24_hours_is_not_judged_says_so(city):
    hourly = Hourly(
        10, {"model": 0.1, "dow_hour_mean": 0.2}, dict.fromkeys(("model", "dow_hour_mean"), EventError(0, None, None))
    )
    bands_ = {"day1": judged_band("day1", 20, 3), "days2_7": judged_band("days2_7", 14, 4), "days8_30": Band.not_judged(23)}
    card = card_of(Evaluation(20, 80, bands_, hourly, {"f": 1.0}), city)
    assert card.gate.passed and not card.gate.judged and card.status == "active"  # status as the caller gave it
    assert card.bands["day1"].judged is False
    assert "not judged: 20 independent windows, fewer than 28" in markdown(card)
    assert "an operator decides" in card.gate.reason
