"""The scoring service's refusals, raised where the problem is found.

Each is one of the runtime's errors, so the service's error interceptor gives it its gRPC status
and details; no handler sets a code.
"""

from __future__ import annotations

from datetime import datetime

from civicpulse.runtime.errors import FailedPrecondition, NotFound, Precondition, Resource, Unavailable


class CannotTrain(FailedPrecondition):
    """The data cannot train a model as of this time (history too short, no target event)."""

    def __init__(self, why: str, issue_time: datetime | None = None) -> None:
        super().__init__(f"cannot train as of {issue_time:%Y-%m-%d %H:00}: {why}" if issue_time else why)


class NoActiveModel(FailedPrecondition):
    def __init__(self) -> None:
        super().__init__("no active model: train one that passes the gate, or approve or roll back to one")


class NotTheActiveModel(FailedPrecondition):
    def __init__(self, version: str, active: str) -> None:
        super().__init__(f"only the active version scores; {version} is not active ({active} is)")


class EmptyStudyArea(FailedPrecondition):
    def __init__(self) -> None:
        super().__init__("the study area is empty: no target event before this issue time")


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
