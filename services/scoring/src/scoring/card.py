"""The model card (typed, and in Markdown) and the promotion gate. Pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

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


def gate(bands: dict[str, Band], tolerance: float, rules: EvaluationRules | None = None) -> GateDecision:
    """Next-24 h PAI@5 % must beat the best baseline; the other bands must not be worse (within tolerance)."""
    day1 = bands["day1"].pai5
    if day1.ratio is None:
        return GateDecision(False, "the next 24 hours could not be judged: the test period holds no target event")
    if day1.ratio <= 1.0:
        return GateDecision(False, f"next-24 h PAI@5% is {_x(day1.ratio)} the best baseline ({day1.best_baseline_name})")
    unmeasured = []
    for band in ("days2_7", "days8_30"):
        if not bands[band].measured:
            unmeasured.append(BAND_WORDS[band])
            continue
        ratio = bands[band].pai5.ratio
        if ratio is None or ratio < 1.0 - tolerance:
            return GateDecision(False, f"{BAND_WORDS[band]} PAI@5% is {_x(ratio)} the best baseline")
    reason = f"next-24 h PAI@5% is {_x(day1.ratio)} the best baseline ({day1.best_baseline_name})"
    if unmeasured:
        reason += f"; not judged (test period too short): {', '.join(unmeasured)}"
    return GateDecision(True, reason)


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
    return ModelCard(
        model_version=version,
        city=city.name,
        targets=[Target(t.kind, list(t.categories)) for t in city.targets],
        status=status,
        promoted=status == "active",
        gate=Gate(decision.passed, decision.reason, city.promotion.require_operator_approval, tolerance),
        data=Periods(plan.issue_time, (plan.training[0], plan.training[-1]), plan.validation_start, plan.test_start),
        training=facts,
        parameters={**model.params, "calibration": list(model.calibration), "level_thresholds": model.level_thresholds},
        features=features,
        families=families,
        evaluation=evaluation,
        signal=signal,
        where_the_model_loses=where_the_model_loses(evaluation),
        deviance_definition=DEVIANCE_DEFINITION.format(floor=DEVIANCE_FLOOR),
    )


def where_the_model_loses(evaluation: Evaluation) -> list[str]:
    losses = []
    for band, entry in evaluation.bands.items():
        if not entry.measured:
            continue
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
    lines = [
        "",
        "## PAI at 5 % of the area, model against the best simple method",
        "",
        "| band | model | best baseline | ratio (95 % CI) | hindsight ceiling | deviance model / dow-hour |",
        "|---|---|---|---|---|---|",
    ]
    for band, entry in card.bands.items():
        if not entry.measured:
            lines.append(f"| {BAND_WORDS[band]} | not judged: the test period is shorter than this band | | | | |")
            continue
        p = entry.pai5
        low, high = p.ratio_ci95 or (None, None)
        lines.append(
            f"| {BAND_WORDS[band]} | {_n(p.model)} | {_n(p.best_baseline)} ({p.best_baseline_name}) |"
            f" {_n(p.ratio)} ({_n(low)}-{_n(high)}) | {_n(entry.ceiling['top5'].ratio_to_best_baseline)} |"
            f" {_n(entry.deviance['model'])} / {_n(entry.deviance['dow_hour_mean'])} |"
        )
    return lines


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
        f"Police-generated data: {signal.police_generated_share:.0%}; other sources: {signal.other_sources_share:.0%}.",
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


def _x(ratio) -> str:
    return "n/a" if ratio is None else f"{ratio:.3f}x"


def _n(value) -> str:
    return "n/a" if value is None else f"{value:.4g}"
