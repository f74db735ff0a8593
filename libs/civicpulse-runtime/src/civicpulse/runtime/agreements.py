"""Partner agreements as code: who may send which kinds and categories, and what each field becomes.

One file is the single source of truth: ingestion enforces it at the door, pseudonymisation applies
its field policy, the feature store its retention, and the register of processing is generated
from it. A field without a policy is dropped, never passed.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from civicpulse.runtime.errors import PermissionDenied

Treatment = Literal["keep", "drop", "generalise", "pseudonymise", "scrub"]

# What each field of a partner event may become. Exact coordinates and addresses never leave
# pseudonymisation; the partner's id of an event only as its keyed pseudonym.
ALLOWED_TREATMENTS: dict[str, frozenset[str]] = {
    "partner_event_id": frozenset({"pseudonymise"}),
    "occurred_at": frozenset({"keep", "generalise"}),
    "location": frozenset({"generalise", "drop"}),
    "address": frozenset({"drop"}),
    "free_text": frozenset({"drop", "scrub"}),
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


class AttributePolicy(BaseModel):
    """What one partner attribute may hold and become. A kept value must be declared: a vocabulary
    (`values`) or a `pattern`; free-form text is only ever scrubbed. A value outside its declaration
    is dropped (and counted), or the event rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    treatment: Literal["keep", "scrub", "pseudonymise"] = "keep"
    values: frozenset[str] | None = None
    pattern: str | None = None
    on_violation: Literal["drop", "reject"] = "drop"
    max_length: int = Field(64, ge=1, le=1024)

    @model_validator(mode="after")
    def _declared(self) -> AttributePolicy:
        if self.pattern is not None:
            re.compile(self.pattern)
        if self.treatment != "scrub" and self.values is None and self.pattern is None:
            raise ValueError(f"a {self.treatment} attribute needs its values or a pattern (free-form text is scrubbed)")
        return self

    def admits(self, value: str) -> bool:
        if len(value) > self.max_length:
            return False
        if self.values is not None and value not in self.values:
            return False
        return self.pattern is None or re.fullmatch(self.pattern, value) is not None


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
        return self


class Agreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    purpose: str
    # Whose keys pseudonymise this partner's events: pseudonyms of different domains never link.
    key_domain: str = Field(pattern="^[a-z0-9][a-z0-9-]{0,62}$")
    kinds: dict[str, KindAgreement]


class RateLimit(BaseModel):
    """How many events a partner may send: `events_per_second` on average, `burst` at once."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    events_per_second: float = Field(gt=0)
    burst: int = Field(ge=1)


class Partner(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
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
