"""Ctrl-C (or a SIGTERM) in the middle of `make demo` stops every server and service it started."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import REPO_ROOT, descendants, process_alive

pytestmark = pytest.mark.e2e


def default_signals() -> None:
    # A shell's background job ignores SIGINT, and an ignored signal is inherited: restore it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_demo_leaves_nothing_running(tmp_path, signum):
    demo = subprocess.Popen(
        # The whole history: the demo is still replaying, settling or training when the signal comes
        # (a short slice now goes through in a blink, and its training ends at once for want of history).
        [sys.executable, "-m", "civicpulse.lab.demo", "--run-dir", str(tmp_path / "demo")],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=default_signals,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},  # the demo flushes by itself
    )
    started: set[int] = set()
    try:
        lines = []
        for line in demo.stdout:
            lines.append(line)
            if line.startswith("replaying"):  # the stack is up and the replay starts
                break
        assert lines and lines[-1].startswith("replaying"), "".join(lines)
        started = descendants(demo.pid)
        names = {Path(f"/proc/{pid}/comm").read_text().strip() for pid in started if process_alive(pid)}
        assert {"postgres", "nats-server"} <= names, names

        demo.send_signal(signum)
        output = demo.communicate(timeout=60)[0]
        deadline = time.monotonic() + 10
        while (left := {pid for pid in started if process_alive(pid)}) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert left == set(), f"still running after the demo stopped: {left}"
        if signum == signal.SIGINT:
            assert demo.returncode == 1 and "interrupted: the stack is stopped" in output, output
        else:
            assert demo.returncode == -signal.SIGTERM, output
        assert not (tmp_path / "demo" / "summary.json").exists()
    finally:
        # Whatever the test found, leave nothing behind for the next one.
        if demo.poll() is None:
            demo.kill()
            demo.wait()
        for pid in started:
            if process_alive(pid):
                os.kill(pid, signal.SIGKILL)
