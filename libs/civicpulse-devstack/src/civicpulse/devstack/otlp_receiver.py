"""An OTLP/gRPC trace receiver in the process, over TLS, that keeps every span it receives.

No collector binary is available on these machines: the local stack and the tests point every
service at this receiver instead (`LocalStack(traces=True)`), and read the spans back to follow a
trace across the services. It requires the exporter's client certificate, as the services' other
mutual-TLS ports do, so a service that exports at all proves it uses its TLS files.

Metrics sent to the same endpoint (a service exports both where OTLP_ENDPOINT points) are counted
and dropped: the services' metrics are read on their /metrics endpoints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent import futures
from dataclasses import dataclass

import grpc
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2, metrics_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

from civicpulse.runtime.tls import TlsFiles


@dataclass(frozen=True)
class ReceivedSpan:
    """One span as exported, ids in hex as W3C writes them; `parent_span_id` is "" for a root."""

    service: str
    trace_id: str
    span_id: str
    parent_span_id: str
    name: str
    kind: int  # opentelemetry.proto.trace.v1.Span.SpanKind
    links: tuple[tuple[str, str], ...]  # (trace_id, span_id) of each linked span
    attributes: dict[str, object]


def _value(value: AnyValue) -> object:
    kind = value.WhichOneof("value")
    return getattr(value, kind) if kind in ("string_value", "int_value", "double_value", "bool_value") else str(value)


def _spans_of(request: trace_service_pb2.ExportTraceServiceRequest) -> Iterable[ReceivedSpan]:
    for resource_spans in request.resource_spans:
        resource = {a.key: _value(a.value) for a in resource_spans.resource.attributes}
        service = str(resource.get("service.name", ""))
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                yield ReceivedSpan(
                    service=service,
                    trace_id=span.trace_id.hex(),
                    span_id=span.span_id.hex(),
                    parent_span_id=span.parent_span_id.hex(),
                    name=span.name,
                    kind=span.kind,
                    links=tuple((link.trace_id.hex(), link.span_id.hex()) for link in span.links),
                    attributes={a.key: _value(a.value) for a in span.attributes},
                )


class _TraceService(trace_service_pb2_grpc.TraceServiceServicer):
    def __init__(self, keep: Callable[[list[ReceivedSpan]], None]) -> None:
        self._keep = keep

    def Export(self, request, context):  # noqa: N802 - the generated servicer's name
        self._keep(list(_spans_of(request)))
        return trace_service_pb2.ExportTraceServiceResponse()


class _MetricsService(metrics_service_pb2_grpc.MetricsServiceServicer):
    def __init__(self, count: Callable[[], None]) -> None:
        self._count = count

    def Export(self, request, context):  # noqa: N802 - the generated servicer's name
        self._count()
        return metrics_service_pb2.ExportMetricsServiceResponse()


class OtlpReceiver:
    """`receiver = OtlpReceiver.start(tls)`; point exporters at `receiver.endpoint`; read
    `receiver.spans()`; `receiver.stop()`. Without `tls` it listens in plaintext (a stack in
    plaintext mode)."""

    def __init__(self, server: grpc.Server, port: int, tls: bool) -> None:
        self._server = server
        self._lock = threading.Lock()
        self._spans: list[ReceivedSpan] = []
        self.port = port
        self.tls = tls
        self.metric_exports = 0  # metrics export calls received (their content is dropped)

    @classmethod
    def start(cls, tls: TlsFiles | None, host: str = "127.0.0.1", port: int = 0) -> OtlpReceiver:
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="otlp-receiver"))
        address = f"{host}:{port}"
        if tls is None:
            bound = server.add_insecure_port(address)
        else:
            bound = server.add_secure_port(address, tls.server_credentials(require_client_certificate=True))
        receiver = cls(server, bound, tls is not None)
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(_TraceService(receiver._keep), server)
        metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(_MetricsService(receiver._count_metrics), server)
        server.start()
        return receiver

    @property
    def endpoint(self) -> str:
        """What a service's OTLP endpoint setting names: host:port (TLS or not is the service's mode)."""
        return f"127.0.0.1:{self.port}"

    def _keep(self, spans: list[ReceivedSpan]) -> None:
        with self._lock:
            self._spans.extend(spans)

    def _count_metrics(self) -> None:
        with self._lock:
            self.metric_exports += 1

    def spans(self) -> list[ReceivedSpan]:
        """Every span received so far, in the order they arrived."""
        with self._lock:
            return list(self._spans)

    def stop(self, grace: float | None = 1.0) -> None:
        self._server.stop(grace).wait()
