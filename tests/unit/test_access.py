"""Callers' credentials and the per-method rights the interceptor enforces."""

import os
import time

import pytest
import yaml

from civicpulse.runtime.access import Caller, CallerRegistry, Role, token_digest
from civicpulse.runtime.errors import Unauthenticated


def bearer(token: str):
    return (("authorization", f"Bearer {token}"),)


def write(path, callers: dict) -> None:
    path.write_text(yaml.safe_dump({"callers": callers}))


@pytest.fixture
def callers_file(tmp_path):
    path = tmp_path / "callers.yaml"
    write(
        path,
        {
            "partner-a": {"role": "partner", "token_sha256": token_digest("token-a")},
            "app-b": {"role": "application", "token_sha256": token_digest("token-b"), "zones": ["z1"]},
            "scoring": {"role": "scoring", "certificate_names": ["scoring.civicpulse.svc"]},
        },
    )
    return path


def test_a_token_names_its_caller_and_its_role(callers_file):
    registry = CallerRegistry(callers_file)
    identity = registry.authenticate(bearer("token-a"))
    assert (identity.id, identity.role) == ("partner-a", Role.PARTNER)
    assert registry.authenticate(bearer("token-b")).caller.zones == {"z1"}


@pytest.mark.parametrize(
    ("metadata", "names", "reason"),
    [
        ((), (), "no credentials"),
        (bearer("stolen"), (), "unknown token"),
        ((("authorization", "Basic dXNlcg=="),), (), "no credentials"),
        ((), ("someone-else",), "no caller has the certificate names someone-else"),
        (bearer("token-a"), ("scoring.civicpulse.svc",), "the token is partner-a's but the certificate is scoring's"),
    ],
)
def test_anything_but_known_credentials_is_unauthenticated(callers_file, metadata, names, reason):
    with pytest.raises(Unauthenticated, match=reason):
        CallerRegistry(callers_file).authenticate(metadata, names)


def test_a_verified_certificate_names_its_caller_without_a_token(callers_file):
    identity = CallerRegistry(callers_file).authenticate((), ["scoring.civicpulse.svc", "10.0.0.7"])
    assert (identity.id, identity.role) == ("scoring", Role.SCORING)


def test_an_issued_or_revoked_credential_takes_effect_without_a_restart(callers_file):
    registry = CallerRegistry(callers_file, recheck_seconds=0)
    assert registry.authenticate(bearer("token-a")).id == "partner-a"
    write(callers_file, {"partner-c": {"role": "partner", "token_sha256": token_digest("token-c")}})
    os.utime(callers_file, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new file, as a rotated secret is
    assert registry.authenticate(bearer("token-c")).id == "partner-c"
    with pytest.raises(Unauthenticated, match="unknown token"):
        registry.authenticate(bearer("token-a"))


def test_a_broken_callers_file_keeps_the_previous_one_until_fixed(callers_file):
    registry = CallerRegistry(callers_file, recheck_seconds=0)
    callers_file.write_text("callers: {x: {role: nobody}}\n")
    os.utime(callers_file, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert registry.authenticate(bearer("token-a")).id == "partner-a"


def test_a_broken_callers_file_stops_the_service_at_start(tmp_path):
    path = tmp_path / "callers.yaml"
    path.write_text("callers: {x: {role: partner}}\n")  # no credentials at all
    with pytest.raises(SystemExit, match="token_sha256 or certificate_names"):
        CallerRegistry(path)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"role": "application", "token_sha256": "0" * 64}, "needs its zones"),
        ({"role": "operator", "token_sha256": "0" * 64, "zones": ["z1"]}, "only applications have zones"),
        ({"role": "superuser", "token_sha256": "0" * 64}, "role"),
        ({"role": "partner", "token": "plain-text"}, "token"),
    ],
)
def test_callers_are_checked_when_read(entry, message):
    with pytest.raises(ValueError, match=message):
        Caller.model_validate(entry)


def test_during_a_rotation_both_tokens_work_until_the_old_one_is_removed(tmp_path):
    path = tmp_path / "callers.yaml"
    rotating = {"role": "partner", "token_sha256": token_digest("new"), "previous_token_sha256": token_digest("old")}
    write(path, {"partner-a": rotating})
    registry = CallerRegistry(path, recheck_seconds=0)
    assert registry.authenticate(bearer("old")).id == registry.authenticate(bearer("new")).id == "partner-a"
    write(path, {"partner-a": {"role": "partner", "token_sha256": token_digest("new")}})
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    with pytest.raises(Unauthenticated, match="unknown token"):
        registry.authenticate(bearer("old"))
