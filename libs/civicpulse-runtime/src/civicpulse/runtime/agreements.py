"""Partner agreements as code: who may send which kinds and categories, and what each field becomes.

One file is the single source of truth: ingestion enforces it at the door, pseudonymisation applies
its field policy, the feature store its retention and the smallest count it publishes
(`publication`), and the register of processing is generated from it. A field without a policy
is dropped, never passed.

Free text is minimised by default: a free-form field (the free text, an attribute without a
vocabulary or pattern) becomes the signals the city profile declares (`signals`), or is kept
strictly scrubbed only for a purpose the agreement declares (`text`), with a short retention.
Nothing else can be declared: a kept attribute whose pattern would let a name, a phone number or a
sentence through is refused when the file is loaded.
"""

from __future__ import annotations

import functools
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator

from civicpulse.runtime.errors import PermissionDenied

Treatment = Literal["keep", "drop", "generalise", "pseudonymise", "signals", "scrub"]

# What each field of a partner event may become. Exact coordinates and addresses never leave
# pseudonymisation; the partner's id of an event only as its keyed pseudonym.
ALLOWED_TREATMENTS: dict[str, frozenset[str]] = {
    "partner_event_id": frozenset({"pseudonymise"}),
    "occurred_at": frozenset({"keep", "generalise"}),
    "location": frozenset({"generalise", "drop"}),
    "address": frozenset({"drop"}),
    # Free text: dropped, reduced to the city's declared signals, or kept strictly scrubbed for a
    # declared purpose (the kind's `text`).
    "free_text": frozenset({"drop", "signals", "scrub"}),
    "count": frozenset({"keep", "generalise"}),
    "starts_at": frozenset({"keep", "generalise"}),
    "ends_at": frozenset({"keep", "generalise"}),
    "expected_attendance": frozenset({"keep", "generalise"}),
    # A named area of the city profile is a place already: kept as it is, counted in its centre cell.
    "area": frozenset({"keep", "drop"}),
    "organiser_type": frozenset({"keep", "drop"}),
    "announced_at": frozenset({"keep", "generalise"}),
    "issued_at": frozenset({"keep", "generalise"}),
    # How to reach a citizen: personal data, never passed on.
    "contact": frozenset({"drop"}),
}


# The times a partner event may carry, treated alike at the door and by pseudonymisation.
EVENT_MOMENTS = ("occurred_at", "starts_at", "ends_at", "announced_at", "issued_at")
# Kinds that may speak of the whole city, without a place: weather.
CITYWIDE_KINDS = frozenset({"weather_observation", "weather_forecast"})


# What a pattern of a kept or pseudonymised attribute is tried against when the file is loaded:
# names, phone numbers, e-mails, dates and sentences, in the spellings people use. A pattern that
# admits one of them admits free text, which is only ever reduced to signals or strictly scrubbed.
_FIRST = ("Jean", "Fatoumata", "Nguyen", "Marie-Claire", "John", "Ana")
_LAST = ("Dupont", "Kowalska", "N'Diaye", "Van der Berg", "Smith", "Benali")
FREE_TEXT_PROBES: tuple[str, ...] = (
    *(f"{first} {last}" for first in _FIRST for last in _LAST),
    *(f"{last.upper()} {first}" for first in _FIRST for last in _LAST),
    *(f"{first.lower()} {last.lower()}" for first in _FIRST for last in _LAST),
    *(f"M. {last.upper()}" for last in _LAST),
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "+33612345678",
    "+33 6 12 34 56 78",
    "713-555-0142",
    "(713) 555-0142",
    "7135550142",
    "+44 20 7946 0018",
    "jean.dupont@example.fr",
    "JOHN_SMITH@MAIL.COM",
    "12/03/1985",
    "12.03.1985",
    "1985-03-12",
    "12 mars 1985",
    "March 12, 1985",
    "4970101234567893",
    "4970 1012 3456 7893",
    "284051305521451",
    "2 84 05 13 055 214 51",
    "12 rue de la Paix",
    "221B Baker Street",
    "le voisin fait du bruit",
    "Call me back after 6pm",
    "bruit",
    "appeler le gardien svp",
)


def admits_free_text(pattern: str, max_length: int) -> str | None:
    """The first probe the pattern admits (within the length allowed), or None."""
    compiled = re.compile(pattern)
    return next((p for p in FREE_TEXT_PROBES if len(p) <= max_length and compiled.fullmatch(p)), None)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"([1-9][0-9]*)([smhd])")


