"""The register of processing: for each partner of the agreements file the services enforce, its
purpose, key domain and the smallest count of one place and period published from its events, and
for each kind its categories, its retention, the treatment of every
field and attribute (what is kept, generalised and how, pseudonymised, reduced to signals,
scrubbed, or dropped), the signals free text is reduced to, and the declared purpose and retention
of any text kept. Built here, once: pseudonymisation's `civicpulse-register` command records it
per policy version, and the console shows it.
"""

from __future__ import annotations

import hashlib

from civicpulse.runtime.agreements import ALLOWED_TREATMENTS, KindAgreement, PartnerRegistry
from civicpulse.runtime.city import CityProfile


def field_treatments(kind: KindAgreement, key_domain: str, resolution: int) -> dict[str, str]:
    kept_for = f" for the declared purpose, kept {kind.text.retention_days} days apart from the event" if kind.text else ""
    words = {
        ("partner_event_id", "pseudonymise"): f"pseudonymised: keyed HMAC-SHA-256 under the {key_domain} keys, with its key id",
        ("location", "generalise"): f"generalised to its H3 cell (resolution {resolution}); coordinates are not kept",
        ("occurred_at", "generalise"): "generalised to the hour"
        + (f" (to the local day for {', '.join(kind.sensitive_categories)})" if kind.sensitive_categories else ""),
        ("starts_at", "generalise"): "generalised to the hour",
        ("ends_at", "generalise"): "generalised to the hour",
        ("count", "generalise"): "generalised to one significant figure",
        ("expected_attendance", "generalise"): "generalised to one significant figure",
        ("free_text", "signals"): "reduced to the city's declared signals (counts of terms); the text itself is not passed on",
        ("free_text", "scrub"): "strictly scrubbed (identifiers, names and uncertain words replaced by placeholders)" + kept_for,
        ("area", "keep"): "kept: a named area of the city profile, counted in its centre cell",
        ("announced_at", "generalise"): "generalised to the hour",
        ("issued_at", "generalise"): "generalised to the hour",
    }
    out = {}
    for name in ALLOWED_TREATMENTS:
        treatment = kind.fields.get(name)
        if treatment is None:
            out[name] = "dropped (no policy), counted"
        elif treatment == "drop":
            out[name] = "dropped"
        else:
            out[name] = words.get((name, treatment), "kept as sent" if treatment == "keep" else treatment)
    return out


def attribute_treatments(kind: KindAgreement) -> dict[str, dict]:
    out = {}
    for name, policy in kind.attributes.items():
        declared = []
        if policy.values is not None:
            declared.append(f"a vocabulary of {len(policy.values)} values")
        if policy.pattern is not None:
            declared.append(f"the pattern {policy.pattern}")
        out[name] = {
            "treatment": policy.treatment,
            "declared_by": " and ".join(declared)
            or (
                "free-form text, reduced to the city's declared signals; the text itself is not passed on"
                if policy.treatment == "signals"
                else "free-form text, strictly scrubbed, kept apart for the declared purpose"
            ),
            "max_length": policy.max_length,
            "outside_its_declaration": "event rejected" if policy.on_violation == "reject" else "dropped, counted",
        }
    out["(any other attribute)"] = {"treatment": "dropped (no policy), counted"}
    return out


def text_treatment(kind_name: str, kind: KindAgreement, city: CityProfile) -> dict:
    """What becomes of the kind's free-form text: the signals it is reduced to, and any purpose that keeps it."""
    return {
        "signals": sorted(city.signals.get(kind_name, {})) if kind.derives_signals else [],
        "kept_for": kind.text.purpose if kind.text else None,
        "kept_days": kind.text.retention_days if kind.text else None,
        "kept_fields": kind.scrubbed_fields,
    }


def publication(min_count: int) -> dict:
    """The smallest count of one place and period published from the partner's events."""
    rule = "every count may be published" if min_count == 1 else f"counts below {min_count} for one place and period are withheld"
    return {"min_count": min_count, "rule": rule}


def register_of(partners: PartnerRegistry, city: CityProfile, source: bytes) -> dict:
    """The register of these agreements (`source`: the agreements file's bytes, whose digest it records)."""
    return {
        "policy_version": partners.policy_version,
        "policy_sha256": hashlib.sha256(source).hexdigest(),
        "city": city.name,
        "partners": [
            {
                "partner": partner_id,
                "name": partner.name,
                "purpose": partner.agreement.purpose,
                "key_domain": partner.agreement.key_domain,
                # Whether its records are the police's own: the model card says how much of a
                # model's signal comes from such partners.
                "police_generated": partner.police_generated,
                "publication": publication(partner.agreement.publication.min_count),
                "kinds": [
                    {
                        "kind": kind_name,
                        "categories": kind.categories,
                        "sensitive_categories": kind.sensitive_categories,
                        "retention_days": kind.retention_days,
                        "retention": f"deleted {kind.retention_days} days after it was received",
                        "fields": field_treatments(kind, partner.agreement.key_domain, city.h3_resolution),
                        "attributes": attribute_treatments(kind),
                        "free_text": text_treatment(kind_name, kind, city),
                    }
                    for kind_name, kind in partner.agreement.kinds.items()
                ],
            }
            for partner_id, partner in partners.partners.items()
        ],
    }
