"""Check a city's files together, before any service runs (docs/new-city.md).

Configuration first, every problem collected rather than the first one raised, each named by its
file and key: the profile loads (its zones file included; a wrong zones file does not stop the rest
being checked), the agreements load, every kind and category an agreement grants is in the
profile's vocabulary, and each source names a partner with an agreement, a file that exists and a
mapping that loads, makes only kinds the profile has and that agreement covers, writes only
categories both allow (those it writes itself: a constant, a map's values), gives a place the
agreement lets through (or pseudonymisation would refuse every event), and reads only columns the
file has (a misspelt column reads as empty on every row).

Then, for each source whose configuration holds, a dry run of its first rows (civicpulse.city.dry_run):
through the mapping and the ingestion service's validation, without a stack.
"""

from __future__ import annotations

import csv
import itertools
import os
import string
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from civicpulse.city.dry_run import SourceReport, read_source, service_rules
from civicpulse.city.files import SOURCES_FILE, CityFiles, Source
from civicpulse.client.mapping import EventFields, Mapping
from civicpulse.runtime.agreements import CITYWIDE_KINDS, Partner, PartnerRegistry
from civicpulse.runtime.city import CityProfile

# The names a mapping gives columns under, and the strings it fills from columns ({column}).
COLUMN_KEYS = frozenset({"column", "latitude", "longitude", "x", "y", "minutes_column"})
TEMPLATE_KEYS = frozenset({"template", "default", "key"})
TEMPLATE_NAMES = frozenset({"row_digest", "row_number"})

T = TypeVar("T")


def shown(path: Path) -> str:
    """A path as the person typed it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(frozen=True)
class Problem:
    """A configuration error: which file, where in it (a dotted key, empty: the file as a whole),
    and what is wrong, with what is allowed."""

    file: str
    key: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.text}" if self.key else f"{self.file}: {self.text}"


@dataclass(frozen=True)
class DeclaredSource:
    """A partner's file to check, and where it was declared (a sources file's entry, or the command line)."""

    source: Source
    declared_in: str  # the file that names it
    key: str  # where in that file: sources[1]; empty on the command line


@dataclass
class CheckReport:
    profile: Path
    partners: Path
    city: CityProfile | None = None
    agreements: PartnerRegistry | None = None
    problems: list[Problem] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    zones_unread: bool = False  # the profile was checked without its zones (they did not load)

    @property
    def coherent(self) -> bool:
        return not self.problems

    @property
    def rejected(self) -> int:
        return sum(len(s.rejected) for s in self.sources)


def check_city(root: Path, name: str, max_rows: int | None, now: datetime, show: int = 3) -> CheckReport:
    """Check the city `name` of `root` (datasets/<name>/sources.yaml)."""
    try:
        files = CityFiles.load(root, name)
    except ValueError as error:
        where = root / "datasets" / name / SOURCES_FILE
        report = CheckReport(where, where)
        report.problems.append(Problem(shown(where), "", str(error).removeprefix(f"{where}: ")))
        return report
    declared = shown(files.folder / SOURCES_FILE)
    sources = [DeclaredSource(s, declared, f"sources[{i}]") for i, s in enumerate(files.sources)]
    return check_files(files.profile, files.partners, sources, max_rows, now, show)


def check_files(
    profile: Path,
    partners: Path,
    sources: list[DeclaredSource],
    max_rows: int | None,
    now: datetime,
    show: int = 3,
) -> CheckReport:
    """Check a profile and its agreements, then each source (none: the city has no data yet).
    `max_rows` None reads every row."""
    report = CheckReport(profile, partners)
    report.city = load(profile, CityProfile.load, report.problems)
    if report.city is None:
        report.city = without_zones(profile)
        report.zones_unread = report.city is not None
    report.agreements = load(partners, PartnerRegistry.load, report.problems)
    if report.city is not None and report.agreements is not None:
        report.problems.extend(vocabulary_problems(report.city, report.agreements, partners))
    for declared in sources:
        mapping, problems = source_problems(declared, report)
        report.problems.extend(problems)
        if mapping is not None and not problems and report.city is not None and report.agreements is not None:
            partner = report.agreements.partners[declared.source.partner]
            read = read_source(declared.source, mapping, partner, service_rules(report.city), max_rows, now, show)
            report.sources.append(read)
            if read.unreadable is not None:
                report.problems.append(Problem(shown(declared.source.file), "", read.unreadable))
    return report


def load(path: Path, reader: Callable[[Path], T], problems: list[Problem]) -> T | None:
    """The file read by `reader`, or None with its problems added (each error of a model, not only the first)."""
    if not path.is_file():
        problems.append(Problem(shown(path), "", "no such file"))
        return None
    try:
        return reader(path)
    except yaml.YAMLError as error:
        problems.append(Problem(shown(path), "", f"not readable as YAML: {error}"))
    except ValidationError as error:
        problems.extend(model_problems(path, error))
    except (ValueError, OSError) as error:
        problems.append(Problem(shown(path), "", str(error)))
    return None


def without_zones(path: Path) -> CityProfile | None:
    """The profile read without its zones, when they are all that stopped it: the zones file is
    read from beside the profile, and a wrong one should not hide what else is wrong."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(document, dict) or "zones" not in document:
            return None
        return CityProfile.model_validate({key: value for key, value in document.items() if key != "zones"})
    except (OSError, yaml.YAMLError, ValueError):
        return None