def _every(value: object) -> timedelta:
    """`expected_every`: a whole number and a unit (s, m, h or d), such as 30m, 1h or 2d."""
    # Built in code (not read from a file): whole seconds, at least one.
    if isinstance(value, timedelta) and value >= timedelta(seconds=1) and not value % timedelta(seconds=1):
        return value
    match = _EVERY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not an interval: write a whole number and a unit s, m, h or d (30m, 1h, 2d)")
    return timedelta(seconds=int(match[1]) * _UNITS[match[2]])


def _every_text(every: timedelta) -> str:
    """The interval as the file writes it, in its largest whole unit (6h, not 21600s)."""
    seconds = int(every.total_seconds())
    unit = next(u for u in ("d", "h", "m", "s") if seconds % _UNITS[u] == 0)
    return f"{seconds // _UNITS[unit]}{unit}"


# The longest a partner is expected to go between two events of a kind: longer, it has gone silent.
ExpectedEvery = Annotated[timedelta, BeforeValidator(_every), PlainSerializer(_every_text, return_type=str)]


# A declared pattern compiled once (admits() runs for each attribute of each event).
_compiled = functools.cache(re.compile)


class AttributePolicy(BaseModel):
    """What one partner attribute may hold and become. A kept or pseudonymised value must be
    declared: a vocabulary (`values`) or a `pattern` that admits no free text. A free-form attribute
    is reduced to the city's signals (`signals`) or strictly scrubbed (`scrub`, for the kind's
    declared text purpose). A value outside its declaration is dropped (and counted), or the event
    rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    treatment: Literal["keep", "pseudonymise", "signals", "scrub"] = "keep"
    values: frozenset[str] | None = None
    pattern: str | None = None
    on_violation: Literal["drop", "reject"] = "drop"
    max_length: int = Field(64, ge=1, le=1024)

    @model_validator(mode="after")
    def _declared(self) -> AttributePolicy:
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern {self.pattern!r} is not a regular expression: {exc}") from None
        free_form = self.treatment in ("signals", "scrub")
        if free_form and (self.values is not None or self.pattern is not None):
            raise ValueError(f"a {self.treatment} attribute is free-form: it takes no values or pattern")
        if not free_form:
            if self.values is None and self.pattern is None:
                raise ValueError(
                    f"a {self.treatment} attribute needs its values or a pattern "
                    "(free-form text is reduced to signals or strictly scrubbed)"
                )
            if self.pattern is not None and (probe := admits_free_text(self.pattern, self.max_length)) is not None:
                raise ValueError(
                    f"the pattern {self.pattern!r} admits free text (it accepts {probe!r}): declare the values, "
                    "a pattern that only codes fit, or the treatment signals or scrub"
                )
        return self

    def admits(self, value: str) -> bool:
        if len(value) > self.max_length:
            return False
        if self.values is not None and value not in self.values:
            return False
        return self.pattern is None or _compiled(self.pattern).fullmatch(value) is not None


# How long a strictly scrubbed text may be kept at most: what an analyst needs to read this week.
MAX_TEXT_RETENTION_DAYS = 30


class TextPurpose(BaseModel):
    """Why a kind's free-form text is kept (strictly scrubbed), written into the register, and for
    how long: the text lives apart from the event and is deleted sooner."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    purpose: str = Field(min_length=10)
    retention_days: int = Field(7, ge=1, le=MAX_TEXT_RETENTION_DAYS)


class KindAgreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str]
    # Categories whose events are generalised further: their times to the local day.
    sensitive_categories: list[str] = []
    # The treatment of each event field (ALLOWED_TREATMENTS); a field not listed is dropped.
    fields: dict[str, Treatment] = {}
    # The partner attributes that may survive, with their declarations; any other is dropped.
    attributes: dict[str, AttributePolicy] = {}
    # How long the pseudonymised events of this kind are kept after they were received, in days.
    retention_days: int = Field(365 * 3, ge=1)
    # The declared purpose that needs this kind's free-form text kept (strictly scrubbed); without
    # one, free-form text can only be dropped or reduced to signals.
    text: TextPurpose | None = None
    # The longest expected between two events of this kind (overrides the agreement's).
    expected_every: ExpectedEvery | None = None

    @property
    def scrubbed_fields(self) -> list[str]:
        """The free-form fields kept strictly scrubbed: `free_text`, `attributes.<name>`."""
        return (["free_text"] if self.fields.get("free_text") == "scrub" else []) + [
            f"attributes.{name}" for name, a in self.attributes.items() if a.treatment == "scrub"
        ]

    @property
    def derives_signals(self) -> bool:
        return self.fields.get("free_text") == "signals" or any(a.treatment == "signals" for a in self.attributes.values())

    @model_validator(mode="after")
    def _consistent(self) -> KindAgreement:
        for name, treatment in self.fields.items():
            if name not in ALLOWED_TREATMENTS:
                raise ValueError(f"unknown field {name!r}; fields are {sorted(ALLOWED_TREATMENTS)}")
            if treatment not in ALLOWED_TREATMENTS[name]:
                raise ValueError(f"{name} may be {sorted(ALLOWED_TREATMENTS[name])}, not {treatment!r}")
        if self.fields.get("partner_event_id") != "pseudonymise":
            raise ValueError("partner_event_id must be pseudonymise: the event key is how duplicates are found")
        unknown = set(self.sensitive_categories) - set(self.categories)
        if unknown:
            raise ValueError(f"sensitive categories {sorted(unknown)} are not among the categories")
        if self.scrubbed_fields and self.text is None:
            raise ValueError(
                f"{', '.join(self.scrubbed_fields)} kept scrubbed needs a declared purpose (text: {{purpose, retention_days}}); "
                "without one, free text is reduced to signals or dropped"
            )
        if self.text is not None and not self.scrubbed_fields:
            raise ValueError("text: a purpose is declared but no free-form field is kept scrubbed")
        if self.text is not None and self.text.retention_days > self.retention_days:
            raise ValueError("text: retention_days cannot exceed the kind's retention_days")
        return self


class Publication(BaseModel):
    """What may be published of counts made from the partner's events: the smallest count shown
    for one place and period. Smaller counts are withheld, never shown as zero: a count of one or
    two in a cell can point at the people it concerns."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # 1: every count may be published.
    min_count: int = Field(1, ge=1)


class Agreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    purpose: str
    # Whose keys pseudonymise this partner's events: pseudonyms of different domains never link.
    key_domain: str = Field(pattern="^[a-z0-9][a-z0-9-]{0,62}$")
    kinds: dict[str, KindAgreement]
    publication: Publication = Publication()
    # The longest expected between two events of any kind a kind does not set it for (None: no
    # expectation; the partner sends when something happens).
    expected_every: ExpectedEvery | None = None

    def expected_intervals(self) -> dict[str, timedelta]:
        """Per kind, the longest expected between two of its events, where the agreement says."""
        intervals = {kind: k.expected_every or self.expected_every for kind, k in self.kinds.items()}
        return {kind: every for kind, every in intervals.items() if every is not None}


class RateLimit(BaseModel):
    """How many events a partner may send: `events_per_second` on average, `burst` at once."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    events_per_second: float = Field(gt=0)
    burst: int = Field(ge=1)


class Partner(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    # Whether the partner's data is generated by police work (a police force's reports, its traffic
    # incidents...): the model card says how much of a model's signal comes from such data. Said
    # explicitly of every police partner; a partner that does not say is not police.
    police_generated: bool = Field(False, strict=True)
    # None: no limit at the door (the bus's per-partner bounds still hold).
    rate_limit: RateLimit | None = None
    agreement: Agreement


class PartnerRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # The version of this policy, written on every pseudonymised event and into the register of
    # processing; a changed policy takes a new version.
    policy_version: str = Field("1", pattern="^[A-Za-z0-9._-]{1,64}$")
    partners: dict[str, Partner]

    @classmethod
    def load(cls, path: Path) -> PartnerRegistry:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    @property
    def police_generated(self) -> frozenset[str]:
        """The partners whose data is police-generated, by id."""
        return frozenset(pid for pid, partner in self.partners.items() if partner.police_generated)

    def get(self, partner_id: str) -> Partner:
        try:
            return self.partners[partner_id]
        except KeyError:
            raise PermissionDenied(
                f"{partner_id} has no agreement in this deployment's partners file",
                reason="NO_AGREEMENT",
                metadata={"partner": partner_id},
            ) from None


@functools.cache
def kind_name(kind: int) -> str:
    """EVENT_KIND_INCIDENT_REPORT -> "incident_report", the name used in config and subjects."""
    from civicpulse.events.v1 import events_pb2

    return events_pb2.EventKind.Name(kind).removeprefix("EVENT_KIND_").lower()
