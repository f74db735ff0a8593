"""`make up`: the whole local stack, kept running until Ctrl-C, to try the API against.

python -m civicpulse.lab.up [--load-demo [--forecast]] [--base-port 50051] [--run-dir .run/up]

It runs as `make demo` does (TLS, bus users, database roles, method rights) on fixed ports:
ingestion 50051, notification 50052, scoring 50053, feature-store 50054, pseudonymisation 50055,
and each service's mutual-TLS port 100 higher, its metrics (https://.../metrics) 200 higher; the
console at https://127.0.0.1:50056/. It prints
each address, every demo caller's token, the console's address and who may sign in to it, and a
call to paste, and writes them to <run dir>/stack.json. The city is Houston unless --city names
another (a folder of datasets/, `civicpulse.city.files`). With --load-demo, the city's history is
replayed first (about two minutes for Houston), so that a model can be trained at once; with
--forecast too (`make up LOAD=demo`), a model is trained and scores as of the time its files
name, as `make demo` does (about six minutes more), so that the console shows forecasts at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import signal
import sys
from pathlib import Path

from google.protobuf import json_format

from civicpulse.devstack.callers import DISPATCH_APP, MEDIATION_APP, OPERATOR, SCHEDULER, demo_token
from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.stack import REPO_ROOT, LocalStack
from civicpulse.lab.demo import DEMO_CITY
from civicpulse.lab.replay import ReplayTally, replay
from civicpulse.lab.scenario import Summary, replay_line, score, train
from civicpulse.lab.sources import CitySources, city_sources
from civicpulse.messaging.permissions import BY_NAME as BUS_USERS
from civicpulse.scoring.v1 import scoring_pb2, scoring_pb2_grpc

RUN_DIR = REPO_ROOT / ".run" / "up"
CONSOLE = "console"
BASE_PORT = 50051
# The bus user an operator's tools log in as (civicpulse-deadletters): it reads dead letters and
# replays them, never RAW.
OPERATOR_BUS_USER = "deadletters"


def relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe(stack: LocalStack) -> dict:
    """Where each service listens, the CA, and each demo caller's credentials."""
    secrets = stack.ca.directory if stack.ca else None
    callers = {}
    for caller_id, caller in stack.callers.items():
        entry = {"role": caller.role.value, "token": demo_token(caller_id)}
        if secrets is not None:
            tls = stack.tls_files(caller_id)  # issued now, so that the files exist
            entry.update(certificate=relative(tls.cert_file), key=relative(tls.key_file))
        callers[caller_id] = entry
    bus = {"url": stack.nats.url, "user": OPERATOR_BUS_USER, "password": stack.bus_passwords[OPERATOR_BUS_USER]}
    if secrets is not None:  # the bus asks every client for a certificate the CA signed
        tls = stack.tls_files(OPERATOR_BUS_USER)
        bus.update(certificate=relative(tls.cert_file), key=relative(tls.key_file))
    return {
        "ca": relative(stack.ca.ca_file) if stack.ca else None,
        "services": {
            name: {"tls": stack.addresses[name], "mutual_tls": stack.mtls_addresses[name]} for name in stack.mtls_addresses
        },
        "console": {
            "url": stack.url(CONSOLE),
            "sign_in": {caller_id: callers[caller_id]["token"] for caller_id in (OPERATOR, DISPATCH_APP, MEDIATION_APP)},
        },
        "callers": callers,
        "bus": bus,
        "metrics": {name: stack.metrics_url(name) for name in stack.metrics_addresses},
    }


def bus_environment(description: dict) -> str:
    """The variables that point civicpulse-deadletters (and the other bus tools) at this stack's bus."""
    bus = description["bus"]
    names = {"NATS_URL": bus["url"], "NATS_USER": bus["user"], "NATS_PASSWORD": bus["password"]}
    if "certificate" in bus:
        names.update(TLS_CA_FILE=description["ca"], TLS_CERT_FILE=bus["certificate"], TLS_KEY_FILE=bus["key"])
    return " ".join(f"CIVICPULSE_{name}={value}" for name, value in names.items())


def try_this(description: dict, sources: CitySources) -> str:
    """A call to paste: the first event of the city's first file, sent as its partner would (with an
    id of its own: the replayed history already holds the event)."""
    ca, ingestion = description["ca"], description["services"]["ingestion"]["tls"]
    first = sources.sources[0]
    token = description["callers"][first.partner]["token"]
    event = json_format.MessageToDict(next(iter(first.events(1))))
    event["partnerEventId"] += "-example"
    return (
        f".venv/bin/buf curl --protocol grpc --cacert {ca} \\\n"
        f"  -H 'authorization: Bearer {token}' --reflect-header 'authorization: Bearer {token}' \\\n"
        f"  -d '{json.dumps({'events': [event]})}' \\\n"
        f"  https://{ingestion}/civicpulse.ingestion.v1.IngestionService/IngestEvents"
    )


