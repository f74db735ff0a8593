"""Child-process management for the local stack.

Every server of the local stack runs as a child process of the Python process
that started it.  This module gives them one shape:

* :class:`ManagedProcess` starts a command in its own process group (so a
  signal reaches the whole tree it forks), sends its output to a log file, and
  stops it with a signal to the group, escalating to ``SIGKILL``.
* A module-level registry holds *anything with a* ``stop()`` *method* that is
  running (managed processes, but also servers such as PostgreSQL that must be
  stopped another way, via ``pg_ctl``).  An ``atexit`` hook and the handlers
  installed by :func:`install_signal_cleanup` stop everything in it, newest
  first, so no stray server survives an exception, a failed start or Ctrl-C.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "ManagedProcess",
    "ProcessStartError",
    "Stoppable",
    "install_signal_cleanup",
    "register",
    "registered",
    "stop_all",
    "tail_file",
    "unregister",
]

log = logging.getLogger(__name__)


class ProcessStartError(RuntimeError):
    """A child process (or a server built on one) could not be started."""


@runtime_checkable
class Stoppable(Protocol):
    def stop(self) -> Any: ...


# --------------------------------------------------------------------------- registry

_registry: list[Stoppable] = []
_registry_lock = threading.RLock()
# The registry belongs to the process that filled it: a forked child (for
# instance a multiprocessing worker) must not stop its parent's servers.
_owner_pid = os.getpid()


def register(obj: Stoppable) -> None:
    """Remember ``obj`` so :func:`stop_all` stops it.  Idempotent."""
    global _owner_pid
    with _registry_lock:
        if _owner_pid != os.getpid():  # forked: start a registry of our own
            _registry.clear()
            _owner_pid = os.getpid()
        if not any(item is obj for item in _registry):
            _registry.append(obj)


def unregister(obj: Stoppable) -> None:
    """Forget ``obj`` (it stopped by itself).  Unknown objects are ignored."""
    with _registry_lock:
        for i, item in enumerate(_registry):
            if item is obj:
                del _registry[i]
                break


def registered() -> list[Stoppable]:
    """A snapshot of what is currently registered, oldest first."""
    with _registry_lock:
        return list(_registry)


def stop_all() -> None:
    """Stop everything registered, newest first; errors are logged, not raised."""
    if _owner_pid != os.getpid():
        return
    while True:
        with _registry_lock:
            if not _registry:
                return
            obj = _registry.pop()
        try:
            obj.stop()
        except Exception:  # noqa: BLE001 - cleanup must go on
            log.exception("devstack: failed to stop %r", obj)


atexit.register(stop_all)

_installed_signals: dict[int, Any] = {}
_interrupted_by: list[int] = []


def was_interrupted() -> bool:
    """Whether a SIGINT/SIGTERM stopped the processes. Python may have swallowed the
    KeyboardInterrupt (raised inside a finaliser or a weakref callback): the caller still knows."""
    return bool(_interrupted_by)


def _cleanup_handler(signum: int, frame: FrameType | None) -> None:
    _interrupted_by.append(signum)
    stop_all()
    previous = _installed_signals.get(signum, signal.SIG_DFL)
    if callable(previous):
        # e.g. Python's default SIGINT handler: raises KeyboardInterrupt.
        previous(signum, frame)
    elif previous == signal.SIG_IGN:
        return
    else:
        # SIG_DFL (or None: installed from C): restore and re-deliver so the
        # process dies of the signal as it would have without us.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def install_signal_cleanup(signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Stop all registered processes on SIGINT/SIGTERM, then behave as before.

    After cleanup the previous handler runs: for SIGINT that is Python's default
    (``KeyboardInterrupt``), for SIGTERM the default action (the process exits
    by the signal).  Signals that are ignored (``SIG_IGN``) stay ignored.
    Must be called from the main thread; calling it again is harmless.
    """
    for sig in signals:
        current = signal.getsignal(sig)
        if current is _cleanup_handler or current == signal.SIG_IGN:
            # Already ours, or deliberately ignored (nohup, background job):
            # leave it alone.
            continue
        _installed_signals[sig] = current
        signal.signal(sig, _cleanup_handler)


