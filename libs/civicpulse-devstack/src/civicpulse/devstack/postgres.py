"""A throw-away (or persistent) PostgreSQL 15 cluster run as a child process.

Uses Debian's ``postgresql-15`` binaries (``/usr/lib/postgresql/15/bin``,
override with ``PG_BINDIR`` or ``bin_dir=``).  ``initdb`` and ``postgres``
refuse to run as root, so when we are root every server binary runs through
``runuser -u postgres --`` and the directories it writes are chowned to
``postgres``.

Layout under ``base_dir``::

    postgres/data      the cluster (reused if it already holds one)
    postgres/run       unix socket directory
    postgres.log       server log (opened by us, so it stays ours)

Durable by default: every commit is on disk before it is acknowledged (``fsync``,
``synchronous_commit`` and ``full_page_writes`` on), so a crash (``kill -9`` of the postmaster,
then crash recovery) loses nothing a client was told was committed. ``durable=False`` turns the
three off for speed, where a test asks for it: a crash may then lose committed transactions.

If the ``postgres`` user cannot reach ``base_dir`` (pytest's ``tmp_path`` lives
under a 0700 directory owned by root), or the socket path would be too long,
the cluster lives in a private temporary directory instead, which is deleted by
:meth:`PostgresServer.stop`.
"""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .ports import free_port, port_open
from .processes import ManagedProcess, ProcessStartError, register, tail_file, unregister

__all__ = ["DEFAULT_PG_BINDIR", "PostgresServer", "PostgresStartError"]

log = logging.getLogger(__name__)

DEFAULT_PG_BINDIR = "/usr/lib/postgresql/15/bin"
PG_USER = "postgres"  # the OS user the server runs as when we are root
START_TIMEOUT = 30.0
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux, keep a margin
# On when durable (PostgreSQL's own defaults, said explicitly), off in the fast mode.
DURABILITY_SETTINGS = ("fsync", "synchronous_commit", "full_page_writes")


class PostgresStartError(ProcessStartError):
    """PostgreSQL could not be initialised or started."""


def _is_root() -> bool:
    return os.geteuid() == 0


