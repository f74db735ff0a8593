"""Durable pull consumer loop with explicit acks, shared by every replica of a service.

The handler gets a batch and returns one Outcome per message: ack on success, nak with a delay
on transient failure, term with a reason on poison input (the handler has already written its
dead-letter record). A message that keeps failing until its last delivery is dead-lettered
here, so nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import trace

from civicpulse.messaging.tracing import links_from

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


@dataclass(frozen=True)
class Outcome:
    action: str  # "ack" | "nak" | "term"
    delay: float = 0.0
    reason: str = ""


ACK = Outcome("ack")


def nak(delay: float) -> Outcome:
    return Outcome("nak", delay=delay)


def term(reason: str) -> Outcome:
    return Outcome("term", reason=reason)


@dataclass(frozen=True)
class ConsumerSpec:
    stream: str
    durable: str
    filter_subject: str
    ack_wait: float = 30.0
    max_deliver: int = 6
    backoff: tuple[float, ...] = (1.0, 5.0, 15.0, 30.0, 60.0)
    max_ack_pending: int = 20_000
    batch_size: int = 500

    def config(self) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self.durable,
            filter_subject=self.filter_subject,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait,
            max_deliver=self.max_deliver,
            backoff=list(self.backoff),
            max_ack_pending=self.max_ack_pending,
        )


BatchHandler = Callable[[list[Msg]], Awaitable[list[Outcome]]]
# Called for messages on their last delivery that still fail: write a dead-letter record.
Exhausted = Callable[[list[Msg], str], Awaitable[None]]


@dataclass
class PullConsumer:
    js: JetStreamContext
    spec: ConsumerSpec
    handler: BatchHandler
    on_exhausted: Exhausted
    fetch_timeout: float = 1.0
    _task: asyncio.Task | None = field(default=None, init=False)
    _subscription: object | None = field(default=None, init=False)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    async def start(self) -> None:
        # The consumer belongs to the service; creating it is idempotent for an identical config.
        await self.js.add_consumer(self.spec.stream, self.spec.config())
        self._subscription = await self.js.pull_subscribe_bind(durable=self.spec.durable, stream=self.spec.stream)
        self._task = asyncio.create_task(self._run(self._subscription), name=f"consumer-{self.spec.durable}")

    async def stop(self) -> None:
        """Finishes the batch in hand, then leaves; unacked messages go to another replica."""
        self._stopping.set()
        if self._task is not None:
            await self._task
        if self._subscription is not None:
            # Unsubscribed here, a pending pull cannot hold the connection's drain until its timeout.
            await self._subscription.unsubscribe()

    async def _run(self, subscription) -> None:
        while not self._stopping.is_set():
            try:
                batch = await subscription.fetch(self.spec.batch_size, timeout=self.fetch_timeout)
            except NatsTimeout:
                continue
            except Exception:  # connection trouble: the client reconnects; try again shortly
                log.warning("fetch failed on %s", self.spec.durable, exc_info=True)
                await asyncio.sleep(1.0)
                continue
            await self._process(batch)

    async def _process(self, batch: list[Msg]) -> None:
        with tracer.start_as_current_span(f"{self.spec.durable} process", links=links_from([m.headers for m in batch])) as span:
            span.set_attribute("messaging.batch.message_count", len(batch))
            try:
                outcomes = await self.handler(batch)
            except Exception:
                log.exception("handler failed on a batch of %d from %s", len(batch), self.spec.durable)
                outcomes = [nak(self._delay(m)) for m in batch]
        exhausted = [m for m, o in zip(batch, outcomes, strict=True) if o.action == "nak" and self._last_delivery(m)]
        if exhausted:
            await self.on_exhausted(exhausted, "max_deliver_exceeded")
        exhausted_ids = {id(m) for m in exhausted}
        for message, outcome in zip(batch, outcomes, strict=True):
            if outcome.action == "ack":
                await message.ack()
            elif outcome.action == "term" or id(message) in exhausted_ids:
                await message.term()
            else:
                await message.nak(delay=outcome.delay)

    def _last_delivery(self, message: Msg) -> bool:
        return message.metadata.num_delivered >= self.spec.max_deliver

    def _delay(self, message: Msg) -> float:
        index = min(message.metadata.num_delivered - 1, len(self.spec.backoff) - 1)
        return self.spec.backoff[max(index, 0)]
