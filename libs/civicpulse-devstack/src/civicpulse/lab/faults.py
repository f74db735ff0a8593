"""`make test-faults`: break the event path on purpose while real events flow, then count per event id.

python -m civicpulse.lab.faults [--events N] [--outage-seconds S] [--run-dir DIR]

Each scenario starts a fresh local stack, replays N real Houston incident reports through the
ingestion API at a partner's pace (SEND_RATE events/s) with a client that retries failed calls as
a partner would, breaks one thing in the middle (a poison event rides in every run), repairs it,
waits for the pipeline to settle and then checks the books event by event: every event sent is
stored exactly once, or rejected with its reason, or dead-lettered with its own reason; `lost`
and `doubled` must be 0. Results go to .run/faults/results.json.

The stack is durable (PostgreSQL commits and JetStream writes synced before they are
acknowledged), so the crashes (`kill -9` of the PostgreSQL postmaster, then crash recovery; of
nats-server, then a restart on its store) must lose nothing acknowledged. A replica paused inside
its store transaction longer than the ack wait must not hold the other replica: what the other
stored during the pause is recorded under `observed`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

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
# A fault breaks something and repairs it; it may return what it observed meanwhile.
Fault = Callable[[LocalStack], Awaitable[dict[str, Any] | None]]


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


def postgresql_crash(seconds: float) -> Fault:
    """`kill -9` of the postmaster while the feature store holds work, then a restart on the same
    data directory (crash recovery): every commit acknowledged before the crash must be there."""

    async def fault(stack: LocalStack) -> None:
        await work_in_hand(stack, ["feature-store"])
        await asyncio.to_thread(stack.postgres.crash)
        await asyncio.sleep(seconds)
        await asyncio.to_thread(stack.postgres.start)

    return fault


async def nats_crash(stack: LocalStack) -> None:
    """`kill -9` of nats-server with work in hand, then a restart on the same store directory."""
    await work_in_hand(stack, CONSUMED)
    await asyncio.to_thread(stack.nats.crash)
    await asyncio.sleep(2.0)
    await asyncio.to_thread(stack.nats.start)


def _local_ports(pid: int) -> set[int]:
    """The local TCP ports of a process's sockets (from /proc): whose database sessions are whose."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


# The sessions of these client ports holding an open transaction that has written (so holds locks).
WRITING_SESSIONS = (
    "SELECT count(*) FROM pg_stat_activity WHERE client_port = ANY(%s) AND xact_start IS NOT NULL AND backend_xid IS NOT NULL"
)


async def _stop_inside_a_write_transaction(database_url: str, pid: int, timeout: float = 20.0) -> bool:
    """SIGSTOP the process at a moment one of its sessions is inside a transaction that has written
    (tries again, resuming it between tries, until then). Whether it was caught so; it stays stopped."""
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            os.kill(pid, signal.SIGSTOP)
            cur = await conn.execute(WRITING_SESSIONS, (sorted(_local_ports(pid)),))
            if (await cur.fetchone())[0]:
                return True
            os.kill(pid, signal.SIGCONT)
            await asyncio.sleep(0.01)
    os.kill(pid, signal.SIGSTOP)  # never caught inside one: paused all the same, and said so
    return False


async def _events_backlog(stack: LocalStack) -> tuple[int, int]:
    """The feature store's EVENTS consumer: messages not yet delivered, and delivered but not acknowledged."""
    nc = await connect(stack.bus_access(), "faults")
    try:
        stream, durable = CONSUMED["feature-store"]
        info = await nc.jetstream().consumer_info(stream, durable)
        return info.num_pending, info.num_ack_pending
    finally:
        await nc.close()


async def second_feature_store(stack: LocalStack) -> None:
    await stack.start_replica("feature-store")


