"""One OpenTelemetry bootstrap for every service: resource, tracer and meter providers, gRPC instrumentation.

Traces and metrics leave over OTLP/gRPC with the TLS every other connection has: the collector's
certificate is verified against the service's CA bundle and the service presents its own
certificate (a collector may require it). Plaintext only in the service's plaintext mode.
"""

from __future__ import annotations

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from civicpulse.runtime.settings import CommonSettings
from civicpulse.runtime.tls import TlsFiles


def _resource(service: str) -> Resource:
    return Resource.create({"service.name": service, "service.namespace": "civicpulse"})


def _transport(tls: TlsFiles | None) -> dict[str, object]:
    """The exporters' connection: TLS with this service's certificate, or plaintext without TLS files."""
    if tls is None:
        return {"insecure": True}
    return {"insecure": False, "credentials": tls.channel_credentials()}


def tracer_provider(
    service: str, otlp_endpoint: str | None = None, extra_processor: SpanProcessor | None = None, tls: TlsFiles | None = None
) -> TracerProvider:
    """A tracer provider for `service`; it exports over OTLP/gRPC when an endpoint is set, over TLS
    with `tls` (plaintext without)."""
    provider = TracerProvider(resource=_resource(service))
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=otlp_endpoint, **_transport(tls))
        provider.add_span_processor(BatchSpanProcessor(exporter))
    if extra_processor is not None:
        provider.add_span_processor(extra_processor)
    return provider


def meter_provider(
    service: str, otlp_endpoint: str | None = None, extra_reader: MetricReader | None = None, tls: TlsFiles | None = None
) -> MeterProvider:
    """A meter provider for `service`; it exports over OTLP/gRPC (every minute) when an endpoint is
    set, over TLS with `tls` (plaintext without)."""
    readers: list[MetricReader] = []
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

        readers.append(PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=otlp_endpoint, **_transport(tls))))
    if extra_reader is not None:
        readers.append(extra_reader)
    return MeterProvider(resource=_resource(service), metric_readers=readers)


def exporter_tls(settings: CommonSettings) -> TlsFiles | None:
    """The files the exporters connect with: the service's own (its certificate, its key, the CA
    bundle), or None only in plaintext mode."""
    if settings.plaintext:
        return None
    return TlsFiles(settings.tls_cert_file, settings.tls_key_file, settings.tls_ca_file)


def configure_telemetry(service: str, settings: CommonSettings | None = None) -> TracerProvider:
    """Installs the process-wide tracer and meter providers, once per process: exporting to the
    settings' OTLP endpoint if any, over TLS with the service's own files unless it runs in plaintext."""
    endpoint = settings.otlp_endpoint if settings else None
    tls = exporter_tls(settings) if settings else None
    provider = tracer_provider(service, endpoint, tls=tls)
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(meter_provider(service, endpoint, tls=tls))
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
