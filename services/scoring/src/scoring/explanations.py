"""A forecast in words a person can act on: what each level means, why a place is where it is, and
how far to trust the model there. No I/O.

Levels come from the active model's thresholds (expected counts per cell, hourly and daily), reasons
from the factor families the scorer explained (contributions in log units), the track record from
the model card's per-zone figures of the next 24 hours on held-out time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from civicpulse.runtime.model_card import ModelCard
from scoring.explain import Factor

# The band of the model card whose per-zone figures judge the forecast a reader sees first.
TRACK_RECORD_BAND = "day1"
# The simple methods of the card (civicpulse.runtime.baselines), as a reader knows them.
BASELINE_WORDS: dict[str, tuple[str, str]] = {
    "dow_hour_mean": ("the usual level for the day of the week and hour", "le niveau habituel du jour et de l'heure"),
    "hotspot_own": ("the recent hotspots of the last 8 weeks", "les points chauds des 8 dernières semaines"),
    "hotspot_neighbours": (
        "the recent hotspots of the last 8 weeks, with their neighbours",
        "les points chauds des 8 dernières semaines, avec leurs voisins",
    ),
    "last_28d": ("last 4 weeks' average", "la moyenne des 4 dernières semaines"),
}
PERIOD_WORDS = {"hour": ("per hour", "par heure"), "day": ("per day", "par jour")}

Band = Literal["green", "orange", "red"]


@dataclass(frozen=True)
class LevelMeaning:
    risk_level: int
    band: Band
    min_expected_count: float
    max_expected_count: float | None  # None for the top level
    words_en: str
    words_fr: str


@dataclass(frozen=True)
class Reason:
    family: str
    label_en: str
    label_fr: str
    share: float
    raises: bool
    words_en: str
    words_fr: str


@dataclass(frozen=True)
class TrackRecord:
    judged: bool
    beats_baselines: bool
    model_hit_rate: float
    best_baseline_hit_rate: float
    best_baseline: str
    words_en: str
    words_fr: str


def number(value: float, lang: str = "en") -> str:
    """Two significant figures below 10, whole numbers with thousands above; a decimal comma in French."""
    if value >= 10:
        text = f"{round(value):,}"
        return text.replace(",", "\u202f") if lang == "fr" else text
    text = f"{value:.2g}"
    if "e" in text:  # far below one incident: say so as a decimal, not in scientific notation
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


PLACE_WORDS = {"cell": ("in the cell", "dans la maille"), "zone": ("in the zone", "dans la zone")}


def percent(share: float) -> str:
    return f"{round(100 * share)} %"


def level_meanings(
    thresholds: list[float], period: Literal["hour", "day"], band_of, place: Literal["cell", "zone"] = "cell"
) -> list[LevelMeaning]:
    """Levels 1 to len(thresholds) + 1: level k covers [thresholds[k-2], thresholds[k-1]) expected
    incidents per cell (or in all the zone) over the period, as `scoring.model.risk_levels` assigns
    them. `band_of(level)` is the city profile's agenda band."""
    per_en, per_fr = PERIOD_WORDS[period]
    in_en, in_fr = PLACE_WORDS[place]
    bounds = [0.0, *thresholds]
    out = []
    for level, low in enumerate(bounds, start=1):
        high = bounds[level] if level < len(bounds) else None
        if high is None:
            en = f"{number(low)} or more incidents expected {per_en} {in_en}"
            fr = f"{number(low, 'fr')} incidents ou plus attendus {per_fr} {in_fr}"
        elif high <= low:  # two thresholds at the same count: no forecast lands here
            en = f"not used: its bounds coincide at {number(low)} incidents {per_en}"
            fr = f"inutilisé : ses bornes se confondent à {number(low, 'fr')} incidents {per_fr}"
        elif level == 1:
            en = f"fewer than {number(high)} incidents expected {per_en} {in_en}"
            fr = f"moins de {number(high, 'fr')} incidents attendus {per_fr} {in_fr}"
        else:
            en = f"{number(low)} to {number(high)} incidents expected {per_en} {in_en}"
            fr = f"de {number(low, 'fr')} à {number(high, 'fr')} incidents attendus {per_fr} {in_fr}"
        out.append(LevelMeaning(level, band_of(level), low, high, en, fr))
    return out


