"""Composition root of the console: sessions, the scoring client and the HTTPS server.

The console serves HTTP, not gRPC, so it starts and stops its own server: ready (GET /healthz
answers ok) once uvicorn listens, not ready from the moment it is asked to stop, then uvicorn
stops with grace and the channel to scoring closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

import uvicorn

from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.register import register_of
from console.http_api import ConsoleApi
from console.scoring_client import ScoringClient
from console.sessions import SessionStore
from console.settings import ConsoleSettings

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        # The service's lifecycle owns SIGTERM and SIGINT (civicpulse.runtime.lifecycle).
        yield


class ConsoleApp(ServiceApp, service="console"):
    settings: ConsoleSettings

    def __init__(self, settings: ConsoleSettings, **kwargs) -> None:
        super().__init__(settings, **kwargs)
        self.port: int | None = None
        self._ready = False

    async def build(self) -> None:
        s = self.settings
        sessions = SessionStore(timedelta(minutes=s.session_minutes), s.max_sessions, self.clock, self.city().timezone)
        scoring = ScoringClient(s.scoring_address, self.tls.ca_file if self.tls else None, s.scoring_timeout_seconds)
        self.resources.push_async_callback(scoring.close)
        register = register_of(self.partners(), self.city(), s.partners_file.read_bytes())
        api = ConsoleApi(sessions, self.callers(), scoring, lambda: register, s.static_dir, lambda: self._ready)
        await self.serve_http(api.asgi())

    async def serve_http(self, asgi) -> None:
        s = self.settings
        tls = {} if self.tls is None else {"ssl_certfile": str(self.tls.cert_file), "ssl_keyfile": str(self.tls.key_file)}
        config = uvicorn.Config(
            asgi,
            host=s.http_host,
            port=s.http_port,
            lifespan="off",
            log_config=None,
            access_log=False,
            server_header=False,
            date_header=False,
            timeout_graceful_shutdown=max(int(s.shutdown_grace_seconds), 1),
            **tls,
        )
        server = _Server(config)

        async def serve() -> None:
            try:
                await server.serve()
            except SystemExit:  # uvicorn's way of saying it could not listen (it logged why)
                pass

        task = asyncio.create_task(serve(), name="console-http")
        while not server.started:
            if task.done():
                await task  # its failure, if it raised one (unreadable certificates, say)
                raise RuntimeError(f"the console's server did not start on {s.http_host}:{s.http_port} (its log says why)")
            await asyncio.sleep(0.02)
        self.port = server.servers[0].sockets[0].getsockname()[1]

        async def stop() -> None:
            server.should_exit = True
            await task

        self.resources.push_async_callback(stop)

    async def start(self) -> None:
        try:
            await self.build()
            self.serve_metrics(self.settings.http_host)
        except BaseException:
            await self.resources.aclose()
            raise
        self._ready = True
        log.info(
            "serving %s on port %d, metrics on port %s",
            "HTTP (plaintext)" if self.tls is None else "HTTPS",
            self.port,
            self.metrics_port or "none",
            extra={"fields": {"http_port": self.port, "metrics_port": self.metrics_port}},
        )

    async def stop(self) -> None:
        self._ready = False
        await self.resources.aclose()
