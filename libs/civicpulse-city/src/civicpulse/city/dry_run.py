"""A dry run of a partner's file: its first rows through the mapping, and each event through what
the ingestion service does at the door (tidy the attributes, complete a period,
`ingestion.domain.validate` with the service's default rules), without a stack: what would be
sent, what would be rejected and why, what the mapping's rules skip (civicpulse-city check).
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from civicpulse.city.files import Source
from civicpulse.client.mapping import Mapping, MappingTally
from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import Partner
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.errors import FieldProblem
from ingestion.domain import Rules, complete, moment, tidy_attributes, validate
from ingestion.settings import IngestionSettings

SKIPPED_ROWS_SHOWN = 10  # per rule: a rule may skip most of a file


@dataclass(frozen=True)
class RejectedRow:
    number: int  # the row's number in the file, from 1 (the header not counted)
    problems: tuple[FieldProblem, ...]
    event: str  # what the row became, in short (event_summary)
    notes: tuple[str, ...] = ()  # what the mapping says of the row (a clock change met)


@dataclass
class SourceReport:
    """What the file's first rows would become."""

    source: Source
    kinds: tuple[str, ...]
    tally: MappingTally = field(default_factory=MappingTally)
    would_send: list[str] = field(default_factory=list)  # the first events, one line each
    rejected: list[RejectedRow] = field(default_factory=list)
    duplicates: int = 0  # events whose id an earlier row already had: stored once
    tidied: Counter[str] = field(default_factory=Counter)  # attributes ingestion tidies, by what it did
    unreadable: str | None = None  # why the file could not be read to the end of the rows asked
    skipped_rows: dict[str, list[int]] = field(default_factory=dict)  # rule -> the first rows it skipped

    @property
    def sent(self) -> int:
        return self.tally.events - len(self.rejected) - self.duplicates

    @property
    def rejected_by_reason(self) -> Counter[str]:
        return Counter(f"{p.field}: {p.reason}" for row in self.rejected for p in row.problems)


def service_rules(city: CityProfile) -> Rules:
    """The rules the ingestion service applies with its default settings (ingestion.app)."""
    default = {name: spec.default for name, spec in IngestionSettings.model_fields.items()}
    return Rules(
        city,
        timedelta(seconds=default["max_clock_skew_seconds"]),
        default["min_crowd_count"],
        timedelta(days=default["max_event_age_days"]),
    )


def read_source(
    source: Source, mapping: Mapping, partner: Partner, rules: Rules, max_rows: int | None, now: datetime, show: int
) -> SourceReport:
    """The file's first `max_rows` rows (None: all) through the mapping and ingestion's checks."""
    report = SourceReport(source, mapping.event_kinds)
    seen: set[str] = set()
    try:
        for mapped in mapping.read(itertools.islice(mapping.rows(source.file), max_rows)):
            report.tally.add(mapped)
            event = mapped.event
            if event is None:
                skipped = report.skipped_rows.setdefault(mapped.skipped_by, [])
                if len(skipped) < SKIPPED_ROWS_SHOWN:
                    skipped.append(mapped.number)
                continue
            report.tidied.update(p.reason for p in tidy_attributes(event))
            complete(event)
            problems = validate(event, partner, rules, now)
            if problems:
                report.rejected.append(
                    RejectedRow(mapped.number, tuple(problems), event_summary(event, rules.city), mapped.notes)
                )
            elif event.partner_event_id in seen:
                report.duplicates += 1
            else:
                seen.add(event.partner_event_id)
                if len(report.would_send) < show:
                    report.would_send.append(f"row {mapped.number}: {event_line(event, rules.city)}")
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        report.unreadable = f"not readable as {mapping.format} after row {report.tally.rows}: {error}"
    return report


def kind_of(event: events_pb2.PartnerEvent) -> str:
    return events_pb2.EventKind.Name(event.kind).removeprefix("EVENT_KIND_").lower()


def event_line(event: events_pb2.PartnerEvent, city: CityProfile) -> str:
    """kind/category, when (local time, with its offset), where (cell, area or the whole city)."""
    kind = kind_of(event)
    when = to_datetime(event.occurred_at).astimezone(city.tz).isoformat(timespec="minutes")
    if event.HasField("ends_at"):
        when += f" to {to_datetime(event.ends_at).astimezone(city.tz).isoformat(timespec='minutes')}"
    if event.HasField("location"):
        where = f"cell {city.cell_of(event.location.latitude, event.location.longitude)}"
    else:
        where = f"area {event.area}" if event.area else "the whole city"
    return f"{kind}/{event.category}  {when}  {where}  id {event.partner_event_id}"


def event_summary(event: events_pb2.PartnerEvent, city: CityProfile) -> str:
    """What a rejected row became, as far as it could be read: kind/category, the time, the point or area."""
    parts = [f"{kind_of(event)}/{event.category}"]
    if event.HasField("occurred_at") and (when := moment(event.occurred_at)) is not None:
        parts.append(when.astimezone(city.tz).isoformat(timespec="minutes"))
    if event.HasField("location"):
        parts.append(f"point {event.location.latitude:g}, {event.location.longitude:g}")
    if event.area:
        parts.append(f"area {event.area}")
    return " ".join(parts)
