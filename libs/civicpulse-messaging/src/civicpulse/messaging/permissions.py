"""Who may do what on the bus: one NATS user per service and tool, with the least subject rights.

Declared once here, from the streams and durable consumers the code uses. The local stack runs
nats-server with exactly these users; `civicpulse-bus-permissions` prints them as the
`authorization` block of a deployment's nats-server configuration. Anonymous connections are
refused: a server with an `authorization` block admits only its users.

JetStream is driven through subjects too: creating or reading a consumer, fetching, acknowledging
and publishing with an acknowledgement are all messages, so each right below is one of them.
Each user receives replies only on its own inbox prefix (`_INBOX_<user>.>`): no user can read
another's replies.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field

from civicpulse.messaging.topology import (
    BUS,
    DEADLETTER,
    SUBSCRIPTIONS,
    ServiceBus,
    StreamSpec,
    deadletter_subject,
)

API = "$JS.API"


@dataclass(frozen=True)
class BusUser:
    name: str
    publish: tuple[str, ...]
    subscribe: tuple[str, ...] = field(default=())
    description: str = ""

    @property
    def inbox_prefix(self) -> str:
        return inbox_prefix(self.name)

    def permissions(self) -> dict:
        return {
            "publish": {"allow": list(self.publish)},
            "subscribe": {"allow": [f"{self.inbox_prefix}.>", *self.subscribe]},
        }


def inbox_prefix(user: str) -> str:
    return f"_INBOX_{user}"


def stream_info(*streams: StreamSpec) -> tuple[str, ...]:
    return tuple(f"{API}.STREAM.INFO.{s.name}" for s in streams)


def durable_consumer(stream: StreamSpec, durable: str) -> tuple[str, ...]:
    """Create or bind its own durable consumer, fetch from it and acknowledge what it fetched."""
    return (
        f"{API}.CONSUMER.CREATE.{stream.name}.{durable}",
        f"{API}.CONSUMER.CREATE.{stream.name}.{durable}.>",
        f"{API}.CONSUMER.DURABLE.CREATE.{stream.name}.{durable}",
        f"{API}.CONSUMER.INFO.{stream.name}.{durable}",
        f"{API}.CONSUMER.MSG.NEXT.{stream.name}.{durable}",
        f"$JS.ACK.{stream.name}.{durable}.>",
    )


def ordered_consumers(stream: StreamSpec) -> tuple[str, ...]:
    """Create, read with flow control and delete ephemeral ordered consumers of a stream."""
    return (
        f"{API}.CONSUMER.CREATE.{stream.name}",
        f"{API}.CONSUMER.CREATE.{stream.name}.*.>",
        f"{API}.CONSUMER.DELETE.{stream.name}.*",
        f"$JS.FC.{stream.name}.>",
    )


def service_user(bus: ServiceBus) -> BusUser:
    """A service's rights, from what the topology says it reads and publishes."""
    rights: list[str] = []
    for subscription in bus.subscriptions:
        rights += durable_consumer(subscription.stream, subscription.durable)
    for stream in bus.publishes:
        # Dead letters: each stage only under its own name.
        rights.append(deadletter_subject(bus.service) if stream is DEADLETTER else stream.all_subjects)
    for stream in bus.streams_to_callers:
        rights += ordered_consumers(stream)
    return BusUser(bus.service, (*rights, *stream_info(*bus.streams)), description=bus.description)


# Dead letters are replayed onto the stream the failed stage read, never RAW (personal data).
REPLAYABLE = tuple(dict.fromkeys(s.stream for s in SUBSCRIPTIONS if s.replayable))

USERS: tuple[BusUser, ...] = (
    BusUser(
        "provision",
        (f"{API}.INFO", f"{API}.STREAM.CREATE.*", f"{API}.STREAM.UPDATE.*", f"{API}.STREAM.INFO.*"),
        description="creates and updates the streams (install and upgrade hook)",
    ),
    *(service_user(bus) for bus in BUS),
    BusUser(
        "deadletters",
        (
            *stream_info(DEADLETTER),
            f"{API}.STREAM.MSG.GET.{DEADLETTER.name}",
            *(f"{API}.STREAM.MSG.GET.{s.name}" for s in REPLAYABLE),
            *(s.all_subjects for s in REPLAYABLE),
        ),
        description="an operator's tool: lists dead letters and replays them (never RAW)",
    ),
)

BY_NAME = {user.name: user for user in USERS}


def authorization(passwords: dict[str, str]) -> dict:
    """The nats-server `authorization` block for these users (JSON is valid NATS configuration)."""
    missing = sorted(set(BY_NAME) - set(passwords))
    if missing:
        raise ValueError(f"no password for {', '.join(missing)}")
    return {"users": [{"user": user.name, "password": passwords[user.name], "permissions": user.permissions()} for user in USERS]}


def cli() -> None:
    parser = argparse.ArgumentParser(
        description="Prints the nats-server `authorization` block with each user's rights. Passwords are "
        "placeholders ($NAME_PASSWORD variables nats-server reads from its environment) unless given."
    )
    parser.parse_args()
    placeholders = {u.name: f"${u.name.upper().replace('-', '_')}_PASSWORD" for u in USERS}
    block = authorization(placeholders)
    text = json.dumps({"authorization": block}, indent=2)
    # nats-server expands $VARIABLE only unquoted.
    for placeholder in placeholders.values():
        text = text.replace(f'"{placeholder}"', placeholder)
    print(text)


if __name__ == "__main__":
    cli()