async def feature_store_replica_paused(stack: LocalStack) -> dict[str, Any]:
    """The second feature-store replica (`second_feature_store`, started before the events), paused
    (SIGSTOP) inside its store transaction, holding row locks, for longer than the ack wait, then
    resumed (SIGCONT). Its session is ended by the idle-in-transaction timeout and the other
    replica's lock waits end at the lock timeout, so the other keeps storing: observed every 5 s."""
    pause = FEATURE_STORE_READS_EVENTS.spec(1).ack_wait * 1.5
    [replica] = [name for name, spec in stack.specs.items() if spec.name == "feature-store" and name != spec.name]
    pid = stack.processes[replica].pid
    caught = await _stop_inside_a_write_transaction(stack.database_url, pid)
    try:
        paused_at = time.monotonic()
        landed = [await stack.events_landed()]
        undelivered_drained_after = None
        while (elapsed := time.monotonic() - paused_at) < pause:
            await asyncio.sleep(min(5.0, pause - elapsed))
            landed.append(await stack.events_landed())
            undelivered, _ = await _events_backlog(stack)
            if undelivered == 0 and undelivered_drained_after is None:
                undelivered_drained_after = round(time.monotonic() - paused_at, 1)
        undelivered, unacknowledged = await _events_backlog(stack)
    finally:
        os.kill(pid, signal.SIGCONT)
    return {
        "paused_seconds": round(time.monotonic() - paused_at, 1),
        "paused_inside_a_write_transaction": caught,
        # Stored events plus dead letters, every 5 s of the pause: the other replica kept storing?
        "landed_during_pause": landed,
        "other_replica_kept_storing": landed[-1] > landed[0],
        "undelivered_drained_after_seconds": undelivered_drained_after,
        "backlog_at_resume": {"undelivered": undelivered, "unacknowledged": unacknowledged},
        "backlog_drained_during_pause": undelivered == 0 and unacknowledged == 0,
    }


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


@dataclass(frozen=True)
class Scenario:
    name: str
    fault: Fault
    # Run once the stack is up, before the events start: what the fault needs in place.
    before: Fault | None = None


async def scenario(
    name: str, fault: Fault, events: list[events_pb2.PartnerEvent], run_dir: Path, after: float, before: Fault | None = None
) -> dict:
    stack = LocalStack(run_dir / name, partners_file=partners_with_a_loose_attribute(run_dir / name / "partners.yaml"))
    await stack.start()
    if before is not None:
        await before(stack)
    try:
        async with await psycopg.AsyncConnection.connect(stack.database_url, autocommit=True) as conn:
            await conn.execute(REFUSE_THE_POISON)
        sending = asyncio.create_task(
            replay(stack.endpoint("ingestion"), POLICE_TOKEN, events, batch_size=200, retry_for=900, rate=SEND_RATE)
        )
        await asyncio.sleep(after)
        started = time.monotonic()
        observed = await fault(stack)
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
            **({"observed": observed} if observed else {}),
        }
        result["passed"] = counted.balanced and result["poison_isolated"]
    finally:
        await stack.stop()
    return result


async def main(count: int, outage: float, run_dir: Path, only: list[str] | None = None) -> list[dict]:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    events = events_with_poison(count)
    scenarios = [
        Scenario("poison_event_only", nothing),
        *[Scenario(f"kill_9_{name}", kill_and_restart(name)) for name in SERVICE_ORDER],
        Scenario("kill_9_all", kill_and_restart(*SERVICE_ORDER)),
        Scenario(f"postgresql_down_{int(outage)}s", database_outage(outage)),
        Scenario("nats_restart", nats_restart),
        Scenario("postgresql_crash", postgresql_crash(2.0)),
        Scenario("nats_crash", nats_crash),
        Scenario("second_replicas_killed", second_replicas_killed),
        Scenario("feature_store_replica_paused", feature_store_replica_paused, before=second_feature_store),
    ]
    results = []
    for chosen in scenarios:
        name = chosen.name
        if only and not any(name.startswith(prefix) for prefix in only):
            continue
        print(f"{name} ...")
        result = await scenario(name, chosen.fault, events, run_dir, after=3.0, before=chosen.before)
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
