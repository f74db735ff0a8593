"""The local stack's callers: every demo partner, two applications, an operator, a scheduler and the
scoring service, each with a demo token (`demo-<caller>-token`) and a certificate name.

The stack writes them to its own callers file at start; nothing of it ships in an image.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from civicpulse.runtime.access import Caller, Role, token_digest
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile

DISPATCH_APP = "police-dispatch-app"
MEDIATION_APP = "mediation-team-app"
OPERATOR = "duty-operator"
SCHEDULER = "scheduler"
SCORING = "scoring"
# How many of the city's zones the mediation team may see (the first, by name): a partial view.
MEDIATION_ZONES = 3


def demo_token(caller_id: str) -> str:
    return f"demo-{caller_id}-token"


def _caller(caller_id: str, role: Role, name: str = "", **rights) -> Caller:
    return Caller(
        role=role, name=name, token_sha256=token_digest(demo_token(caller_id)), certificate_names=(caller_id,), **rights
    )


def demo_callers(partners: PartnerRegistry, city: CityProfile) -> dict[str, Caller]:
    callers = {pid: _caller(pid, Role.PARTNER, p.name) for pid, p in partners.partners.items()}
    callers[DISPATCH_APP] = _caller(DISPATCH_APP, Role.APPLICATION, "Municipal police dispatch application", all_zones=True)
    callers[MEDIATION_APP] = _caller(
        MEDIATION_APP, Role.APPLICATION, "Mediation team application", zones=frozenset(sorted(city.zones)[:MEDIATION_ZONES])
    )
    callers[OPERATOR] = _caller(OPERATOR, Role.OPERATOR, "Platform team operator")
    callers[SCHEDULER] = _caller(SCHEDULER, Role.SCHEDULER, "Scheduled training and scoring")
    callers[SCORING] = _caller(SCORING, Role.SCORING, "The scoring service")
    return callers


def write_callers_file(path: Path, callers: dict[str, Caller]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"callers": {cid: c.model_dump(mode="json", exclude_defaults=True) for cid, c in callers.items()}}
    for entry, caller in zip(document["callers"].values(), callers.values(), strict=True):
        entry["role"] = caller.role.value  # excluded when it equals no default, kept explicit
        if caller.zones:
            entry["zones"] = sorted(caller.zones)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    path.chmod(0o600)
