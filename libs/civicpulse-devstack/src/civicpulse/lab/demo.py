"""`make demo`: the whole stack on this machine, a city's real data (Houston 2010 unless told),
forecasts and notifications, and the console's views as screenshots (.run/console/).

python -m civicpulse.lab.demo [--city NAME] [--limit N] [--run-dir DIR]

Everything about the city comes from its files (`civicpulse.city.files`): the profile, the
partners' agreements, the files replayed, and the time the model is trained and scores as of.
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
from pathlib import Path

from civicpulse.devstack.callers import OPERATOR, demo_token
from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.stack import REPO_ROOT, LocalStack
from civicpulse.lab.scenario import run_scenario
from civicpulse.lab.screenshots import take_screenshots
from civicpulse.lab.sources import city_sources
from civicpulse.notification.v1 import notification_pb2
from civicpulse.runtime.catalogue import SERVICES

RUN_DIR = REPO_ROOT / ".run" / "demo"
SCREENSHOTS_DIR = REPO_ROOT / ".run" / "console"
DEMO_CITY = "houston"


def show(note: notification_pb2.SubscribeResponse) -> None:
    update = note.update
    print(
        f"  notification {note.notification_id[:10]} {update.zone_name} ({update.zone}) risk level {update.max_risk_level}"
        f" ({len(update.cells)} cells at level 2+, model {update.model_version})"
    )
    for cell in update.cells[:2]:
        reasons = "; ".join(f.words_en for f in cell.factors)
        meaning = update.hourly_levels[cell.risk_level - 1].words_en if update.hourly_levels else ""
        peak = cell.peak_target_time.ToDatetime().strftime("%Y-%m-%d %H:00 UTC")
        print(f"    cell {cell.cell} level {cell.risk_level} ({meaning}) expected {cell.expected_count:.2f} at {peak}: {reasons}")
    if update.track_record.judged and not update.track_record.beats_baselines:
        print(f"    {update.track_record.words_en}")


# The signals that stopped the demo, in the order they came; and whether it is stopping the stack.
RECEIVED: list[int] = []
STOPPING: list[bool] = []


def cancel_on_signals() -> None:
    """SIGINT and SIGTERM cancel the demo's task, whose `finally` stops the stack. The cancellation
    is repeated each second until the stack is being stopped: one can be lost (a library may turn
    it into an error and carry on), and a KeyboardInterrupt raised wherever the interpreter happens
    to be can be swallowed by a finaliser."""
    loop, task = asyncio.get_running_loop(), asyncio.current_task()

    def cancel_until_stopping() -> None:
        if not task.done() and not STOPPING:
            task.cancel()
            loop.call_later(1.0, cancel_until_stopping)

    def on_signal(signum: int) -> None:
        RECEIVED.append(signum)
        cancel_until_stopping()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal, signum)


async def main(limit: int | None, run_dir: Path, screenshots_dir: Path = SCREENSHOTS_DIR, city: str = DEMO_CITY) -> dict:
    cancel_on_signals()
    if run_dir.exists():
        shutil.rmtree(run_dir)
    sources = city_sources(city)
    files = sources.city
    stack = LocalStack(run_dir / "stack", city_profile=files.profile, partners_file=files.partners)
    print(f"starting PostgreSQL, NATS JetStream and the {len(SERVICES)} services ...")
    await stack.start()
    try:
        print("  " + ", ".join(f"{name} {address}" for name, address in stack.addresses.items()))
        partners = sources.replayed(limits=dict.fromkeys({s.partner for s in sources.sources}, limit))
        what = files.evaluate.description if files.evaluate else files.city.name
        print(f"replaying {what} through the ingestion API;")
        print(
            f"then training as of {files.issue_time:%Y-%m-%d %H:%M}, judging against the baselines on the"
            f" {files.city.evaluation.test_days} days before, scoring every cell for 30 days and notifying the dispatch app ..."
        )
        summary = await run_scenario(stack, partners, files.issue_time, show=show, noted=sources.noted)
        print(f"the console at {stack.url('console')}: the duty operator's view of each page, in Debian's chromium ...")
        for path in await take_screenshots(stack.url("console"), demo_token(OPERATOR), screenshots_dir):
            print(f"  {path}")
    finally:
        STOPPING.append(True)  # from here on, a signal does not cut the stop short
        print("stopping the stack ...")
        await stack.stop()
    if RECEIVED:  # the run ended before a cancellation reached it: it was interrupted all the same
        raise asyncio.CancelledError
    result = summary.as_dict()
    (run_dir / "summary.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", default=DEMO_CITY, help=f"a folder of datasets/ holding a sources.yaml (default {DEMO_CITY})")
    parser.add_argument("--limit", type=int, help="replay only the first N events of each partner's files")
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR, help=f"servers' data, logs and summary.json (default {RUN_DIR})")
    args = parser.parse_args()
    run_dir = args.run_dir.absolute()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, even through a pipe
    logging.basicConfig(level=logging.WARNING)
    install_signal_cleanup()  # until the event loop takes the signals over
    try:
        result = asyncio.run(main(args.limit, run_dir, city=args.city))
    except (KeyboardInterrupt, asyncio.CancelledError):
        if signal.SIGTERM in RECEIVED:  # the stack is stopped: now end as the signal asked
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
        raise SystemExit("interrupted: the stack is stopped") from None
    print(json.dumps(result, indent=2))
    print(f"summary written to {run_dir / 'summary.json'}")
    if not result["events_accounted"]:
        raise SystemExit(
            f"the books do not balance, event id by event id: {result['events_lost']} accepted events lost,"
            f" {result['events_doubled']} stored twice, or stored + dead-lettered + duplicate + rejected != sent"
        )


if __name__ == "__main__":
    cli()
