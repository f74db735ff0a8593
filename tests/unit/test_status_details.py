"""The error hierarchy's google.rpc details: ErrorInfo always, and the detail of each kind."""

import re

import grpc
import nats.errors
import psycopg
import psycopg_pool
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from google.rpc import error_details_pb2, status_pb2

from civicpulse.ingestion.v1 import ingestion_pb2
from civicpulse.runtime.errors import (
    DEFAULT_DOMAIN,
    CivicpulseError,
    DeadlineExceeded,
    FailedPrecondition,
    FieldProblem,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Precondition,
    Resource,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
    check_text_fields,
    dependency_failure,
    error_domain,
    internal_error,
    time_problem,
    to_rpc_status,
)
from civicpulse.runtime.grpc_server import trailing_metadata

METHOD = "/civicpulse.ingestion.v1.IngestionService/IngestEvents"
KINDS = {
    k.DESCRIPTOR.full_name: k
    for k in (
        error_details_pb2.ErrorInfo,
        error_details_pb2.BadRequest,
        error_details_pb2.RetryInfo,
        error_details_pb2.PreconditionFailure,
        error_details_pb2.ResourceInfo,
    )
}


def unpacked(status: status_pb2.Status) -> list:
    found = []
    for packed in status.details:
        detail = KINDS[packed.TypeName()]()
        packed.Unpack(detail)
        found.append(detail)
    return found


@pytest.mark.parametrize(
    ("error", "code", "reason", "kinds"),
    [
        (InvalidArgument("bad", (FieldProblem("zones", "unknown_zone", "no such zone"),)), 3, "INVALID_ARGUMENT", ["BadRequest"]),
        (Unauthenticated("who?", reason="UNKNOWN_TOKEN"), 16, "UNKNOWN_TOKEN", []),
        (PermissionDenied("no"), 7, "PERMISSION_DENIED", []),
        (NotFound("gone", Resource("model", "v1")), 5, "NOT_FOUND", ["ResourceInfo"]),
        (NotFound("gone"), 5, "NOT_FOUND", []),
        (FailedPrecondition("no active model"), 9, "FAILED_PRECONDITION", ["PreconditionFailure"]),
        (ResourceExhausted("slow down", 1.5, reason="RATE_LIMITED"), 8, "RATE_LIMITED", ["RetryInfo"]),
        (Unavailable("the bus is away"), 14, "UNAVAILABLE", ["RetryInfo"]),
        (DeadlineExceeded("too late"), 4, "DEADLINE_EXCEEDED", []),
        (internal_error(), 13, "INTERNAL", []),
    ],
)
def test_every_error_carries_the_detail_of_its_kind_then_its_error_info(error, code, reason, kinds):
    status = to_rpc_status(error, METHOD)
    *details, info = unpacked(status)
    assert (status.code, status.message) == (code, error.message)
    assert [type(d).__name__ for d in details] == kinds
    assert isinstance(info, error_details_pb2.ErrorInfo) and re.fullmatch("[A-Z][A-Z_]*", info.reason)
    assert (info.reason, info.domain, info.metadata["method"]) == (reason, "civicpulse.ingestion", METHOD)


def test_field_violations_keep_their_reason_and_name_their_fields_in_the_error_info():
    problems = (FieldProblem("zones", "unknown_zone", "no such zone"), FieldProblem("min_risk_level", "out_of_range", "1-5"))
    bad, info = unpacked(to_rpc_status(InvalidArgument("invalid subscription", problems)))
    assert [(v.field, v.reason, v.description) for v in bad.field_violations] == [
        ("zones", "unknown_zone", "unknown_zone: no such zone"),
        ("min_risk_level", "out_of_range", "out_of_range: 1-5"),
    ]
    assert dict(info.metadata) == {"field": "zones,min_risk_level"} and info.domain == DEFAULT_DOMAIN