def reasons(factors: Iterable[Factor]) -> list[Reason]:
    """The families listed, their contributions summed per family (a zone passes every explained
    cell's), each with its share of the sum of absolute contributions; largest share first."""
    summed: dict[str, float] = {}
    labels: dict[str, tuple[str, str]] = {}
    for f in factors:
        summed[f.family] = summed.get(f.family, 0.0) + f.contribution
        labels.setdefault(f.family, (f.label_en, f.label_fr))
    total = sum(abs(c) for c in summed.values())
    if total == 0:
        return []
    out = []
    for family, contribution in summed.items():
        share, raises = abs(contribution) / total, contribution > 0
        en, fr = labels[family]
        out.append(
            Reason(
                family,
                en,
                fr,
                share,
                raises,
                f"{en}: {'raises' if raises else 'lowers'} the forecast ({percent(share)})",
                f"{fr} : {'augmente' if raises else 'abaisse'} la prévision ({percent(share)})",
            )
        )
    return sorted(out, key=lambda r: (-r.share, r.family))


def baseline_words(name: str) -> tuple[str, str]:
    return BASELINE_WORDS.get(name, (name, name))


def track_record(card: ModelCard | None, zone: str) -> TrackRecord:
    """How the model ranked the zone's cells on held-out time (hit rate of the next 24 hours, cells
    ranked within the zone) against the best simple method there. Not judged without figures for
    the zone or without an incident there in the test period."""
    band = card.bands.get(TRACK_RECORD_BAND) if card else None
    entry = next((z for z in band.zones if z.zone == zone), None) if band and band.measured else None
    if entry is None or not entry.observed:
        return _not_judged()
    model = entry.methods.get(band.model)
    rates = {
        name: entry.methods[name].hit_rate
        for name in band.baselines
        if name in entry.methods and entry.methods[name].hit_rate is not None
    }
    if model is None or model.hit_rate is None or not rates:
        return _not_judged()
    best = max(sorted(rates), key=lambda name: rates[name])
    best_en, best_fr = baseline_words(best)
    ours, theirs = model.hit_rate, rates[best]
    figures_en = f"it found {percent(ours)} of the incidents in its top cells, the baseline {percent(theirs)}"
    figures_fr = f"il a trouvé {percent(ours)} des incidents dans ses mailles de tête, la référence {percent(theirs)}"
    if ours >= theirs:
        en = f"Here the model did at least as well as the best simple baseline ({best_en}) on held-out time: {figures_en}."
        fr = (
            f"Ici le modèle a fait au moins aussi bien que la meilleure référence simple ({best_fr}) sur une période"
            f" tenue à l'écart : {figures_fr}."
        )
    else:
        en = (
            f"Here the model did worse than the simple baseline ({best_en}) on held-out time: weigh this forecast"
            f" accordingly ({figures_en})."
        )
        fr = (
            f"Ici le modèle a fait moins bien que la référence simple ({best_fr}) sur une période tenue à l'écart :"
            f" pesez cette prévision en conséquence ({figures_fr})."
        )
    return TrackRecord(True, ours >= theirs, ours, theirs, best, en, fr)


def _not_judged() -> TrackRecord:
    return TrackRecord(
        False,
        False,
        0.0,
        0.0,
        "",
        "Not judged here: too few incidents in this zone on held-out time to compare the model with the simple baselines.",
        "Non évalué ici : trop peu d'incidents dans cette zone sur la période tenue à l'écart pour comparer le modèle"
        " aux références simples.",
    )
