"""Files a local stack needs beside its agreements: throwaway pseudonymisation keys (one random
256-bit key per key domain, written as the key file pseudonymisation mounts in production), and
variants of the demo agreements for the bench and the fault suite."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import yaml

from civicpulse.runtime.agreements import PartnerRegistry

DEMO_PARTNERS = Path(__file__).resolve().parents[5] / "config" / "partners.yaml"


def write_key_file(path: Path, partners_file: Path) -> dict[str, str]:
    """Writes a key file (mode 600) with a fresh key for each key domain; returns domain -> key (hex).
    Without a partners file, the key file is empty: the services then say what is missing."""
    registry = PartnerRegistry.load(partners_file) if partners_file.exists() else PartnerRegistry(partners={})
    domains = sorted({p.agreement.key_domain for p in registry.partners.values()})
    keys = {domain: secrets.token_hex(32) for domain in domains}
    document = {"domains": {d: {"current": f"{d}-1", "keys": {f"{d}-1": key}} for d, key in keys.items()}}
    path.parent.mkdir(parents=True, exist_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        yaml.safe_dump(document, handle)
    return keys


def event_key(key_hex: str, partner: str, partner_event_id: str) -> str:
    """What pseudonymisation makes of (partner, event id) under this key."""
    return hmac.new(bytes.fromhex(key_hex), f"{partner}:{partner_event_id}".encode(), hashlib.sha256).hexdigest()[:32]


def police_incident_variant(path: Path, change: Callable[[dict], None]) -> Path:
    """The demo agreements with `change` applied to the police's incident_report kind, written to `path`."""
    document = yaml.safe_load(DEMO_PARTNERS.read_text())
    change(document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    return path
