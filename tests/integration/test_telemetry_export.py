"""Spans leave the service over OTLP/gRPC, with the service's resource, to a real gRPC receiver."""

import grpc
import pytest
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

from civicpulse.runtime.telemetry import tracer_provider

pytestmark = pytest.mark.integration


class Receiver(trace_service_pb2_grpc.TraceServiceServicer):
    def __init__(self) -> None:
        self.requests: list[trace_service_pb2.ExportTraceServiceRequest] = []

    def Export(self, request, context):
        self.requests.append(request)
        return trace_service_pb2.ExportTraceServiceResponse()


def test_spans_are_exported_with_the_service_name():
    from concurrent import futures

    receiver = Receiver()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(receiver, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        provider = tracer_provider("scoring", f"127.0.0.1:{port}")
        with provider.get_tracer("test").start_as_current_span("score cells"):
            pass
        assert provider.force_flush(10_000)
        provider.shutdown()
    finally:
        server.stop(None)
    [request] = receiver.requests
    [resource_spans] = request.resource_spans
    attributes = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
    assert attributes["service.name"] == "scoring" and attributes["service.namespace"] == "civicpulse"
    assert [s.name for s in resource_spans.scope_spans[0].spans] == ["score cells"]
