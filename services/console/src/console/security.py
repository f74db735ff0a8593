"""What every answer carries and every change needs: security headers on each response (errors
and 404s included), the CSRF cookie, and the double-submit check of every POST.

The page is same-origin only (its CSP loads nothing from elsewhere); the session cookie is
HttpOnly, Secure and SameSite=Strict, and a POST must repeat the CSRF cookie's value in the
X-CSRF-Token header, which a page of another origin cannot read.
"""

from __future__ import annotations

import hmac

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.sessions import csrf_token

SESSION_COOKIE = "civicpulse_session"
CSRF_COOKIE = "civicpulse_csrf"
CSRF_HEADER = "x-csrf-token"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
# The built assets' names change when they do (the front end's build); the page and the API never cache.
IMMUTABLE = "public, max-age=31536000, immutable"
NO_STORE = "no-store"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def cookie_header(name: str, value: str, max_age: int | None, http_only: bool) -> str:
    """A Set-Cookie value: Secure, SameSite=Strict, Path=/ always."""
    parts = [f"{name}={value}", "Path=/", "Secure", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if http_only:
        parts.append("HttpOnly")
    return "; ".join(parts)


def cookies_of(scope: Scope) -> dict[str, str]:
    return cookie_parser(header_of(scope, b"cookie"))


def header_of(scope: Scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == name), "")


class Guard:
    """Wraps the whole application (outside Starlette's own error handling, so that even a 500
    carries the headers): refuses a POST without the CSRF double submit, adds the headers, and
    gives a browser without a CSRF cookie one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = cookies_of(scope)
        path: str = scope["path"]
        new_csrf = None if cookies.get(CSRF_COOKIE) else csrf_token()

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if path.startswith("/static/") and message["status"] in (200, 304):
                    headers["cache-control"] = IMMUTABLE
                elif "cache-control" not in headers:
                    headers["cache-control"] = NO_STORE
                if new_csrf is not None:
                    headers.append("set-cookie", cookie_header(CSRF_COOKIE, new_csrf, None, http_only=False))
            await send(message)

        if scope["method"] not in SAFE_METHODS:
            sent = header_of(scope, CSRF_HEADER.encode())
            expected = cookies.get(CSRF_COOKIE, "")
            if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
                refused = JSONResponse(
                    {
                        "error": "this request lacks its CSRF token: reload the page and try again",
                        "reason": "CSRF_TOKEN_MISSING" if not sent else "CSRF_TOKEN_MISMATCH",
                        "field_violations": [],
                    },
                    status_code=403,
                )
                await refused(scope, receive, send_guarded)
                return
        await self.app(scope, receive, send_guarded)
