"""Forecasts judged as the predictive-policing literature does, against simple baselines. No I/O.

For one band (a range of lead days) every method gives, per issue time and cell, its expected
count over the band window; the actual counts are known. The headline is the PAI (predictive
accuracy index, Chainey et al. 2008): the share of events caught in the top `fraction` of the
area, divided by that fraction. Only issue times whose window lies inside the data are passed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from civicpulse.runtime.model_card import (
    AgainstBaselines,
    Band,
    EventError,
    Reference,
    ReliabilityRow,
    ZoneMethod,
    ZoneMetrics,
    ZoneSeries,
)

FRACTIONS = (0.01, 0.05, 0.10, 0.20)
# Where events happened, a prediction below this counts as this (see poisson_deviance): the one
# floor of every deviance the model card reports, validation and test alike.
DEVIANCE_FLOOR = 1e-4
# Conditions run in weeks (the weekday cycle, spells of weather): a bootstrap block spans a week
# where the test period holds two, so each draw keeps that dependence (docs/evaluation.md).
WEEK_DAYS = 7


def block_days(window_days: int, issue_times: int) -> int:
    """Daily issue times per bootstrap block, for a band whose windows span `window_days`.

    Windows of issue times fewer than `window_days` apart overlap and share their events, so their
    figures move together: a block never shorter than the window keeps that dependence inside it
    (shorter blocks would count one stretch of events as several draws, and narrow the interval).
    Beyond that a block spans a week, or half the issue times when the test period holds fewer
    than two weeks: a block as long as the period would resample nothing.
    """
    return max(1, window_days, min(WEEK_DAYS, issue_times // 2))


def independent_windows(issue_times: int, window_days: int) -> int:
    """The most windows of a band that share no day: those of daily issue times i, i + w, i + 2w ...
    (w = `window_days`), ceil(issue_times / w). Every window of the next 24 hours counts."""
    return -(-issue_times // max(1, window_days))


@dataclass(frozen=True)
class MethodScore:
    """One method at one area fraction: means over issue times, and the PAI per issue time."""

    hit_rate: float
    pai: float
    pai_series: np.ndarray


@dataclass(frozen=True)
class FractionResult:
    fraction: float
    methods: dict[str, MethodScore]
    best_baseline: str
    ratio: float  # mean model PAI / mean best-baseline PAI
    ratio_ci95: tuple[float, float]  # nan when one block holds every issue time
    model_beats_best_share: float  # share of issue times, ties counted half
    ceiling: MethodScore  # the best fixed map in hindsight
    oracle: MethodScore  # each window ranked by its own outcome: the cap on any ranking


@dataclass(frozen=True)
class BandMetrics:
    issue_times: int
    cells: int
    model: str
    baselines: list[str]
    fractions: list[FractionResult]
    deviance: dict[str, float]
    deviance_floor: float
    window_days: int
    block_days: int
    n_boot: int
    predicted_to_observed: float  # the model's total over all windows / the observed total

    @property
    def independent_windows(self) -> int:
        return independent_windows(self.issue_times, self.window_days)

    def as_band(self) -> Band:
        """The band as the model card holds it (before rounding); needs the card's fractions."""
        pai = {
            f"pai{_pct(r.fraction)}": AgainstBaselines(
                model=r.methods[self.model].pai,
                best_baseline=r.methods[r.best_baseline].pai,
                best_baseline_name=r.best_baseline,
                ratio=r.ratio,
                ratio_ci95=r.ratio_ci95,
                baselines={name: r.methods[name].pai for name in self.baselines},
            )
            for r in self.fractions
        }
        top = {f"top{_pct(r.fraction)}": r for r in self.fractions}
        return Band(
            measured=True,
            issue_times=self.issue_times,
            window_days=self.window_days,
            independent_windows=self.independent_windows,
            cells=self.cells,
            model=self.model,
            baselines=list(self.baselines),
            fractions=[r.fraction for r in self.fractions],
            **pai,
            hit_rate={key: {name: m.hit_rate for name, m in r.methods.items()} for key, r in top.items()},
            model_beats_best_share={key: r.model_beats_best_share for key, r in top.items()},
            ceiling={key: _reference(r.ceiling, r.methods[r.best_baseline].pai) for key, r in top.items()},
            oracle={key: _reference(r.oracle, r.methods[r.best_baseline].pai) for key, r in top.items()},
            deviance=dict(self.deviance),
            deviance_floor=self.deviance_floor,
            block_days=self.block_days,
            n_boot=self.n_boot,
            predicted_to_observed=self.predicted_to_observed,
        )


