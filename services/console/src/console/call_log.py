"""One log line and the request metrics per HTTP request, as the gRPC services have per call.

Requests are named by their route (`GET /api/forecast`, `GET /static`): never by their path's
values or query, so that a label stays one of a few. Probes of /healthz are neither counted nor
logged. The caller is the signed-in person's caller name (the session notes it), never a token.
"""

from __future__ import annotations

import time

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from civicpulse.runtime.call_log import call_context, record_call

PROBES = frozenset({"/healthz"})
# A path no route serves: one label for all of them.
UNMATCHED = "unmatched"


def route_of(routes: list[BaseRoute], scope: Scope) -> str:
    """The route template that serves this request (a mount's prefix for its files)."""
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return route.path
    return UNMATCHED


class CallLog:
    """Wraps the whole application (outside the guard, so that its refusals are counted too)."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PROBES:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # Matched before the application runs: its router rewrites the scope (a mount's root path).
        method = f"{scope['method']} {route_of(self.routes, scope)}"
        status = 500  # unless a response starts

        async def send_noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with call_context() as call:
            try:
                await self.app(scope, receive, send_noted)
            finally:
                seconds = time.perf_counter() - started
                record_call(method, str(status), seconds, call.caller, {}, server_fault=status >= 500)