def model_problems(path: Path, error: ValidationError) -> list[Problem]:
    found = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        text = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            text = "not a key this file knows (a typo, or a key at the wrong level?)"
        elif item["type"] == "missing":
            text = "required: give it"
        found.append(Problem(shown(path), key, text))
    return found


def vocabulary_problems(city: CityProfile, agreements: PartnerRegistry, partners: Path) -> Iterator[Problem]:
    """What the agreements grant that the profile does not know: kinds and categories."""
    where = shown(partners)
    for partner_id, partner in agreements.partners.items():
        for kind, agreement in partner.agreement.kinds.items():
            key = f"partners.{partner_id}.agreement.kinds.{kind}"
            if kind not in city.vocabulary:
                yield Problem(where, key, unknown_kind(kind, city))
                continue
            unknown = [c for c in agreement.categories if c not in city.vocabulary[kind]]
            if unknown:
                yield Problem(where, f"{key}.categories", unknown_categories(unknown, kind, city))


def unknown_categories(categories: list[str], kind: str, city: CityProfile) -> str:
    what = f"is not a {kind} category" if len(categories) == 1 else f"are not {kind} categories"
    return (
        f"{', '.join(categories)} {what} of the profile {city.name} (its {kind} categories: {', '.join(city.vocabulary[kind])})"
    )


def unknown_kind(kind: str, city: CityProfile) -> str:
    return f"{kind} is not a kind of the profile's vocabulary (its kinds: {', '.join(city.vocabulary)})"


def source_problems(declared: DeclaredSource, report: CheckReport) -> tuple[Mapping | None, list[Problem]]:
    """The source's mapping (None if it does not load) and what is wrong with the source."""
    source, problems = declared.source, []
    at = (lambda name: f"{declared.key}.{name}") if declared.key else (lambda name: f"--{name}")
    agreements, city = report.agreements, report.city
    partner = None
    if agreements is not None:
        partner = agreements.partners.get(source.partner)
        if partner is None:
            problems.append(
                Problem(
                    declared.declared_in,
                    at("partner"),
                    f"{source.partner!r} has no agreement in {shown(report.partners)} "
                    f"(partners there: {', '.join(agreements.partners)})",
                )
            )
    mapping = load(source.mapping, Mapping.load, problems)
    if not source.file.is_file():
        problems.append(Problem(declared.declared_in, at("file"), f"{shown(source.file)}: no such file"))
    if mapping is None:
        return None, problems
    mapping_file = shown(source.mapping)
    # Where the mapping names each kind it makes: `kind`, or its first rule in `kinds`.
    kinds = {kind: "kind" for kind in mapping.event_kinds}
    for i, rule in reversed(list(enumerate(mapping.kinds))):
        kinds[rule.kind] = f"kinds[{i}].kind"
    for kind, key in kinds.items():
        if city is not None and kind not in city.vocabulary:
            problems.append(Problem(mapping_file, key, unknown_kind(kind, city)))
        if partner is not None and kind not in partner.agreement.kinds:
            problems.append(
                Problem(
                    mapping_file,
                    key,
                    f"makes {kind}, which {source.partner}'s agreement in {shown(report.partners)} does not cover "
                    f"(it covers {', '.join(partner.agreement.kinds)}): use another partner, or add the kind to the agreement",
                )
            )
        if city is not None and kind in city.vocabulary:
            problems.extend(category_problems(mapping, kind, key, city, partner, mapping_file))
        if partner is not None and kind in partner.agreement.kinds:
            problems.extend(place_problems(mapping, kind, source.partner, partner, mapping_file))
    if source.file.is_file():
        problems.extend(column_problems(mapping, source, mapping_file))
    return mapping, problems


