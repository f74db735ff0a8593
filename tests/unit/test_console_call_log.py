"""The console's requests, counted and logged as the gRPC calls are: by route (never the path's
values), status and caller; probes left out."""

from __future__ import annotations

import logging

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route

from civicpulse.runtime import metrics
from civicpulse.runtime.call_log import note_caller
from console.call_log import UNMATCHED, CallLog


async def signed_in(request):
    note_caller("operator-console")
    return JSONResponse({"zone": request.path_params["zone"]})


async def broken(request):
    raise RuntimeError("a bug")


async def healthz(request):
    return PlainTextResponse("ok")


def app() -> CallLog:
    routes = [
        Route("/api/zones/{zone}", signed_in, methods=["GET"]),
        Route("/api/broken", broken, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Mount("/static", app=PlainTextResponse("asset")),
    ]
    return CallLog(Starlette(routes=routes), routes)


def requests(method: str, code: str) -> float:
    return metrics.REQUESTS.labels(method, code)._value.get()


async def test_requests_are_named_by_route_with_status_and_caller(caplog):
    caplog.set_level(logging.INFO, logger="civicpulse.calls")
    before = requests("GET /api/zones/{zone}", "200")
    transport = httpx.ASGITransport(app=app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        assert (await client.get("/api/zones/downtown")).status_code == 200
        assert (await client.get("/static/app.js")).status_code == 200
        assert (await client.get("/no/such/page/4711")).status_code == 404
        assert (await client.get("/api/broken")).status_code == 500
        assert (await client.get("/healthz")).status_code == 200
    lines = [r.fields for r in caplog.records if r.name == "civicpulse.calls"]
    assert [(f["method"], f["code"], f["caller"]) for f in lines] == [
        ("GET /api/zones/{zone}", "200", "operator-console"),
        ("GET /static", "200", None),
        (f"GET {UNMATCHED}", "404", None),
        ("GET /api/broken", "500", None),
    ]
    assert all(f["duration_ms"] >= 0 for f in lines)
    assert [r.levelname for r in caplog.records if r.name == "civicpulse.calls"][-1] == "WARNING"
    assert requests("GET /api/zones/{zone}", "200") == before + 1
    assert not any("downtown" in f["method"] or "4711" in f["method"] for f in lines)
