"""The register of processing, generated from the agreements file that the services enforce.

civicpulse-register [--partners FILE] [--city-profile FILE] [--out DIR]

For each policy version, the register civicpulse.runtime.register builds (each partner's purpose,
key domain and smallest published count, and per kind its categories, retention and the treatment
of every field and attribute). The register accumulates versions in DIR/register.json
(default .run/register) and writes DIR/register-<version>.json; a policy that changed under a
version already recorded is refused: a new policy needs a new version.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.register import register_of

__all__ = ["VersionConflict", "record", "register_of", "cli"]

OUT = Path(".run/register")


class VersionConflict(ValueError):
    """The policy changed while its version stayed the same."""


def record(entry: dict, out: Path, now: datetime) -> Path:
    """Adds this version to the register (or confirms it is recorded as it is) and writes its own file."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "register.json"
    register = json.loads(path.read_text()) if path.exists() else {"versions": {}}
    version = entry["policy_version"]
    known = register["versions"].get(version)
    if known is not None and known["policy_sha256"] != entry["policy_sha256"]:
        raise VersionConflict(f"policy version {version} is recorded with other contents: give the new policy a new version")
    if known is None:
        register["versions"][version] = {**entry, "recorded_at": now.isoformat()}
    register["current"] = version
    path.write_text(json.dumps(register, indent=2, ensure_ascii=False) + "\n")
    single = out / f"register-{version}.json"
    single.write_text(json.dumps(register["versions"][version], indent=2, ensure_ascii=False) + "\n")
    return single


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=Path, default=Path("config/partners.yaml"))
    parser.add_argument("--city-profile", type=Path, default=Path("config/cities/houston.yaml"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    source = args.partners.read_bytes()
    entry = register_of(PartnerRegistry.load(args.partners), CityProfile.load(args.city_profile), source)
    try:
        written = record(entry, args.out, datetime.now(UTC))
    except VersionConflict as exc:
        sys.exit(str(exc))
    print(f"policy version {entry['policy_version']} recorded: {written}")


if __name__ == "__main__":
    cli()