def kind_rules(mapping: Mapping, kind: str) -> list[tuple[str, EventFields]]:
    """The blocks of the mapping that give the kind's fields, with where they are: its rules in
    `kinds` (a field a rule leaves out is the shared one), or the mapping itself."""
    return [(f"kinds[{i}].", rule) for i, rule in enumerate(mapping.kinds) if rule.kind == kind] or [("", mapping)]


def given(mapping: Mapping, rule: EventFields, name: str) -> object:
    """A field as a kind's rule gives it, or as the mapping shares it."""
    value = getattr(rule, name)
    return getattr(mapping, name) if value is None else value


def place_problems(mapping: Mapping, kind: str, partner_id: str, partner: Partner, mapping_file: str) -> Iterator[Problem]:
    """A place the mapping gives that the agreement does not let through: pseudonymisation would
    refuse every event of the kind (missing_location), after ingestion accepted it."""
    if kind in CITYWIDE_KINDS:
        return
    fields = partner.agreement.kinds[kind].fields
    passes = {"location": fields.get("location") == "generalise", "area": fields.get("area") == "keep"}
    for prefix, rule in kind_rules(mapping, kind):
        places = [name for name in ("location", "area") if given(mapping, rule, name) is not None]
        if places and not any(passes[name] for name in places):
            yield Problem(
                mapping_file,
                f"{prefix}{places[0]}" if getattr(rule, places[0]) is not None else places[0],
                f"gives {' and '.join(places)}, which {partner_id}'s agreement for {kind} does not let through "
                f"(fields: location: generalise or area: keep): pseudonymisation would refuse every event as missing_location",
            )


def category_problems(
    mapping: Mapping, kind: str, key: str, city: CityProfile, partner: Partner | None, mapping_file: str
) -> Iterator[Problem]:
    """The categories the mapping writes itself (a constant, a map's values, its `otherwise`) that
    the profile or the partner's agreement does not have: every row giving them would be rejected."""
    for prefix, rule in kind_rules(mapping, kind):
        at = f"{prefix}category" if rule.category is not None else "category"
        category = given(mapping, rule, "category")
        if category is None:
            continue
        written = {category.value} if category.value is not None else set((category.map or {}).values())
        if category.otherwise is not None:
            written.add(category.otherwise)
        written = {category.prefix + name for name in written}
        if unknown := sorted(written - set(city.vocabulary[kind])):
            yield Problem(
                mapping_file,
                at,
                f"writes {', '.join(unknown)}, which the profile {city.name} does not have as {kind} categories "
                f"(it has {', '.join(city.vocabulary[kind])})",
            )
        elif partner is not None and kind in partner.agreement.kinds:
            allowed = partner.agreement.kinds[kind].categories
            if outside := sorted(written - set(allowed)):
                yield Problem(
                    mapping_file,
                    at,
                    f"writes {', '.join(outside)}, which the partner's agreement does not grant for {kind} "
                    f"(it grants {', '.join(allowed)})",
                )


def column_problems(mapping: Mapping, source: Source, mapping_file: str) -> list[Problem]:
    """The columns the mapping reads that the file does not have (a typo reads as empty on every row)."""
    try:
        columns = set().union(*(row.keys() for row in itertools.islice(mapping.rows(source.file), 1000)))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        return [Problem(shown(source.file), "", f"not readable as {mapping.format}: {error}")]
    if not columns:
        return [Problem(shown(source.file), "", "holds no row")]
    available = columns | set(mapping.derived) | TEMPLATE_NAMES
    its = ", ".join(sorted(c for c in columns if c))
    return [
        Problem(mapping_file, key, f"reads column {name!r}, which {shown(source.file)} does not have (its columns: {its})")
        for key, name in mapping_columns(mapping)
        if name not in available
    ]


