"""One log line and the request metrics per call, for every gRPC method but health checks.

The line says which method, who called (the caller's name in the callers file, which the access
interceptor notes: never a credential), the status code, the time taken and how many items the
call carried (the length of the request's and the response's first repeated field, or the
messages of a stream): counts, never values. A streaming call is logged when its stream ends.
The interceptor sits inside the tracing one, so the line carries the call's trace id.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import grpc

from civicpulse.runtime import metrics

log = logging.getLogger("civicpulse.calls")

# Probes every few seconds: neither logged nor counted.
HEALTH_PREFIX = "/grpc.health.v1.Health/"
# A status that says the server failed, not the caller: logged as a warning.
SERVER_FAULTS = frozenset({grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.DATA_LOSS})


@dataclass(slots=True)
class Call:
    """What the layers inside learn of the call being served, for its log line."""

    caller: str = ""
    request: object | None = None  # the decoded request of a unary-request call


_CALL: contextvars.ContextVar[Call | None] = contextvars.ContextVar("civicpulse_call", default=None)


@contextmanager
def call_context() -> Iterator[Call]:
    """A call being served: what the layers inside note (`note_caller`, `note_request`) lands here."""
    call = Call()
    token = _CALL.set(call)
    try:
        yield call
    finally:
        _CALL.reset(token)


def note_caller(caller_id: str) -> None:
    """The authenticated caller's name (the access interceptor calls this once it knows who calls)."""
    call = _CALL.get()
    if call is not None:
        call.caller = caller_id


def note_request(request: object) -> None:
    """The decoded request, whose items the log line counts."""
    call = _CALL.get()
    if call is not None:
        call.request = request


@functools.cache
def _main_field(descriptor) -> str | None:
    """The message's first repeated field (by number): what its items are, when it has any."""
    return next((f.name for f in descriptor.fields if f.is_repeated), None)


def items(message: object) -> int | None:
    """How many items a message carries (its first repeated field); None if it has no such field."""
    descriptor = getattr(message, "DESCRIPTOR", None)
    name = _main_field(descriptor) if descriptor is not None else None
    return None if name is None else len(getattr(message, name))


class CallLogInterceptor(grpc.aio.ServerInterceptor):
    """Counts, times and logs each call. Place it outside the error-mapping interceptor (so that it
    sees the status a failure was mapped to) and inside the tracing one (so that it logs in the span)."""

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or method.startswith(HEALTH_PREFIX):
            return handler
        if handler.unary_unary:
            return handler._replace(unary_unary=_unary(handler.unary_unary, method, streamed_in=False))
        if handler.stream_unary:
            return handler._replace(stream_unary=_unary(handler.stream_unary, method, streamed_in=True))
        if handler.unary_stream:
            return handler._replace(unary_stream=_stream(handler.unary_stream, method, streamed_in=False))
        return handler._replace(stream_stream=_stream(handler.stream_stream, method, streamed_in=True))


class _Counted:
    """A request stream that counts its messages as the handler reads them."""

    __slots__ = ("messages", "_source")

    def __init__(self, source) -> None:
        self._source = source
        self.messages = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        message = await self._source.__anext__()
        self.messages += 1
        return message


def _unary(behaviour, method: str, streamed_in: bool):
    async def wrapped(request, context):
        call = Call()
        token = _CALL.set(call)
        started = time.perf_counter()
        requests = _Counted(request.__aiter__()) if streamed_in else None
        response, failure = None, None
        try:
            response = await behaviour(requests if streamed_in else request, context)
            return response
        except BaseException as exc:
            failure = exc
            raise
        finally:
            counts = {"response_items": items(response)} if response is not None else {}
            counts["messages_received" if streamed_in else "request_items"] = (
                requests.messages if streamed_in else items(call.request)
            )
            _record(method, context, call, started, failure, counts)
            _CALL.reset(token)

    return wrapped


def _stream(behaviour, method: str, streamed_in: bool):
    if not inspect.isasyncgenfunction(behaviour):  # a coroutine writing with context.write
        return _unary(behaviour, method, streamed_in)

    async def wrapped(request, context):
        call = Call()
        token = _CALL.set(call)
        started = time.perf_counter()
        requests = _Counted(request.__aiter__()) if streamed_in else None
        sent, failure = 0, None
        try:
            async for response in behaviour(requests if streamed_in else request, context):
                sent += 1
                yield response
        except BaseException as exc:
            failure = exc
            raise
        finally:
            counts = {"messages_sent": sent}
            counts["messages_received" if streamed_in else "request_items"] = (
                requests.messages if streamed_in else items(call.request)
            )
            _record(method, context, call, started, failure, counts)
            try:
                _CALL.reset(token)
            except ValueError:  # a stream closed from another context than it started in
                pass

    return wrapped


def status_of(context: grpc.aio.ServicerContext, failure: BaseException | None) -> grpc.StatusCode:
    """The status the call ends with: the one set on the context (an abort sets it), else OK, a
    cancellation, or an error nothing mapped."""
    if isinstance(failure, asyncio.CancelledError | GeneratorExit):
        return grpc.StatusCode.CANCELLED
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code
    if code is not None:  # the numeric form
        return next((c for c in grpc.StatusCode if c.value[0] == code), grpc.StatusCode.UNKNOWN)
    return grpc.StatusCode.OK if failure is None else grpc.StatusCode.UNKNOWN


def _record(
    method: str,
    context: grpc.aio.ServicerContext,
    call: Call,
    started: float,
    failure: BaseException | None,
    counts: dict[str, int | None],
) -> None:
    code = status_of(context, failure)
    record_call(method, code.name, time.perf_counter() - started, call.caller, counts, server_fault=code in SERVER_FAULTS)


def record_call(
    method: str, code: str, seconds: float, caller: str, counts: dict[str, int | None], server_fault: bool = False
) -> None:
    """Counts and times one call, and writes its log line (a warning when the server failed)."""
    metrics.REQUESTS.labels(method, code).inc()
    metrics.REQUEST_SECONDS.labels(method).observe(seconds)
    fields = {
        "method": method,
        "caller": caller or None,
        "code": code,
        "duration_ms": round(seconds * 1000, 2),
        **{name: n for name, n in counts.items() if n is not None},
    }
    level = logging.WARNING if server_fault else logging.INFO
    log.log(level, "%s %s in %.1f ms", method, code, seconds * 1000, extra={"fields": fields})