class PostgresServer:
    """A PostgreSQL server for tests and the local stack.

    >>> with PostgresServer(tmp_path) as pg:          # doctest: +SKIP
    ...     dsn = pg.create_database("feature_store")
    """

    def __init__(
        self,
        base_dir: Path | str,
        port: int | None = None,
        *,
        bin_dir: Path | str | None = None,
        start_timeout: float = START_TIMEOUT,
        settings: Mapping[str, str] | None = None,
        tls: tuple[Path, Path, Path] | None = None,
        durable: bool = True,
    ) -> None:
        self.base_dir = Path(base_dir).absolute()
        self.durable = durable
        # (certificate, key, CA): TCP connections then need TLS, and DSNs verify the server (verify-full).
        self.tls = tls
        self.bin_dir = Path(bin_dir or os.environ.get("PG_BINDIR") or DEFAULT_PG_BINDIR)
        self.start_timeout = start_timeout
        self.settings = dict(settings or {})  # extra ``-c name=value`` server settings
        self._requested_port = port
        self.port: int | None = port
        self.log_path = self.base_dir / "postgres.log"
        self._root_dir: Path | None = None  # holds data/ and run/
        self._temporary_root = False
        self._proc: ManagedProcess | None = None
        self._timescaledb: bool | None = None
        self._as_postgres = _is_root()

    def __repr__(self) -> str:
        return f"<PostgresServer port={self.port} running={self.running} durable={self.durable}>"

    # ------------------------------------------------------------------ paths

    @property
    def data_dir(self) -> Path | None:
        return self._root_dir / "data" if self._root_dir else None

    @property
    def socket_dir(self) -> Path | None:
        return self._root_dir / "run" if self._root_dir else None

    def _bin(self, name: str) -> str:
        return str(self.bin_dir / name)

    def _as_server_user(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", PG_USER, "--", *argv] if self._as_postgres else argv

    # ------------------------------------------------------------------ state

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.alive

    @property
    def timescaledb_available(self) -> bool:
        """Whether the ``timescaledb`` extension can be created on this server.

        Once the server has started this is what ``pg_available_extensions``
        says; before, whether the extension's files are installed.
        """
        if self._timescaledb is None:
            return self._timescaledb_installed()
        return self._timescaledb

    def dsn(self, dbname: str = "postgres", user: str = "postgres") -> str:
        if self.port is None:
            raise RuntimeError("PostgresServer has no port yet: call start() first")
        dsn = f"postgresql://{user}@127.0.0.1:{self.port}/{urllib.parse.quote(dbname, safe='')}"
        if self.tls:
            dsn += f"?sslmode=verify-full&sslrootcert={urllib.parse.quote(str(self.tls[2]))}"
        return dsn

    def log_tail(self, lines: int = 40) -> str:
        return tail_file(self.log_path, lines)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> PostgresServer:
        if self.running:
            return self
        register(self)  # from here on, stop_all()/atexit cleans up after us
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        t0 = time.monotonic()
        for tool in ("initdb", "pg_ctl", "postgres"):
            if not os.access(self._bin(tool), os.X_OK):
                raise PostgresStartError(
                    f"PostgreSQL binary {self._bin(tool)} not found or not executable "
                    f"(bin dir {self.bin_dir}; set PG_BINDIR to the directory holding "
                    f"initdb/pg_ctl/postgres, e.g. {DEFAULT_PG_BINDIR})"
                )
        if self._as_postgres:
            try:
                pwd.getpwnam(PG_USER)
            except KeyError:
                raise PostgresStartError(f"running as root but there is no '{PG_USER}' user to run PostgreSQL as") from None
        self.base_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_dirs()
        self._initdb()
        if self.tls:
            self._require_tls()

        self.port = self._requested_port or self.port or free_port()
        if port_open(self.port):
            raise PostgresStartError(f"port {self.port} is already in use")
        preload = self._timescaledb_installed()
        argv = [
            self._bin("postgres"),
            "-D", str(self.data_dir),
            "-p", str(self.port),
            "-c", "listen_addresses=127.0.0.1",
            "-c", f"unix_socket_directories={self.socket_dir}",
            "-c", "max_connections=200",
        ]  # fmt: skip
        durability = "on" if self.durable else "off"
        for setting in DURABILITY_SETTINGS:
            argv += ["-c", f"{setting}={durability}"]
        if preload:
            argv += [
                "-c", "shared_preload_libraries=timescaledb",
                "-c", "timescaledb.telemetry_level=off",
            ]  # fmt: skip
        for key, value in self.settings.items():
            argv += ["-c", f"{key}={value}"]
        # The postmaster runs in the foreground as our child (its output goes
        # to a log file we own); SIGINT is PostgreSQL's "fast" shutdown.
        self._proc = ManagedProcess(
            "postgres",
            self._as_server_user(argv),
            env=self._env(),
            log_path=self.log_path,
            cwd=self.base_dir,
            stop_signal=signal.SIGINT,
        )
        with open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(f"--- civicpulse.devstack: starting postgres on port {self.port}\n")
        self._proc.start()
        # Be newer than our own ManagedProcess in the registry, so stop_all()
        # stops us (via pg_ctl) before it would signal the process group.
        unregister(self)
        register(self)
        self._wait_ready()
        log.info(
            "postgres ready on port %s in %.2fs (timescaledb=%s)",
            self.port,
            time.monotonic() - t0,
            self._timescaledb,
        )

    def stop(self, keep_data: bool = False) -> None:
        """Fast shutdown (``pg_ctl stop -m fast``).  Safe to call repeatedly.

        ``keep_data``: an outage, not the end: ``start()`` brings the same cluster back on the same port.
        """
        proc, self._proc = self._proc, None
        try:
            if proc is not None:
                if proc.alive and self.data_dir is not None:
                    try:
                        subprocess.run(
                            self._as_server_user(
                                [
                                    self._bin("pg_ctl"),
                                    "stop",
                                    "-D",
                                    str(self.data_dir),
                                    "-m",
                                    "fast",
                                    "-w",
                                    "-t",
                                    "30",
                                ]  # fmt: skip
                            ),
                            env=self._env(),
                            stdin=subprocess.DEVNULL,
                            capture_output=True,
                            timeout=40,
                            check=False,
                        )
                    except (OSError, subprocess.SubprocessError) as exc:
                        log.warning("pg_ctl stop failed (%s); signalling postgres directly", exc)
                    proc.wait(10)
                # Reaps the child; SIGINT then SIGKILL to its group if pg_ctl
                # could not stop it.
                proc.stop(timeout=10)
        finally:
            unregister(self)
            self._timescaledb = None
            if self._temporary_root and self._root_dir is not None and not keep_data:
                shutil.rmtree(self._root_dir, ignore_errors=True)
                self._root_dir = None
                self._temporary_root = False

    def crash(self) -> None:
        """``kill -9`` of the postmaster, as a crash would end it: no shutdown checkpoint, its
        backends die with it. ``start()`` then runs crash recovery on the same cluster and port."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        postmaster = self._postmaster_pid()
        if postmaster is not None:
            try:
                os.kill(postmaster, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(10)
        # Backends leave when they see their postmaster gone; whatever is left of the group is killed.
        proc.stop(timeout=10)
        unregister(self)
        self._timescaledb = None

    def _postmaster_pid(self) -> int | None:
        """The postmaster's pid, from the first line of ``postmaster.pid`` in the data directory."""
        pid_file = self.data_dir / "postmaster.pid" if self.data_dir else None
        try:
            return int(pid_file.read_text().split("\n", 1)[0]) if pid_file else None
        except (OSError, ValueError):
            return None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ databases

    def create_database(self, name: str) -> str:
        """``CREATE DATABASE name``; returns its DSN."""
        import psycopg
        from psycopg import sql

        if not self.running:
            raise RuntimeError("PostgresServer is not running")
        with psycopg.connect(self.dsn(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.dsn(name)

    def dump(self, name: str) -> str:
        """The whole database as ``pg_dump`` writes it (plain SQL: schema and every row)."""
        if not self.running:
            raise RuntimeError("PostgresServer is not running")
        result = subprocess.run(
            [self._bin("pg_dump"), "--dbname", self.dsn(name)], capture_output=True, text=True, check=True, timeout=120
        )
        return result.stdout

    # ------------------------------------------------------------------ internals

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.setdefault("LC_ALL", "C")
        return env

    def _server_user_can_reach(self, path: Path) -> bool:
        if not self._as_postgres:
            return True
        res = subprocess.run(
            ["runuser", "-u", PG_USER, "--", "test", "-x", str(path)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        return res.returncode == 0

    def _prepare_dirs(self) -> None:
        if self._root_dir is not None and (self._root_dir / "data" / "PG_VERSION").exists():
            return  # started again after an outage: the same cluster
        root = self.base_dir / "postgres"
        socket_path_len = len(str(root / "run" / ".s.PGSQL.65535"))
        if socket_path_len > _MAX_SOCKET_PATH or not self._server_user_can_reach(self.base_dir):
            root = Path(tempfile.mkdtemp(prefix="civicpulse-pg-"))
            self._temporary_root = True
            log.info("postgres cluster for %s lives in temporary %s", self.base_dir, root)
        self._root_dir = root
        for d in (root, root / "data", root / "run"):
            d.mkdir(mode=0o700, exist_ok=True)
            os.chmod(d, 0o700)
            if self._as_postgres:
                pw = pwd.getpwnam(PG_USER)
                os.chown(d, pw.pw_uid, pw.pw_gid)

    def _initdb(self) -> None:
        assert self.data_dir is not None
        if (self.data_dir / "PG_VERSION").exists():
            return  # existing cluster: reuse it
        argv = self._as_server_user(
            [
                self._bin("initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                *([] if self.durable else ["--no-sync"]),
            ]  # fmt: skip
        )
        try:
            res = subprocess.run(
                argv,
                env=self._env(),
                cwd=self._root_dir,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PostgresStartError(f"initdb failed to run: {exc}") from exc
        with open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(res.stdout)
            fh.write(res.stderr)
        if res.returncode != 0:
            raise PostgresStartError(
                f"initdb failed (exit {res.returncode}) for {self.data_dir}:\n{(res.stdout + res.stderr).strip()[-4000:]}"
            )

    def _require_tls(self) -> None:
        """The server's certificate in the data directory, ssl on, and TCP without TLS refused."""
        assert self.data_dir is not None
        cert, key, _ = self.tls
        for source, name in ((cert, "server.crt"), (key, "server.key")):
            target = self.data_dir / name
            target.write_bytes(Path(source).read_bytes())
            target.chmod(0o600)
            if self._as_postgres:
                pw = pwd.getpwnam(PG_USER)
                os.chown(target, pw.pw_uid, pw.pw_gid)
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\n"
            "hostssl all all 127.0.0.1/32 trust\n"
            "hostssl all all ::1/128 trust\n"
            "hostnossl all all all reject\n"
        )
        self.settings.update({"ssl": "on", "ssl_cert_file": "server.crt", "ssl_key_file": "server.key"})

    def _timescaledb_installed(self) -> bool:
        pg_config = self._bin("pg_config")
        if not os.access(pg_config, os.X_OK):
            return False
        try:
            res = subprocess.run(
                [pg_config, "--sharedir", "--pkglibdir"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        lines = res.stdout.splitlines()
        if len(lines) < 2:
            return False
        sharedir, pkglibdir = Path(lines[0].strip()), Path(lines[1].strip())
        return (sharedir / "extension" / "timescaledb.control").is_file() and (pkglibdir / "timescaledb.so").is_file()

    def _wait_ready(self) -> None:
        import psycopg

        assert self._proc is not None
        deadline = time.monotonic() + self.start_timeout
        last_error: Any = None
        while True:
            if not self._proc.alive:
                raise PostgresStartError(
                    f"postgres exited with code {self._proc.returncode} during startup "
                    f"(port {self.port}, data {self.data_dir}); log tail ({self.log_path}):\n"
                    f"{self.log_tail()}"
                )
            try:
                with psycopg.connect(self.dsn(), autocommit=True, connect_timeout=2) as conn:
                    row = conn.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'").fetchone()
                    self._timescaledb = bool(row and row[0])
                return
            except psycopg.OperationalError as exc:
                last_error = exc
            if time.monotonic() > deadline:
                raise PostgresStartError(
                    f"postgres did not accept connections on port {self.port} within "
                    f"{self.start_timeout:.0f}s (last error: {last_error}); "
                    f"log tail ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.05)
