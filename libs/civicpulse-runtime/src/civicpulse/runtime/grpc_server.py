"""gRPC server construction: health, reflection, error mapping, telemetry, a log line per call; the caller's deadline.
Serving is separate."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from civicpulse.runtime.access import AccessInterceptor, CallerRegistry
from civicpulse.runtime.call_log import CallLogInterceptor
from civicpulse.runtime.errors import (
    CivicpulseError,
    DeadlineExceeded,
    RetryLater,
    dependency_failure,
    internal_error,
    to_rpc_status,
)
from civicpulse.runtime.telemetry import grpc_server_interceptors

log = logging.getLogger(__name__)


class ErrorMappingInterceptor(grpc.aio.ServerInterceptor):
    """Turns CivicpulseError into its status with rich details; a dependency that cannot be reached
    into UNAVAILABLE with a delay to retry after; hides everything else as INTERNAL."""

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        method = handler_call_details.method
        if handler.unary_unary:
            return handler._replace(unary_unary=_wrap_unary(handler.unary_unary, method))
        if handler.unary_stream:
            return handler._replace(unary_stream=_wrap_stream(handler.unary_stream, method))
        if handler.stream_unary:
            return handler._replace(stream_unary=_wrap_unary(handler.stream_unary, method))
        if handler.stream_stream:
            return handler._replace(stream_stream=_wrap_stream(handler.stream_stream, method))
        return handler


def trailing_metadata(error: CivicpulseError, method: str | None = None) -> tuple[tuple[str, str | bytes], ...]:
    """The status details of `error`, and for a retryable one the server's pushback, which gRPC's own
    retries (a service config's retryPolicy, in any language) honour as the delay before retrying."""
    metadata: tuple[tuple[str, str | bytes], ...] = (
        ("grpc-status-details-bin", to_rpc_status(error, method).SerializeToString()),
    )
    if isinstance(error, RetryLater):
        metadata += (("grpc-retry-pushback-ms", str(error.retry_after_ms)),)
    return metadata


async def _abort(context: grpc.aio.ServicerContext, exc: Exception, method: str) -> None:
    error = exc if isinstance(exc, CivicpulseError) else dependency_failure(exc)
    if error is None:
        log.exception("unhandled error in %s", method)
        error = internal_error()
    elif not isinstance(exc, CivicpulseError):
        log.warning("%s: %s (%s: %s)", method, error.message, type(exc).__name__, exc)  # the cause, for us only
    await context.abort(error.code, error.message, trailing_metadata(error, method))


def _wrap_unary(behaviour: Callable[..., Awaitable[object]], method: str):
    async def wrapped(request, context):
        try:
            return await behaviour(request, context)
        except Exception as exc:
            if isinstance(exc, grpc.aio.AbortError):
                raise
            await _abort(context, exc, method)

    return wrapped


def _wrap_stream(behaviour, method: str):
    """A streaming handler with errors mapped. gRPC takes two kinds: an async generator, or a
    coroutine that writes with `context.write` (the health service's Watch): each is wrapped as
    what it is, since iterating a coroutine fails."""
    if not inspect.isasyncgenfunction(behaviour):
        return _wrap_unary(behaviour, method)

    async def wrapped(request, context):
        try:
            async for item in behaviour(request, context):
                yield item
        except Exception as exc:
            if isinstance(exc, grpc.aio.AbortError):
                raise
            await _abort(context, exc, method)

    return wrapped


def time_left(context: grpc.aio.ServicerContext, doing: str) -> float | None:
    """Seconds left before the caller's deadline (None: it set none); DeadlineExceeded once it has
    passed, so that no work starts that the caller no longer waits for. `doing` says what would have."""
    remaining = context.time_remaining()
    if remaining is not None and remaining <= 0:
        raise DeadlineExceeded(f"the deadline passed before {doing}")
    return remaining


@dataclass
class GrpcServer:
    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer

    service_names: Sequence[str] = ()
    mtls_port: int | None = None

    async def set_serving(self, serving: bool) -> None:
        """Readiness of the whole server ("") and of each of its services."""
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ("", *self.service_names):
            await self.health.set(name, status)


def create_server(
    register: Iterable[Callable[[grpc.aio.Server], None]],
    service_names: Sequence[str],
    host: str = "[::]",
    port: int = 0,
    access: AccessInterceptor | None = None,
    credentials: grpc.ServerCredentials | None = None,
    mtls_port: int | None = None,
    mtls_credentials: grpc.ServerCredentials | None = None,
    max_receive_bytes: int = 16 * 1024 * 1024,
) -> GrpcServer:
    """Builds a server with the given servicers plus health and reflection; binds, does not start.

    Health reports NOT_SERVING until the composition root says its dependencies are reachable.
    Without `access`, every method but health is refused; without `credentials`, the port is plaintext.
    With `mtls_port`, a second port requires client certificates (gRPC Python cannot ask for one
    without requiring it), so that callers identified by certificate and by token share a server.
    """
    access = access or AccessInterceptor(CallerRegistry.of({}), {})
    server = grpc.aio.server(
        interceptors=[*grpc_server_interceptors(), CallLogInterceptor(), ErrorMappingInterceptor(), access],
        options=[("grpc.max_send_message_length", 32 * 1024 * 1024), ("grpc.max_receive_message_length", max_receive_bytes)],
    )
    for add in register:
        add(server)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection([*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    address = f"{host}:{port}"
    bound = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    bound_mtls = None
    if mtls_port is not None:
        if mtls_credentials is None:
            raise ValueError("a mutual-TLS port needs TLS credentials")
        bound_mtls = server.add_secure_port(f"{host}:{mtls_port}", mtls_credentials)
    return GrpcServer(server=server, port=bound, health=health_servicer, service_names=tuple(service_names), mtls_port=bound_mtls)