def show(description: dict, sources: CitySources) -> None:
    print(f"\ncivicpulse is up, TLS on (CA: {description['ca']})\n")
    print(f"  {'service':18} {'TLS, with a token':22} mutual TLS, with a certificate")
    for name, where in description["services"].items():
        print(f"  {name:18} {where['tls']:22} {where['mutual_tls']}")
    print("\n  callers (token; certificate and key next to the CA, named after the caller):")
    for caller_id, entry in description["callers"].items():
        print(f"  {caller_id:24} {entry['role']:12} {entry['token']}")
    console = description["console"]
    print(f"\nthe console: {console['url']}  (the browser must trust the CA above; sign in with a token)")
    for caller_id, token in console["sign_in"].items():
        print(f"  {caller_id:24} {description['callers'][caller_id]['role']:12} {token}")
    bus = description["bus"]
    print(f"\nthe bus (NATS JetStream): {bus['url']}, as user {bus['user']} ({BUS_USERS[bus['user']].description}):")
    print(f"  {bus_environment(description)} .venv/bin/civicpulse-deadletters list")
    print("\nmetrics (Prometheus text, over TLS verified against the CA):")
    for name, url in description["metrics"].items():
        print(f"  {name:18} {url}")
    first = next(iter(description["metrics"].values()))
    print(f"  e.g. curl --cacert {description['ca']} {first}")
    print(f"\ntry:\n{try_this(description, sources)}\n\nCtrl-C stops the stack.")


async def load_demo(stack: LocalStack, sources: CitySources) -> ReplayTally:
    """The city's history, through the API as its partners would send it, until all of it has landed."""
    print(f"loading the {sources.city.city.name} history through ingestion ...")
    tally = ReplayTally()
    for number, (source, (token, events)) in enumerate(zip(sources.sources, sources.replayed(), strict=True), 1):
        done = await replay(
            stack.endpoint("ingestion"),
            token,
            events,
            on_progress=lambda t, s=source, n=number: print(replay_line(n, s.partner, t)),
        )
        print(replay_line(number, source.partner, done, done=True))
        tally.merge(done)
    while await stack.events_landed() < tally.accepted:
        await asyncio.sleep(0.5)
    print(f"  {tally.accepted} events accepted and landed, {tally.duplicate} duplicates, {sum(tally.rejected.values())} rejected")
    return tally


async def forecast(stack: LocalStack, sources: CitySources) -> None:
    """Trains and judges a model on the history, then scores as of its end, as the scheduler would."""
    issue_time, test_days = sources.city.issue_time, sources.city.city.evaluation.test_days
    print(f"training as of {issue_time:%Y-%m-%d} and judging against the baselines on the {test_days} days before ...")
    summary = Summary()
    async with stack.endpoint("scoring", certificate=SCHEDULER).channel() as channel:
        scoring = scoring_pb2_grpc.ScoringServiceStub(channel)
        trained = await train(scoring, issue_time, 0, summary, print)
        print(f"  model {summary.model_version}: {summary.model_status} ({summary.gate_reason})")
        if trained.status != scoring_pb2.MODEL_STATUS_ACTIVE:
            return
        await score(scoring, issue_time, summary)
    print(f"  scored {summary.cells_scored} cells for 72 hours and 30 days; {summary.zones_published} zones' updates published")


async def main(run_dir: Path, base_port: int, demo_data: bool, with_forecast: bool = False, city: str = DEMO_CITY) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    if run_dir.exists():
        shutil.rmtree(run_dir)
    sources = city_sources(city)
    stack = LocalStack(
        run_dir / "stack", city_profile=sources.city.profile, partners_file=sources.city.partners, base_port=base_port
    )
    print("starting PostgreSQL, NATS JetStream and the services ...")
    await stack.start()
    try:
        if demo_data:
            await load_demo(stack, sources)
            if with_forecast:
                await forecast(stack, sources)
        description = describe(stack)
        (run_dir / "stack.json").write_text(json.dumps(description, indent=2) + "\n")
        show(description, sources)
        await stop.wait()
    finally:
        print("stopping the stack ...")
        await stack.stop()


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", default=DEMO_CITY, help=f"a folder of datasets/ holding a sources.yaml (default {DEMO_CITY})")
    parser.add_argument("--load-demo", action="store_true", help="replay the city's history first")
    parser.add_argument("--forecast", action="store_true", help="with --load-demo: then train, and score as of its end")
    parser.add_argument(
        "--base-port", type=int, default=BASE_PORT, help=f"ingestion's port; the others follow (default {BASE_PORT})"
    )
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR, help=f"servers' data, secrets and logs (default {RUN_DIR})")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    logging.basicConfig(level=logging.WARNING)
    install_signal_cleanup()  # until the event loop takes the signals over
    if args.forecast and not args.load_demo:
        parser.error("--forecast trains on the demo history: give --load-demo too")
    asyncio.run(main(args.run_dir.absolute(), args.base_port, args.load_demo, args.forecast, args.city))
    print("stopped")


if __name__ == "__main__":
    cli()
