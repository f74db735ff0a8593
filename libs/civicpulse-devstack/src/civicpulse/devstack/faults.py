"""`make test-faults`: break the event path on purpose while real events flow, then count per event id.

python -m civicpulse.devstack.faults [--events N] [--outage-seconds S] [--run-dir DIR]

Each scenario starts a fresh local stack, replays N real Houston incident reports through the
ingestion API with a client that retries failed calls as a partner would, breaks one thing in the
middle, repairs it, waits for the pipeline to settle and then checks the books event by event:
every event sent is stored exactly once, or rejected with its reason, or dead-lettered with its
own reason; `lost` and `doubled` must be 0. Results go to .run/faults/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import logging
import shutil
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import psycopg

from civicpulse.devstack.partners import houston_police_events
from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.replay import replay
from civicpulse.devstack.scenario import POLICE_TOKEN
from civicpulse.devstack.stack import REPO_ROOT, SERVICES, LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.connection import connect

DATASETS = REPO_ROOT / "datasets" / "houston"
RUN_DIR = REPO_ROOT / ".run" / "faults"
PARTNER = "houston-police"
Fault = Callable[[LocalStack], Awaitable[None]]


def kill_and_restart(*names: str) -> Fault:
    async def fault(stack: LocalStack) -> None:
        for name in names:
            await stack.stop_service(name, kill=True)
        await asyncio.sleep(2.0)
        for name in [n for n in reversed(SERVICE_ORDER) if n in names]:  # the door last
            await stack.start_service(name)

    return fault


def database_outage(seconds: float) -> Fault:
    async def fault(stack: LocalStack) -> None:
        await asyncio.to_thread(stack.postgres.stop, True)
        await asyncio.sleep(seconds)
        await asyncio.to_thread(stack.postgres.start)

    return fault


async def nats_restart(stack: LocalStack) -> None:
    await asyncio.to_thread(stack.nats.stop)
    await asyncio.sleep(2.0)
    await asyncio.to_thread(stack.nats.start)


async def nothing(stack: LocalStack) -> None:
    pass


SERVICE_ORDER = [spec.name for spec in reversed(SERVICES)]  # the door first when stopping


def events_with_poison(count: int) -> list[events_pb2.PartnerEvent]:
    events = list(houston_police_events(DATASETS / "houston_crime_2010_ggmap.csv.gz", limit=count))
    poison = events[count // 2]
    poison.attributes["premise"] = "parking\x00lot"  # allowed attribute, a value the database refuses
    return events


async def settle(stack: LocalStack, accepted: int, timeout: float = 600.0) -> None:
    """Until stored events plus dead letters stop moving and cover what was accepted."""
    deadline, last, stable = time.monotonic() + timeout, -1, 0
    while time.monotonic() < deadline:
        try:
            landed = await stack.events_landed()
        except Exception:
            landed = -1
        stable = stable + 1 if landed == last else 0
        last = landed
        if landed >= accepted and stable >= 20:
            return
        await asyncio.sleep(0.25)


async def books(stack: LocalStack, events: list[events_pb2.PartnerEvent], tally) -> dict:
    """Per event id: stored once, or rejected, or dead-lettered; the rest is lost or doubled."""
    key = stack.pseudonymisation_key.encode()

    def event_key(event_id: str) -> str:
        return hmac.new(key, f"{PARTNER}:{event_id}".encode(), hashlib.sha256).hexdigest()[:32]

    async with await psycopg.AsyncConnection.connect(stack.database_url) as conn:
        cur = await conn.execute("SELECT event_key, count(*) FROM features.events GROUP BY 1")
        stored = dict(await cur.fetchall())
    dead = await _dead_letter_keys(stack)
    ids = {e.partner_event_id for e in events}
    rejected_at_door = tally.sent - tally.accepted - tally.duplicate
    accepted_ids = tally.accepted_ids
    lost = [i for i in accepted_ids if event_key(i) not in stored and event_key(i) not in dead]
    doubled = [k for k, n in stored.items() if n > 1]
    return {
        "sent": tally.sent,
        "distinct_events": len(ids),
        "accepted": tally.accepted,
        "stored": sum(1 for i in accepted_ids if event_key(i) in stored),
        "duplicate": tally.duplicate,
        "rejected": rejected_at_door,
        "dead_lettered": sum(1 for i in accepted_ids if event_key(i) in dead and event_key(i) not in stored),
        "dead_letter_reasons": _reasons(dead),
        "lost": len(lost),
        "doubled": len(doubled),
        "retried_calls": tally.retried_calls,
    }


def _reasons(dead: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for reason in dead.values():
        counts[reason] = counts.get(reason, 0) + 1
    return counts


async def _dead_letter_keys(stack: LocalStack) -> dict[str, str]:
    from civicpulse.messaging.replay_deadletters import dead_letters

    nc = await connect(stack.nats.url, "faults")
    try:
        return {r.event_key: f"{r.stage}: {r.reason}" for r in await dead_letters(nc.jetstream()) if r.event_key}
    finally:
        await nc.close()


async def scenario(name: str, fault: Fault, events: list[events_pb2.PartnerEvent], run_dir: Path, after: float) -> dict:
    stack = LocalStack(run_dir / name)
    await stack.start()
    try:
        sending = asyncio.create_task(replay(stack.addresses["ingestion"], POLICE_TOKEN, events, batch_size=200, retry_for=900))
        await asyncio.sleep(after)
        started = time.monotonic()
        await fault(stack)
        tally = await sending
        await settle(stack, tally.accepted)
        result = {"scenario": name, "fault_seconds": round(time.monotonic() - started, 1), **await books(stack, events, tally)}
    finally:
        await stack.stop()
    result["passed"] = result["lost"] == 0 and result["doubled"] == 0
    return result


async def main(count: int, outage: float, run_dir: Path, only: list[str] | None = None) -> list[dict]:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    events = events_with_poison(count)
    scenarios: list[tuple[str, Fault]] = [
        ("poison_event_only", nothing),
        *[(f"kill_9_{name}", kill_and_restart(name)) for name in SERVICE_ORDER],
        ("kill_9_all_five", kill_and_restart(*SERVICE_ORDER)),
        (f"postgresql_down_{int(outage)}s", database_outage(outage)),
        ("nats_restart", nats_restart),
    ]
    results = []
    for name, fault in scenarios:
        if only and not any(name.startswith(prefix) for prefix in only):
            continue
        print(f"{name} ...")
        result = await scenario(name, fault, events, run_dir, after=1.0)
        print(f"  {json.dumps(result)}")
        results.append(result)
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--outage-seconds", type=float, default=600.0)
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR)
    parser.add_argument("--only", nargs="*", help="run only the scenarios whose names start so (e.g. postgresql)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    logging.basicConfig(level=logging.WARNING)
    install_signal_cleanup()
    results = asyncio.run(main(args.events, args.outage_seconds, args.run_dir.absolute(), args.only))
    failed = [r["scenario"] for r in results if not r["passed"]]
    if failed:
        raise SystemExit(f"books do not balance in: {', '.join(failed)}")
    print(f"every scenario balances; results in {args.run_dir / 'results.json'}")


if __name__ == "__main__":
    cli()
