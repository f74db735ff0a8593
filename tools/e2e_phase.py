"""The bench's end-to-end phase alone, repeated: to compare two commits, run this on each in turn,
interleaved (A, B, A, B, ...), since the rate drifts with the machine's state.

    .venv/bin/python tools/e2e_phase.py [--runs 3]

Each run starts a fresh local stack, sends the Houston history through ingestion as `make bench`
does, and prints when the last call was answered, when the last event was stored, the rate, and
each service's CPU time per event (from /proc), which is far less noisy than the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path

from civicpulse.devstack.stack import LocalStack
from civicpulse.lab import bench
from civicpulse.lab.sources import city_sources


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far."""
    fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_run(run_dir: Path, police: list, games: list) -> None:
    stack = LocalStack(run_dir / "stack", partners_file=bench.scrubbing_partners(run_dir / "partners.yaml"))
    await stack.start()
    try:
        pids = {name: process.pid for name, process in stack.processes.items()}
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        started = time.time()
        accepted = await bench.send_all(stack, bench.renamed(police, "e2e"), bench.renamed(games, "e2e"))
        answered = time.time() - started
        await bench.wait_for(lambda: bench._at_least(stack.events_landed(), accepted), every=0.5)
        stored = await bench.last_stored(stack) - started
        used = {name: (cpu_seconds(pid) - before[name]) / accepted * 1e6 for name, pid in pids.items()}
        per_event = ", ".join(f"{name} {us:.1f}" for name, us in used.items())
        print(f"answered {answered:.2f} s, stored {stored:.2f} s, {accepted / stored:.0f} events/s; CPU µs/event: {per_event}")
    finally:
        await stack.stop()


async def main(runs: int) -> None:
    houston = city_sources("houston")
    police = list(houston.source(bench.POLICE).events(None))
    games = list(houston.source(bench.EVENTS_OFFICE).events())
    for _ in range(runs):
        run_dir = Path(tempfile.mkdtemp(prefix="civicpulse-e2e-"))
        try:
            await one_run(run_dir, police, games)
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args().runs))
