"""Each service process serves /metrics on its metrics port: over TLS with its own certificate
(verified against the CA as a scraper would), or plain HTTP in plaintext mode; a port that cannot
be bound is said in words, and the service goes on serving its callers."""

from __future__ import annotations

import logging
import socket
import ssl
import urllib.request

import pytest

from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.runtime import metrics
from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.settings import ServiceSettings
from support import CONFIG, IN_PROCESS

HOUSTON = CONFIG / "cities" / "houston.yaml"


def scrape(url: str, context: ssl.SSLContext | None = None) -> str:
    with urllib.request.urlopen(url, timeout=5, context=context) as answer:
        return answer.read().decode()


async def test_metrics_are_served_over_tls_with_the_service_certificate(tmp_path):
    ca = CertificateAuthority(tmp_path / "tls")
    issued = ca.issue("ingestion")
    settings = ServiceSettings(
        callers_file=IN_PROCESS["callers_file"],
        city_profile=HOUSTON,
        tls_cert_file=issued.cert_file,
        tls_key_file=issued.key_file,
        tls_ca_file=ca.ca_file,
        metrics_port=0,
    )
    app = ServiceApp(settings)
    port = app.serve_metrics("127.0.0.1")
    try:
        metrics.REQUESTS.labels("/test.Metrics/Served", "OK").inc()
        verified = ssl.create_default_context(cafile=str(ca.ca_file))
        text = scrape(f"https://127.0.0.1:{port}/metrics", verified)
        assert 'civicpulse_requests_total{code="OK",method="/test.Metrics/Served"} 1.0' in text
        with pytest.raises(OSError):  # never in clear
            scrape(f"http://127.0.0.1:{port}/metrics")
        assert "civicpulse_requests_total" in scrape(f"https://127.0.0.1:{port}/metrics", verified)  # still serving
    finally:
        await app.resources.aclose()


async def test_a_taken_metrics_port_is_logged_and_the_service_goes_on(caplog):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = ServiceApp(ServiceSettings(**{**IN_PROCESS, "metrics_port": port}, city_profile=HOUSTON))
        with caplog.at_level(logging.ERROR):
            assert app.serve_metrics("127.0.0.1") is None
    assert app.metrics_port is None
    assert f"port {port} cannot be served" in caplog.text and "METRICS_PORT (0: any free port)" in caplog.text


async def test_plaintext_metrics_on_every_address():
    app = ServiceApp(ServiceSettings(**IN_PROCESS, city_profile=HOUSTON))
    port = app.serve_metrics("[::]")
    try:
        assert "civicpulse_consumer_healthy" in scrape(f"http://127.0.0.1:{port}/metrics")
    finally:
        await app.resources.aclose()