def mapping_columns(node: object, key: str = "") -> Iterator[tuple[str, str]]:
    """(where, column name) of every column the mapping reads, directly or in a template."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            where = f"{key}.{name}" if key else name
            if name in COLUMN_KEYS and isinstance(value, str):
                yield where, value
            elif name in TEMPLATE_KEYS and isinstance(value, str):
                for _, column, _, _ in string.Formatter().parse(value):
                    if column:
                        yield where, column
            else:
                yield from mapping_columns(value, where)
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from mapping_columns(value, f"{key}.{name}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from mapping_columns(value, f"{key}[{i}]")


def render(report: CheckReport) -> Iterator[str]:
    """The report for a person: what loaded, each source's rows, then every configuration problem."""
    if report.city is not None:
        city = report.city
        named = f"{len(city.zones) - 1} named and {city.remainder_zone}" if city.remainder_zone else "H3 parents"
        cells = f"{len(city.cells)} cells at resolution {city.h3_resolution}"
        zones = "zones not read (below)" if report.zones_unread else f"{len(city.zones)} zones ({named})"
        yield f"profile  {shown(report.profile)}: {city.name}, {cells}, {zones}"
    if report.agreements is not None:
        partners, version = report.agreements.partners, report.agreements.policy_version
        yield f"partners {shown(report.partners)}: {len(partners)} partners ({', '.join(partners)}), policy {version}"
    for source in report.sources:
        yield ""
        read = source.source
        yield f"{read.partner}: {shown(read.file)} through {shown(read.mapping)} ({', '.join(source.kinds)})"
        if source.would_send:
            yield "  would send, for instance:"
            yield from (f"    {line}" for line in source.would_send)
        if source.rejected:
            yield "  would be rejected:"
            for row in source.rejected:
                reasons = "; ".join(f"{p.field}: {p.reason} — {p.description}" for p in row.problems)
                notes = "".join(f" [{note}]" for note in row.notes)
                yield f"    row {row.number}: {reasons}{notes}  [{row.event}]"
        tally = source.tally
        if source.skipped_rows:
            yield "  skipped by the mapping's rules:"
            for rule, numbers in source.skipped_rows.items():
                more = tally.skipped_by_rule[rule] - len(numbers)
                yield f"    {rule}: row{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}" + (
                    f" and {more} more" if more else ""
                )
        made = ", ".join(f"{kind} {n}" for kind, n in sorted(tally.events_by_kind.items()))
        parts = [f"{tally.events} events{f' ({made})' if made else ''}", f"{source.sent} would be sent"]
        parts.append(f"{len(source.rejected)} rejected" + by(source.rejected_by_reason))
        parts.append(f"{tally.skipped} skipped by the mapping's rules" + by(tally.skipped_by_rule))
        if source.duplicates:
            parts.append(f"{source.duplicates} repeat an earlier row's id (stored once)")
        if source.tidied:
            parts.append(f"attributes tidied{by(source.tidied)}")
        if tally.daylight_saving:
            parts.append(f"clock changes met{by(Counter({str(c): n for c, n in tally.daylight_saving.items()}))}")
        yield f"  {tally.rows} rows read: " + "; ".join(parts)
    yield ""
    if report.problems:
        yield f"{len(report.problems)} configuration problem{'s' if len(report.problems) > 1 else ''}:"
        yield from (f"  {problem}" for problem in report.problems)
    else:
        read = sum(s.tally.rows for s in report.sources)
        if report.sources:
            sources = f"{len(report.sources)} source{'s' if len(report.sources) > 1 else ''}"
            yield f"the files are coherent: {sources}, {read} rows read, {report.rejected} would be rejected"
        else:
            yield "the profile and the agreements are coherent (no partner's file checked)"


def by(counts: Counter[str]) -> str:
    return f" ({', '.join(f'{name} {n}' for name, n in counts.most_common())})" if counts else ""
