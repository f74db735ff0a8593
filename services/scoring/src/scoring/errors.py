"""The scoring service's refusals, raised where the problem is found.

Each is one of the runtime's errors, so the service's error interceptor gives it its gRPC status
and details; no handler sets a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from civicpulse.runtime.errors import FailedPrecondition, NotFound, Precondition, Resource, Unavailable


@dataclass(frozen=True)
class History:
    """What the feature store holds, as far as saying why there is nothing to learn or score."""

    oldest_target_event_at: datetime | None
    newest_event_at: datetime | None

    def span(self) -> str:
        if self.oldest_target_event_at is None or self.newest_event_at is None:
            return "the feature store holds no target event"
        return f"the history runs from {self.oldest_target_event_at:%Y-%m-%d} to {self.newest_event_at:%Y-%m-%d}"

    def suggestion(self, what: str) -> str:
        """What to do instead: an issue time just after the history, or more data."""
        if self.newest_event_at is None:
            return "replay or ingest the city's history first"
        day = self.newest_event_at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        return f"{what} as of a time within the history, e.g. issue_time {day:%Y-%m-%dT%H:%M:%SZ}, or replay recent data"


class CannotTrain(FailedPrecondition):
    """The data cannot train a model as of this time (history too short, no target event)."""

    reason = "CANNOT_TRAIN"

    def __init__(self, why: str, issue_time: datetime | None = None) -> None:
        super().__init__(f"cannot train as of {issue_time:%Y-%m-%d %H:00}: {why}" if issue_time else why)


class NoActiveModel(FailedPrecondition):
    """Nothing scores: no version is active. Says what would make one active."""

    reason = "NO_ACTIVE_MODEL"

    def __init__(self, awaiting_approval: str | None = None) -> None:
        if awaiting_approval:
            why = f"version {awaiting_approval} passed the gate and awaits an operator's approval (ApproveModel)"
        else:
            why = "train one with TrainModel (a version scores once it passes the gate), or roll back to an earlier one"
        super().__init__(f"no active model: {why}")


class NotTheActiveModel(FailedPrecondition):
    def __init__(self, version: str, active: str) -> None:
        super().__init__(f"only the active version scores; {version} is not active ({active} is)")


class EmptyStudyArea(FailedPrecondition):
    """No cell to score: no target event in the time the features look back over before the issue time."""

    reason = "EMPTY_STUDY_AREA"

    def __init__(self, issue_time: datetime, history: History) -> None:
        oldest = history.oldest_target_event_at
        if oldest is None:
            why = f"no target event before {issue_time:%Y-%m-%d %H:00}: {history.span()}"
        elif oldest > issue_time:
            why = f"no target event before {issue_time:%Y-%m-%d %H:00} ({history.span()})"
        else:
            why = f"no target event in the days the features look back over before {issue_time:%Y-%m-%d %H:00} ({history.span()})"
        super().__init__(f"the study area is empty: {why}: {history.suggestion('score')}")


class ModelNotFound(NotFound):
    reason = "MODEL_NOT_FOUND"

    def __init__(self, version: str) -> None:
        super().__init__(f"no model version {version}", Resource("model", version))


class WrongModelStatus(FailedPrecondition):
    """A decision that needs the version in another status (approving an active one, say)."""

    reason = "MODEL_STATUS"

    def __init__(self, version: str, status: str, expected: tuple[str, ...]) -> None:
        message = f"version {version} is {status}; this needs one of {', '.join(expected)}"
        super().__init__(message, (Precondition("MODEL_STATUS", f"model/{version}", message),))


class FeatureStoreUnavailable(Unavailable):
    def __init__(self, detail: str) -> None:
        super().__init__(f"the feature store cannot be reached: {detail}")


class FeatureStoreRefused(FailedPrecondition):
    def __init__(self, detail: str) -> None:
        super().__init__(f"the feature store refused the request: {detail}")
