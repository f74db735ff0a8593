"""The model card (typed, and in Markdown) and the promotion gate. Pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, replace

from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.city import Evaluation as EvaluationRules
from civicpulse.runtime.model_card import (
    BAND_WORDS,
    DEVIANCE_DEFINITION,
    Band,
    Evaluation,
    FeatureDefinition,
    FeatureFamily,
    Gate,
    ModelCard,
    Periods,
    Signal,
    Target,
    TrainingFacts,
)
from scoring.evaluation import DEVIANCE_FLOOR
from scoring.model import TrainedModel
from scoring.plan import Plan


@dataclass(frozen=True)
class GateDecision:
    passed: bool
    reason: str
    # False: too few independent windows to show anything; the version waits for an operator.
    judged: bool = True


LATER_BANDS = ("days2_7", "days8_30")


def judged(band: Band, rules: EvaluationRules) -> bool:
    """Whether the gate may judge the band: measured on at least `min_independent_windows` windows
    that share no day (fewer, and its interval rests on too few independent outcomes)."""
    return band.measured and band.independent_windows >= rules.min_independent_windows


def gate(bands: dict[str, Band], tolerance: float, rules: EvaluationRules | None = None) -> GateDecision:
    """Promotes only what the intervals show (docs/evaluation.md, "The gate"): the next-24 h PAI@5 %
    ratio's 95 % interval lies above 1, and each other band the gate can judge has its interval's
    lower end at 1 - `tolerance` or above. A next 24 hours on too few independent windows is not
    judged: passed, but `judged` False, so the version waits for an operator. `rules` are the city
    profile's (None: the profile's defaults)."""
    rules = rules or EvaluationRules()
    day1 = bands["day1"]
    if day1.measured and day1.pai5.ratio is None:
        return GateDecision(False, "the next 24 hours could not be judged: the test period holds no target event")
    refusals, unjudged = [], []
    for name in LATER_BANDS:
        band = bands[name]
        if not judged(band, rules):
            unjudged.append(f"{BAND_WORDS[name]} ({_windows(band, rules)})")
            continue
        low = _low(band)
        if low is None or low < 1.0 - tolerance:
            refusals.append(
                f"{BAND_WORDS[name]} PAI@5% is {_x(band.pai5.ratio)} the best baseline, 95 % interval"
                f" {_interval(band)}: its lower end is not at 1 - {tolerance:g} or above, not shown within the tolerance"
            )
    unjudged_note = [f"not judged: {', '.join(unjudged)}"] if unjudged else []
    if not judged(day1, rules):
        said = f"next 24 hours not judged ({_windows(day1, rules)})"
        if day1.measured:
            said += f": PAI@5% is {_x(day1.pai5.ratio)} the best baseline, 95 % interval {_interval(day1)}"
        if refusals:
            return GateDecision(False, "; ".join([*refusals, said, *unjudged_note]))
        return GateDecision(True, "; ".join([f"{said}; an operator decides (ApproveModel)", *unjudged_note]), judged=False)
    low, high = day1.pai5.ratio_ci95 or (None, None)
    shown = (
        f"next-24 h PAI@5% is {_x(day1.pai5.ratio)} the best baseline ({day1.pai5.best_baseline_name}),"
        f" 95 % interval {_interval(day1)} on {_independent(day1.independent_windows)}"
    )
    if low is None or low <= 1.0:
        verdict = "below 1: shown worse" if high is not None and high < 1.0 else "not above 1: not shown better"
        return GateDecision(False, "; ".join([f"{shown}, {verdict}", *refusals, *unjudged_note]))
    return GateDecision(not refusals, "; ".join([*refusals, f"{shown}, above 1", *unjudged_note]))


def model_card(
    version: str,
    city: CityProfile,
    plan: Plan,
    model: TrainedModel,
    facts: TrainingFacts,
    evaluation: Evaluation,
    features: list[FeatureDefinition],
    families: list[FeatureFamily],
    decision: GateDecision,
    tolerance: float,
    status: str,
    signal: Signal,
) -> ModelCard:
    rules = city.evaluation
    bands = {name: replace(band, judged=judged(band, rules)) for name, band in evaluation.bands.items()}
    evaluation = replace(evaluation, bands=bands)
    return ModelCard(
        model_version=version,
        city=city.name,
        targets=[Target(t.kind, list(t.categories)) for t in city.targets],
        status=status,
        promoted=status == "active",
        gate=Gate(
            decision.passed,
            decision.reason,
            city.promotion.require_operator_approval,
            tolerance,
            decision.judged,
            rules.min_independent_windows,
            rules.bias_margin,
        ),
        data=Periods(plan.issue_time, (plan.training[0], plan.training[-1]), plan.validation_start, plan.test_start),
        training=facts,
        parameters={**model.params, "calibration": list(model.calibration), "level_thresholds": model.level_thresholds},
        features=features,
        families=families,
        evaluation=evaluation,
        signal=signal,
        where_the_model_loses=where_the_model_loses(evaluation, rules.bias_margin),
        deviance_definition=DEVIANCE_DEFINITION.format(floor=DEVIANCE_FLOOR),
    )


def where_the_model_loses(evaluation: Evaluation, bias_margin: float) -> list[str]:
    """Every figure where the model does worse than a simple method, and every band whose predicted
    total is off the observed one by more than `bias_margin` (a share)."""
    losses = []
    for band, entry in evaluation.bands.items():
        if not entry.measured:
            continue
        bias = entry.predicted_to_observed
        if bias is not None and abs(bias - 1.0) > bias_margin:
            side = "over" if bias > 1.0 else "under"
            losses.append(
                f"{BAND_WORDS[band]}: the model's total is {_x(bias)} the observed total,"
                f" {side}-predicting by more than {bias_margin:.0%}"
            )
        for key, pai in entry.pai.items():
            if pai.ratio is not None and pai.ratio < 1.0:
                losses.append(f"{BAND_WORDS[band]}: {key} is {_x(pai.ratio)} {pai.best_baseline_name}")
        ratio = entry.deviance_vs_dow_hour
        if ratio is not None and ratio > 1.0:
            losses.append(f"{BAND_WORDS[band]}: Poisson deviance {_x(ratio)} the day-of-week/hour baseline's")
        for zone in entry.zones:
            model = zone.methods["model"]
            best = max((m.hit_rate or 0.0 for name, m in zone.methods.items() if name != "model"), default=0.0)
            if zone.observed and (model.hit_rate or 0.0) < best:
                losses.append(f"{BAND_WORDS[band]}: zone {zone.zone} hit rate {model.hit_rate or 0.0:.3f} < baseline {best:.3f}")
        events = entry.scheduled_event_windows
        if "model" in events and events["model"].cell_windows:
            best = min(v.mae for k, v in events.items() if k != "model" and v.mae is not None)
            if events["model"].mae > best:
                losses.append(f"{BAND_WORDS[band]}: near scheduled events, error {events['model'].mae:.3f} > {best:.3f}")
    hourly = evaluation.hourly_72h
    deviance = hourly.deviance
    if deviance and deviance["model"] > deviance["dow_hour_mean"]:
        losses.append(f"first 72 hours, hourly: deviance {deviance['model']:.4f} > dow-hour {deviance['dow_hour_mean']:.4f}")
    events = hourly.scheduled_event_hours
    if events and events["model"].cell_windows and events["model"].mae > events["dow_hour_mean"].mae:
        losses.append(
            f"first 72 hours, near scheduled events: error {events['model'].mae:.4f} > dow-hour {events['dow_hour_mean'].mae:.4f}"
        )
    return losses


def markdown(card: ModelCard) -> str:
    """The card for people to read: each section in turn."""
    sections = (_summary, _bands, _fractions, _reliability, _hourly, _signal, _losses, _features, _parameters)
    return "\n".join(line for section in sections for line in section(card))


def _summary(card: ModelCard) -> list[str]:
    data, evaluation = card.data, card.evaluation
    return [
        f"# Model card: {card.model_version}",
        "",
        f"City **{card.city}**; target: " + "; ".join(f"{t.kind} ({', '.join(t.categories)})" for t in card.targets) + ".",
        f"Status **{card.status}**; promoted: **{card.promoted}**. Gate: {card.gate.reason}.",
        "",
        "## Data",
        f"- Training issue times {data.training[0].isoformat()} .. {data.training[1].isoformat()}"
        f" ({card.training.training_rows} rows)",
        f"- Validation (early stopping, calibration) from {data.validation_start.isoformat()}",
        f"- Test: {evaluation.test_issue_times} daily issue times from {data.test_start.isoformat()}"
        f" to {data.issue_time.isoformat()} (never seen in training), {evaluation.cells} cells",
        f"- Deviance, validation and test alike: {card.deviance_definition}. Validation: {_n(card.training.validation_deviance)}",
    ]


def _bands(card: ModelCard) -> list[str]:
    minimum = card.gate.min_independent_windows
    lines = [
        "",
        "## PAI at 5 % of the area, model against the best simple method",
        "",
        "Daily issue times whose windows span several days overlap: a band's figures rest on its"
        " independent windows (that share no day: issue times / window days, rounded up)"
        + (f", and the gate judges a band only on at least {minimum} of them." if minimum else ".")
        + " Intervals: moving-block bootstrap of consecutive issue times, each block at least one"
        " window long. Predicted / observed: the model's total over the observed one.",
        "",
        "| band | issue times | independent windows (window) | bootstrap block | judged | model | best baseline"
        " | ratio (95 % CI) | hindsight ceiling | deviance model / dow-hour | predicted / observed |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for band, entry in card.bands.items():
        counts = (
            f"| {BAND_WORDS[band]} | {entry.issue_times} | {entry.independent_windows}"
            f" ({_days(entry.window_days)}) | {_days(entry.block_days)} |"
        )
        if not entry.measured:
            lines.append(f"{counts} not judged: the test period is shorter than this band | | | | | | |")
            continue
        p = entry.pai5
        low, high = p.ratio_ci95 or (None, None)
        lines.append(
            f"{counts} {_judged_words(entry, minimum)} | {_n(p.model)} | {_n(p.best_baseline)} ({p.best_baseline_name}) |"
            f" {_n(p.ratio)} ({_n(low)}-{_n(high)}) | {_n(entry.ceiling['top5'].ratio_to_best_baseline)} |"
            f" {_n(entry.deviance['model'])} / {_n(entry.deviance['dow_hour_mean'])} | {_n(entry.predicted_to_observed)} |"
        )
    return lines


def _judged_words(band: Band, minimum: int) -> str:
    if band.judged is None:
        return "not recorded (a card written before windows were counted)"
    if band.judged:
        return "judged"
    return f"not judged: {_independent(band.independent_windows)}, fewer than {minimum}"


def _fractions(card: ModelCard) -> list[str]:
    day1 = card.bands["day1"]
    lines = [
        "",
        "## Every fraction of the area (PAI; next 24 hours)",
        "",
        "| method | 1 % | 5 % | 10 % | 20 % |",
        "|---|---|---|---|---|",
    ]
    for method in ["model", *day1.pai5.baselines]:
        row = [p.model if method == "model" else p.baselines[method] for p in day1.pai.values()]
        lines.append(f"| {method} | " + " | ".join(_n(v) for v in row) + " |")
    return lines


def _reliability(card: ModelCard) -> list[str]:
    return [
        "",
        "## Reliability, next 24 hours (by decile of the forecast)",
        "",
        "| decile | predicted | observed |",
        "|---|---|---|",
        *(f"| {row.bin} | {_n(row.mean_predicted)} | {_n(row.mean_observed)} |" for row in card.bands["day1"].reliability),
    ]


def _hourly(card: ModelCard) -> list[str]:
    hourly = card.evaluation.hourly_72h
    events = hourly.scheduled_event_hours
    return [
        "",
        "## Hourly, first 72 hours",
        "",
        f"{hourly.cell_hours} cell-hours. Poisson deviance: model {_n(hourly.deviance['model'])},"
        f" day-of-week/hour baseline {_n(hourly.deviance['dow_hour_mean'])}.",
        f"Near scheduled events while they run ({events['model'].cell_windows} cell-hours): mean absolute error"
        f" model {_n(events['model'].mae)}, baseline {_n(events['dow_hour_mean'].mae)};"
        f" bias model {_n(events['model'].bias)}, baseline {_n(events['dow_hour_mean'].bias)}.",
    ]


def _signal(card: ModelCard) -> list[str]:
    signal = card.signal
    return [
        "",
        "## Where the signal comes from",
        "",
        f"Police-generated data: {signal.police_generated_share:.0%}; other sources: {signal.other_sources_share:.0%}"
        " (police-generated: events sent by partners whose agreements say so, each feature's share of the"
        " signal times the part of the events it reads that they sent).",
        "",
        "| source | share |",
        "|---|---|",
        *[f"| {k} | {v:.1%} |" for k, v in sorted(signal.by_source.items(), key=lambda kv: -kv[1])],
    ]


def _losses(card: ModelCard) -> list[str]:
    return ["", "## Where the model loses", "", *([f"- {loss}" for loss in card.where_the_model_loses] or ["- nowhere measured"])]


def _features(card: ModelCard) -> list[str]:
    return [
        "",
        "## Features",
        "",
        "| feature | family | what it reads |",
        "|---|---|---|",
        *[f"| {f.name} | {f.family} | {f.description_en} ({f.window}) |" for f in card.features],
    ]


def _parameters(card: ModelCard) -> list[str]:
    return ["", "## Parameters", "", "```", *[f"{k}: {v}" for k, v in card.parameters.items()], "```", ""]


def _independent(windows: int) -> str:
    return f"{windows} independent window{'' if windows == 1 else 's'}"


def _days(days: int) -> str:
    return f"{days} d" if days else "n/a"


def _windows(band: Band, rules: EvaluationRules) -> str:
    if not band.measured:
        return "the test period is shorter than this band"
    return f"{_independent(band.independent_windows)}, fewer than {rules.min_independent_windows}"


def _low(band: Band) -> float | None:
    return (band.pai5.ratio_ci95 or (None, None))[0]


def _interval(band: Band) -> str:
    low, high = band.pai5.ratio_ci95 or (None, None)
    return "n/a" if low is None or high is None else f"{low:.3f}-{high:.3f}"


def _x(ratio) -> str:
    return "n/a" if ratio is None else f"{ratio:.3f}x"


def _n(value) -> str:
    return "n/a" if value is None else f"{value:.4g}"
