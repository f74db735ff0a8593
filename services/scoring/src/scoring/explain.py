"""Plain-language reasons: XGBoost's exact contributions grouped into factor families."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Family:
    name: str
    label_en: str
    label_fr: str
    features: tuple[str, ...]


FAMILIES = (
    Family(
        "recent_incidents",
        "Recent incidents in this area",
        "Incidents récents dans ce secteur",
        ("history_24h", "history_7d", "history_28d", "near_repeat"),
    ),
    Family(
        "usual_for_this_hour",
        "Usual level for this hour of the week",
        "Niveau habituel pour cette heure de la semaine",
        ("same_hour_of_week_8w",),
    ),
    Family(
        "nearby_incidents",
        "Recent incidents in neighbouring areas",
        "Incidents récents dans les secteurs voisins",
        ("neighbours_7d",),
    ),
    Family(
        "citywide_trend", "City-wide activity in the last 24 hours", "Activité de toute la ville sur 24 heures", ("city_24h",)
    ),
    Family(
        "scheduled_events",
        "Scheduled public event nearby",
        "Événement public programmé à proximité",
        ("scheduled_attendance_near",),
    ),
    Family(
        "calendar",
        "Time of day, weekday and public holidays",
        "Heure, jour de la semaine et jours fériés",
        ("hour_of_day", "day_of_week", "is_holiday"),
    ),
    Family("forecast_lead", "How far ahead the forecast looks", "Éloignement de l'heure prévue", ("lead_hours",)),
)


@dataclass(frozen=True)
class FactorContribution:
    family: Family
    contribution: float


def top_factors(contributions: np.ndarray, feature_names: list[str], limit: int = 3) -> list[list[FactorContribution]]:
    """For each row, the families that raise its expected count most (positive contributions first)."""
    columns = {name: i for i, name in enumerate(feature_names)}
    grouped = np.stack(
        [contributions[:, [columns[f] for f in family.features if f in columns]].sum(axis=1) for family in FAMILIES],
        axis=1,
    )
    result = []
    for row in grouped:
        order = np.argsort(-row)[:limit]
        result.append([FactorContribution(FAMILIES[i], float(row[i])) for i in order])
    return result
