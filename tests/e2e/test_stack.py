"""The local stack fails cleanly: a service that cannot start is named with its log, and nothing keeps running."""

import subprocess

import pytest

from civicpulse.devstack.ports import port_open
from civicpulse.devstack.stack import LocalStack

pytestmark = pytest.mark.e2e


def running(pattern: str) -> bool:
    return subprocess.run(["pgrep", "-f", pattern], capture_output=True).returncode == 0


async def test_a_service_that_cannot_start_stops_the_whole_stack(tmp_path):
    stack = LocalStack(tmp_path / "stack", partners_file=tmp_path / "missing-partners.yaml")
    with pytest.raises(RuntimeError, match=r"(ingestion|pseudonymisation) exited during start") as caught:
        await stack.start()
    assert "missing-partners.yaml" in str(caught.value)
    assert not running(str(tmp_path))
    assert stack.processes == {}
    assert not port_open(stack.postgres.port) and not port_open(int(stack.nats.url.rsplit(":", 1)[1]))
