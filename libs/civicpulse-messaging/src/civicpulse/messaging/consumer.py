"""Durable pull consumer loop with explicit acks, shared by every replica of a service.

A message may carry several events (the event path batches them): `unpack` turns a message into
its items, and the handler takes a batch of items from several messages and returns one Outcome
per item: ack on success, term when it has rejected the item itself (and written its dead-letter
record). When the handler raises instead, the consumer tells two failures apart:

- transient (a database, the bus or another service is down): every message of the batch is
  naked with a growing delay and tried again for as long as its stream keeps it; never
  dead-lettered;
- anything else may be one bad item: the batch is split in halves and each half handled alone,
  down to the single item that fails, which is dead-lettered with its stream, its sequence, its
  position in the message and the cause (the error's class and SQLSTATE, never the payload). The
  good items of that batch, and of that very message, go through.

A message is acked once all its items are settled (stored, or dead-lettered), terminated when all
of them were rejected, and naked if any must be tried again (stores are idempotent per event, so
the items already through change nothing the second time).

The ack wait is the configured one (no server BackOff list, which would replace it with its
first value); a batch that takes long reports progress so that it is not redelivered meanwhile.
The loop is supervised: it survives any error of its own. `healthy()` turns false when it has
not gone round for a while, or when it has held one batch longer than the ack wait (a handler
blocked, say on row locks another replica holds): the service then reports NOT_SERVING. Every few
seconds, off the hot path, the consumer's pending and ack-pending counts are read into the
metrics; each settled batch is one log line (the acknowledgement log).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import nats.errors
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import trace

from civicpulse.messaging.tracing import MessageSpans
from civicpulse.runtime import metrics
from civicpulse.runtime.errors import dependency_failure

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


class TransientError(Exception):
    """A dependency cannot be reached now: the batch is tried again later, never dead-lettered."""


def is_transient(error: BaseException) -> bool:
    """Failures of the things around a message (database, bus, another service), not of the message:
    the runtime's one classifier of "try again later" (`dependency_failure`), which gRPC calls share."""
    return isinstance(error, TransientError) or dependency_failure(error) is not None


def cause(error: BaseException) -> str:
    """What went wrong, in words that carry no payload: the error's class and its SQLSTATE if any."""
    state = getattr(error, "sqlstate", None)
    return f"{type(error).__name__}[{state}]" if state else type(error).__name__


