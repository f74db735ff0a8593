"""The feature registry: every feature declared once, with its family, words and window.

Matrices carry these definitions in their first chunk; the model, its explanations and its
card read them from there, so a feature is addressed by name everywhere, never by position.
`source` says which events a feature reads: "target" (the city's target events, whatever their
kind), "scheduled_event", or none: "calendar" or "forecast" (how the question is asked). The
model card's police-generated share of signal follows it.

"All history" is what the store holds of the city's target events before the issue time: from
the first of them, at most the store's `HISTORY_DAYS` before the first issue time asked for. The
words say what `domain.py` computes; tests/unit/test_feature_words.py pins them.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicpulse.runtime import baselines


@dataclass(frozen=True)
class Family:
    name: str
    label_en: str
    label_fr: str


@dataclass(frozen=True)
class Feature:
    name: str
    family: str
    description_en: str
    description_fr: str
    window: str
    source: str


FAMILIES = (
    Family("usual_level", "Usual level of incidents in this area", "Niveau habituel d'incidents dans ce secteur"),
    Family("recent_incidents", "Recent incidents in this area", "Incidents récents dans ce secteur"),
    Family(
        "usual_for_this_time",
        "Usual level for this day and time of the week",
        "Niveau habituel pour ce jour et cette heure de la semaine",
    ),
    Family("nearby_incidents", "Incidents in neighbouring areas", "Incidents dans les secteurs voisins"),
    Family("citywide_trend", "City-wide activity lately", "Activité récente de toute la ville"),
    Family("scheduled_events", "Scheduled public event nearby", "Événement public programmé à proximité"),
    Family("calendar", "Day of the week and public holidays", "Jour de la semaine et jours fériés"),
    Family("forecast_lead", "How far ahead the forecast looks", "Éloignement de la période prévue"),
    Family("issue_time", "Time of day the forecast was issued", "Heure d'émission de la prévision"),
    Family(
        "history_length",
        "How long a history the city's data covers",
        "Durée d'historique couverte par les données de la ville",
    ),
)

FEATURES = (
    Feature(
        "rate_all",
        "usual_level",
        "Mean daily count in this cell over all history",
        "Nombre moyen par jour dans cette maille sur tout l'historique",
        "all history before the issue time",
        "target",
    ),
    Feature(
        "rate_365d",
        "usual_level",
        "Mean daily count in this cell over the last year (over all history, when shorter)",
        "Nombre moyen par jour dans cette maille sur un an (sur tout l'historique, s'il est plus court)",
        "365 days before the issue time",
        "target",
    ),
    Feature(
        "rate_91d",
        "usual_level",
        "Mean daily count in this cell over the last 91 days (over all history, when shorter)",
        "Nombre moyen par jour dans cette maille sur 91 jours (sur tout l'historique, s'il est plus court)",
        "91 days before the issue time",
        "target",
    ),
    Feature(
        "count_28d",
        "recent_incidents",
        "Count in this cell over the last 28 days (a baseline)",
        "Nombre dans cette maille sur les 28 derniers jours (une méthode de référence)",
        "28 days before the issue time",
        "target",
    ),
    Feature(
        "count_7d",
        "recent_incidents",
        "Count in this cell over the last 7 days",
        "Nombre dans cette maille sur les 7 derniers jours",
        "7 days before the issue time",
        "target",
    ),
    Feature(
        "count_24h",
        "recent_incidents",
        "Count in this cell over the last 24 hours",
        "Nombre dans cette maille sur les dernières 24 heures",
        "24 hours before the issue time",
        "target",
    ),
    Feature(
        "near_repeat",
        "recent_incidents",
        "Recent events in this cell, each weighing half as much every 3 days",
        "Événements récents dans cette maille, chacun pesant moitié moins tous les 3 jours",
        "14 days before the issue time",
        "target",
    ),
    Feature(
        "dow_hour_mean",
        "usual_for_this_time",
        "Count expected in this cell over the window from all history: for each of its hours, the mean count"
        " at that hour of the week (a baseline)",
        "Nombre attendu dans cette maille sur la période d'après tout l'historique : pour chacune de ses heures,"
        " le nombre moyen à cette heure de la semaine (une méthode de référence)",
        "all history before the issue time, at the window's hours of the week",
        "target",
    ),
    Feature(
        "hotspot_own",
        "recent_incidents",
        "Prospective hotspot score of this cell: events weighted 1/(1+weeks ago) over 8 weeks (a baseline)",
        "Score de point chaud prospectif de la maille : événements pondérés 1/(1+semaines) sur 8 semaines"
        " (une méthode de référence)",
        "8 weeks before the issue time",
        "target",
    ),
    Feature(
        "hotspot_neighbours",
        "nearby_incidents",
        "Prospective hotspot score of this cell plus its six neighbouring cells' at half weight, 1/(1+rings) (a baseline)",
        "Score de point chaud prospectif de la maille plus celui de ses six mailles voisines à demi-poids,"
        " 1/(1+anneaux) (une méthode de référence)",
        "8 weeks before the issue time",
        "target",
    ),
    Feature(
        "neighbours_rate_all",
        "nearby_incidents",
        "Mean daily count per neighbouring cell over all history (of the six around this one; one outside"
        " the city counts as none)",
        "Nombre moyen par jour et par maille voisine sur tout l'historique (des six autour de celle-ci ; une"
        " maille hors de la ville compte pour zéro)",
        "all history before the issue time",
        "target",
    ),
    Feature(
        "neighbours_28d",
        "nearby_incidents",
        "Count in the six neighbouring cells together over the last 28 days",
        "Nombre dans les six mailles voisines ensemble sur les 28 derniers jours",
        "28 days before the issue time",
        "target",
    ),
    Feature(
        "city_trend",
        "citywide_trend",
        "City-wide daily count over the last 7 days divided by the city's mean daily count over all history (1: as usual)",
        "Nombre quotidien de toute la ville sur les 7 derniers jours divisé par sa moyenne quotidienne sur tout"
        " l'historique (1 : comme d'habitude)",
        "7 days and all history before the issue time",
        "target",
    ),
    Feature(
        "attendance_near",
        "scheduled_events",
        "Expected attendance of scheduled events within two rings of the cell during the window",
        "Affluence attendue des événements programmés à moins de deux anneaux de la maille pendant la période",
        "the target window, 2 hours either side",
        "scheduled_event",
    ),
    Feature(
        "day_of_week",
        "calendar",
        "Local day of the week of the window's middle (Monday 0)",
        "Jour de la semaine local du milieu de la période (lundi 0)",
        "the target window",
        "calendar",
    ),
    Feature(
        "is_holiday",
        "calendar",
        "Whether the window's middle falls on a public holiday",
        "Le milieu de la période tombe-t-il un jour férié",
        "the target window",
        "calendar",
    ),
    Feature(
        "issue_hour",
        "issue_time",
        "Local hour of the issue time, where the 24-hour windows start",
        "Heure locale d'émission, où commencent les périodes de 24 heures",
        "the issue time",
        "forecast",
    ),
    Feature(
        "lead_days",
        "forecast_lead",
        "Days between the issue time and the end of the window",
        "Jours entre l'émission et la fin de la période",
        "the target window",
        "forecast",
    ),
    Feature(
        "history_days",
        "history_length",
        "Days of history before the issue time: from the city's first target event the store holds",
        "Jours d'historique avant l'émission : depuis le premier événement cible de la ville conservé",
        "all history before the issue time",
        "target",
    ),
)

FEATURE_NAMES = tuple(f.name for f in FEATURES)
BY_NAME = {f.name: f for f in FEATURES}
# The simple methods every model must beat (civicpulse.runtime.baselines): method -> the feature holding it.
BASELINES = {b.method: b.feature for b in baselines.BASELINES}
