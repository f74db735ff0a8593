"""The agenda: per zone and forecast day, the level, its band and the scheduled events, with the
conflicts among those events. No I/O.

A conflict is something a person can act on before the day:
- OVERLAP: two or more events overlap in time at the same place (the same cell, or the same named
  area as the partners gave it);
- OVER_CAPACITY: events at the same time in a named area (given by it, or by a point inside it)
  bring more people than the city profile says it holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

DAY = timedelta(days=1)
COUNT_WORDS_EN = {2: "Two", 3: "Three", 4: "Four", 5: "Five"}
COUNT_WORDS_FR = {2: "Deux", 3: "Trois", 4: "Quatre", 5: "Cinq"}


@dataclass(frozen=True)
class ScheduledEvent:
    """An announced event: a place and a time, never a person."""

    event_key: str
    category: str
    organiser_type: str
    expected_attendance: int
    cell: str
    area: str  # the named area it was given by, or ""
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class ZoneDay:
    """A zone's forecast for one day: its cells' expected counts summed, and that total's level."""

    zone: str
    lead_day: int
    window_start: datetime
    expected_count: float
    risk_level: int


@dataclass(frozen=True)
class Conflict:
    conflict_id: str
    kind: Literal["overlap", "over_capacity"]
    event_keys: tuple[str, ...]
    zone: str
    area: str
    cell: str
    start: datetime  # when the events are together: the conflict's own period
    end: datetime
    local_dates: tuple[str, ...]
    expected_attendance: int
    capacity: int
    words_en: str
    words_fr: str


@dataclass(frozen=True)
class PlacedEvent:
    event: ScheduledEvent
    zone: str
    place: str  # in words: the area's name, or the zone's
    conflict_ids: tuple[str, ...]


@dataclass
class AgendaEntry:
    local_date: str
    lead_day: int
    risk_level: int
    band: str
    expected_count: float
    window_start: datetime
    events: list[PlacedEvent] = field(default_factory=list)
    has_conflict: bool = False


@dataclass
class AgendaRow:
    zone: str
    zone_name: str
    entries: list[AgendaEntry]


@dataclass(frozen=True)
class Agenda:
    rows: list[AgendaRow]
    conflicts: list[Conflict]


def local_date(moment: datetime, tz) -> str:
    return moment.astimezone(tz).date().isoformat()


def dates_between(start: datetime, end: datetime, tz) -> tuple[str, ...]:
    """The local days [start, end) touches."""
    day: date = start.astimezone(tz).date()
    last_day = (end - timedelta(microseconds=1)).astimezone(tz).date() if end > start else day
    days = []
    while day <= last_day:
        days.append(day.isoformat())
        day += DAY
    return tuple(days)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def agenda(zone_days: Iterable[ZoneDay], events: Sequence[ScheduledEvent], city) -> Agenda:
    """Rows per zone (in the order of first appearance of `zone_days`), day 1 first; an event is on
    each day whose 24-hour window it overlaps, in the zone of its cell."""
    found = conflicts(events, city)
    by_event: dict[str, list[Conflict]] = {}
    for c in found:
        for key in c.event_keys:
            by_event.setdefault(key, []).append(c)
    rows: dict[str, AgendaRow] = {}
    for day in sorted(zone_days, key=lambda d: d.lead_day):
        row = rows.setdefault(day.zone, AgendaRow(day.zone, city.zone_name(day.zone), []))
        row.entries.append(
            AgendaEntry(
                local_date(day.window_start, city.tz),
                day.lead_day,
                day.risk_level,
                city.agenda.band(day.risk_level),
                day.expected_count,
                day.window_start,
            )
        )
    for event in sorted(events, key=lambda e: (e.starts_at, e.event_key)):
        zone = city.zone_of(event.cell)
        if zone not in rows:
            continue
        placed = PlacedEvent(
            event, zone, event.area or city.zone_name(zone), tuple(c.conflict_id for c in by_event.get(event.event_key, ()))
        )
        for entry in rows[zone].entries:
            window_end = entry.window_start + DAY
            if not overlaps(event.starts_at, event.ends_at, entry.window_start, window_end):
                continue
            entry.events.append(placed)
            # A conflict marks the days its own period touches, not every day of a long event.
            entry.has_conflict |= any(
                overlaps(c.start, c.end, entry.window_start, window_end) for c in by_event.get(event.event_key, ())
            )
    shown = {e.event.event_key for row in rows.values() for entry in row.entries for e in entry.events}
    return Agenda(list(rows.values()), [c for c in found if shown.intersection(c.event_keys)])


def conflicts(events: Sequence[ScheduledEvent], city) -> list[Conflict]:
    """Every overlap at one place and every moment an area is over its capacity, each once."""
    out: list[Conflict] = []
    by_place: dict[tuple[str, str], list[ScheduledEvent]] = {}
    for e in events:
        by_place.setdefault(("cell", e.cell), []).append(e)
        if e.area:
            by_place.setdefault(("area", e.area), []).append(e)
    seen: set[tuple[str, ...]] = set()
    for (how, where), group in sorted(by_place.items()):
        for cluster in overlapping_clusters(group):
            keys = tuple(sorted(e.event_key for e in cluster))
            if len(cluster) < 2 or keys in seen:  # an area's events in one cell are one conflict, not two
                continue
            seen.add(keys)
            out.append(_overlap(cluster, keys, area=where if how == "area" else "", city=city))
    for area in sorted(city.areas):
        capacity = city.area_capacity(area)
        if capacity is None:
            continue
        cells = city.area_cells(area)
        inside = [e for e in events if e.area == area or (not e.area and e.cell in cells)]
        for cluster in overlapping_clusters(inside):
            at_peak = peak(cluster)
            attendance = sum(e.expected_attendance for e in at_peak)
            if attendance > capacity:
                out.append(_over_capacity(at_peak, area, attendance, capacity, city))
    return out


