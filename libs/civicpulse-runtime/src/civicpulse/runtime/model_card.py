"""The model card, typed: what the scoring service writes for every version it trains.

Scoring builds a `ModelCard` from its evaluation; the database keeps it as JSON and
`GetModelCard` sends it as JSON (`card_json`). Only `ModelCard.as_dict` / `ModelCard.from_dict`
know that layout: the scoring service uses them at its database and proto edges, readers of
`card_json` (the lab, tests, applications in Python) at theirs.

A band is a range of lead days (`day1`, `days2_7`, `days8_30`); for each, the model's PAI
(predictive accuracy index) at 1, 5, 10 and 20 % of the area is set against the best simple
method's, on the same cells and windows of held-out time.
"""

from __future__ import annotations

import json
import types
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

BAND_WORDS = {"day1": "next 24 hours", "days2_7": "days 2-7", "days8_30": "days 8-30"}
# The area fractions every band is judged at, as their keys name them: pai1, pai5 ...; top1, top5 ...
PERCENTS = ("1", "5", "10", "20")
# What every deviance of the card is, validation and test alike.
DEVIANCE_DEFINITION = (
    "mean Poisson deviance per cell-window (24-hour windows for validation, the band's window for each"
    " test band, one hour for hourly_72h); where events happened a prediction is floored at {floor:g}"
)


@dataclass(frozen=True)
class FeatureDefinition:
    """A feature as the feature store's registry declares it (its matrices carry the definitions)."""

    name: str
    family: str
    description_en: str
    description_fr: str
    window: str
    source: str  # "target" (the city's target events), "scheduled_event", "calendar" or "forecast"


@dataclass(frozen=True)
class FeatureFamily:
    """A factor family, the unit of explanations, with its plain-language labels."""

    name: str
    label_en: str
    label_fr: str


@dataclass(frozen=True)
class AgainstBaselines:
    """Mean PAI over issue times at one area fraction: the model's, each baseline's, and their ratio."""

    model: float | None
    best_baseline: float | None
    best_baseline_name: str | None
    ratio: float | None  # model / best baseline
    ratio_ci95: tuple[float | None, float | None] | None  # moving-block bootstrap; None: one window, no interval
    baselines: dict[str, float | None]


NOT_JUDGED = AgainstBaselines(None, None, None, None, None, {})


@dataclass(frozen=True)
class Reference:
    """A ranking no method can use (the best fixed map in hindsight, or each window's own outcome)."""

    hit_rate: float | None
    pai: float | None
    ratio_to_best_baseline: float | None


@dataclass(frozen=True)
class ReliabilityRow:
    bin: int
    count: int
    mean_predicted: float
    mean_observed: float
    sum_predicted: float
    sum_observed: float


@dataclass(frozen=True)
class ZoneMethod:
    predicted: float
    ratio: float | None  # predicted / observed: below 1 the method under-predicts the zone
    hit_rate: float | None  # mean over issue times, cells ranked within the zone
    pai: float | None


@dataclass(frozen=True)
class ZoneMetrics:
    zone: str
    cells: int
    observed: float
    methods: dict[str, ZoneMethod]


@dataclass(frozen=True)
class ZoneSeries:
    """One zone's day-by-day record on the test period: for each issue date (the local date of the
    issue time), the counts the model and a baseline expected over the next 24 hours, and what was
    observed. The lists run in step with `dates`; counts to 3 decimals. An observed count from 1 to
    below `withheld_below` (the partners' smallest publishable count) is None, as history withholds it."""

    zone: str
    dates: list[str]  # YYYY-MM-DD in the city's time zone
    model: list[float]
    baseline_name: str  # the baseline whose daily counts came closest in this zone (lowest deviance)
    baseline: list[float]
    observed: list[float | None]
    withheld_below: int = 1


@dataclass(frozen=True)
class EventError:
    cell_windows: int
    mae: float | None
    bias: float | None  # mean (predicted - actual): negative means the method under-predicts


