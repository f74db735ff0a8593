"""`python -m civicpulse.runtime.healthcheck` against real gRPC servers of the runtime.

The Deployments' probes and the `helm test` Pod run this module; here it runs as they run it (the
probe's command from the rendered chart, with the service's environment) against a server built
by `create_server`, over TLS with certificates of a test CA and in plaintext, SERVING and not.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import ssl
import sys
import threading
from contextlib import asynccontextmanager, contextmanager

import pytest
from chart_support import RELEASE, by_kind, container

from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.runtime import healthcheck
from civicpulse.runtime.grpc_server import create_server
from civicpulse.runtime.tls import TlsFiles


@pytest.fixture(scope="module")
def authority(tmp_path_factory) -> CertificateAuthority:
    return CertificateAuthority(tmp_path_factory.mktemp("ca"))


@asynccontextmanager
async def server(authority: CertificateAuthority | None, certificate_name: str = "", serving: bool = True):
    """A runtime gRPC server on a free port of 127.0.0.1: TLS with a certificate for `certificate_name`, or plaintext."""
    credentials = None
    if authority is not None:
        issued = authority.issue(certificate_name, ("localhost",))
        tls = TlsFiles(issued.cert_file, issued.key_file, authority.ca_file)
        credentials = tls.server_credentials(require_client_certificate=False)
    grpc_server = create_server([], [], "127.0.0.1", 0, credentials=credentials)
    await grpc_server.server.start()
    try:
        await grpc_server.set_serving(serving)
        yield grpc_server
    finally:
        await grpc_server.server.stop(None)


async def run(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """A command as the kubelet runs it: a process of its own, with the container's environment."""
    process = await asyncio.create_subprocess_exec(
        *command,
        env={"PATH": os.environ["PATH"], **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode, output.decode()


def probe(manifests: list[dict], service: str) -> tuple[list[str], dict[str, str]]:
    """A Deployment's probe command (with this interpreter for `python`) and its container's plain environment."""
    main = container(by_kind(manifests, "Deployment")[f"{RELEASE}-{service}"])
    command = main["readinessProbe"]["exec"]["command"]
    assert command == main["livenessProbe"]["exec"]["command"] and command[0] == "python"
    env = {var["name"]: var["value"] for var in main["env"] if "value" in var}
    return [sys.executable, *command[1:]], env


@pytest.mark.parametrize("service", ["ingestion", "feature-store"])
async def test_the_probe_asks_the_services_health_over_tls_with_its_own_settings(manifests, authority, service):
    command, env = probe(manifests, service)
    prefix = f"CIVICPULSE_{service.upper().replace('-', '_')}_"
    env[f"{prefix}TLS_CA_FILE"] = str(authority.ca_file)  # where the pod mounts ca.crt, here

    async def answer(certificate_name: str, serving: bool) -> tuple[int, str]:
        async with server(authority, certificate_name, serving) as grpc_server:
            return await run(command, {**env, f"{prefix}GRPC_PORT": str(grpc_server.port)})

    code, output = await answer(f"{RELEASE}-{service}", serving=True)
    assert code == 0 and "SERVING" in output, output
    code, output = await answer(f"{RELEASE}-{service}", serving=False)  # not ready; restarted if it lasts
    assert code == 1 and "NOT_SERVING" in output, output
    code, output = await answer(f"{RELEASE}-scoring" if service != "scoring" else "x", serving=True)
    assert code == 1 and "UNAVAILABLE" in output, output  # a certificate without the Service's name


async def test_plaintext_when_the_service_runs_without_tls(manifests):
    command, env = probe(manifests, "notification")
    env = {k: v for k, v in env.items() if "TLS" not in k} | {"CIVICPULSE_NOTIFICATION_PLAINTEXT": "true"}
    async with server(None) as grpc_server:
        code, output = await run(command, {**env, "CIVICPULSE_NOTIFICATION_GRPC_PORT": str(grpc_server.port)})
    assert code == 0, output


async def test_the_helm_test_asks_every_target_and_passes_only_when_all_serve(authority):
    """The `helm test` Pod's form: targets as host:port, each host the name its certificate must carry."""
    environ = {"CIVICPULSE_TLS_CA_FILE": str(authority.ca_file)}
    async with server(authority, "localhost") as up, server(authority, "localhost", serving=False) as down:
        targets = [f"localhost:{up.port}", f"localhost:{down.port}"]
        assert await asyncio.to_thread(healthcheck.main, targets[:1], environ) == 0
        assert await asyncio.to_thread(healthcheck.main, targets, environ) == 1
        assert await asyncio.to_thread(healthcheck.main, [f"localhost:{up.port}", "localhost:1", "--timeout", "2"], environ) == 1
        # Each certificate must carry the name asked for: the target's host, or --server-name.
        assert await asyncio.to_thread(healthcheck.main, [f"127.0.0.1:{up.port}", "--server-name", "elsewhere"], environ) == 1


@contextmanager
def web_server(authority: CertificateAuthority, healthy: bool):
    """An HTTPS server as the console is to the helm test: GET /healthz answers 200 while it serves."""
    issued = authority.issue("console")

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(200 if healthy and self.path == "/healthz" else 503)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(issued.cert_file, issued.key_file)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


async def test_the_helm_test_asks_a_web_service_its_health_url(authority):
    environ = {"CIVICPULSE_TLS_CA_FILE": str(authority.ca_file)}
    with web_server(authority, healthy=True) as up, web_server(authority, healthy=False) as stopping:
        assert await asyncio.to_thread(healthcheck.main, [f"https://localhost:{up}/healthz"], environ) == 0
        assert await asyncio.to_thread(healthcheck.main, [f"https://localhost:{stopping}/healthz"], environ) == 1
        # A certificate the CA did not issue is refused.
        elsewhere = {"CIVICPULSE_TLS_CA_FILE": str(CertificateAuthority(authority.directory / "other").ca_file)}
        assert await asyncio.to_thread(healthcheck.main, [f"https://localhost:{up}/healthz"], elsewhere) == 1


@pytest.mark.parametrize(
    "argv, environ, message",
    [
        (["--service", "ingestion"], {}, "TLS needs CIVICPULSE_INGESTION_TLS_CA_FILE"),
        (["--service", "console-of-tomorrow"], {}, "no service named 'console-of-tomorrow'"),
        (["x:1"], {"CIVICPULSE_PLAINTEXT": "maybe"}, "CIVICPULSE_PLAINTEXT='maybe' is not a boolean"),
        (["--service", "scoring"], {"CIVICPULSE_SCORING_PLAINTEXT": "1", "CIVICPULSE_SCORING_GRPC_PORT": "http"}, "not a port"),
        ([], {"CIVICPULSE_PLAINTEXT": "true"}, "name the servers to ask"),
    ],
)
def test_wrong_usage_exits_2_with_a_message(capsys, argv, environ, message):
    assert healthcheck.main(argv, environ) == 2
    assert message in capsys.readouterr().err


def test_the_healthcheck_is_light_enough_for_a_probe():
    """No pydantic and no service package: a probe starts a Python every 10 s in every pod."""
    code = (
        "import sys, civicpulse.runtime.healthcheck; "
        "sys.exit(any(m.split('.')[0] in ('pydantic', 'pydantic_settings', 'ingestion', 'scoring') for m in sys.modules))"
    )
    assert os.system(f"{sys.executable} -c {code!r}") == 0
