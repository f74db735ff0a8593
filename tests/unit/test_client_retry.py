"""The client's retry decisions, and its reading of what a refusal says. Pure: no network."""

import grpc
import pytest

from civicpulse.client import SERVICE_CONFIG, Refusal, RetryPolicy
from civicpulse.client.retry import CallFailed
from civicpulse.runtime.errors import FailedPrecondition, FieldProblem, InvalidArgument, NotFound, Resource, ResourceExhausted
from civicpulse.runtime.grpc_server import trailing_metadata

METHOD = "/civicpulse.ingestion.v1.IngestionService/IngestEvents"
POLICY = RetryPolicy.from_service_config(SERVICE_CONFIG)


def refused(error) -> grpc.aio.AioRpcError:
    """The error a client receives for a server's CivicpulseError, as the server's interceptor sends it."""
    trailers = grpc.aio.Metadata(*trailing_metadata(error, METHOD))
    return grpc.aio.AioRpcError(error.code, grpc.aio.Metadata(), trailers, error.message)


def test_the_policy_is_the_service_configs():
    assert (POLICY.max_attempts, POLICY.initial_backoff, POLICY.max_backoff, POLICY.multiplier) == (5, 0.5, 10.0, 2)
    assert POLICY.retryable == {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.DEADLINE_EXCEEDED,  # an attempt that ran out of its own time
    }
    with pytest.raises(LookupError):
        RetryPolicy.from_service_config(SERVICE_CONFIG, ("civicpulse.ingestion.v1.IngestionService", "BackfillEvents"))


def test_the_servers_retry_delay_is_waited_and_otherwise_a_jittered_exponential_backoff():
    rate_limited = Refusal.of(refused(ResourceExhausted("slow down", 1.7, reason="RATE_LIMITED")))
    assert POLICY.delay(1, rate_limited, time_left=None, draw=0.0) == 1.7
    unavailable = Refusal(grpc.StatusCode.UNAVAILABLE, "connection refused")  # no details: no server answered
    assert [POLICY.delay(n, unavailable, None, draw=1.0) for n in (1, 2, 3, 4)] == pytest.approx([0.5, 1.0, 2.0, 4.0])
    assert POLICY.delay(4, unavailable, None, draw=0.5) == pytest.approx(2.0)  # full jitter: anywhere below the cap
    assert POLICY.backoff(10, draw=1.0) == pytest.approx(10.0)  # never beyond max_backoff


def test_no_retry_when_the_code_is_final_the_attempts_are_spent_or_the_wait_outlasts_the_deadline():
    invalid = Refusal.of(refused(InvalidArgument("bad", (FieldProblem("events", "too_many", "at most 10"),))))
    assert POLICY.delay(1, invalid, None, 0.5) is None
    timed_out = Refusal(grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded")
    assert POLICY.delay(4, timed_out, None, 0.5) is not None and POLICY.delay(5, timed_out, None, 0.5) is None
    rate_limited = Refusal.of(refused(ResourceExhausted("slow down", 2.0)))
    assert POLICY.delay(1, rate_limited, time_left=2.5, draw=0.5) == 2.0
    assert POLICY.delay(1, rate_limited, time_left=1.9, draw=0.5) is None


def test_a_refusal_reads_every_detail_the_server_sent():
    error = InvalidArgument(
        "a batch carries at most 10 events, got 11",
        (FieldProblem("events", "too_many", "at most 10 per batch"),),
        reason="BATCH_TOO_LARGE",
        metadata={"max_batch_size": "10"},
    )
    refusal = Refusal.of(refused(error))
    assert (refusal.code, refusal.reason, refusal.domain) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "BATCH_TOO_LARGE",
        "civicpulse.ingestion",
    )
    assert refusal.metadata == {"max_batch_size": "10", "field": "events", "method": METHOD}
    assert [(v.field, v.reason) for v in refusal.violations] == [("events", "too_many")] and refusal.retry_delay is None
    assert str(refusal) == "INVALID_ARGUMENT BATCH_TOO_LARGE: a batch carries at most 10 events, got 11; events: too_many"
    assert Refusal.of(refused(NotFound("no model nope", Resource("model", "nope")))).resource == "model/nope"
    unmet = Refusal.of(refused(FailedPrecondition("no active model"))).preconditions
    assert [(p.type, p.description) for p in unmet] == [("FAILED_PRECONDITION", "no active model")]


def test_a_call_failed_for_good_is_still_a_grpc_error():
    failed = CallFailed(refused(ResourceExhausted("slow down", 3.0, reason="RATE_LIMITED")), attempts=5)
    assert isinstance(failed, grpc.aio.AioRpcError) and failed.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert failed.refusal.retry_delay == 3.0 and str(failed) == "RESOURCE_EXHAUSTED RATE_LIMITED: slow down (after 5 attempts)"
