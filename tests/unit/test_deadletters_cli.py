"""civicpulse-deadletters with no bus where it is told to look: it says so, and how to point it at
one, after a few tries, instead of retrying for ever."""

import os
import socket
import subprocess
import sys


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_an_unreachable_bus_is_said_in_words_and_the_command_ends():
    url = f"nats://127.0.0.1:{closed_port()}"
    done = subprocess.run(
        [sys.executable, "-m", "civicpulse.messaging.replay_deadletters", "list"],
        env={**os.environ, "CIVICPULSE_NATS_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"cannot reach the bus at {url}" in done.stderr and "CIVICPULSE_NATS_URL" in done.stderr, done.stderr