def hit_rate_and_pai(scores: np.ndarray, actual: np.ndarray, area_fraction: float) -> tuple[float, float]:
    """Share of events in the top `area_fraction` of cells by score, and that share / the fraction."""
    total = float(np.sum(actual))
    if total == 0:
        return float("nan"), float("nan")
    hit_rate = _expected_hits(scores, actual, [area_fraction * len(scores)])[0] / total
    return float(hit_rate), float(hit_rate / area_fraction)


def band_metrics(
    scores_by_method: dict[str, np.ndarray],
    actual: np.ndarray,
    fractions: tuple[float, ...] = FRACTIONS,
    model: str = "model",
    baselines: list[str] | None = None,
    window_days: int = 1,
    n_boot: int = 2000,
    seed: int = 0,
    deviance_floor: float = DEVIANCE_FLOOR,
) -> BandMetrics:
    """Every method at every fraction; arrays are [issue time, cell], one row per daily issue time in
    time order, each the sum over the band's window of `window_days` days. The intervals come from
    blocks of `block_days(window_days, issue times)` consecutive issue times."""
    actual = np.asarray(actual, dtype=float)
    baselines = baselines if baselines is not None else [name for name in scores_by_method if name != model]
    if model not in scores_by_method or not baselines or len(actual) == 0:
        raise ValueError("band_metrics needs an issue time, the model's scores and at least one baseline's")
    names = [model, *baselines]
    totals = actual.sum(axis=1)
    # The ceiling ranks cells by their mean share of each window's events, which makes it exactly
    # the best mean hit rate a fixed map reaches (the mean count when windows hold equal totals).
    shares = np.divide(actual, totals[:, None], out=np.zeros_like(actual), where=totals[:, None] > 0)
    references = {"ceiling": np.broadcast_to(shares.mean(axis=0), actual.shape), "oracle": actual}
    series = {name: _hit_rates(np.asarray(scores_by_method[name], float), actual, fractions) for name in names}
    reference_series = {kind: _hit_rates(scores, actual, fractions) for kind, scores in references.items()}
    block = block_days(window_days, len(actual))
    resamples = _block_resamples(len(actual), block, n_boot, np.random.default_rng(seed))

    def score(hit_rates: np.ndarray, j: int) -> MethodScore:
        pai = hit_rates[:, j] / fractions[j]
        return MethodScore(float(_nanmean(hit_rates[:, j])), float(_nanmean(pai)), pai)

    results = []
    for j, fraction in enumerate(fractions):
        methods = {name: score(series[name], j) for name in names}
        best = max(baselines, key=lambda name: np.nan_to_num(methods[name].pai, nan=-np.inf))
        ours, theirs = methods[model].pai_series, methods[best].pai_series
        both = np.isfinite(ours) & np.isfinite(theirs)
        # Ties count half, so a method compared with itself scores 0.5, not 0.
        wins = (ours[both] > theirs[both]) + 0.5 * (ours[both] == theirs[both])
        beats = float(np.mean(wins)) if both.any() else float("nan")
        ratio = _ratio(methods[model].pai, methods[best].pai)
        interval = _percentile_ci(ours, theirs, resamples)
        ceiling, oracle = score(reference_series["ceiling"], j), score(reference_series["oracle"], j)
        results.append(FractionResult(fraction, methods, best, float(ratio), interval, beats, ceiling, oracle))
    deviance = {name: poisson_deviance(actual, scores_by_method[name], floor=deviance_floor) for name in names}
    bias = _ratio(float(np.sum(scores_by_method[model])), float(actual.sum()))
    return BandMetrics(
        len(actual),
        actual.shape[1],
        model,
        list(baselines),
        results,
        deviance,
        deviance_floor,
        window_days,
        block,
        n_boot,
        float(bias),
    )


