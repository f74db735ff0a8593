"""The bench's read phase: a zone's 30-day agenda under concurrent clients, against a health check.

Once the bench's stack holds the history, scoring trains and scores as of the history's end as the
scheduler would; then `clients` applications each ask for one zone's agenda (ForecastService.
GetAgenda) again and again, on their own channels. The reference, measured in the same run with
the same clients and channels: the scoring server's health check, which reads nothing. The ratio of
the two p50s is what the agenda itself costs, whatever the machine's speed that day.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

import numpy as np
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.devstack.callers import DISPATCH_APP, SCHEDULER, demo_token
from civicpulse.devstack.stack import LocalStack
from civicpulse.lab.scenario import Summary, bearer, score, train
from civicpulse.scoring.v1 import forecasts_pb2, forecasts_pb2_grpc, scoring_pb2, scoring_pb2_grpc

CLIENTS = 20
CALLS_PER_CLIENT = 50
# The bench's model trains fast on short held-out periods (SHORT_HELD_OUT): the read path is
# measured, not the model.
SCORING_OVERRIDES = {"TRAINING_STEP_HOURS": "24"}


async def _latencies(
    stack: LocalStack, clients: int, calls: int, make_call: Callable[[object], Awaitable[object]]
) -> list[float]:
    """Every call's latency in ms, `clients` callers at once, each on its own channel."""

    async def client() -> list[float]:
        seen = []
        async with stack.endpoint("scoring").channel() as channel:
            await make_call(channel)  # the channel is connected before the clock starts
            for _ in range(calls):
                start = time.perf_counter()
                await make_call(channel)
                seen.append((time.perf_counter() - start) * 1000)
        return seen

    per_client = await asyncio.gather(*(client() for _ in range(clients)))
    return [ms for seen in per_client for ms in seen]


class NoModelToRead(RuntimeError):
    """The bench's model did not pass the gate, so no forecast is there to read: the other figures stand."""


def _percentiles(latencies: list[float]) -> dict:
    return {
        "calls": len(latencies),
        "p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "p99_ms": round(float(np.percentile(latencies, 99)), 2),
    }


async def agenda_latency(stack: LocalStack, issue_time: datetime, clients: int = CLIENTS, calls: int = CALLS_PER_CLIENT) -> dict:
    """Trains and scores as of `issue_time`, then times one zone's agenda against the health check."""
    summary = Summary()
    async with stack.endpoint("scoring", certificate=SCHEDULER).channel() as channel:
        scoring = scoring_pb2_grpc.ScoringServiceStub(channel)
        trained = await train(scoring, issue_time, 0, summary, print)
        if trained.status != scoring_pb2.MODEL_STATUS_ACTIVE:
            raise NoModelToRead(f"the bench's model did not pass the gate ({trained.gate_reason}): nothing to read")
        await score(scoring, issue_time, summary)
    metadata = bearer(demo_token(DISPATCH_APP))
    async with stack.endpoint("scoring").channel() as channel:
        zones = await forecasts_pb2_grpc.ForecastServiceStub(channel).ListZones(
            forecasts_pb2.ListZonesRequest(), metadata=metadata
        )
    # The zone with the most cells: the largest agenda a client asks for.
    zone = max(zones.zones, key=lambda z: (z.cell_count, z.zone_id)).zone_id
    request = forecasts_pb2.GetAgendaRequest(zone_ids=[zone], days=30)

    async def agenda(channel) -> object:
        return await forecasts_pb2_grpc.ForecastServiceStub(channel).GetAgenda(request, metadata=metadata, timeout=30)

    async def health(channel) -> object:
        return await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=30)

    reference = _percentiles(await _latencies(stack, clients, calls, health))
    measured = _percentiles(await _latencies(stack, clients, calls, agenda))
    return {
        "zone": zone,
        "clients": clients,
        "cells_scored": summary.cells_scored,
        "agenda": measured,
        "health_check": reference,
        "agenda_p50_to_health_p50": round(measured["p50_ms"] / reference["p50_ms"], 2),
        "agenda_p99_to_health_p99": round(measured["p99_ms"] / reference["p99_ms"], 2),
    }
