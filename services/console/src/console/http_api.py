"""The console's HTTP routes: the page, its assets, the session, and the data pages, each of which
calls the scoring service as the signed-in person and answers its response as JSON.

Translates HTTP <-> sessions and scoring calls, nothing else; the contract with the front end is
in services/console/README.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from civicpulse.runtime.access import CallerRegistry
from civicpulse.runtime.call_log import note_caller
from civicpulse.runtime.errors import CivicpulseError, FieldProblem, InvalidArgument
from console.call_log import CallLog
from console.queries import PAGES, request_of
from console.refusals import Refusal
from console.scoring_client import ScoringClient
from console.security import SESSION_COOKIE, Guard, cookie_header
from console.sessions import Session, SessionStore, identify

log = logging.getLogger(__name__)

# A sign-in body is one token: anything longer is not one.
MAX_SIGN_IN_BYTES = 4096
NOT_SIGNED_IN = "you are not signed in, or your session has ended: sign in again"


class ConsoleApi:
    def __init__(
        self,
        sessions: SessionStore,
        callers: CallerRegistry,
        scoring: ScoringClient,
        register: Callable[[], dict],
        static_dir: Path,
        ready: Callable[[], bool],
    ) -> None:
        self.sessions = sessions
        self.callers = callers
        self.scoring = scoring
        self.register = register
        self.static_dir = static_dir
        self.ready = ready

    def asgi(self) -> ASGIApp:
        routes = [
            Route("/", self.page, methods=["GET"]),
            Route("/index.html", self.page, methods=["GET"]),
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/api/signin", self.sign_in, methods=["POST"]),
            Route("/api/signout", self.sign_out, methods=["POST"]),
            Route("/api/session", self.session, methods=["GET"]),
            Route("/api/register", self.register_page, methods=["GET"]),
            *(Route(f"/api/{page}", self.data_page(page), methods=["GET"]) for page in PAGES),
            Mount("/static", app=StaticFiles(directory=self.static_dir, check_dir=False), name="static"),
        ]
        handlers = {Refusal: refused, CivicpulseError: refused, HTTPException: not_found, Exception: failed}
        return CallLog(Guard(Starlette(routes=routes, exception_handlers=handlers)), routes)

    # --- the page

    async def page(self, request: Request) -> Response:
        index = self.static_dir / "index.html"
        if not index.is_file():
            return PlainTextResponse("the console's page is not built here (make setup builds it)", status_code=404)
        return FileResponse(index, media_type="text/html; charset=utf-8")

    async def healthz(self, request: Request) -> Response:
        return PlainTextResponse("ok") if self.ready() else PlainTextResponse("stopping", status_code=503)

    # --- the session

    def current(self, request: Request) -> Session:
        """The request's session, while its credential is still in the callers file as it was at sign-in
        (a revoked or re-assigned credential ends it at once)."""
        session = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        if session is not None and not self.still_valid(session):
            log.warning("session of %s ended: its credential is no longer in the callers file as it was", session.caller)
            self.sessions.drop(session.session_id)
            session = None
        if session is None:
            raise Refusal(401, NOT_SIGNED_IN, "NOT_SIGNED_IN")
        note_caller(session.caller)
        return session

    def still_valid(self, session: Session) -> bool:
        try:
            identity = identify(self.callers, session.token)
        except CivicpulseError:
            return False
        return identity.id == session.caller and identity.role is session.role

    async def sign_in(self, request: Request) -> Response:
        token = await token_of(request)
        try:
            identity = identify(self.callers, token)
            note_caller(identity.id)
        except CivicpulseError as refused:  # the caller's id, when known, never the token
            log.warning("sign-in refused (%s): %s", refused.reason, refused.message)
            raise
        self.sessions.drop(request.cookies.get(SESSION_COOKIE))
        session = self.sessions.open(identity, token)
        log.info("signed in: %s (%s)", session.caller, session.role.value)
        response = JSONResponse(session.public())
        max_age = int(self.sessions.lifetime.total_seconds())
        response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, session.session_id, max_age, http_only=True))
        return response

    async def sign_out(self, request: Request) -> Response:
        self.sessions.drop(request.cookies.get(SESSION_COOKIE))
        response = Response(status_code=204)
        response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, "", 0, http_only=True))
        return response

    async def session(self, request: Request) -> Response:
        return JSONResponse(self.current(request).public())

    # --- the data

    def data_page(self, page: str) -> Callable[[Request], Awaitable[Response]]:
        async def answer(request: Request) -> Response:
            session = self.current(request)
            message = request_of(page, request.query_params.multi_items())
            try:
                found = await self.scoring.call(PAGES[page].method, message, session.token)
            except Refusal as refusal:
                if refusal.status == 401:  # the credential was revoked or rotated: the session ends with it
                    self.sessions.drop(session.session_id)
                raise
            return JSONResponse(found)

        return answer

    async def register_page(self, request: Request) -> Response:
        self.current(request)
        request_of_register(request)
        return JSONResponse(self.register())


def request_of_register(request: Request) -> None:
    unknown = [name for name in request.query_params]
    if unknown:
        problems = tuple(FieldProblem(name, "unknown", f"this page takes no parameter {name!r}") for name in unknown)
        raise InvalidArgument("the page's parameters are not valid", problems, reason="INVALID_QUERY")


async def token_of(request: Request) -> str:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_SIGN_IN_BYTES:
            raise InvalidArgument(
                "the sign-in request is too long", (FieldProblem("token", "too_long", "a credential is a short token"),)
            )
    try:
        token = json.loads(body or b"{}").get("token")
    except (ValueError, AttributeError):
        token = None
    if not isinstance(token, str):
        raise InvalidArgument(
            'send your credential as JSON: {"token": "..."}',
            (FieldProblem("token", "missing", "the credential (the token you were given) is required"),),
            reason="INVALID_SIGN_IN",
        )
    return token


async def refused(request: Request, exc: Exception) -> Response:
    refusal = exc if isinstance(exc, Refusal) else Refusal.of_error(exc)
    return JSONResponse(refusal.body(), status_code=refusal.status)


async def not_found(request: Request, exc: HTTPException) -> Response:
    words = {404: "there is no such page", 405: "this page does not take that method"}.get(exc.status_code, exc.detail)
    return JSONResponse({"error": words, "reason": "", "field_violations": []}, status_code=exc.status_code, headers=exc.headers)


async def failed(request: Request, exc: Exception) -> Response:
    log.exception("console failure on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"error": "the console failed; try again in a moment", "reason": "INTERNAL", "field_violations": []}, 500)
