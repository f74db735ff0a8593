"""One classifier of "try again later", shared by the gRPC error mapping and the bus consumers."""

import grpc
import nats.errors
import nats.js.errors
import psycopg
import psycopg_pool
import pytest

from civicpulse.messaging.consumer import TransientError, is_transient
from civicpulse.runtime.errors import BUS_FULL_RETRY_SECONDS, STREAM_LIMIT, dependency_failure


def unreachable_service() -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(grpc.StatusCode.UNAVAILABLE, grpc.aio.Metadata(), grpc.aio.Metadata(), "down")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (psycopg.OperationalError("connection refused"), "DATABASE_UNAVAILABLE"),
        (psycopg_pool.PoolTimeout("no connection after 30 s"), "DATABASE_UNAVAILABLE"),
        (nats.errors.NoServersError(), "BUS_UNAVAILABLE"),
        (nats.errors.TimeoutError(), "BUS_UNAVAILABLE"),
        (nats.js.errors.ServiceUnavailableError(), "BUS_UNAVAILABLE"),
        (nats.js.errors.APIError(code=400, err_code=STREAM_LIMIT, description="maximum bytes exceeded"), "BUS_FULL"),
        (ConnectionRefusedError(111, "refused"), "DEPENDENCY_UNAVAILABLE"),
        (OSError("database unreachable"), "DEPENDENCY_UNAVAILABLE"),
        (unreachable_service(), "DEPENDENCY_UNAVAILABLE"),
        (psycopg.DataError("text fields cannot contain NUL"), None),  # the message's fault
        (ValueError("a bug"), None),
    ],
)
def test_the_consumers_and_the_grpc_calls_tell_transient_failures_alike(exc, reason):
    refusal = dependency_failure(exc)
    assert (refusal.reason if refusal else None) == reason
    assert is_transient(exc) == (reason is not None)


def test_a_full_stream_asks_to_retry_later_and_a_transient_error_is_transient():
    full = dependency_failure(nats.js.errors.APIError(code=400, err_code=STREAM_LIMIT))
    assert full.code == grpc.StatusCode.RESOURCE_EXHAUSTED and full.retry_after == BUS_FULL_RETRY_SECONDS
    assert is_transient(TransientError("the feature store is down"))
