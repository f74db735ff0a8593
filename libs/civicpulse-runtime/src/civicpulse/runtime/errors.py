"""One exception hierarchy carrying its gRPC status; mapped to the wire in one interceptor.

Every refusal says why, in words and in `google.rpc` details a program can read: an `ErrorInfo`
(a stable UPPER_SNAKE `reason` within a `domain`, and metadata such as the field or the method)
plus the detail of its kind: `BadRequest` field violations for an invalid argument, `RetryInfo`
when retrying later helps (RESOURCE_EXHAUSTED, UNAVAILABLE), `PreconditionFailure` for a failed
precondition, `ResourceInfo` for what was not found.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2, status_pb2

# The domain of an error raised outside any civicpulse service's own methods (reflection, say).
DEFAULT_DOMAIN = "civicpulse.dev"
# What a caller is told to wait before retrying when a dependency cannot be reached.
UNAVAILABLE_RETRY_SECONDS = 2.0


@dataclass(frozen=True)
class FieldProblem:
    field: str
    reason: str
    description: str


@dataclass(frozen=True)
class Precondition:
    """One unmet precondition: its kind (UPPER_SNAKE), what it is about, and what to do."""

    type: str
    subject: str
    description: str


@dataclass(frozen=True)
class Resource:
    """What was looked for: its type (a proto message or a noun), its name, whose it is."""

    type: str
    name: str
    owner: str = ""


class CivicpulseError(Exception):
    code: grpc.StatusCode = grpc.StatusCode.INTERNAL
    # ErrorInfo.reason when the raise site does not name a more precise one.
    reason: str = "INTERNAL"

    def __init__(
        self,
        message: str,
        problems: tuple[FieldProblem, ...] = (),
        *,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)
        self.reason = reason or type(self).reason
        self.metadata = dict(metadata or {})

    def details(self) -> list[Message]:
        """The details of this kind of error, besides the ErrorInfo every error carries."""
        if not self.problems:
            return []
        return [
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=p.field, reason=p.reason, description=f"{p.reason}: {p.description}"
                    )
                    for p in self.problems
                ]
            )
        ]


class InvalidArgument(CivicpulseError):
    code = grpc.StatusCode.INVALID_ARGUMENT
    reason = "INVALID_ARGUMENT"


class Unauthenticated(CivicpulseError):
    code = grpc.StatusCode.UNAUTHENTICATED
    reason = "UNAUTHENTICATED"


class PermissionDenied(CivicpulseError):
    code = grpc.StatusCode.PERMISSION_DENIED
    reason = "PERMISSION_DENIED"


class NotFound(CivicpulseError):
    code = grpc.StatusCode.NOT_FOUND
    reason = "NOT_FOUND"

    def __init__(self, message: str, resource: Resource | None = None, **info) -> None:
        super().__init__(message, **info)
        self.resource = resource

    def details(self) -> list[Message]:
        if self.resource is None:
            return super().details()
        r = self.resource
        info = error_details_pb2.ResourceInfo(resource_type=r.type, resource_name=r.name, owner=r.owner, description=self.message)
        return [*super().details(), info]


class FailedPrecondition(CivicpulseError):
    """The system is not in the state the call needs; retrying will not help until it is."""

    code = grpc.StatusCode.FAILED_PRECONDITION
    reason = "FAILED_PRECONDITION"

    def __init__(self, message: str, preconditions: tuple[Precondition, ...] = (), **info) -> None:
        super().__init__(message, **info)
        self.preconditions = tuple(preconditions)

    def details(self) -> list[Message]:
        # A precondition failure always names one: at least the reason and the message.
        unmet = self.preconditions or (Precondition(self.reason, "", self.message),)
        failure = error_details_pb2.PreconditionFailure(
            violations=[
                error_details_pb2.PreconditionFailure.Violation(type=p.type, subject=p.subject, description=p.description)
                for p in unmet
            ]
        )
        return [*super().details(), failure]


class RetryLater(CivicpulseError):
    """An error a caller may retry after `retry_after` seconds (its status carries a RetryInfo)."""

    def __init__(self, message: str, retry_after: float, **info) -> None:
        super().__init__(message, **info)
        self.retry_after = retry_after

    def details(self) -> list[Message]:
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromMilliseconds(self.retry_after_ms)
        return [*super().details(), retry]

    @property
    def retry_after_ms(self) -> int:
        return max(1, round(self.retry_after * 1000))


class Unavailable(RetryLater):
    """A dependency (NATS, the database, another service) cannot be reached now: retry later."""

    code = grpc.StatusCode.UNAVAILABLE
    reason = "UNAVAILABLE"

    def __init__(self, message: str, retry_after: float = UNAVAILABLE_RETRY_SECONDS, **info) -> None:
        super().__init__(message, retry_after, **info)


class ResourceExhausted(RetryLater):
    """The caller sends more than it may, or the bus holds as much as it may: retry after `retry_after` seconds."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED
    reason = "RESOURCE_EXHAUSTED"


class DeadlineExceeded(CivicpulseError):
    """The caller's deadline passed: the work stops where it is (the caller has stopped waiting)."""

    code = grpc.StatusCode.DEADLINE_EXCEEDED
    reason = "DEADLINE_EXCEEDED"


def internal_error() -> CivicpulseError:
    """What a caller learns of an unexpected failure: that it is ours, and nothing of its insides."""
    return CivicpulseError("internal error", reason="INTERNAL")


