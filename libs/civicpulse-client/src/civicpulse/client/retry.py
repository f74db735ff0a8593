"""When to call again: the retry policy of service_config.json, applied by this client itself.

gRPC's own retries (which any language gets by loading service_config.json) wait a backoff, or the
server's pushback; this client does the same and three things more: it waits what the server's
`RetryInfo` says, retries an attempt that ran out of time (DEADLINE_EXCEEDED), and stops at a
deadline for all the attempts of a call. Retrying IngestEvents is safe: a call sent again is
recognised by its events' ids and answered DUPLICATE.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import grpc

from civicpulse.client.status import Refusal

T = TypeVar("T")
INGEST_EVENTS = ("civicpulse.ingestion.v1.IngestionService", "IngestEvents")
# Besides the codes the service config names: an attempt that ran out of its own time.
ATTEMPT_TIMED_OUT = grpc.StatusCode.DEADLINE_EXCEEDED


def _seconds(duration: str) -> float:
    """A service config duration ("0.5s") in seconds."""
    return float(duration.removesuffix("s"))


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    initial_backoff: float = 0.5
    max_backoff: float = 10.0
    multiplier: float = 2.0
    retryable: frozenset[grpc.StatusCode] = frozenset(
        {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED, ATTEMPT_TIMED_OUT}
    )

    @classmethod
    def from_service_config(cls, config: Mapping, method: tuple[str, str] = INGEST_EVENTS) -> RetryPolicy:
        """The retryPolicy a service config declares for `method` (service, name)."""
        service, name = method
        for entry in config["methodConfig"]:
            names = entry.get("name", ())
            if "retryPolicy" in entry and any(n.get("service") == service and n.get("method", name) == name for n in names):
                p = entry["retryPolicy"]
                return cls(
                    max_attempts=p["maxAttempts"],
                    initial_backoff=_seconds(p["initialBackoff"]),
                    max_backoff=_seconds(p["maxBackoff"]),
                    multiplier=p["backoffMultiplier"],
                    retryable=frozenset(grpc.StatusCode[code] for code in p["retryableStatusCodes"]) | {ATTEMPT_TIMED_OUT},
                )
        raise LookupError(f"the service config declares no retry policy for {service}/{name}")

    def backoff(self, retry: int, draw: float) -> float:
        """The wait before retry `retry` (from 1) with no word from the server: exponential, with full
        jitter as gRPC's own retries (`draw` uniform in [0, 1))."""
        return draw * min(self.initial_backoff * self.multiplier ** (retry - 1), self.max_backoff)

    def delay(self, attempts: int, refusal: Refusal, time_left: float | None, draw: float) -> float | None:
        """Seconds to wait before calling again after `attempts` calls, the last refused with `refusal`;
        None when not to: the code is not retryable, the attempts are spent, or the wait would end
        after the deadline (`time_left` seconds away; None: no deadline)."""
        if refusal.code not in self.retryable or attempts >= self.max_attempts:
            return None
        wait = refusal.retry_delay if refusal.retry_delay is not None else self.backoff(attempts, draw)
        if time_left is not None and wait >= time_left:
            return None
        return wait


class CallFailed(grpc.aio.AioRpcError):
    """A call refused for good: the last attempt's error (so `code()` and `details()` work as for
    any gRPC error), with the refusal it carried and the attempts made."""

    def __init__(self, error: grpc.aio.AioRpcError, attempts: int) -> None:
        super().__init__(error.code(), error.initial_metadata(), error.trailing_metadata(), error.details())
        self.refusal = Refusal.of(error)
        self.attempts = attempts

    def __str__(self) -> str:
        return f"{self.refusal} (after {self.attempts} attempt{'s' if self.attempts > 1 else ''})"


async def with_retries(
    attempt: Callable[[float | None], Awaitable[T]],
    policy: RetryPolicy,
    deadline: float | None,
    attempt_timeout: float | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    draw: Callable[[], float] = random.random,
) -> tuple[T, int]:
    """`attempt(timeout)` until it answers: its answer and the attempts made; CallFailed when the
    policy says to stop. `deadline` is a `clock()` time for all the attempts; each gets
    `attempt_timeout` seconds at most, and never more than is left."""
    attempts = 0
    while True:
        attempts += 1
        left = None if deadline is None else deadline - clock()
        timeout = min((t for t in (attempt_timeout, left) if t is not None), default=None)
        try:
            return await attempt(timeout), attempts
        except grpc.aio.AioRpcError as error:
            left = None if deadline is None else deadline - clock()
            wait = policy.delay(attempts, Refusal.of(error), left, draw())
            if wait is None:
                raise CallFailed(error, attempts) from error
        await asyncio.sleep(wait)
