"""Who is signed in: a person proves who they are with their credential (the bearer token of
their entry in the callers file) and gets a session; the token stays here, never in the page.

Sessions live in this process's memory, bounded in number and in time: with several replicas
the load balancer must keep each browser on one replica (sticky sessions), or run one replica.
A restart signs everyone out.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from civicpulse.runtime.access import CallerRegistry, Identity, Role
from civicpulse.runtime.clock import Clock
from civicpulse.runtime.errors import PermissionDenied, Unauthenticated

# Who may sign in: people of the platform team and the police and mediation applications'
# people. Partners, the scheduler and the scoring service are systems that call the APIs.
SIGN_IN_ROLES = frozenset({Role.OPERATOR, Role.APPLICATION})


@dataclass(frozen=True)
class Session:
    session_id: str = field(repr=False)
    caller: str
    role: Role
    name: str
    zones: tuple[str, ...]
    all_zones: bool
    token: str = field(repr=False)  # the caller's credential, sent on to the scoring service
    expires_at: datetime
    timezone: str = "UTC"  # the city's: the page shows dates in it, wherever the device is

    def public(self) -> dict:
        """What the page may know of the session (no token, no session id)."""
        return {
            "caller": self.caller,
            "role": self.role.value,
            "name": self.name,
            "zones": list(self.zones),
            "all_zones": self.all_zones,
            "timezone": self.timezone,
        }


def identify(registry: CallerRegistry, token: str) -> Identity:
    """The caller whose token this is, if that caller may sign in to the console."""
    if not token.strip():
        raise Unauthenticated("enter your credential (the token you were given) to sign in", reason="NO_CREDENTIALS")
    try:
        identity = registry.authenticate([("authorization", f"Bearer {token.strip()}")])
    except Unauthenticated:
        raise Unauthenticated(
            "this credential is not known: check it, or ask the platform team for yours", reason="UNKNOWN_TOKEN"
        ) from None
    if identity.role not in SIGN_IN_ROLES:
        raise PermissionDenied(
            f"{identity.id} is a {identity.role.value} credential, which may not sign in to the console: only "
            "operators and applications may (partners, the scheduler and the scoring service call the APIs directly)",
            reason="ROLE_NOT_ALLOWED",
        )
    return identity


class SessionStore:
    """Sessions by id, each ending `lifetime` after sign-in; at most `max_sessions`, the oldest
    dropped first when more sign in."""

    def __init__(self, lifetime: timedelta, max_sessions: int, clock: Clock, timezone: str = "UTC") -> None:
        self._lifetime = lifetime
        self._timezone = timezone
        self._max = max_sessions
        self._clock = clock
        self._sessions: OrderedDict[str, Session] = OrderedDict()  # oldest first

    def __len__(self) -> int:
        return len(self._sessions)

    @property
    def lifetime(self) -> timedelta:
        return self._lifetime

    def open(self, identity: Identity, token: str) -> Session:
        now = self._clock()
        self._drop_expired(now)
        while len(self._sessions) >= self._max:
            self._sessions.popitem(last=False)
        caller = identity.caller
        session = Session(
            session_id=secrets.token_urlsafe(32),
            caller=identity.id,
            role=caller.role,
            name=caller.name or identity.id,
            zones=tuple(sorted(caller.zones)),
            all_zones=caller.all_zones or caller.role is not Role.APPLICATION,
            token=token.strip(),
            expires_at=now + self._lifetime,
            timezone=self._timezone,
        )
        self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session of this id, or None (unknown, or ended)."""
        session = self._sessions.get(session_id or "")
        if session is None:
            return None
        if session.expires_at <= self._clock():
            del self._sessions[session.session_id]
            return None
        return session

    def drop(self, session_id: str | None) -> None:
        self._sessions.pop(session_id or "", None)

    def _drop_expired(self, now: datetime) -> None:
        for session_id in [sid for sid, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[session_id]


def csrf_token() -> str:
    return secrets.token_urlsafe(32)