# The one classifier of "try again later": what says a dependency (the database, the bus, another
# service) cannot be reached now, or the bus is full now. The gRPC interceptor answers it as
# UNAVAILABLE or RESOURCE_EXHAUSTED with a delay, the bus consumers retry the batch
# (`civicpulse.messaging.consumer.is_transient`), ingestion refuses the call with it. Classes are
# named by module so that the runtime depends on none of these clients:
# (module, class names, the reason the caller is told, what cannot be reached).
_UNREACHABLE = (
    ("psycopg", ("OperationalError",), "DATABASE_UNAVAILABLE", "the database"),  # a pool timeout too
    ("nats.errors", ("Error",), "BUS_UNAVAILABLE", "the event bus"),  # the JetStream API's errors too
)
# The database's own refusals to wait: a lock held too long by another session (lock_timeout,
# SQLSTATE 55P03) or this session ended for sitting idle in its transaction (25P03). The work is
# fine; the holder was paused or hung.
_DATABASE_BUSY = ("LockNotAvailable", "IdleInTransactionSessionTimeout")
# JetStream's error code when a stream is at one of its limits (bytes, or messages per subject).
STREAM_LIMIT = 10077
# What a caller is told to wait when the bus is full.
BUS_FULL_RETRY_SECONDS = 5.0


def _classes(module_name: str, names: tuple[str, ...]) -> tuple[type, ...]:
    module = sys.modules.get(module_name)
    return tuple(getattr(module, name) for name in names if hasattr(module, name)) if module else ()


def dependency_failure(exc: BaseException) -> RetryLater | None:
    """The refusal to retry later that `exc` means, or None when it is no dependency's failure now:
    RESOURCE_EXHAUSTED (BUS_FULL) when a stream is at its limits, UNAVAILABLE when the database, the
    bus or another service cannot be reached, or the database gave up waiting for a lock (DATABASE_BUSY)."""
    if getattr(exc, "err_code", None) == STREAM_LIMIT and isinstance(exc, _classes("nats.js.errors", ("APIError",))):
        return ResourceExhausted("the event bus holds as much as it may; retry later", BUS_FULL_RETRY_SECONDS, reason="BUS_FULL")
    if isinstance(exc, _classes("psycopg.errors", _DATABASE_BUSY)):
        return Unavailable("the database rows needed are held by another session now; retry later", reason="DATABASE_BUSY")
    for module_name, names, reason, what in _UNREACHABLE:
        classes = _classes(module_name, names)
        if classes and isinstance(exc, classes):
            return Unavailable(f"{what} cannot be reached now; retry later", reason=reason)
    if isinstance(exc, grpc.aio.AioRpcError) and exc.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return Unavailable("another service cannot be reached now; retry later", reason="DEPENDENCY_UNAVAILABLE")
    if isinstance(exc, OSError):  # ConnectionError, TimeoutError, a name that does not resolve
        return Unavailable("a dependency cannot be reached now; retry later", reason="DEPENDENCY_UNAVAILABLE")
    return None


def error_domain(method: str | None) -> str:
    """`civicpulse.<service>` from a method of a civicpulse API (/civicpulse.ingestion.v1.X/Y), else the default."""
    package = (method or "").lstrip("/").split("/", 1)[0].split(".")
    if len(package) > 2 and package[0] == "civicpulse":
        return f"civicpulse.{package[1]}"
    return DEFAULT_DOMAIN


def _pack(message: Message) -> any_pb2.Any:
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


def to_rpc_status(error: CivicpulseError, method: str | None = None) -> status_pb2.Status:
    """google.rpc.Status: the detail of the error's kind first, then its ErrorInfo.

    ErrorInfo metadata: the error's own, the fields its problems name and, given, the method.
    """
    metadata = dict(error.metadata)
    if error.problems:
        metadata.setdefault("field", ",".join(dict.fromkeys(p.field for p in error.problems)))
    if method:
        metadata.setdefault("method", method)
    info = error_details_pb2.ErrorInfo(reason=error.reason, domain=error_domain(method), metadata=metadata)
    status = status_pb2.Status(code=getattr(code_pb2, error.code.name), message=error.message)
    status.details.extend(_pack(detail) for detail in [*error.details(), info])
    return status


# The times a request may name: far inside what a datetime holds, so that the windows and the
# history around them stay representable too.
EARLIEST_SECONDS = -2208988800  # 1900-01-01T00:00:00Z
LATEST_SECONDS = 221845392000  # 9000-01-01T00:00:00Z


def time_problem(field: str, timestamp) -> FieldProblem | None:
    """A field problem when a protobuf Timestamp lies outside the times a request may name."""
    if EARLIEST_SECONDS <= timestamp.seconds < LATEST_SECONDS:
        return None
    return FieldProblem(field, "out_of_range", "a time between the years 1900 and 9000")


# Line breaks and tabs are text; any other control character is not.
TEXT_CONTROLS = frozenset("\n\r\t")


# The control characters (Unicode category Cc): C0, DEL and C1.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether text holds a control character (a NUL, an escape, ...) other than those allowed."""
    if text.isprintable():  # no control character at all: the common case, decided in C
        return False
    return any(c not in allowed for c in _CONTROLS.findall(text))


def text_problem(field: str, text: str, line_breaks: bool = False) -> FieldProblem | None:
    """A field problem when text holds a control character (a NUL, which no database column holds,
    or any other; line breaks and tabs only where `line_breaks` allows them)."""
    if has_controls(text, TEXT_CONTROLS if line_breaks else frozenset()):
        return FieldProblem(
            field, "control_characters", "no control character" + (" but line breaks and tabs" if line_breaks else "")
        )
    return None


def check_text_fields(request: Message, identifiers: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> None:
    """InvalidArgument naming each of these text fields of `request` that holds a control character:
    `identifiers` hold none, `notes` line breaks and tabs at most."""
    problems = [text_problem(name, getattr(request, name)) for name in identifiers]
    problems += [text_problem(name, getattr(request, name), line_breaks=True) for name in notes]
    if found := tuple(p for p in problems if p):
        raise InvalidArgument("text that no field may hold", found)
