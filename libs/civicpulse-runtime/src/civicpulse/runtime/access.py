"""Who may call what: callers' credentials, and one interceptor that checks every method.

Each deployment lists its callers in a callers file, mounted from a secret:

    callers:
      houston-police-records: {role: partner, token_sha256: <hex>}
      police-dispatch-app: {role: application, token_sha256: <hex>, zones: [downtown]}
      operator-console: {role: operator, certificate_names: [operator-console]}

A caller proves who it is by a bearer token (only its SHA-256 is stored) or by a client
certificate the server verified (mutual TLS), matched on the certificate's common name or a
subject alternative name. Each service declares, per method, the roles that may call it
(`MethodRights`); the interceptor refuses everything else before the request is even decoded.
The file is read again when it changes, so a credential is issued or revoked without a restart.
"""

from __future__ import annotations

import contextvars
import enum
import hashlib
import hmac
import logging
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import grpc
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from civicpulse.runtime.call_log import note_caller, note_request
from civicpulse.runtime.errors import FieldProblem, InvalidArgument, PermissionDenied, Unauthenticated

log = logging.getLogger(__name__)


class Role(enum.StrEnum):
    PARTNER = "partner"  # a partner system sending events
    APPLICATION = "application"  # a police or mediation application receiving notifications
    OPERATOR = "operator"  # a person of the platform team (models, scoring)
    SCHEDULER = "scheduler"  # a scheduled job that trains and scores
    SCORING = "scoring"  # the scoring service, reading feature matrices