def overlapping_clusters(events: Iterable[ScheduledEvent]) -> list[list[ScheduledEvent]]:
    """Events linked by overlapping in time (a sweep by start time), each cluster by start."""
    clusters: list[list[ScheduledEvent]] = []
    end: datetime | None = None
    for e in sorted(events, key=lambda e: (e.starts_at, e.event_key)):
        if end is not None and e.starts_at < end:
            clusters[-1].append(e)
            end = max(end, e.ends_at)
        else:
            clusters.append([e])
            end = e.ends_at
    return clusters


def peak(cluster: Sequence[ScheduledEvent]) -> list[ScheduledEvent]:
    """The events under way together at the moment their attendance is largest (a start time)."""
    best: list[ScheduledEvent] = []
    for moment in sorted({e.starts_at for e in cluster}):
        running = [e for e in cluster if e.starts_at <= moment < e.ends_at]
        if sum(e.expected_attendance for e in running) > sum(e.expected_attendance for e in best):
            best = running
    return best


def _conflict_id(kind: str, keys: Sequence[str], place: str) -> str:
    digest = hashlib.sha256("|".join([kind, place, *keys]).encode()).hexdigest()[:12]
    return f"{kind}-{digest}"


def _together(events: Sequence[ScheduledEvent]) -> tuple[datetime, datetime]:
    """The period of a cluster during which at least two of its events run at once."""
    pairs = [
        (max(a.starts_at, b.starts_at), min(a.ends_at, b.ends_at))
        for i, a in enumerate(events)
        for b in events[i + 1 :]
        if overlaps(a.starts_at, a.ends_at, b.starts_at, b.ends_at)
    ]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def _overlap(cluster: list[ScheduledEvent], keys: tuple[str, ...], area: str, city) -> Conflict:
    cell = cluster[0].cell
    zone = city.zone_of(cell)
    start, end = _together(cluster)
    dates = dates_between(start, end, city.tz)
    where_en = area or f"cell {cell} in {city.zone_name(zone)}"
    where_fr = area or f"la maille {cell} de {city.zone_name(zone)}"
    attendance = sum(e.expected_attendance for e in cluster)
    en = (
        f"{COUNT_WORDS_EN.get(len(cluster), len(cluster))} events overlap at {where_en} on {_dates_en(dates)}:"
        f" {_list_en(cluster)}"
    )
    fr = (
        f"{COUNT_WORDS_FR.get(len(cluster), len(cluster))} événements se chevauchent à {where_fr} le {_dates_fr(dates)} :"
        f" {_list_fr(cluster)}"
    )
    return Conflict(
        _conflict_id("overlap", keys, area or cell), "overlap", keys, zone, area, cell, start, end, dates, attendance, 0, en, fr
    )


def _over_capacity(at_peak: list[ScheduledEvent], area: str, attendance: int, capacity: int, city) -> Conflict:
    keys = tuple(sorted(e.event_key for e in at_peak))
    start, end = max(e.starts_at for e in at_peak), min(e.ends_at for e in at_peak)
    dates = dates_between(start, end, city.tz)
    cell = city.area_cell(area)
    n_en, n_fr = _count(attendance, "en"), _count(attendance, "fr")
    what_en = f"{_list_en(at_peak)} together" if len(at_peak) > 1 else _list_en(at_peak)
    en = f"{n_en} people expected at {area} on {_dates_en(dates)} where it holds {_count(capacity, 'en')}: {what_en}"
    fr = (
        f"{n_fr} personnes attendues à {area} le {_dates_fr(dates)} pour une capacité de {_count(capacity, 'fr')} :"
        f" {_list_fr(at_peak)}"
    )
    return Conflict(
        _conflict_id("over_capacity", keys, area),
        "over_capacity",
        keys,
        city.zone_of(cell),
        area,
        cell,
        start,
        end,
        dates,
        attendance,
        capacity,
        en,
        fr,
    )


def _count(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def _category(category: str) -> str:
    return category.replace("_", " ")


def _article(words: str) -> str:
    return "an" if words[:1].lower() in "aeiou" else "a"


def _list_en(events: Sequence[ScheduledEvent]) -> str:
    """The events, largest first: a sports match (40,000 expected) and a demonstration (2,000)."""
    parts = []
    for i, e in enumerate(sorted(events, key=lambda e: (-e.expected_attendance, e.event_key))):
        what = _category(e.category)
        parts.append(f"{_article(what)} {what} ({_count(e.expected_attendance, 'en')}{' expected' if i == 0 else ''})")
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _list_fr(events: Sequence[ScheduledEvent]) -> str:
    parts = []
    for i, e in enumerate(sorted(events, key=lambda e: (-e.expected_attendance, e.event_key))):
        n = _count(e.expected_attendance, "fr")
        parts.append(f"« {_category(e.category)} » ({n}{' personnes attendues' if i == 0 else ''})")
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def _dates_en(dates: Sequence[str]) -> str:
    return dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"


def _dates_fr(dates: Sequence[str]) -> str:
    return dates[0] if len(dates) == 1 else f"{dates[0]} au {dates[-1]}"
