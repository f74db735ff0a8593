"""The console's HTTP contract against the real thing: the console in-process on uvicorn, over
HTTPS with a certificate of a throwaway CA, and in plaintext in front of a real scoring service
(on real PostgreSQL and NATS): sign-in by role, cookie flags, CSRF, headers on every answer,
refusals with their field violations, and an application's zones."""

from __future__ import annotations

import asyncio
import ssl
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import yaml

from civicpulse.devstack.callers import MEDIATION_APP, MEDIATION_ZONES
from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.runtime.access import CallerRegistry
from console.app import ConsoleApp
from console.security import CONTENT_SECURITY_POLICY
from console.settings import ConsoleSettings
from scoring.app import ScoringApp
from scoring.settings import ScoringSettings
from support import CALLERS_FILE, CONFIG, OPERATOR_TOKEN, SCHEDULER_TOKEN, SCORING_TOKEN

pytestmark = pytest.mark.integration
HOUSTON = CONFIG / "cities" / "houston.yaml"
PAGE = "<!doctype html><title>civicpulse</title>"
OPERATOR = {"token": OPERATOR_TOKEN}
MEDIATION = {"token": "demo-mediation-team-app-token"}
NOWHERE = "127.0.0.1:9"  # nothing listens there


class Browser:
    """A browser's part of the contract: keeps the cookies it is given (and each Set-Cookie as
    sent, to read its flags) and sends the CSRF cookie back in X-CSRF-Token on a POST."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.cookies: dict[str, str] = {}
        self.set_cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, csrf: bool = True, **kwargs) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST" and csrf and "civicpulse_csrf" in self.cookies:
            headers.setdefault("x-csrf-token", self.cookies["civicpulse_csrf"])
        response = await self.client.request(method, path, headers=headers, **kwargs)
        self.client.cookies.clear()  # this class keeps the cookies, as sent
        for line in response.headers.get_list("set-cookie"):
            name, value = line.split(";", 1)[0].split("=", 1)
            self.set_cookies[name] = line
            if "Max-Age=0" in line:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    async def get(self, path: str, **kwargs) -> httpx.Response:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs) -> httpx.Response:
        return await self.request("POST", path, **kwargs)

    async def sign_in(self, credential: dict) -> httpx.Response:
        if "civicpulse_csrf" not in self.cookies:
            assert (await self.get("/")).status_code == 200
        return await self.post("/api/signin", json=credential)


def flags(set_cookie: str) -> set[str]:
    return {part.strip() for part in set_cookie.split(";")[1:]}


def static_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "static"
    (directory / "dist").mkdir(parents=True)
    (directory / "index.html").write_text(PAGE)
    (directory / "dist" / "app.js").write_text("console.log('civicpulse')\n")
    return directory


@asynccontextmanager
async def console(tmp_path: Path, scoring_address: str, tls: bool, callers_file: Path = CALLERS_FILE):
    """The console in-process on a free port; a client that trusts its certificate (with `tls`)."""
    settings = dict(
        city_profile=HOUSTON,
        callers_file=callers_file,
        partners_file=CONFIG / "partners.yaml",
        http_host="127.0.0.1",
        http_port=0,
        metrics_port=0,  # a free one: tests run side by side
        scoring_address=scoring_address,
        scoring_timeout_seconds=5,
        static_dir=static_dir(tmp_path),
        shutdown_grace_seconds=1,
    )
    if tls:
        ca = CertificateAuthority(tmp_path / "tls")
        issued = ca.issue("console")
        settings.update(tls_cert_file=issued.cert_file, tls_key_file=issued.key_file, tls_ca_file=ca.ca_file)
        verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca.ca_file))
    else:
        settings.update(plaintext=True)
        verify = False
    app = ConsoleApp(ConsoleSettings(**settings))
    await app.start()
    try:
        base = f"{'https' if tls else 'http'}://127.0.0.1:{app.port}"
        async with httpx.AsyncClient(base_url=base, verify=verify, timeout=15) as client:
            yield Browser(client)
    finally:
        await app.stop()


@pytest.fixture
async def scoring(nats_url, database_url):
    settings = ScoringSettings(
        plaintext=True,
        callers_file=CALLERS_FILE,
        city_profile=HOUSTON,
        grpc_host="127.0.0.1",
        grpc_port=0,
        metrics_port=0,
        nats_url=nats_url,
        database_url=database_url,
        feature_store_address=NOWHERE,
        feature_store_token=SCORING_TOKEN,
        schedule_minutes=0,
    )
    app = ScoringApp(settings)
    await app.start()
    yield f"127.0.0.1:{app.grpc.port}"
    await app.stop()


def assert_guarded(response: httpx.Response) -> None:
    h = response.headers
    assert h["content-security-policy"] == CONTENT_SECURITY_POLICY, response.request.url
    assert "frame-ancestors 'none'" in h["content-security-policy"] and "object-src 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert h["strict-transport-security"].startswith("max-age=")
    assert "server" not in h


async def test_over_https_people_sign_in_by_role_with_their_credential(tmp_path, city):
    async with console(tmp_path, NOWHERE, tls=True) as browser:
        page = await browser.get("/")
        assert page.status_code == 200 and page.text == PAGE and page.headers["content-type"].startswith("text/html")
        assert flags(browser.set_cookies["civicpulse_csrf"]) == {"Path=/", "Secure", "SameSite=Strict"}  # readable by the page

        # Systems may not sign in; unknown credentials are not known; neither gets a session.
        partner = await browser.post("/api/signin", json={"token": "demo-houston-police-token"})
        assert partner.status_code == 403
        assert partner.json()["reason"] == "ROLE_NOT_ALLOWED" and "only operators and applications" in partner.json()["error"]
        assert (await browser.post("/api/signin", json={"token": SCHEDULER_TOKEN})).status_code == 403
        assert (await browser.post("/api/signin", json={"token": SCORING_TOKEN})).status_code == 403
        unknown = await browser.post("/api/signin", json={"token": "demo-nobody-token"})
        assert unknown.status_code == 401 and unknown.json()["error"]
        malformed = await browser.post("/api/signin", content=b"not json")
        assert malformed.status_code == 400 and malformed.json()["field_violations"][0]["field"] == "token"
        assert "civicpulse_session" not in browser.cookies
        assert (await browser.get("/api/session")).status_code == 401

        signed = await browser.sign_in(OPERATOR)
        assert signed.status_code == 200
        assert signed.json() == {
            "caller": "duty-operator",
            "role": "operator",
            "name": "Platform team operator",
            "zones": [],
            "all_zones": True,
            "timezone": city.timezone,
        }
        assert OPERATOR_TOKEN not in signed.text and OPERATOR_TOKEN not in browser.set_cookies["civicpulse_session"]
        assert {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"} <= flags(browser.set_cookies["civicpulse_session"])
        assert (await browser.get("/api/session")).json() == signed.json()

        # The scoring service cannot be reached: said in words, 503.
        unreachable = await browser.get("/api/models")
        assert unreachable.status_code == 503 and "cannot be reached" in unreachable.json()["error"]

        assert (await browser.post("/api/signout")).status_code == 204
        assert "civicpulse_session" not in browser.cookies
        assert (await browser.get("/api/session")).status_code == 401

        health = await browser.get("/healthz")
        assert health.status_code == 200 and health.text == "ok"


async def test_a_post_without_its_csrf_token_is_refused(tmp_path):
    async with console(tmp_path, NOWHERE, tls=True) as browser:
        assert (await browser.get("/")).status_code == 200
        missing = await browser.post("/api/signin", csrf=False, json=OPERATOR)
        assert missing.status_code == 403 and missing.json()["reason"] == "CSRF_TOKEN_MISSING"
        forged = await browser.post("/api/signin", json=OPERATOR, headers={"x-csrf-token": "guessed"})
        assert forged.status_code == 403 and forged.json()["reason"] == "CSRF_TOKEN_MISMATCH"
        assert "civicpulse_session" not in browser.cookies
        assert (await browser.post("/api/signin", json=OPERATOR)).status_code == 200
        # Signed in, a POST still needs it: the session cookie alone does not sign out.
        assert (await browser.post("/api/signout", csrf=False)).status_code == 403
        assert (await browser.get("/api/session")).status_code == 200


async def test_every_answer_carries_the_security_headers(tmp_path):
    async with console(tmp_path, NOWHERE, tls=True) as browser:
        answers = [
            await browser.get("/"),
            await browser.get("/healthz"),
            await browser.get("/static/dist/app.js"),
            await browser.get("/static/dist/missing.js"),
            await browser.get("/no/such/page"),
            await browser.get("/api/zones"),  # not signed in
            await browser.post("/api/signin", csrf=False, json=OPERATOR),
            await browser.request("DELETE", "/api/session"),
        ]
        assert [a.status_code for a in answers] == [200, 200, 200, 404, 404, 401, 403, 403]
        for answer in answers:
            assert_guarded(answer)
        asset = answers[2]
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable" and "civicpulse" in asset.text
        assert answers[0].headers["cache-control"] == "no-store" and answers[5].headers["cache-control"] == "no-store"
        assert answers[5].json()["reason"] == "NOT_SIGNED_IN"


async def test_a_missing_page_is_a_clean_404(tmp_path):
    async with console(tmp_path, NOWHERE, tls=False) as browser:
        (tmp_path / "static" / "index.html").unlink()
        answer = await browser.get("/")
        assert answer.status_code == 404 and "make setup" in answer.text
        assert_guarded(answer)


async def test_data_pages_answer_the_scoring_calls_and_their_refusals(tmp_path, scoring):
    async with console(tmp_path, scoring, tls=False) as browser:
        assert (await browser.get("/api/models")).status_code == 401
        assert (await browser.sign_in(OPERATOR)).status_code == 200

        assert (await browser.get("/api/models")).json() == {"models": []}
        missing = await browser.get("/api/card", params={"model_version": "nope"})
        assert missing.status_code == 404 and missing.json()["reason"] == "MODEL_NOT_FOUND" and missing.json()["error"]

        # The API's own refusal, with its field violations.
        far = await browser.get("/api/riskmap", params={"kind": "zone", "lead_day": "99"})
        assert far.status_code == 400, far.text
        assert [v["field"] for v in far.json()["field_violations"]] == ["lead_day"]

        # The console's: refused before any call, each parameter named.
        bad = await browser.get("/api/riskmap", params={"kind": "zon", "lead_day": "x", "colour": "red"})
        assert bad.status_code == 400 and bad.json()["reason"] == "INVALID_QUERY"
        assert sorted(v["field"] for v in bad.json()["field_violations"]) == ["colour", "kind", "lead_day"]
        both = await browser.get("/api/forecast", params={"zone_id": "a", "cell": "b"})
        assert both.status_code == 400 and both.json()["field_violations"][0]["field"] == "zone_id"
        # A time's offset whose "+" arrived as a space is still a time: the API judges it, not the console.
        spaced = await browser.get("/api/riskmap", params={"kind": "cell", "target_time": "2010-08-31T20:00:00 00:00"})
        assert spaced.json()["reason"] != "INVALID_QUERY", spaced.text
        dates = await browser.get("/api/history", params={"start": "yesterday", "end": "2026-12-01", "kind": "zone"})
        assert [v["field"] for v in dates.json()["field_violations"]] == ["start"]

        register = (await browser.get("/api/register")).json()
        assert register["city"] == "Houston" and "houston-police" in {p["partner"] for p in register["partners"]}

        everything = (await browser.get("/api/zones")).json()
        city_zones = {z["zone_id"] for z in everything["zones"]}
        assert everything["city"] == "Houston" and len(city_zones) > MEDIATION_ZONES


async def test_an_application_sees_only_its_zones(tmp_path, scoring):
    allowed = CallerRegistry(CALLERS_FILE).get(MEDIATION_APP).zones
    async with console(tmp_path, scoring, tls=False) as browser:
        signed = await browser.sign_in(MEDIATION)
        assert signed.json()["role"] == "application" and signed.json()["all_zones"] is False
        assert set(signed.json()["zones"]) == allowed
        zones = await browser.get("/api/zones", params={"include_cells": "1"})
        assert zones.status_code == 200
        seen = zones.json()["zones"]
        assert {z["zone_id"] for z in seen} == allowed and all(z["cells"] for z in seen)
        # Operators' pages are the API's to refuse: an application may read the registry.
        assert (await browser.get("/api/models")).status_code == 200


async def test_a_console_that_cannot_listen_says_so_and_a_stopped_one_is_gone(tmp_path):
    async with console(tmp_path / "first", NOWHERE, tls=False) as browser:
        port = int(str(browser.client.base_url).rsplit(":", 1)[1])
        taken = ConsoleSettings(
            city_profile=HOUSTON,
            callers_file=CALLERS_FILE,
            partners_file=CONFIG / "partners.yaml",
            plaintext=True,
            http_host="127.0.0.1",
            http_port=port,
            metrics_port=0,
        )
        with pytest.raises(RuntimeError, match=f"did not start on 127.0.0.1:{port}"):
            await ConsoleApp(taken).start()
        assert (await browser.get("/healthz")).text == "ok"  # the first one still serves
    with pytest.raises(httpx.ConnectError):
        await httpx.AsyncClient().get(f"http://127.0.0.1:{port}/healthz")


async def test_a_revoked_credential_ends_its_session(tmp_path):
    callers_file = tmp_path / "callers.yaml"
    callers_file.write_text(CALLERS_FILE.read_text())
    async with console(tmp_path, NOWHERE, tls=False, callers_file=callers_file) as browser:
        assert (await browser.sign_in(MEDIATION)).status_code == 200
        assert (await browser.get("/api/session")).status_code == 200
        # The platform team removes the mediation team's entry; the file is read again within a second.
        document = yaml.safe_load(callers_file.read_text())
        del document["callers"][MEDIATION_APP]
        callers_file.write_text(yaml.safe_dump(document))
        await asyncio.sleep(1.2)
        ended = await browser.get("/api/session")
        assert ended.status_code == 401 and ended.json()["reason"] == "NOT_SIGNED_IN"
        assert (await browser.sign_in(MEDIATION)).status_code == 401
