"""Traces leave a service over OTLP/gRPC with TLS: the receiver's certificate is verified against the
service's CA, and the service presents its own certificate, as every other connection does."""

import pytest
from opentelemetry.sdk.trace import TracerProvider

from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.devstack.otlp_receiver import OtlpReceiver
from civicpulse.runtime.settings import ServiceSettings
from civicpulse.runtime.telemetry import exporter_tls, meter_provider, tracer_provider
from civicpulse.runtime.tls import TlsFiles


def files(ca: CertificateAuthority, name: str) -> TlsFiles:
    certificate = ca.issue(name)
    return TlsFiles(certificate.cert_file, certificate.key_file, ca.ca_file)


@pytest.fixture(autouse=True)
def short_export_timeout(monkeypatch):
    # A refused export is retried until this timeout: short, so that the refusal is seen quickly.
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "2")


def export_one(provider: TracerProvider) -> None:
    with provider.get_tracer("test").start_as_current_span("score cells"):
        pass
    provider.force_flush(10_000)
    provider.shutdown()


def test_spans_reach_a_receiver_the_ca_signed_with_the_service_name(tmp_path):
    ca = CertificateAuthority(tmp_path / "ca")
    receiver = OtlpReceiver.start(files(ca, "otlp"))
    try:
        export_one(tracer_provider("scoring", receiver.endpoint, tls=files(ca, "scoring")))
    finally:
        receiver.stop()
    [span] = receiver.spans()
    assert (span.service, span.name, span.parent_span_id) == ("scoring", "score cells", "")
    assert receiver.tls


def test_metrics_sent_to_the_same_endpoint_are_taken_over_tls(tmp_path):
    ca = CertificateAuthority(tmp_path / "ca")
    receiver = OtlpReceiver.start(files(ca, "otlp"))
    try:
        provider = meter_provider("pseudonymisation", receiver.endpoint, tls=files(ca, "pseudonymisation"))
        provider.get_meter("test").create_counter("fields_withheld").add(1)
        assert provider.force_flush(10_000)
        provider.shutdown()
    finally:
        receiver.stop()
    assert receiver.metric_exports >= 1


def test_the_exporter_refuses_a_receiver_another_ca_signed(tmp_path):
    ours, theirs = CertificateAuthority(tmp_path / "ours"), CertificateAuthority(tmp_path / "theirs")
    impostor = OtlpReceiver.start(files(theirs, "otlp"))
    try:
        export_one(tracer_provider("scoring", impostor.endpoint, tls=files(ours, "scoring")))
    finally:
        impostor.stop()
    assert impostor.spans() == []


def test_the_receiver_refuses_an_exporter_without_tls(tmp_path):
    ca = CertificateAuthority(tmp_path / "ca")
    receiver = OtlpReceiver.start(files(ca, "otlp"))
    try:
        export_one(tracer_provider("scoring", receiver.endpoint, tls=None))
    finally:
        receiver.stop()
    assert receiver.spans() == []


def test_a_service_exports_with_its_own_tls_files_and_in_plaintext_only_in_plaintext_mode(tmp_path):
    paths = {n: tmp_path / f"{n}.pem" for n in ("cert", "key", "ca")}
    secured = ServiceSettings(
        city_profile=tmp_path / "city.yaml", tls_cert_file=paths["cert"], tls_key_file=paths["key"], tls_ca_file=paths["ca"]
    )
    assert exporter_tls(secured) == TlsFiles(paths["cert"], paths["key"], paths["ca"])
    assert exporter_tls(ServiceSettings(city_profile=tmp_path / "city.yaml", plaintext=True)) is None
