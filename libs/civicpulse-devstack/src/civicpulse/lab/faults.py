"""`make test-faults`: break the event path on purpose while real events flow, then count per event id.

python -m civicpulse.lab.faults [--events N] [--outage-seconds S] [--run-dir DIR]

Each scenario starts a fresh local stack, replays N real Houston incident reports through the
ingestion API at a partner's pace (SEND_RATE events/s) with a client that retries failed calls as
a partner would, breaks one thing in the middle (a poison event rides in every run), repairs it,
waits for the pipeline to settle and then checks the books event by event: every event sent is
stored exactly once, or rejected with its reason, or dead-lettered with its own reason; `lost`
and `doubled` must be 0. Results go to .run/faults/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path

import psycopg

from civicpulse.devstack.keys import police_incident_variant
from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.stack import REPO_ROOT, LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.lab.books import count_books
from civicpulse.lab.replay import replay
from civicpulse.lab.scenario import POLICE, POLICE_TOKEN
from civicpulse.lab.sources import city_sources
from civicpulse.messaging.connection import connect
from civicpulse.messaging.topology import (
    FEATURE_STORE_READS_EVENTS,
    NOTIFICATION_READS_SCORES,
    PSEUDONYMISATION_READS_RAW,
    SUBSCRIPTIONS,
)
from civicpulse.runtime.catalogue import SERVICES

RUN_DIR = REPO_ROOT / ".run" / "faults"
Fault = Callable[[LocalStack], Awaitable[None]]


# The durable consumers of the event path, by service: where a kill takes work in hand with it.
EVENT_PATH = (PSEUDONYMISATION_READS_RAW, FEATURE_STORE_READS_EVENTS)
CONSUMED = {s.service: (s.stream.name, s.durable) for s in EVENT_PATH}


async def work_in_hand(stack: LocalStack, names, timeout: float = 10.0) -> None:
    """Waits (briefly) until a consumer of these services holds delivered, unacknowledged messages,
    so that a kill takes work with it rather than striking between batches."""
    durables = [CONSUMED[n] for n in names if n in CONSUMED]
    if not durables:
        return
    nc = await connect(stack.bus_access(), "faults")
    try:
        js = nc.jetstream()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for stream, durable in durables:
                if (await js.consumer_info(stream, durable)).num_ack_pending > 0:
                    return
    finally:
        await nc.close()


def kill_and_restart(*names: str) -> Fault:
    async def fault(stack: LocalStack) -> None:
        await work_in_hand(stack, names)
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


CONSUMERS = tuple(dict.fromkeys(s.service for s in SUBSCRIPTIONS))  # the services that read the bus


async def second_replicas_killed(stack: LocalStack) -> None:
    """A second process of each consumer joins, takes its share of the flow, and dies (kill -9)
    with messages in hand: those come back to the first after the ack wait."""
    replicas = [await stack.start_replica(name) for name in CONSUMERS]
    await asyncio.sleep(3.0)
    await work_in_hand(stack, CONSUMERS)
    for replica in replicas:
        await stack.stop_service(replica, kill=True)


SERVICE_ORDER = [spec.name for spec in reversed(SERVICES)]  # the door first when stopping
# Events per second sent: slow enough that a fault strikes while events are still coming in.
SEND_RATE = 2000.0


POISON = "feature-store: unstorable"
# The poison's note: clean text that passes ingestion and pseudonymisation, and that the database
# is told to refuse (a CHECK constraint added to the stack's database for the suite, below).
POISON_NOTE = "refused by the database"
REFUSE_THE_POISON = (
    f"ALTER TABLE features.events ADD CONSTRAINT fault_suite_poison CHECK (attributes->>'note' IS DISTINCT FROM '{POISON_NOTE}')"
)


def partners_with_a_loose_attribute(path: Path) -> Path:
    """The demo agreements, with a `note` attribute whose vocabulary admits the poison's value: the
    poison passes pseudonymisation and reaches the store, which refuses it."""
    return police_incident_variant(path, lambda kind: kind["attributes"].update(note={"values": ["none", POISON_NOTE]}))


def events_with_poison(count: int) -> list[events_pb2.PartnerEvent]:
    events = list(city_sources("houston").source(POLICE).events(count))
    poison = events[count // 2]
    poison.attributes["note"] = POISON_NOTE  # an allowed attribute, a value the database refuses
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


async def _redelivered(stack: LocalStack) -> dict[str, int]:
    """Deliveries beyond the first, per consumer: where a fault made work come back. Each consumer
    reads its whole stream, so every delivery past the stream's own sequence is a redelivery."""
    nc = await connect(stack.bus_access(), "faults")
    try:
        js = nc.jetstream()
        counts = {}
        for subscription in (*EVENT_PATH, NOTIFICATION_READS_SCORES):
            delivered = (await js.consumer_info(subscription.stream.name, subscription.durable)).delivered
            counts[subscription.durable] = delivered.consumer_seq - delivered.stream_seq
        return counts
    finally:
        await nc.close()


async def scenario(name: str, fault: Fault, events: list[events_pb2.PartnerEvent], run_dir: Path, after: float) -> dict:
    stack = LocalStack(run_dir / name, partners_file=partners_with_a_loose_attribute(run_dir / name / "partners.yaml"))
    await stack.start()
    try:
        async with await psycopg.AsyncConnection.connect(stack.database_url, autocommit=True) as conn:
            await conn.execute(REFUSE_THE_POISON)
        sending = asyncio.create_task(
            replay(stack.endpoint("ingestion"), POLICE_TOKEN, events, batch_size=200, retry_for=900, rate=SEND_RATE)
        )
        await asyncio.sleep(after)
        started = time.monotonic()
        await fault(stack)
        tally = await sending
        await settle(stack, tally.accepted)
        counted = await count_books(stack, {POLICE: tally})
        result = {
            "scenario": name,
            "fault_seconds": round(time.monotonic() - started, 1),
            **asdict(counted),
            "retried_calls": tally.retried_calls,
            "redelivered": await _redelivered(stack),
            # The poison rides in every run: it must end dead-lettered alone, with its own reason.
            "poison_isolated": counted.dead_letter_reasons.get(POISON) == 1,
        }
        result["passed"] = counted.balanced and result["poison_isolated"]
    finally:
        await stack.stop()
    return result


async def main(count: int, outage: float, run_dir: Path, only: list[str] | None = None) -> list[dict]:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    events = events_with_poison(count)
    scenarios: list[tuple[str, Fault]] = [
        ("poison_event_only", nothing),
        *[(f"kill_9_{name}", kill_and_restart(name)) for name in SERVICE_ORDER],
        ("kill_9_all", kill_and_restart(*SERVICE_ORDER)),
        (f"postgresql_down_{int(outage)}s", database_outage(outage)),
        ("nats_restart", nats_restart),
        ("second_replicas_killed", second_replicas_killed),
    ]
    results = []
    for name, fault in scenarios:
        if only and not any(name.startswith(prefix) for prefix in only):
            continue
        print(f"{name} ...")
        result = await scenario(name, fault, events, run_dir, after=3.0)
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
