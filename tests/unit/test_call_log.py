"""One JSON log line and the request metrics per gRPC call: method, caller, status, duration and
counts, never a credential; health checks neither logged nor counted."""

from __future__ import annotations

import json
import logging

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2 as ing
from civicpulse.runtime import metrics
from civicpulse.runtime.access import AccessInterceptor, Caller, CallerRegistry, Role, method_rights, token_digest
from civicpulse.runtime.call_log import items
from civicpulse.runtime.errors import FieldProblem, InvalidArgument
from civicpulse.runtime.grpc_server import create_server
from civicpulse.runtime.logging import JsonFormatter

SERVICE = "test.CallLog"
INGEST = f"/{SERVICE}/Ingest"
REFUSE = f"/{SERVICE}/Refuse"
WATCH = f"/{SERVICE}/Watch"
TOKEN = "secret-token-of-partner-a"


async def ingest(request: ing.IngestEventsRequest, context) -> ing.IngestEventsResponse:
    return ing.IngestEventsResponse(results=[ing.EventResult(partner_event_id="x") for _ in request.events])


async def refuse(request: ing.IngestEventsRequest, context) -> ing.IngestEventsResponse:
    raise InvalidArgument("no", (FieldProblem("events", "empty", "send events"),))


async def watch(request: ing.IngestEventsRequest, context):
    for event in request.events:
        yield ing.IngestEventsResponse(accepted=1 if event.partner_event_id else 0)


def register(server: grpc.aio.Server) -> None:
    unary = {
        "request_deserializer": ing.IngestEventsRequest.FromString,
        "response_serializer": ing.IngestEventsResponse.SerializeToString,
    }
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                SERVICE,
                {
                    "Ingest": grpc.unary_unary_rpc_method_handler(ingest, **unary),
                    "Refuse": grpc.unary_unary_rpc_method_handler(refuse, **unary),
                    "Watch": grpc.unary_stream_rpc_method_handler(watch, **unary),
                },
            ),
        )
    )


class Lines(logging.Handler):
    """The call log's lines, as the service's stdout would hold them."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter("test"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def calls(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture
async def served():
    registry = CallerRegistry.of({"partner-a": Caller(role=Role.PARTNER, token_sha256=token_digest(TOKEN))})
    rights = method_rights(SERVICE, {"Ingest": [Role.PARTNER], "Refuse": [Role.PARTNER], "Watch": [Role.OPERATOR]})
    server = create_server([register], [SERVICE], "127.0.0.1", 0, access=AccessInterceptor(registry, rights))
    await server.server.start()
    handler = Lines()
    logger = logging.getLogger("civicpulse.calls")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        yield channel, handler
    finally:
        logger.removeHandler(handler)
        await channel.close()
        await server.server.stop(None)


def request(n: int) -> bytes:
    return ing.IngestEventsRequest(
        events=[events_pb2.PartnerEvent(partner_event_id=f"e{i}") for i in range(n)]
    ).SerializeToString()


def requests_count(method: str, code: str) -> float:
    return metrics.REQUESTS.labels(method, code)._value.get()


def duration_count(method: str) -> float:
    return next(
        s.value
        for m in metrics.REQUEST_SECONDS.collect()
        for s in m.samples
        if s.name.endswith("_count") and s.labels["method"] == method
    )


async def call(channel, method: str, body: bytes, token: str | None, stream: bool = False):
    metadata = (("authorization", f"Bearer {token}"),) if token else None
    if stream:
        return [m async for m in channel.unary_stream(method)(body, metadata=metadata)]
    return await channel.unary_unary(method)(body, metadata=metadata)


async def test_a_call_is_one_line_with_its_caller_status_duration_and_counts(served):
    channel, handler = served
    before = requests_count(INGEST, "OK")
    await call(channel, INGEST, request(3), TOKEN)
    [line] = handler.calls()
    assert line["method"] == INGEST and line["caller"] == "partner-a" and line["code"] == "OK"
    assert line["request_items"] == 3 and line["response_items"] == 3
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "civicpulse.calls"
    assert requests_count(INGEST, "OK") == before + 1
    assert duration_count(INGEST) >= 1


async def test_a_refusal_logs_the_status_it_was_mapped_to(served):
    channel, handler = served
    with pytest.raises(grpc.aio.AioRpcError):
        await call(channel, REFUSE, request(0), TOKEN)
    with pytest.raises(grpc.aio.AioRpcError):
        await call(channel, WATCH, request(1), TOKEN, stream=True)  # a partner may not watch
    refused, denied = handler.calls()
    assert (refused["code"], refused["caller"]) == ("INVALID_ARGUMENT", "partner-a")
    assert (denied["code"], denied["caller"]) == ("PERMISSION_DENIED", "partner-a")
    assert requests_count(REFUSE, "INVALID_ARGUMENT") >= 1


async def test_an_unknown_token_is_logged_without_a_caller_and_never_itself(served):
    channel, handler = served
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(channel, INGEST, request(1), "a-stolen-token-value")
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    [line] = handler.calls()
    assert line["code"] == "UNAUTHENTICATED" and line["caller"] is None
    assert "a-stolen-token-value" not in handler.lines[0]


async def test_a_stream_is_logged_when_it_ends_with_the_messages_sent():
    registry = CallerRegistry.of({"operator": Caller(role=Role.OPERATOR, token_sha256=token_digest(TOKEN))})
    server = create_server(
        [register],
        [SERVICE],
        "127.0.0.1",
        0,
        access=AccessInterceptor(registry, method_rights(SERVICE, {"Watch": [Role.OPERATOR]})),
    )
    await server.server.start()
    handler = Lines()
    logging.getLogger("civicpulse.calls").addHandler(handler)
    logging.getLogger("civicpulse.calls").setLevel(logging.INFO)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            answers = await call(channel, WATCH, request(4), TOKEN, stream=True)
            assert len(answers) == 4
            # Probes are neither logged nor counted.
            await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    finally:
        logging.getLogger("civicpulse.calls").removeHandler(handler)
        await server.server.stop(None)
    [line] = handler.calls()
    assert (line["method"], line["caller"], line["code"]) == (WATCH, "operator", "OK")
    assert line["messages_sent"] == 4 and line["request_items"] == 4
    assert not any(s.labels.get("method", "").startswith("/grpc.health") for m in metrics.REQUESTS.collect() for s in m.samples)


def test_items_counts_a_message_s_first_repeated_field_and_nothing_else():
    assert items(ing.IngestEventsResponse(results=[ing.EventResult()] * 2, accepted=7)) == 2
    assert items(ing.IngestEventsResponse()) == 0
    assert items(health_pb2.HealthCheckRequest(service="x")) is None  # nothing to count
    assert items(b"raw bytes") is None
