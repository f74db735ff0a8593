"""Partner agreements as code: who may send which kinds and categories, and which fields survive.

One file is the single source of truth: ingestion enforces it at the door and pseudonymisation
applies its field policy. It is also where the public register and data retention will read
their facts from (each has an issue of its own; neither is built yet).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from civicpulse.runtime.errors import PermissionDenied, Unauthenticated


class KindAgreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[str]
    # Partner attributes kept after pseudonymisation; every other field is dropped.
    attributes: list[str] = []
    # How long the pseudonymised events of this kind may be kept, in days. Validated and recorded
    # only: no job deletes expired events yet.
    retention_days: int = Field(365 * 3, ge=1)


class Agreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    purpose: str
    kinds: dict[str, KindAgreement]


class Partner(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    # SHA-256 of the partner's bearer token; the token itself is never stored.
    token_sha256: str = Field(pattern="^[0-9a-f]{64}$")
    agreement: Agreement


class PartnerRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    partners: dict[str, Partner]

    @classmethod
    def load(cls, path: Path) -> PartnerRegistry:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    def get(self, partner_id: str) -> Partner:
        try:
            return self.partners[partner_id]
        except KeyError:
            raise PermissionDenied(f"unknown partner {partner_id!r}") from None

    def authenticate(self, metadata: tuple[tuple[str, str | bytes], ...] | None) -> str:
        """Returns the partner id whose token is in the `authorization: Bearer` metadata."""
        return authenticate_bearer(metadata, {pid: p.token_sha256 for pid, p in self.partners.items()})


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate_bearer(metadata, digests: dict[str, str]) -> str:
    token = ""
    for key, value in metadata or ():
        if key.lower() == "authorization":
            text = value.decode() if isinstance(value, bytes) else value
            if text.startswith("Bearer "):
                token = text[len("Bearer ") :].strip()
    if not token:
        raise Unauthenticated("missing bearer token in the authorization metadata")
    digest = token_digest(token)
    for principal, expected in digests.items():
        if hmac.compare_digest(digest, expected):
            return principal
    raise Unauthenticated("unknown token")


@functools.cache
def kind_name(kind: int) -> str:
    """EVENT_KIND_INCIDENT_REPORT -> "incident_report", the name used in config and subjects."""
    from civicpulse.events.v1 import events_pb2

    return events_pb2.EventKind.Name(kind).removeprefix("EVENT_KIND_").lower()
