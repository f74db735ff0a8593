"""One OpenTelemetry bootstrap for every service: resource, tracer and meter providers, gRPC instrumentation."""

from __future__ import annotations

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor


def tracer_provider(
    service: str, otlp_endpoint: str | None = None, extra_processor: SpanProcessor | None = None
) -> TracerProvider:
    """A tracer provider for `service`; it exports over OTLP/gRPC when an endpoint is set."""
    provider = TracerProvider(resource=Resource.create({"service.name": service, "service.namespace": "civicpulse"}))
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint, insecure=True)))
    if extra_processor is not None:
        provider.add_span_processor(extra_processor)
    return provider


def meter_provider(service: str, otlp_endpoint: str | None = None, extra_reader: MetricReader | None = None) -> MeterProvider:
    """A meter provider for `service`; it exports over OTLP/gRPC (every minute) when an endpoint is set."""
    readers: list[MetricReader] = []
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

        readers.append(PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=otlp_endpoint, insecure=True)))
    if extra_reader is not None:
        readers.append(extra_reader)
    return MeterProvider(
        resource=Resource.create({"service.name": service, "service.namespace": "civicpulse"}), metric_readers=readers
    )


def configure_telemetry(service: str, otlp_endpoint: str | None = None) -> TracerProvider:
    """Installs the process-wide tracer and meter providers, once per process."""
    provider = tracer_provider(service, otlp_endpoint)
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(meter_provider(service, otlp_endpoint))
    return provider


def grpc_server_interceptors() -> list[object]:
    """Every call traced but health checks: probes every few seconds are noise in a trace, and the
    tracing interceptor iterates a streaming handler, which Health/Watch (a coroutine writing with
    context.write) is not."""
    from opentelemetry.instrumentation.grpc import aio_server_interceptor, filters

    return [aio_server_interceptor(filter_=filters.negate(filters.health_check()))]


def grpc_client_interceptors() -> list[object]:
    from opentelemetry.instrumentation.grpc import aio_client_interceptors

    return list(aio_client_interceptors())
