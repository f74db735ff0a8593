"""One exception hierarchy carrying its gRPC status; mapped to the wire in one interceptor."""

from __future__ import annotations

from dataclasses import dataclass

import grpc


@dataclass(frozen=True)
class FieldProblem:
    field: str
    reason: str
    description: str


class CivicpulseError(Exception):
    code: grpc.StatusCode = grpc.StatusCode.INTERNAL

    def __init__(self, message: str, problems: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


class InvalidArgument(CivicpulseError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class Unauthenticated(CivicpulseError):
    code = grpc.StatusCode.UNAUTHENTICATED


class PermissionDenied(CivicpulseError):
    code = grpc.StatusCode.PERMISSION_DENIED


class NotFound(CivicpulseError):
    code = grpc.StatusCode.NOT_FOUND


class FailedPrecondition(CivicpulseError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class Unavailable(CivicpulseError):
    """A dependency (NATS, the database, another service) cannot be reached now: retry later."""

    code = grpc.StatusCode.UNAVAILABLE


class ResourceExhausted(CivicpulseError):
    """The caller sends more than it may, or the bus holds as much as it may: retry after `retry_after` seconds."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def to_rpc_status(error: CivicpulseError):
    """google.rpc.Status with BadRequest field violations for the problems."""
    from google.protobuf import any_pb2
    from google.rpc import code_pb2, error_details_pb2, status_pb2

    status = status_pb2.Status(code=getattr(code_pb2, error.code.name), message=error.message)
    if error.problems:
        bad = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(
                    field=p.field, reason=p.reason, description=f"{p.reason}: {p.description}"
                )
                for p in error.problems
            ]
        )
        detail = any_pb2.Any()
        detail.Pack(bad)
        status.details.append(detail)
    if isinstance(error, ResourceExhausted):
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromMilliseconds(max(1, round(error.retry_after * 1000)))
        detail = any_pb2.Any()
        detail.Pack(retry)
        status.details.append(detail)
    return status