@dataclass(frozen=True)
class ConsumerSpec:
    stream: str
    durable: str
    filter_subject: str
    ack_wait: float = 30.0
    # Delays between tries of a batch that failed for a transient reason; the last one repeats.
    retry_delays: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0)
    max_ack_pending: int = 20_000
    batch_size: int = 500

    def config(self) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self.durable,
            filter_subject=self.filter_subject,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait,
            # Unlimited: a message leaves by ack, by term as poison, or when its stream drops it.
            max_deliver=-1,
            max_ack_pending=self.max_ack_pending,
        )


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work and where it came from: its message and its position in it."""

    message: Msg
    index: int
    # What `unpack` decoded; None when the message itself could not be read.
    value: Any


def whole(message: Msg) -> list[Any]:
    """The default unpacking: a message is one item, the message itself."""
    return [message]


# The values a message carries; raises when the message cannot be read (it is then poison).
Unpack = Callable[[Msg], list[Any]]
BatchHandler = Callable[[list[Item]], Awaitable[list[Outcome]]]
# Writes the dead-letter record of one poison item: (item, cause).
Poisoned = Callable[[Item, str], Awaitable[None]]


@dataclass
class PullConsumer:
    js: JetStreamContext
    spec: ConsumerSpec
    handler: BatchHandler
    on_poison: Poisoned
    unpack: Unpack = whole
    fetch_timeout: float = 1.0
    # The loop counts as stuck when it has not gone round for this long.
    stall_seconds: float = 120.0
    # ... or when it has held one batch for this long (None: the ack wait), which is no progress.
    progress_seconds: float | None = None
    # How often the consumer's backlog is read into the metrics.
    monitor_seconds: float = 5.0
    _task: asyncio.Task | None = field(default=None, init=False)
    _subscription: object | None = field(default=None, init=False)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _last_turn: float = field(default_factory=time.monotonic, init=False)
    _batch_since: float | None = field(default=None, init=False)  # when the batch in hand was fetched
    _monitor: asyncio.Task | None = field(default=None, init=False)
    restarts: int = field(default=0, init=False)

    async def start(self) -> None:
        # The consumer belongs to the service; creating or updating it is idempotent for one config.
        await self.js.add_consumer(self.spec.stream, self.spec.config())
        self._subscription = await self.js.pull_subscribe_bind(durable=self.spec.durable, stream=self.spec.stream)
        # Exported from the start (at zero), so that a dashboard or an alert sees the durable before it has news.
        metrics.CONSUMER_REDELIVERIES.labels(self.spec.stream, self.spec.durable)
        self._task = asyncio.create_task(self._supervise(), name=f"consumer-{self.spec.durable}")
        self._monitor = asyncio.create_task(self._watch_backlog(), name=f"consumer-{self.spec.durable}-backlog")

    async def stop(self) -> None:
        """Finishes the batch in hand, then leaves; unacked messages go to another replica."""
        self._stopping.set()
        if self._task is not None:
            await self._task
        if self._monitor is not None:
            self._monitor.cancel()
            await asyncio.gather(self._monitor, return_exceptions=True)
        if self._subscription is not None:
            # Unsubscribed here, a pending pull cannot hold the connection's drain until its timeout.
            await self._subscription.unsubscribe()

    def healthy(self) -> bool:
        """The loop runs, goes round, and makes progress: no batch held longer than the bound."""
        alive = self._task is not None and not self._task.done()
        now = time.monotonic()
        bound = self.spec.ack_wait if self.progress_seconds is None else self.progress_seconds
        stuck = self._batch_since is not None and now - self._batch_since > bound
        return alive and not stuck and now - self._last_turn < self.stall_seconds

    async def _watch_backlog(self) -> None:
        """Reads the consumer's pending and ack-pending counts, and its health, into the metrics."""
        stream, durable = self.spec.stream, self.spec.durable
        while True:
            metrics.CONSUMER_HEALTHY.labels(stream, durable).set(1 if self.healthy() else 0)
            try:
                info = await self.js.consumer_info(stream, durable, timeout=self.monitor_seconds)
                metrics.CONSUMER_PENDING.labels(stream, durable).set(info.num_pending or 0)
                metrics.CONSUMER_ACK_PENDING.labels(stream, durable).set(info.num_ack_pending or 0)
            except Exception as exc:  # the bus away: the gauges keep their last values, the loop its turn
                log.debug("reading the backlog of %s failed: %s", durable, cause(exc))
            await asyncio.sleep(self.monitor_seconds)

    async def _supervise(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._loop()
            except Exception:
                self.restarts += 1
                log.exception("consumer loop of %s failed; restarting it", self.spec.durable)
                await asyncio.sleep(1.0)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            self._last_turn = time.monotonic()
            try:
                batch = await self._subscription.fetch(self.spec.batch_size, timeout=self.fetch_timeout)
            except (nats.errors.TimeoutError, TimeoutError):
                continue  # nothing to do: an idle consumer is not a problem
            except Exception as exc:  # connection trouble: the client reconnects; try again shortly
                log.warning("fetch failed on %s: %s", self.spec.durable, cause(exc))
                await asyncio.sleep(1.0)
                continue
            if batch:  # a pull can end with no message (request expired)
                self._batch_since = time.monotonic()
                try:
                    await self._process(batch)
                finally:
                    self._batch_since = None

    async def _process(self, batch: list[Msg]) -> None:
        # One trace per event path: the batch span continues its first message's trace, and each
        # other publisher's trace gets its own span around the same settlement (MessageSpans).
        with MessageSpans.open(tracer, f"{self.spec.durable} process", batch) as span:
            span.set_attribute("messaging.batch.message_count", len(batch))
            progress = asyncio.create_task(self._report_progress(batch))
            try:
                items, settled = await self._unpack(batch)
                span.set_attribute("civicpulse.batch.item_count", len(items))
                if items:
                    settled += await self._settle(items)
            finally:
                progress.cancel()
        await self._acknowledge(batch, settled, len(items))

    async def _acknowledge(self, batch: list[Msg], settled: list[tuple[Item, Outcome]], item_count: int) -> None:
        """One action per message, then the batch's line: counts per action, never an item."""
        durable = self.spec.durable
        done = {"ack": 0, "nak": 0, "term": 0}
        failed = 0
        for message, outcome in _per_message(batch, settled):
            try:
                if outcome.action == "ack":
                    await message.ack()
                elif outcome.action == "term":
                    await message.term()
                else:
                    await message.nak(delay=outcome.delay)
                done[outcome.action] += 1
            except Exception as exc:  # the bus went away: unacked messages come back after the ack wait
                failed += 1
                log.warning("acknowledging on %s failed: %s", durable, cause(exc))
        redelivered = sum(1 for message in batch if message.metadata.num_delivered > 1)
        if redelivered:
            metrics.CONSUMER_REDELIVERIES.labels(self.spec.stream, durable).inc(redelivered)
        since = self._batch_since
        fields = {
            "stream": self.spec.stream,
            "durable": durable,
            "messages": len(batch),
            "items": item_count,
            "acked": done["ack"],
            "naked": done["nak"],
            "termed": done["term"],
            "acknowledgement_failed": failed,
            "redelivered": redelivered,
            "duration_ms": round((time.monotonic() - since) * 1000, 1) if since is not None else None,
        }
        log.info(
            "%s: batch of %d messages (%d items) settled: %d acked, %d naked, %d terminated",
            durable,
            len(batch),
            item_count,
            done["ack"],
            done["nak"],
            done["term"],
            extra={"fields": fields},
        )

    async def _unpack(self, batch: list[Msg]) -> tuple[list[Item], list[tuple[Item, Outcome]]]:
        """The items of every message; a message that cannot be read is poison as a whole."""
        items: list[Item] = []
        settled: list[tuple[Item, Outcome]] = []
        for message in batch:
            try:
                values = self.unpack(message)
            except Exception as exc:
                settled.append(await self._poison(Item(message, 0, None), exc))
                continue
            items.extend(Item(message, index, value) for index, value in enumerate(values))
            if not values:  # nothing in it: done with
                settled.append((Item(message, 0, None), ACK))
        return items, settled

    async def _settle(self, items: list[Item]) -> list[tuple[Item, Outcome]]:
        """Outcomes for every item, isolating the ones that make the handler fail."""
        try:
            return list(zip(items, await self.handler(items), strict=True))
        except Exception as exc:
            if is_transient(exc):
                log.warning("a batch of %d on %s will be retried: %s", len(items), self.spec.durable, cause(exc))
                return [(item, nak(self._retry_delay(item.message))) for item in items]
            if len(items) == 1:
                return [await self._poison(items[0], exc)]
            half = len(items) // 2
            return await self._settle(items[:half]) + await self._settle(items[half:])

    async def _poison(self, item: Item, error: BaseException) -> tuple[Item, Outcome]:
        reason = cause(error)
        sequence = item.message.metadata.sequence.stream
        log.error("poison item %d of message %d on %s: %s", item.index, sequence, self.spec.durable, reason)
        try:
            await self.on_poison(item, reason)
        except Exception as dead_letter_failed:  # the record could not be written: keep the message
            log.warning("dead-lettering on %s failed: %s", self.spec.durable, cause(dead_letter_failed))
            return item, nak(self._retry_delay(item.message))
        return item, term(reason)

    async def _report_progress(self, batch: list[Msg]) -> None:
        """Keeps a long batch from being redelivered while it is still being handled."""
        while True:
            await asyncio.sleep(self.spec.ack_wait / 3)
            for message in batch:
                try:
                    await message.in_progress()
                except Exception:
                    return

    def _retry_delay(self, message: Msg) -> float:
        index = min(message.metadata.num_delivered - 1, len(self.spec.retry_delays) - 1)
        return self.spec.retry_delays[max(index, 0)]


def _per_message(batch: list[Msg], settled: list[tuple[Item, Outcome]]) -> list[tuple[Msg, Outcome]]:
    """One action per message from its items': nak if any must be tried again (the longest delay),
    term if all were rejected, else ack."""
    by_message: dict[int, list[Outcome]] = {}
    for item, outcome in settled:
        by_message.setdefault(id(item.message), []).append(outcome)
    actions = []
    for message in batch:
        outcomes = by_message[id(message)]
        naks = [o for o in outcomes if o.action == "nak"]
        if naks:
            actions.append((message, max(naks, key=lambda o: o.delay)))
        elif all(o.action == "term" for o in outcomes):
            actions.append((message, outcomes[0]))
        else:
            actions.append((message, ACK))
    return actions
