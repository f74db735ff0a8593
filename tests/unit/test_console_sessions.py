"""The console's sessions: only people's credentials sign in, and sessions are bounded in time and number."""

from datetime import UTC, datetime, timedelta

import pytest

from civicpulse.runtime.access import Caller, CallerRegistry, Role, token_digest
from civicpulse.runtime.errors import PermissionDenied, Unauthenticated
from console.sessions import SessionStore, identify

START = datetime(2026, 12, 7, 18, tzinfo=UTC)


def caller(token: str, role: Role, **rights) -> Caller:
    return Caller(role=role, token_sha256=token_digest(token), **rights)


REGISTRY = CallerRegistry.of(
    {
        "operator": caller("op-token", Role.OPERATOR),
        "app": caller("app-token", Role.APPLICATION, zones=frozenset({"z2", "z1"})),
        "partner": caller("partner-token", Role.PARTNER),
        "scheduler": caller("scheduler-token", Role.SCHEDULER),
    }
)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_only_operators_and_applications_sign_in():
    assert identify(REGISTRY, " op-token ").id == "operator"
    assert identify(REGISTRY, "app-token").id == "app"
    for token in ("partner-token", "scheduler-token"):
        with pytest.raises(PermissionDenied, match="only operators and applications"):
            identify(REGISTRY, token)
    for token in ("", "nobody"):
        with pytest.raises(Unauthenticated):
            identify(REGISTRY, token)


def test_a_session_says_its_zones_and_ends_with_its_lifetime():
    clock = Clock()
    store = SessionStore(timedelta(minutes=30), 10, clock, "America/Chicago")
    session = store.open(identify(REGISTRY, "app-token"), "app-token")
    assert session.public() == {
        "caller": "app",
        "role": "application",
        "name": "app",
        "zones": ["z1", "z2"],
        "all_zones": False,
        "timezone": "America/Chicago",
    }
    assert "app-token" not in repr(session) and session.session_id not in repr(session)
    assert store.open(identify(REGISTRY, "op-token"), "op-token").public()["all_zones"] is True
    clock.now += timedelta(minutes=29)
    assert store.get(session.session_id) == session
    clock.now += timedelta(minutes=1)
    assert store.get(session.session_id) is None and store.get(None) is None


def test_past_its_bound_the_oldest_session_goes_first():
    clock = Clock()
    store = SessionStore(timedelta(hours=1), 2, clock)
    identity = identify(REGISTRY, "op-token")
    first, second = store.open(identity, "op-token"), store.open(identity, "op-token")
    third = store.open(identity, "op-token")
    assert len(store) == 2 and store.get(first.session_id) is None
    assert store.get(second.session_id) and store.get(third.session_id)
    store.drop(third.session_id)
    assert store.get(third.session_id) is None