class Caller(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    role: Role
    name: str = ""
    # SHA-256 of the caller's bearer token; the token itself is never stored.
    token_sha256: str | None = Field(None, pattern="^[0-9a-f]{64}$")
    # During a rotation, the token being replaced: both work until this line is removed.
    previous_token_sha256: str | None = Field(None, pattern="^[0-9a-f]{64}$")
    # Names a verified client certificate may carry (common name or subject alternative name).
    certificate_names: tuple[str, ...] = ()
    # Applications only: the zones of the city profile this application may see.
    zones: frozenset[str] = frozenset()
    all_zones: bool = False

    @model_validator(mode="after")
    def _credentials(self) -> Caller:
        if not self.token_sha256 and not self.certificate_names:
            raise ValueError("a caller needs a token_sha256 or certificate_names")
        if self.role is Role.APPLICATION and not (self.zones or self.all_zones):
            raise ValueError("an application needs its zones (or all_zones: true)")
        if self.role is not Role.APPLICATION and (self.zones or self.all_zones):
            raise ValueError("only applications have zones")
        return self

    def has_token(self, digest: str) -> bool:
        return any(known and hmac.compare_digest(digest, known) for known in (self.token_sha256, self.previous_token_sha256))

    def may_see(self, zone: str) -> bool:
        return self.all_zones or zone in self.zones


@dataclass(frozen=True)
class Identity:
    """An authenticated caller: its id in the callers file and what the file says of it."""

    id: str
    caller: Caller

    @property
    def role(self) -> Role:
        return self.caller.role


class CallersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    callers: dict[str, Caller]


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CallerRegistry:
    """The callers file, re-read when it changes (a rotated secret), at most once a second."""

    def __init__(self, path: Path, recheck_seconds: float = 1.0) -> None:
        self._path = path
        self._recheck = recheck_seconds
        self._stamp: tuple[int, int] | None = None
        self._checked_at = 0.0
        self._callers: dict[str, Caller] = {}
        self._reload(first=True)

    @classmethod
    def of(cls, callers: Mapping[str, Caller]) -> CallerRegistry:
        registry = cls.__new__(cls)
        registry._path, registry._recheck, registry._stamp, registry._checked_at = None, float("inf"), None, 0.0
        registry._callers = dict(callers)
        return registry

    def _reload(self, first: bool = False) -> None:
        stat = os.stat(self._path)
        stamp = (stat.st_mtime_ns, stat.st_ino)
        if stamp == self._stamp:
            return
        try:
            with open(self._path, encoding="utf-8") as handle:
                self._callers = CallersFile.model_validate(yaml.safe_load(handle)).callers
        except (OSError, ValidationError, yaml.YAMLError) as exc:
            if first:
                raise SystemExit(f"callers file {self._path}: {exc}") from None
            log.error("callers file %s is invalid, keeping the previous one: %s", self._path, exc)
        self._stamp = stamp
        if not first:
            log.info("callers file %s reloaded: %d callers", self._path, len(self._callers))

    def callers(self) -> dict[str, Caller]:
        now = time.monotonic()
        if self._path is not None and now - self._checked_at >= self._recheck:
            self._checked_at = now
            try:
                self._reload()
            except OSError as exc:  # a secret being swapped: keep what we have
                log.warning("callers file %s unreadable, keeping the previous one: %s", self._path, exc)
        return self._callers

    def get(self, caller_id: str) -> Caller | None:
        return self.callers().get(caller_id)

    def authenticate(self, metadata: Iterable[tuple[str, str | bytes]] | None, certificate_names: Iterable[str] = ()) -> Identity:
        """The caller of a certificate the server verified, or of the bearer token; the two must agree."""
        callers = self.callers()
        by_certificate = None
        names = set(certificate_names)
        if names:
            matches = {cid for cid, c in callers.items() if names.intersection(c.certificate_names)}
            if len(matches) > 1:
                raise Unauthenticated(
                    f"the client certificate matches several callers: {', '.join(sorted(matches))}",
                    reason="AMBIGUOUS_CERTIFICATE",
                )
            by_certificate = next(iter(matches), None)
        token = bearer_token(metadata)
        by_token = None
        if token:
            digest = token_digest(token)
            by_token = next((cid for cid, c in callers.items() if c.has_token(digest)), None)
            if by_token is None:
                raise Unauthenticated(
                    "unknown token: no caller has it (misspelt or revoked? the platform team issues tokens)",
                    reason="UNKNOWN_TOKEN",
                )
        if by_certificate and by_token and by_certificate != by_token:
            raise Unauthenticated(
                f"the token is {by_token}'s but the certificate is {by_certificate}'s", reason="CREDENTIALS_DISAGREE"
            )
        caller_id = by_certificate or by_token
        if caller_id is None:
            if names:
                raise Unauthenticated(
                    f"no caller has the certificate names {', '.join(sorted(names))}", reason="UNKNOWN_CERTIFICATE"
                )
            raise Unauthenticated(
                "no credentials: send `authorization: Bearer <token>` or a client certificate the platform knows",
                reason="NO_CREDENTIALS",
            )
        return Identity(caller_id, callers[caller_id])


def bearer_token(metadata: Iterable[tuple[str, str | bytes]] | None) -> str:
    for key, value in metadata or ():
        if key.lower() == "authorization":
            text = value.decode() if isinstance(value, bytes) else value
            if text.startswith("Bearer "):
                return text[len("Bearer ") :].strip()
    return ""


_CURRENT: contextvars.ContextVar[Identity] = contextvars.ContextVar("civicpulse_caller")


def current_caller() -> Identity:
    """The authenticated caller of the call being served (set by the interceptor)."""
    try:
        return _CURRENT.get()
    except LookupError:
        raise RuntimeError("no caller: the method is not behind the AccessInterceptor") from None


# The schemas are the published protos (free software): anyone may read them. Refused, reflection
# clients (buf curl, grpcurl) say only "service not found in schema"; answered, they make the call,
# whose refusal then says why (an unknown token, none at all).
REFLECTION_METHODS = frozenset(
    {
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    }
)
# Methods anyone may call: kubelet probes carry no credentials; the schemas.
PUBLIC_METHODS = frozenset({"/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch", *REFLECTION_METHODS})

MethodRights = Mapping[str, frozenset[Role]]


def method_rights(service: str, rights: Mapping[str, Iterable[Role]]) -> dict[str, frozenset[Role]]:
    """{"/pkg.Service/Method": roles} from a service's full name and {method: roles}."""
    return {f"/{service}/{method}": frozenset(roles) for method, roles in rights.items()}


def certificate_names(context: grpc.aio.ServicerContext) -> list[str]:
    """The names of the client certificate, when TLS verified one."""
    properties = context.auth_context() or {}
    names = [*properties.get("x509_common_name", ()), *properties.get("x509_subject_alternative_name", ())]
    return [n.decode() if isinstance(n, bytes) else n for n in names]


class AccessInterceptor(grpc.aio.ServerInterceptor):
    """Authenticates and authorises every call before its request is decoded.

    Methods without declared rights are refused to everyone (a new method is closed until its
    rights are written down). Place it inside the error-mapping interceptor so refusals keep
    their status and reason.
    """

    def __init__(self, registry: CallerRegistry, rights: MethodRights) -> None:
        self._registry = registry
        self._rights = rights

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or method in PUBLIC_METHODS:
            return handler
        allowed = self._rights.get(method, frozenset())
        deserialize = handler.request_deserializer or (lambda raw: raw)

        def admit(context) -> None:
            identity = self._registry.authenticate(context.invocation_metadata(), certificate_names(context))
            note_caller(identity.id)  # for the call's log line, refused or not
            if identity.role not in allowed:
                who = f"{identity.id} ({identity.role})"
                raise PermissionDenied(
                    f"{who} may not call {method}"
                    + (f"; it is for: {', '.join(sorted(allowed))}" if allowed else "; no caller may"),
                    reason="ROLE_NOT_ALLOWED",
                    metadata={"caller": identity.id, "role": identity.role, "allowed_roles": ",".join(sorted(allowed))},
                )
            _CURRENT.set(identity)

        def decode(raw: bytes):
            try:
                return deserialize(raw)
            except Exception:
                raise InvalidArgument(
                    f"the request is not a valid {method} message",
                    (FieldProblem("request", "malformed", "the bytes do not decode as this method's request"),),
                    reason="MALFORMED_REQUEST",
                ) from None

        # The request arrives as bytes and is decoded only once the caller is admitted.
        if handler.unary_unary:

            async def unary_unary(raw, context):
                admit(context)
                request = decode(raw)
                note_request(request)
                return await handler.unary_unary(request, context)

            return handler._replace(unary_unary=unary_unary, request_deserializer=None)
        if handler.unary_stream:

            async def unary_stream(raw, context):
                admit(context)
                request = decode(raw)
                note_request(request)
                async for response in handler.unary_stream(request, context):
                    yield response

            return handler._replace(unary_stream=unary_stream, request_deserializer=None)

        async def decoded(requests):
            async for raw in requests:
                yield decode(raw)

        if handler.stream_unary:

            async def stream_unary(requests, context):
                admit(context)
                return await handler.stream_unary(decoded(requests), context)

            return handler._replace(stream_unary=stream_unary, request_deserializer=None)

        async def stream_stream(requests, context):
            admit(context)
            async for response in handler.stream_stream(decoded(requests), context):
                yield response

        return handler._replace(stream_stream=stream_stream, request_deserializer=None)
