"""What a platform team sees of the model: the version that scores, when it was trained, and each
decision about a version, counted and written as one JSON log line.

The gauges say the registry's state, read from the database (at start, after each change in this
process, and periodically, so that a replica hears of an approval made through another). A
decision line carries the version, the outcome, the gate's reason and its key figures; never who
asked (an operator's account may name a person: the registry's decisions table keeps that).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from civicpulse.runtime import metrics
from civicpulse.runtime.errors import CivicpulseError
from civicpulse.runtime.model_card import Band
from scoring.repository import ModelRow

log = logging.getLogger(__name__)

# A training's outcomes, as MODEL_DECISIONS counts them: the gate's three, or no version at all.
PROMOTED, AWAITING_APPROVAL, REJECTED, FAILED = "promoted", "awaiting_approval", "rejected", "failed"
TRAINING_OUTCOMES = (PROMOTED, AWAITING_APPROVAL, REJECTED, FAILED)
# A version's name begins with its issue hour: 20100503T00-<digest>.
ISSUE_HOUR = re.compile(r"(\d{8})T(\d{2})-")


def declare_outcomes() -> None:
    """Every training outcome exported at 0 before the first: an alert on an increase sees the first."""
    for outcome in TRAINING_OUTCOMES:
        metrics.MODEL_DECISIONS.labels(outcome=outcome)


def version_number(version: str | None) -> int:
    """A version as a number a gauge holds: its issue hour's digits (20100503T00-... -> 2010050300);
    0 for none, -1 for a version not named that way (the info gauge names it exactly)."""
    if not version:
        return 0
    named = ISSUE_HOUR.match(version)
    return int(named[1] + named[2]) if named else -1


def show_active(row: ModelRow | None) -> None:
    """Sets the model gauges to the active version (`row`), or to none."""
    metrics.MODEL_VERSION.set(version_number(row.version if row else None))
    metrics.MODEL_TRAINED.set(row.trained_at.timestamp() if row else 0)
    metrics.MODEL_INFO.clear()
    if row is not None:
        metrics.MODEL_INFO.labels(version=row.version).set(1)


def gate_figures(bands: Mapping[str, Band]) -> dict[str, object]:
    """Per band the gate looks at: PAI@5 % against the best baseline, its 95 % interval, and whether
    it was judged (None where not measured)."""
    figures: dict[str, object] = {}
    for name, band in bands.items():
        pai5 = band.pai5
        figures[name] = {
            "judged": band.judged,
            "independent_windows": band.independent_windows,
            "pai5_ratio": pai5.ratio,
            "pai5_ratio_ci95": list(pai5.ratio_ci95) if pai5.ratio_ci95 else None,
        }
    return figures


def trained(
    version: str,
    outcome: str,
    status: str,
    reason: str,
    bands: Mapping[str, Band],
    training_rows: int,
    positive_rows: int,
    seconds: float,
) -> None:
    """A training the gate judged: `outcome` is the gate's (promoted, awaiting_approval, rejected);
    `status` the version's in the registry (a version trained before keeps its own)."""
    metrics.MODEL_DECISIONS.labels(outcome=outcome).inc()
    metrics.TRAINING_SECONDS.observe(seconds)
    log.info(
        "model %s %s: %s",
        version,
        outcome,
        reason,
        extra={
            "fields": {
                "event": "model_decision",
                "model_version": version,
                "outcome": outcome,
                "status": status,
                "reason": reason,
                "training_rows": training_rows,
                "positive_rows": positive_rows,
                "bands": gate_figures(bands),
                "duration_seconds": round(seconds, 3),
            }
        },
    )


def training_failed(issue_time: str, error: BaseException, seconds: float) -> None:
    """A training that ended without a version: the reason code and message a known error carries
    (an unexpected one is logged with its trace where it is caught)."""
    known = isinstance(error, CivicpulseError)
    reason = error.reason if known else "INTERNAL"
    message = error.message if known else f"unexpected {type(error).__name__}"
    metrics.MODEL_DECISIONS.labels(outcome=FAILED).inc()
    metrics.TRAINING_SECONDS.observe(seconds)
    log.info(
        "training as of %s failed: %s",
        issue_time,
        message,
        extra={
            "fields": {
                "event": "model_decision",
                "issue_time": issue_time,
                "outcome": FAILED,
                "reason": reason,
                "message": message,
                "duration_seconds": round(seconds, 3),
            }
        },
    )


def status_changed(version: str, decision: str, note_given: bool) -> None:
    """An operator's decision (approved, rolled_back): a log line; the gauges follow the registry."""
    log.info(
        "model %s %s",
        version,
        decision,
        extra={"fields": {"event": "model_decision", "model_version": version, "outcome": decision, "note_given": note_given}},
    )