def test_retry_info_resource_info_and_precondition_failure_say_what_they_hold():
    retry, info = unpacked(to_rpc_status(ResourceExhausted("full", 5.0, metadata={"stream": "RAW"})))
    assert retry.retry_delay.ToMilliseconds() == 5000 and info.metadata["stream"] == "RAW"
    resource, _ = unpacked(to_rpc_status(NotFound("no notification n-1", Resource("notification", "n-1", "app"))))
    assert (resource.resource_type, resource.resource_name, resource.owner, resource.description) == (
        "notification",
        "n-1",
        "app",
        "no notification n-1",
    )
    unmet = (Precondition("MODEL_STATUS", "model/v1", "v1 is active, not awaiting approval"),)
    failure, info = unpacked(to_rpc_status(FailedPrecondition("cannot approve", unmet, reason="MODEL_STATUS")))
    assert [(v.type, v.subject) for v in failure.violations] == [("MODEL_STATUS", "model/v1")]
    # Without named preconditions, the reason and the message stand for one.
    failure, _ = unpacked(to_rpc_status(FailedPrecondition("no active model")))
    assert [(v.type, v.description) for v in failure.violations] == [("FAILED_PRECONDITION", "no active model")]


def test_a_retryable_error_also_tells_grpc_retries_when_to_retry():
    metadata = dict(trailing_metadata(ResourceExhausted("slow down", 1.25), METHOD))
    assert metadata["grpc-retry-pushback-ms"] == "1250"
    assert status_pb2.Status.FromString(metadata["grpc-status-details-bin"]).code == 8
    assert "grpc-retry-pushback-ms" not in dict(trailing_metadata(InvalidArgument("bad"), METHOD))


@pytest.mark.parametrize(
    ("method", "domain"),
    [
        (METHOD, "civicpulse.ingestion"),
        ("/civicpulse.featurestore.v1.FeatureStoreService/GetFeatureMatrix", "civicpulse.featurestore"),
        ("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", DEFAULT_DOMAIN),
        (None, DEFAULT_DOMAIN),
    ],
)
def test_the_domain_is_the_service_of_the_method(method, domain):
    assert error_domain(method) == domain


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (psycopg.OperationalError("connection refused"), "DATABASE_UNAVAILABLE"),
        (psycopg_pool.PoolTimeout("couldn't get a connection after 30 s"), "DATABASE_UNAVAILABLE"),
        (nats.errors.NoServersError(), "BUS_UNAVAILABLE"),
        (nats.errors.TimeoutError(), "BUS_UNAVAILABLE"),
        (ConnectionRefusedError(111, "refused"), "DEPENDENCY_UNAVAILABLE"),
        (psycopg.DataError("text fields cannot contain NUL"), None),  # the request's fault, not a dependency's
        (ValueError("a bug"), None),
    ],
)
def test_a_dependency_that_cannot_be_reached_is_unavailable_without_its_words(exc, reason):
    error = dependency_failure(exc)
    assert (error.reason if error else None) == reason
    if error:
        assert error.code == grpc.StatusCode.UNAVAILABLE and error.retry_after > 0 and str(exc) not in error.message


def test_times_and_texts_no_service_can_hold_are_the_callers_field_problems():
    assert time_problem("issue_time", Timestamp(seconds=1283256000)) is None
    assert time_problem("issue_time", Timestamp(seconds=253402300800)) == FieldProblem(
        "issue_time", "out_of_range", "a time between the years 1900 and 9000"
    )
    check_text_fields(ingestion_pb2.FieldViolation(field="ok", description="line\nbreak"), ("field",), ("description",))
    with pytest.raises(InvalidArgument) as caught:
        check_text_fields(ingestion_pb2.FieldViolation(field="a\x00", description="tab\tbell\x07"), ("field",), ("description",))
    assert [(p.field, p.reason) for p in caught.value.problems] == [
        ("field", "control_characters"),
        ("description", "control_characters"),
    ]


def test_every_kind_names_its_default_reason_in_upper_snake():
    kinds = [CivicpulseError, *CivicpulseError.__subclasses__(), Unavailable, ResourceExhausted]
    assert all(re.fullmatch("[A-Z][A-Z_]*", kind.reason) for kind in kinds)
