"""What a refused call said, read from its status details (`grpc-status-details-bin`).

Every civicpulse refusal carries a google.rpc `ErrorInfo` (a stable reason such as RATE_LIMITED or
BATCH_TOO_LARGE, its domain, and metadata such as the field or the method) and the detail of its
kind: `BadRequest` field violations, `RetryInfo` (when to retry), `PreconditionFailure`,
`ResourceInfo`. `Refusal.of(error)` reads them all into plain values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2, status_pb2

DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class Violation:
    """A field and why it was refused (or, for a notice, what happened to it)."""

    field: str
    reason: str
    description: str


@dataclass(frozen=True)
class Precondition:
    """What the call needed that did not hold: its kind, what it is about, what to do."""

    type: str
    subject: str
    description: str


@dataclass(frozen=True)
class Refusal:
    code: grpc.StatusCode
    message: str
    reason: str = ""  # ErrorInfo.reason: stable, UPPER_SNAKE
    domain: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)
    retry_delay: float | None = None  # RetryInfo, in seconds
    violations: tuple[Violation, ...] = ()  # BadRequest
    preconditions: tuple[Precondition, ...] = ()  # PreconditionFailure
    resource: str = ""  # ResourceInfo: "<type>/<name>"

    @classmethod
    def of(cls, error: grpc.RpcError) -> Refusal:
        """The refusal an error carries; only its code and message when it has no details (a
        deadline the client's own library enforced, a connection that failed)."""
        raw = next((value for key, value in error.trailing_metadata() or () if key == DETAILS_KEY), None)
        found: dict = {"code": error.code(), "message": error.details() or ""}
        for packed in status_pb2.Status.FromString(raw).details if raw else ():
            if packed.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = _unpack(packed, error_details_pb2.ErrorInfo)
                found.update(reason=info.reason, domain=info.domain, metadata=dict(info.metadata))
            elif packed.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                found["retry_delay"] = _unpack(packed, error_details_pb2.RetryInfo).retry_delay.ToMilliseconds() / 1000
            elif packed.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = _unpack(packed, error_details_pb2.BadRequest)
                found["violations"] = tuple(Violation(v.field, v.reason, v.description) for v in bad.field_violations)
            elif packed.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
                failure = _unpack(packed, error_details_pb2.PreconditionFailure)
                found["preconditions"] = tuple(Precondition(v.type, v.subject, v.description) for v in failure.violations)
            elif packed.Is(error_details_pb2.ResourceInfo.DESCRIPTOR):
                resource = _unpack(packed, error_details_pb2.ResourceInfo)
                found["resource"] = f"{resource.resource_type}/{resource.resource_name}"
        return cls(**found)

    def __str__(self) -> str:
        said = f"{self.code.name} {self.reason}: {self.message}" if self.reason else f"{self.code.name}: {self.message}"
        return "; ".join([said, *(f"{v.field}: {v.reason}" for v in self.violations)])


def _unpack(packed, kind):
    message = kind()
    packed.Unpack(message)
    return message
