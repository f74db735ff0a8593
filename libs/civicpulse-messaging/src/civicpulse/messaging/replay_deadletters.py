"""Inspect dead letters, and send the events they name through their stage again once the cause is fixed.

python -m civicpulse.messaging.replay_deadletters list [--stage S] [--reason R]
python -m civicpulse.messaging.replay_deadletters replay --stage S [--reason R]    # reads CIVICPULSE_NATS_URL

A dead letter carries the stream and sequence of the message it rejected, and the event's position
in it; replaying copies that event (in a batch of its own), still in its stream, back onto its
subject, where the stage's durable consumer takes it as new. Messages of RAW (personal data, a
work queue) are not kept once handled: the partner sends those events again. Stores are
idempotent per event key, so a replay never stores twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass

from google.protobuf.json_format import MessageToDict
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.connection import connect
from civicpulse.messaging.provision import ProvisionSettings
from civicpulse.messaging.topology import DEADLETTER, EVENTS
from civicpulse.runtime.settings import load_settings


@dataclass(frozen=True)
class Replayed:
    replayed: int
    gone: int  # the stream no longer holds the message (RAW, or past its age)


async def dead_letters(js: JetStreamContext, stage: str = "", reason: str = "") -> list[events_pb2.DeadLetter]:
    info = await js.stream_info(DEADLETTER.name)
    records = []
    if info.state.messages == 0:  # an empty stream's first sequence is 0, which no message has
        return records
    for sequence in range(info.state.first_seq, info.state.last_seq + 1):
        try:
            record = events_pb2.DeadLetter.FromString((await js.get_msg(DEADLETTER.name, sequence)).data)
        except NotFoundError:
            continue
        if (not stage or record.stage == stage) and (not reason or record.reason == reason):
            records.append(record)
    return records


def the_event(record: events_pb2.DeadLetter, data: bytes) -> bytes:
    """The rejected event alone, out of the batch its message carries (the others went through)."""
    if record.stream == EVENTS.name:
        batch = events_pb2.PseudonymisedEventBatch.FromString(data)
        return events_pb2.PseudonymisedEventBatch(events=[batch.events[record.event_index]]).SerializeToString()
    return data  # one thing per message


async def replay(js: JetStreamContext, records: list[events_pb2.DeadLetter]) -> Replayed:
    replayed = gone = 0
    for record in records:
        if not record.stream or not record.stream_sequence:
            gone += 1
            continue
        try:
            original = await js.get_msg(record.stream, record.stream_sequence)
        except NotFoundError:
            gone += 1
            continue
        # A new message id: the original's may still sit in the duplicate window.
        headers = {
            "Nats-Msg-Id": f"replay:{record.stream}:{record.stream_sequence}:{record.event_index}:{record.rejected_at.seconds}"
        }
        await js.publish(original.subject, the_event(record, original.data), headers=headers)
        replayed += 1
    return Replayed(replayed, gone)


# Tries to reach the bus before a command gives up (about a second apart).
CONNECT_ATTEMPTS = 3


async def main(args: argparse.Namespace) -> int:
    settings = load_settings(ProvisionSettings)
    try:
        nc = await connect(settings.bus_access(), "civicpulse-deadletters", attempts=CONNECT_ATTEMPTS)
    except Exception as exc:  # nats-py raises its own errors and OSError alike for a bus it cannot reach
        print(
            f"cannot reach the bus at {settings.nats_url} ({type(exc).__name__}: {exc or 'no answer'}) after "
            f"{CONNECT_ATTEMPTS} tries: is it running? Point the command at it with CIVICPULSE_NATS_URL "
            "(and CIVICPULSE_NATS_USER, CIVICPULSE_NATS_PASSWORD, CIVICPULSE_TLS_CA_FILE; `make up` prints them).",
            file=sys.stderr,
        )
        return 1
    try:
        js = nc.jetstream()
        records = await dead_letters(js, args.stage, args.reason)
        if args.command == "list":
            for record in records:
                print(json.dumps(MessageToDict(record, preserving_proto_field_name=True)))
        else:
            print(json.dumps(vars(await replay(js, records))))
    finally:
        await nc.drain()
    return 0


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("--stage", default="", help="only this stage's dead letters (e.g. feature-store)")
    parser.add_argument("--reason", default="", help="only this reason (e.g. unstorable)")
    args = parser.parse_args()
    if args.command == "replay" and not args.stage:
        parser.error("replay needs --stage: replay one stage's dead letters at a time")
    sys.exit(asyncio.run(main(args)))


if __name__ == "__main__":
    cli()