# --------------------------------------------------------------------------- helpers


def tail_file(path: Path | str | None, lines: int = 40, max_bytes: int = 64 * 1024) -> str:
    """The last ``lines`` lines of a text file ('' if it does not exist)."""
    if path is None:
        return ""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - max_bytes))
            data = fh.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _killpg(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


# --------------------------------------------------------------------------- ManagedProcess


class ManagedProcess:
    """One child process in its own process group, with a log file.

    ``argv`` is run without a shell.  ``env`` (if given) is the *complete*
    environment of the child.  stdout and stderr are appended to ``log_path``
    (a temporary file if not given).  ``stop_signal`` is what :meth:`stop` sends
    first (SIGTERM by default; PostgreSQL's postmaster wants SIGINT for a fast
    shutdown).
    """

    def __init__(
        self,
        name: str,
        argv: Sequence[str | os.PathLike[str]],
        env: Mapping[str, str] | None = None,
        log_path: Path | str | None = None,
        cwd: Path | str | None = None,
        *,
        stop_signal: int = signal.SIGTERM,
    ) -> None:
        self.name = name
        self.argv = [os.fspath(a) for a in argv]
        self.env = dict(env) if env is not None else None
        if log_path is None:
            fd, tmp = tempfile.mkstemp(prefix=f"civicpulse-{name}-", suffix=".log")
            os.close(fd)
            log_path = tmp
        self.log_path = Path(log_path)
        self.cwd = Path(cwd) if cwd is not None else None
        self.stop_signal = stop_signal
        self._popen: subprocess.Popen[bytes] | None = None
        self._pgid: int | None = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        state = "alive" if self.alive else "stopped"
        return f"<ManagedProcess {self.name} pid={self.pid} {state}>"

    # -- state

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen is not None else None

    @property
    def alive(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self._popen.poll() if self._popen is not None else None

    def log_tail(self, lines: int = 40) -> str:
        return tail_file(self.log_path, lines)

    # -- lifecycle

    def start(self) -> ManagedProcess:
        with self._lock:
            if self.alive:
                raise ProcessStartError(f"{self.name} is already running (pid {self.pid})")
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "ab", buffering=0) as logf:
                try:
                    self._popen = subprocess.Popen(
                        self.argv,
                        stdin=subprocess.DEVNULL,
                        stdout=logf,
                        stderr=subprocess.STDOUT,
                        env=self.env,
                        cwd=self.cwd,
                        start_new_session=True,
                        close_fds=True,
                    )
                except OSError as exc:
                    raise ProcessStartError(f"cannot start {self.name}: {' '.join(self.argv)}: {exc}") from exc
            # start_new_session: the child is the leader of its own group.
            self._pgid = self._popen.pid
            register(self)
            return self

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the process to exit; its return code, or None on timeout."""
        if self._popen is None:
            return None
        try:
            return self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout: float = 10) -> int | None:
        """Signal the process group, wait ``timeout`` s, then SIGKILL it.

        Safe to call on a process that never started, already exited or was
        already stopped.  Returns the exit code (None if never started).
        """
        with self._lock:
            popen, pgid = self._popen, self._pgid
            if popen is None or pgid is None:
                unregister(self)
                return None
            killed = False
            if popen.poll() is None:
                _killpg(pgid, self.stop_signal)
                try:
                    popen.wait(timeout)
                except subprocess.TimeoutExpired:
                    log.warning("devstack: %s did not stop in %ss, killing it", self.name, timeout)
                    _killpg(pgid, signal.SIGKILL)
                    killed = True
                    popen.wait()
            # The leader is gone; anything left in its group (a grandchild that
            # ignored the signal, or one still dying of SIGKILL) gets a short
            # grace, then SIGKILL.
            deadline = time.monotonic() + min(2.0, max(timeout, 0.1))
            while _group_alive(pgid) and time.monotonic() < deadline:
                time.sleep(0.02)
            if _group_alive(pgid) and not killed:
                _killpg(pgid, signal.SIGKILL)
            unregister(self)
            return popen.returncode

    def __enter__(self) -> ManagedProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