def bootstrap_ratio_ci(
    numerator: np.ndarray, denominator: np.ndarray, block_days: int = 7, n_boot: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95 % moving-block bootstrap interval of mean(numerator) / mean(denominator).

    Blocks of consecutive issue times keep the day-to-day dependence that single-day resampling
    would ignore; both series take the same resample, so their shared ups and downs cancel. No
    interval (nan) when one block holds every issue time.
    """
    resamples = _block_resamples(len(numerator), block_days, n_boot, np.random.default_rng(seed))
    return _percentile_ci(np.asarray(numerator, float), np.asarray(denominator, float), resamples)


def poisson_deviance(labels: np.ndarray, predicted: np.ndarray, *, floor: float) -> float:
    """Mean Poisson deviance per cell-window: the one deviance of the model card (validation, test bands, hours).

    Where events happened a prediction is floored at `floor`, so a zero prediction costs as much
    as `floor` instead of infinity; the same floor applies to every method compared. Where none
    happened nothing is floored, so a perfect forecast scores exactly 0.
    """
    y = np.asarray(labels, float)
    happened = y > 0
    mu = np.where(happened, np.maximum(predicted, floor), predicted)
    log_ratio = np.log(np.where(happened, y, 1.0) / np.where(happened, mu, 1.0))  # 0 where nothing happened
    return float(np.mean(2.0 * (y * log_ratio - (y - mu))))


def reliability_table(predicted: np.ndarray, actual: np.ndarray, bins: int = 10) -> list[ReliabilityRow]:
    """Mean predicted vs mean observed per equal-count bin of predictions, over all cell-windows.

    Bins follow each value's mid-rank, so tied predictions (many zeros) are never split across
    bins: a bin may then hold more than its share, and bins left empty are dropped.
    """
    predicted, actual = np.ravel(predicted).astype(float), np.ravel(actual).astype(float)
    _, inverse, counts = np.unique(predicted, return_inverse=True, return_counts=True)
    mid_rank = np.cumsum(counts) - (counts + 1) / 2
    which = np.minimum((mid_rank * bins / len(predicted)).astype(int), bins - 1)[inverse]
    count = np.bincount(which, minlength=bins)
    sum_predicted = np.bincount(which, predicted, minlength=bins)
    sum_observed = np.bincount(which, actual, minlength=bins)
    return [
        ReliabilityRow(
            b, int(count[b]), sum_predicted[b] / count[b], sum_observed[b] / count[b], sum_predicted[b], sum_observed[b]
        )
        for b in np.flatnonzero(count).tolist()
    ]


def by_zone(
    scores_by_method: dict[str, np.ndarray], actual: np.ndarray, zones: list[str], fraction: float = 0.05
) -> list[ZoneMetrics]:
    """Per zone and method: total predicted vs observed, and the hit rate with cells ranked within the zone.

    Arrays are [issue time, cell] (or one issue time, [cell]); `zones` names each cell's zone.
    """
    actual = np.atleast_2d(np.asarray(actual, float))
    zones = np.asarray(zones)
    out = []
    for zone in sorted(set(zones.tolist())):
        cells = zones == zone
        observed = float(actual[:, cells].sum())
        methods = {}
        for name, scores in scores_by_method.items():
            zone_scores = np.atleast_2d(np.asarray(scores, float))[:, cells]
            predicted = float(zone_scores.sum())
            hit_rate = float(_nanmean(_hit_rates(zone_scores, actual[:, cells], (fraction,))[:, 0]))
            methods[name] = ZoneMethod(predicted, float(_ratio(predicted, observed)), hit_rate, hit_rate / fraction)
        out.append(ZoneMetrics(zone, int(cells.sum()), observed, methods))
    return out


def zone_series(
    scores_by_method: dict[str, np.ndarray],
    actual: np.ndarray,
    zones: list[str],
    issue_times: list[int],
    tz: ZoneInfo,
    model: str = "model",
    baselines: list[str] | None = None,
    min_published_count: int = 1,
) -> list[ZoneSeries]:
    """Per zone, day by day: the model's and the closest baseline's expected counts against the observed.

    Arrays are [issue time, cell] for a one-day band; `issue_times` (unix seconds) label their rows
    by the local date in `tz`. The baseline shown is the one whose daily zone counts have the lowest
    deviance in that zone, so the model is set against the strongest simple method there. An
    observed count from 1 to below `min_published_count` is withheld (None), as the history API
    withholds it; the baseline is still chosen on every day.
    """
    actual = np.asarray(actual, float)
    zones = np.asarray(zones)
    baselines = baselines if baselines is not None else [name for name in scores_by_method if name != model]
    dates = [datetime.fromtimestamp(int(t), tz).date().isoformat() for t in issue_times]
    out = []
    for zone in sorted(set(zones.tolist())):
        cells = zones == zone
        observed = actual[:, cells].sum(axis=1)
        daily = {name: np.asarray(scores_by_method[name], float)[:, cells].sum(axis=1) for name in [model, *baselines]}
        deviance = {name: poisson_deviance(observed, daily[name], floor=DEVIANCE_FLOOR) for name in baselines}
        best = min(sorted(baselines), key=lambda name: deviance[name])
        shown = [None if 0 < v < min_published_count else v for v in _counts(observed)]
        out.append(ZoneSeries(zone, dates, _counts(daily[model]), best, _counts(daily[best]), shown, max(1, min_published_count)))
    return out


def event_error(predicted: np.ndarray, actual: np.ndarray, mask: np.ndarray) -> EventError:
    """Mean absolute error and bias on the cell-windows `mask` selects (e.g. near a scheduled event)."""
    error = np.asarray(predicted, float)[mask] - np.asarray(actual, float)[mask]
    if error.size == 0:
        return EventError(0, float("nan"), float("nan"))
    return EventError(int(error.size), float(np.mean(np.abs(error))), float(np.mean(error)))


def rounded(value: object, digits: int = 5) -> object:
    """Records, dicts and sequences with plain Python numbers: floats to `digits` significant digits,
    nan -> None, arrays -> lists. The model card holds its figures so."""
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: rounded(getattr(value, f.name), digits) for f in fields(value) if f.init})
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(rounded(v, digits) for v in value)
    if isinstance(value, list | np.ndarray):
        return [rounded(v, digits) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(f"{value:.{digits}g}") if np.isfinite(value) else None
    return value


def _expected_hits(scores: np.ndarray, actual: np.ndarray, capacities: list[float]) -> np.ndarray:
    """Events in the top `capacity` cells (fractional), for each capacity.

    A group of tied scores straddling the cut-off contributes its events in proportion to the
    share of it that fits: the expected hits if ties were broken at random, so a method that
    scores many cells alike (all zero, say) is neither lucky nor unlucky in their order.
    """
    s = np.where(np.isnan(scores), -np.inf, scores)  # a cell without a score ranks last
    order = np.argsort(-s, kind="stable")
    s, a = s[order], np.asarray(actual, float)[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    counts = np.diff(np.r_[starts, len(s)])
    taken = np.clip(np.asarray(capacities, float)[:, None] - starts, 0, counts)
    return (taken / counts * np.add.reduceat(a, starts)).sum(axis=1)


def _hit_rates(scores: np.ndarray, actual: np.ndarray, fractions: tuple[float, ...]) -> np.ndarray:
    """[issue time, fraction] hit rates; nan where the window holds no event."""
    capacities = [f * actual.shape[1] for f in fractions]
    hits = np.array([_expected_hits(s, a, capacities) for s, a in zip(scores, actual, strict=True)])
    totals = actual.sum(axis=1)[:, None]
    return np.divide(hits, totals, out=np.full(hits.shape, np.nan), where=totals > 0)


def _block_resamples(k: int, block_days: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """[n_boot, k] issue-time indices: blocks of consecutive issue times drawn with replacement.
    None ([0, k]) when one block holds every issue time: each draw would be the period itself, and
    an interval of zero width would claim a certainty one stretch of time cannot give."""
    block = max(1, block_days)
    if block >= k:
        return np.empty((0, k), dtype=int)
    starts = rng.integers(0, k - block + 1, size=(n_boot, -(-k // block)))
    return (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :k]


def _percentile_ci(numerator: np.ndarray, denominator: np.ndarray, resamples: np.ndarray) -> tuple[float, float]:
    ratios = _ratio(_nanmean(numerator[resamples], axis=1), _nanmean(denominator[resamples], axis=1))
    ratios = ratios[np.isfinite(ratios)]
    if ratios.size == 0:
        return float("nan"), float("nan")
    low, high = np.percentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def _nanmean(x: np.ndarray, axis: int | None = None):
    finite = np.isfinite(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(finite, x, 0.0).sum(axis=axis) / finite.sum(axis=axis)


def _ratio(numerator, denominator):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.divide(numerator, denominator)


def _counts(values: np.ndarray) -> list[float]:
    return [round(float(v), 3) for v in values]


def _pct(fraction: float) -> str:
    return f"{fraction * 100:g}"


def _reference(score: MethodScore, best_baseline_pai: float) -> Reference:
    return Reference(score.hit_rate, score.pai, _ratio(score.pai, best_baseline_pai))