@dataclass(frozen=True, kw_only=True)
class Band:
    """One band measured on the test period; a band longer than the test period is not measured
    (`measured` False: only its counts and the PAI blocks, empty, are kept).

    Daily issue times whose windows span several days overlap: `independent_windows` says how many
    windows that share no day the figures rest on, and the gate judges a band only when there are
    at least the city's `min_independent_windows` (`judged`). A card written before windows were
    counted has 0 for them and `judged` None."""

    measured: bool
    issue_times: int  # daily issue times whose whole window lies in the test period
    window_days: int = 0  # the days one window spans: lead days 2-7, 6
    independent_windows: int = 0  # ceil(issue_times / window_days): windows that share no day
    judged: bool | None = None
    cells: int = 0
    model: str = "model"
    baselines: list[str] = field(default_factory=list)
    fractions: list[float] = field(default_factory=list)
    pai1: AgainstBaselines = NOT_JUDGED
    pai5: AgainstBaselines = NOT_JUDGED
    pai10: AgainstBaselines = NOT_JUDGED
    pai20: AgainstBaselines = NOT_JUDGED
    # Keyed "top1", "top5" ... like the fractions.
    hit_rate: dict[str, dict[str, float | None]] = field(default_factory=dict)
    model_beats_best_share: dict[str, float | None] = field(default_factory=dict)
    ceiling: dict[str, Reference] = field(default_factory=dict)
    oracle: dict[str, Reference] = field(default_factory=dict)
    deviance: dict[str, float | None] = field(default_factory=dict)  # by method
    deviance_floor: float | None = None
    block_days: int = 0  # consecutive issue times per bootstrap block, never fewer than window_days
    n_boot: int = 0
    # The model's expected total over all windows / the observed total: above 1, it over-predicts.
    predicted_to_observed: float | None = None
    deviance_vs_dow_hour: float | None = None
    reliability: list[ReliabilityRow] = field(default_factory=list)
    zones: list[ZoneMetrics] = field(default_factory=list)
    # Only the day1 band has them; a card written before they existed has none.
    zone_series: list[ZoneSeries] = field(default_factory=list)
    scheduled_event_windows: dict[str, EventError] = field(default_factory=dict)

    @classmethod
    def not_judged(cls, window_days: int = 0) -> Band:
        """A band the test period is too short to hold a single window of."""
        return cls(measured=False, issue_times=0, window_days=window_days, judged=False)

    @property
    def pai(self) -> dict[str, AgainstBaselines]:
        """pai1, pai5, pai10, pai20 by their keys."""
        return {f"pai{p}": getattr(self, f"pai{p}") for p in PERCENTS}

    def as_dict(self) -> dict:
        out = _plain_fields(self)
        kept = ("measured", "issue_times", "window_days", "independent_windows", "judged", *self.pai)
        return out if self.measured else {k: out[k] for k in kept}


@dataclass(frozen=True)
class Hourly:
    """The first 72 hours, hour by hour, against the day-of-week/hour baseline."""

    cell_hours: int
    deviance: dict[str, float | None]  # "model", "dow_hour_mean"
    # Cell-hours near a scheduled event while it runs (2 h either side): where crowds are.
    scheduled_event_hours: dict[str, EventError]


@dataclass(frozen=True)
class Evaluation:
    """A version judged on the test period: rolling daily issue times it never saw."""

    test_issue_times: int
    cells: int
    bands: dict[str, Band]
    hourly_72h: Hourly
    signal_by_feature: dict[str, float | None]  # share of the model's mean absolute contribution


@dataclass(frozen=True)
class Gate:
    passed: bool
    reason: str
    require_operator_approval: bool
    tolerance: float
    # False: too few independent windows to judge the next 24 hours; the version waits for an operator.
    judged: bool = True
    # The city's rules the bands were judged by (0 and None on a card written before them).
    min_independent_windows: int = 0
    bias_margin: float | None = None


