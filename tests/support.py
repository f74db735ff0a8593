"""Paths and process checks shared by the tests."""

import asyncio
import os
from pathlib import Path

import psycopg

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG = REPO_ROOT / "config"


def _stat_fields(pid: int | str) -> list[str]:
    # The command name may hold spaces or parentheses: the fields start after its last ")".
    return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def process_alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        return _stat_fields(pid)[0] != "Z"
    except OSError:
        return False


def pids_mentioning(text: str) -> list[int]:
    """PIDs of live processes, other than this one, whose command line contains ``text``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and process_alive(int(entry.name)):
            pids.append(int(entry.name))
    return pids


def descendants(root: int) -> set[int]:
    """Every process below ``root`` in the process tree, whatever its group or session."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                children.setdefault(int(_stat_fields(entry.name)[1]), []).append(int(entry.name))
            except (OSError, IndexError):
                continue
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


async def scalar(url: str, sql: str):
    """The first column of the first row of a query, on a connection of its own."""
    async with await psycopg.AsyncConnection.connect(url) as conn:
        return (await (await conn.execute(sql)).fetchone())[0]


async def eventually(check, timeout: float = 20.0) -> bool:
    """Whether the async `check` comes true within `timeout` seconds."""
    for _ in range(int(timeout / 0.1)):
        if await check():
            return True
        await asyncio.sleep(0.1)
    return False


def _demo_callers_file() -> Path:
    """The local stack's demo callers (every Houston partner, the applications, an operator, the
    scheduler, the scoring service), written once per test run."""
    import tempfile

    from civicpulse.devstack.callers import demo_callers, write_callers_file
    from civicpulse.runtime.agreements import PartnerRegistry
    from civicpulse.runtime.city import CityProfile

    path = Path(tempfile.mkdtemp(prefix="civicpulse-callers-")) / "callers.yaml"
    callers = demo_callers(PartnerRegistry.load(CONFIG / "partners.yaml"), CityProfile.load(CONFIG / "cities" / "houston.yaml"))
    write_callers_file(path, callers)
    return path


CALLERS_FILE = _demo_callers_file()
# Services started inside a test process: method rights on, TLS off (the local stack's tests run TLS),
# metrics on a free port (several services share the process, and tests run side by side).
IN_PROCESS = {"plaintext": True, "callers_file": CALLERS_FILE, "metrics_port": 0}


def ts(moment):
    """A protobuf Timestamp of an aware datetime."""
    from google.protobuf.timestamp_pb2 import Timestamp

    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


def channel_as(address: str, token: str):
    """A plaintext channel whose every call carries `token`, as a caller's client sends it."""
    import grpc

    metadata = bearer(token)

    def with_token(details):
        return details._replace(metadata=[*(details.metadata or ()), *metadata])

    # One interceptor per kind of call: a channel files each interceptor under one kind only.
    class Unary(grpc.aio.UnaryUnaryClientInterceptor):
        async def intercept_unary_unary(self, continuation, details, request):
            return await continuation(with_token(details), request)

    class Stream(grpc.aio.UnaryStreamClientInterceptor):
        async def intercept_unary_stream(self, continuation, details, request):
            return await continuation(with_token(details), request)

    return grpc.aio.insecure_channel(address, interceptors=[Unary(), Stream()])


OPERATOR_TOKEN = "demo-duty-operator-token"
SCHEDULER_TOKEN = "demo-scheduler-token"
SCORING_TOKEN = "demo-scoring-token"
POLICE_TOKEN = "demo-houston-police-token"
POLICE = bearer(POLICE_TOKEN)  # the metadata of a call from the Houston police
