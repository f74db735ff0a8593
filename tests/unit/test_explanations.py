"""What a forecast says in words: each level's counts, the reasons with their shares, and a track
record that says plainly where the model lost to a simple baseline."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import numpy as np
import pytest

from civicpulse.runtime.baselines import BASELINE_METHODS
from civicpulse.runtime.model_card import Band, ZoneMethod, ZoneMetrics
from scoring.explain import Factor
from scoring.explanations import BASELINE_WORDS, level_meanings, number, reasons, track_record
from scoring.forecast import Forecast, zone_updates
from scoring.model import risk_levels
from scoring.repository import CellForecast


def test_level_meanings_cover_exactly_what_risk_levels_assign(city):
    thresholds = [0.8, 1.5, 3.0, 7.25]
    meanings = level_meanings(thresholds, "day", city.agenda.band)
    assert [m.risk_level for m in meanings] == [1, 2, 3, 4, 5]
    assert [m.band for m in meanings] == ["green", "green", "orange", "red", "red"]
    assert meanings[1].words_en == "0.8 to 1.5 incidents expected per day in the cell"
    assert meanings[1].words_fr == "de 0,8 à 1,5 incidents attendus par jour dans la maille"
    assert meanings[0].words_en == "fewer than 0.8 incidents expected per day in the cell"
    assert meanings[4].max_expected_count is None and meanings[4].words_en.startswith("7.2 or more")
    # Each count lands in the level whose [min, max) holds it, as scoring assigns levels.
    counts = np.array([0.0, 0.79, 0.8, 1.49, 1.5, 2.9, 3.0, 7.24, 7.25, 50.0])
    for count, level in zip(counts, risk_levels(counts, thresholds), strict=True):
        m = meanings[level - 1]
        assert m.min_expected_count <= count and (m.max_expected_count is None or count < m.max_expected_count)


def test_hourly_levels_say_per_hour_and_small_counts_without_exponents(city):
    meanings = level_meanings([0.00012, 0.004, 0.02, 0.5], "hour", city.agenda.band)
    assert meanings[1].words_en == "0.00012 to 0.004 incidents expected per hour in the cell"
    assert meanings[1].words_fr == "de 0,00012 à 0,004 incidents attendus par heure dans la maille"
    assert number(41168) == "41,168" and number(12.6, "fr") == "13"


def test_levels_with_equal_bounds_say_they_are_not_used(city):
    meanings = level_meanings([0.0, 0.0, 1.0, 2.0], "day", city.agenda.band)
    assert meanings[0].words_en.startswith("not used") and meanings[1].words_en.startswith("not used")


def test_reasons_share_the_absolute_contributions_and_a_zone_sums_its_cells():
    def f(family, contribution):
        return Factor(family, family.replace("_", " ").capitalize(), f"fr {family}", contribution)

    cells = [[f("recent_incidents", 0.6), f("events_nearby", 0.2)], [f("recent_incidents", 0.3), f("calendar", -0.4)]]
    found = reasons(x for cell in cells for x in cell)
    assert [r.family for r in found] == ["recent_incidents", "calendar", "events_nearby"]
    assert [r.share for r in found] == pytest.approx([0.9 / 1.5, 0.4 / 1.5, 0.2 / 1.5])
    assert sum(r.share for r in found) == pytest.approx(1.0)
    assert [r.raises for r in found] == [True, False, True]
    assert found[0].words_en == "Recent incidents: raises the forecast (60 %)"
    assert found[1].words_en == "Calendar: lowers the forecast (27 %)"
    assert found[1].words_fr == "fr calendar : abaisse la prévision (27 %)"
    assert reasons([]) == [] and reasons([f("calendar", 0.0)]) == []


def card_with(zones: list[ZoneMetrics], measured: bool = True) -> SimpleNamespace:
    """A stand-in card: only what the track record reads (the next-24-hour band)."""
    band = Band(measured=measured, issue_times=7, model="model", baselines=list(BASELINE_METHODS), zones=zones)
    return SimpleNamespace(bands={"day1": band})


def zone(name: str, observed: float, model: float | None, **baselines: float) -> ZoneMetrics:
    rates = {"model": model, **dict.fromkeys(BASELINE_METHODS, 0.05), **baselines}
    return ZoneMetrics(name, 40, observed, {m: ZoneMethod(1.0, 1.0, r, None) for m, r in rates.items()})


def test_the_track_record_says_plainly_where_the_model_loses_to_the_simple_baseline():
    card = card_with([zone("lost", 12, 0.2, last_28d=0.3), zone("won", 12, 0.45, hotspot_own=0.4)])
    lost = track_record(card, "lost")
    assert lost.judged and not lost.beats_baselines and lost.best_baseline == "last_28d"
    assert (lost.model_hit_rate, lost.best_baseline_hit_rate) == (0.2, 0.3)
    assert lost.words_en.startswith(
        "Here the model did worse than the simple baseline (last 4 weeks' average) on held-out time:"
        " weigh this forecast accordingly"
    )
    assert "pesez cette prévision en conséquence" in lost.words_fr
    won = track_record(card, "won")
    assert won.judged and won.beats_baselines and won.best_baseline == "hotspot_own"
    assert "at least as well" in won.words_en and "45 %" in won.words_en and "40 %" in won.words_en


def test_a_tie_counts_as_beating_the_baselines():
    assert track_record(card_with([zone("tie", 3, 0.3, last_28d=0.3)]), "tie").beats_baselines


@pytest.mark.parametrize(
    "card",
    [
        None,
        card_with([]),  # no figures for the zone
        card_with([zone("z", 0, 0.5)]),  # no incident there on held-out time
        card_with([zone("z", 5, None)]),  # the model's hit rate not computed
        card_with([zone("z", 5, 0.5)], measured=False),
    ],
)
def test_the_track_record_is_not_judged_without_figures(card):
    record = track_record(card, "z")
    assert not record.judged and not record.beats_baselines
    assert record.words_en.startswith("Not judged here") and record.words_fr.startswith("Non évalué ici")


def test_every_baseline_of_the_card_has_words():
    assert set(BASELINE_WORDS) == set(BASELINE_METHODS)


def test_a_zones_risk_update_names_it_explains_its_levels_and_says_where_the_model_loses(city):
    """What an application is notified of reads without the model card at hand."""
    lost = sorted(city.zones - {city.remainder_zone})[0]
    cell = sorted(city.zone_cells(lost))[0]
    issue = datetime(2010, 9, 1, 5, tzinfo=UTC)
    factors = [Factor("recent_incidents", "Recent incidents", "Incidents récents", 0.6), Factor("calendar", "Day", "Jour", -0.2)]
    at_risk = CellForecast(cell, lost, issue + timedelta(hours=20), 0.08, 4, factors)
    forecast = Forecast(issue, "v1", [], [], [at_risk], {lost: [1.0] * 30})
    card = card_with([zone(lost, 12, 0.2, last_28d=0.3)])
    [update] = [u for u in zone_updates(forecast, city, None, 10, card, [0.01, 0.02, 0.05, 0.1]) if u.zone == lost]
    assert update.zone_name == city.zone_name(lost) != lost
    assert [m.risk_level for m in update.hourly_levels] == [1, 2, 3, 4, 5]
    assert update.hourly_levels[3].words_en == "0.05 to 0.1 incidents expected per hour in the cell"
    assert not update.track_record.beats_baselines and "did worse than the simple baseline" in update.track_record.words_en
    [notified] = update.cells
    assert [f.share for f in notified.factors] == pytest.approx([0.75, 0.25])
    assert notified.factors[0].words_en == "Recent incidents: raises the forecast (75 %)"
    assert not notified.factors[1].raises and notified.factors[1].words_fr == "Jour : abaisse la prévision (25 %)"