@dataclass(frozen=True)
class Periods:
    issue_time: datetime
    training: tuple[datetime, datetime]  # first and last training issue time
    validation_start: datetime
    test_start: datetime


@dataclass(frozen=True)
class TrainingFacts:
    training_rows: int
    training_positive_rows: int
    validation_rows: int
    best_round: int
    validation_deviance_raw: float  # before calibration
    validation_deviance: float
    calibration: tuple[float, float]  # a, b of log(mu) = a + b log(raw)


@dataclass(frozen=True)
class Target:
    kind: str
    categories: list[str]


@dataclass(frozen=True)
class Signal:
    by_feature: dict[str, float | None]
    by_source: dict[str, float]
    police_generated_share: float
    other_sources_share: float


@dataclass(frozen=True, kw_only=True)
class ModelCard:
    model_version: str
    city: str
    targets: list[Target]
    status: str
    promoted: bool
    gate: Gate
    data: Periods
    training: TrainingFacts
    parameters: dict[str, Any]  # the booster's parameters, calibration and level thresholds
    features: list[FeatureDefinition]
    families: list[FeatureFamily]
    evaluation: Evaluation
    signal: Signal
    where_the_model_loses: list[str]
    deviance_definition: str = ""

    @property
    def bands(self) -> dict[str, Band]:
        return self.evaluation.bands

    def as_dict(self) -> dict:
        """The JSON layout: the evaluation's counts under "evaluation", its bands and hours beside it."""
        out = _plain_fields(self)
        e = self.evaluation
        out["evaluation"] = {"test_issue_times": e.test_issue_times, "cells": e.cells, "hourly_72h": to_plain(e.hourly_72h)}
        out["bands"] = to_plain(e.bands)
        out["hourly_72h"] = to_plain(e.hourly_72h)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> ModelCard:
        e = data["evaluation"]
        evaluation = Evaluation(
            test_issue_times=e["test_issue_times"],
            cells=e["cells"],
            bands=from_plain(dict[str, Band], data["bands"]),
            hourly_72h=from_plain(Hourly, data["hourly_72h"]),
            signal_by_feature=data["signal"]["by_feature"],
        )
        return _from_fields(cls, {**data, "evaluation": evaluation})

    def to_json(self) -> str:
        return json.dumps(self.as_dict())

    @classmethod
    def from_json(cls, text: str) -> ModelCard:
        return cls.from_dict(json.loads(text))


def to_plain(value: object) -> object:
    """Records as dicts, tuples as lists, times in ISO 8601: what JSON holds."""
    if is_dataclass(value) and not isinstance(value, type):
        return value.as_dict() if hasattr(value, "as_dict") else _plain_fields(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def from_plain(kind: Any, data: object) -> Any:
    """The inverse of `to_plain` for the type `kind` (a record, dict[str, X], list[X], tuple, X | None)."""
    origin = get_origin(kind)
    if data is None or kind is Any or (isinstance(kind, type) and isinstance(data, kind)):
        return data
    if origin in (Union, types.UnionType):
        (kind,) = [a for a in get_args(kind) if a is not type(None)]
        return from_plain(kind, data)
    if is_dataclass(kind):
        return kind.from_dict(data) if hasattr(kind, "from_dict") else _from_fields(kind, data)
    if origin is dict:
        _, value = get_args(kind)
        return {k: from_plain(value, v) for k, v in data.items()}
    if origin is list:
        (item,) = get_args(kind)
        return [from_plain(item, v) for v in data]
    if origin is tuple:
        return tuple(from_plain(k, v) for k, v in zip(get_args(kind), data, strict=True))
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data


def _plain_fields(record: object) -> dict:
    return {f.name: to_plain(getattr(record, f.name)) for f in fields(record)}


def _from_fields(cls: type, data: dict) -> Any:
    hints = get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name in data:
            values[f.name] = from_plain(hints[f.name], data[f.name])
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ValueError(f"a model card's {cls.__name__} has no {f.name}")
    return cls(**values)
