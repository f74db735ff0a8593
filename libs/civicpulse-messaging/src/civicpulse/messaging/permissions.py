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

from civicpulse.messaging.streams import DEADLETTER, EVENTS, NOTIFICATIONS, RAW, SCORES, TEXTS, StreamSpec

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


def dead_letters(stage: str) -> tuple[str, ...]:
    return (f"deadletter.v1.{stage}",)


# Stage names are those of deadletter.dead_letter's `stage` (the service's name).
USERS: tuple[BusUser, ...] = (
    BusUser(
        "provision",
        (f"{API}.INFO", f"{API}.STREAM.CREATE.*", f"{API}.STREAM.UPDATE.*", f"{API}.STREAM.INFO.*"),
        description="creates and updates the streams (install and upgrade hook)",
    ),
    BusUser(
        "ingestion",
        ("raw.v1.>", *stream_info(RAW)),
        description="publishes accepted partner events, raw, to RAW",
    ),
    BusUser(
        "pseudonymisation",
        (
            *durable_consumer(RAW, "pseudonymisation"),
            "events.v1.>",
            "texts.v1.>",
            *dead_letters("pseudonymisation"),
            *stream_info(RAW, EVENTS, TEXTS, DEADLETTER),
        ),
        description="the only reader of RAW; publishes pseudonymised events and scrubbed texts",
    ),
    BusUser(
        "feature-store",
        (
            *durable_consumer(EVENTS, "feature-store"),
            *durable_consumer(TEXTS, "feature-store"),
            *dead_letters("feature-store"),
            *stream_info(EVENTS, TEXTS, DEADLETTER),
        ),
        description="stores pseudonymised events and scrubbed texts",
    ),
    BusUser(
        "scoring",
        ("scores.v1.>", *stream_info(SCORES)),
        description="publishes risk updates per zone",
    ),
    BusUser(
        "notification",
        (
            *durable_consumer(SCORES, "notification"),
            "notify.v1.>",
            *dead_letters("notification"),
            *stream_info(SCORES, NOTIFICATIONS, DEADLETTER),
            # An ordered (ephemeral) consumer per subscriber's stream of notifications.
            f"{API}.CONSUMER.CREATE.{NOTIFICATIONS.name}",
            f"{API}.CONSUMER.CREATE.{NOTIFICATIONS.name}.*.>",
            f"{API}.CONSUMER.DELETE.{NOTIFICATIONS.name}.*",
            f"$JS.FC.{NOTIFICATIONS.name}.>",
        ),
        description="turns risk updates into notifications per subscriber and streams them",
    ),
    BusUser(
        "deadletters",
        (
            *stream_info(DEADLETTER),
            f"{API}.STREAM.MSG.GET.{DEADLETTER.name}",
            f"{API}.STREAM.MSG.GET.{EVENTS.name}",
            f"{API}.STREAM.MSG.GET.{SCORES.name}",
            "events.v1.>",
            "scores.v1.>",
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
