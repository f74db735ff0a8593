"""Every caller against every method of the running stack (TLS on, each service a process): with a
token on the TLS port, and with a client certificate on the mutual-TLS port. Each refusal is shown
with its status; the matrix is written to .run/security/access_matrix.md.

The expected rights are written out here, from the architecture, not read from the code."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
from google.protobuf import descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2

from civicpulse.devstack.callers import DISPATCH_APP, OPERATOR, SCHEDULER, SCORING, demo_token
from civicpulse.devstack.stack import LocalStack
from civicpulse.featurestore.v1 import feature_store_pb2  # noqa: F401 - registers the service
from civicpulse.ingestion.v1 import ingestion_pb2  # noqa: F401
from civicpulse.notification.v1 import notification_pb2  # noqa: F401
from civicpulse.runtime import catalogue
from civicpulse.scoring.v1 import forecasts_pb2, scoring_pb2  # noqa: F401
from support import REPO_ROOT

pytestmark = pytest.mark.e2e
PARTNER = "houston-police"
# Who calls: an id of the stack's callers file, or someone it does not know.
CALLERS = {
    "partner": PARTNER,
    "application": DISPATCH_APP,
    "operator": OPERATOR,
    "scheduler": SCHEDULER,
    "scoring": SCORING,
    "anonymous": None,
    "stranger": "stranger",  # a token, or a certificate from the right CA, that no caller has
}
# Every service with an API, from the catalogue (the generated modules above register them).
SERVICES = {s.name: [descriptor_pool.Default().FindServiceByName(a) for a in s.apis] for s in catalogue.SERVICES if s.apis}
KNOWN = {"partner", "application", "operator", "scheduler", "scoring"}
EXPECTED = {
    "IngestionService/IngestEvents": {"partner"},
    "IngestionService/BackfillEvents": {"partner"},
    "FeatureStoreService/GetFeatureMatrix": {"scoring"},
    "FeatureStoreService/GetDataStatus": {"scoring", "operator"},
    "FeatureStoreService/ListScheduledEvents": {"scoring", "operator"},
    "FeatureStoreService/GetObservedCounts": {"scoring", "operator"},
    "ScoringService/TrainModel": {"operator", "scheduler"},
    "ScoringService/GetJob": {"operator", "scheduler"},
    "ScoringService/ListJobs": {"operator", "scheduler"},
    "ScoringService/ScoreCells": {"operator", "scheduler"},
    "ScoringService/ApproveModel": {"operator"},
    "ScoringService/RollbackModel": {"operator"},
    "ScoringService/ListModels": {"operator", "scheduler", "application"},
    "ScoringService/GetModelCard": {"operator", "scheduler", "application"},
    "ForecastService/ListZones": {"operator", "scheduler", "application"},
    "ForecastService/GetForecast": {"operator", "scheduler", "application"},
    "ForecastService/GetRiskMap": {"operator", "scheduler", "application"},
    "ForecastService/GetAgenda": {"operator", "scheduler", "application"},
    "ForecastService/GetHistory": {"operator", "scheduler", "application"},
    "NotificationService/CreateSubscription": {"application"},
    "NotificationService/Subscribe": {"application"},
    "NotificationService/Acknowledge": {"application"},
    # Each service's schemas (the published protos) and health to anyone (probes carry no credentials).
    **{f"{service}: reflection": set(CALLERS) for service in SERVICES},
    **{f"{service}: health": set(CALLERS) for service in SERVICES},
}
REFUSALS = {grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED}


async def call(channel: grpc.aio.Channel, path: str, streaming: bool, metadata, client_streaming=False) -> grpc.StatusCode:
    """The status of one call with an empty request (every field at its default)."""
    try:
        if path.endswith("ServerReflectionInfo") or client_streaming:
            request = b""
            if path.endswith("ServerReflectionInfo"):
                request = reflection_pb2.ServerReflectionRequest(list_services="").SerializeToString()

            async def requests():
                # After a moment: a refusal then arrives before the request is written. Written at
                # once, a request can race the server's early end of the call, and the client may
                # report INTERNAL instead of the status the server sent (seen once in 40 calls).
                await asyncio.sleep(0.1)
                yield request

            stream = channel.stream_stream(path)(requests(), metadata=metadata, timeout=5)
            await stream.read()
        elif streaming:
            stream = channel.unary_stream(path)(b"", metadata=metadata, timeout=1.5)
            await stream.read()
        else:
            await channel.unary_unary(path)(b"", metadata=metadata, timeout=10)
        return grpc.StatusCode.OK
    except grpc.aio.AioRpcError as exc:
        return exc.code()  # a stream left open (Subscribe) ends in DEADLINE_EXCEEDED: admitted


def methods(service: str):
    for descriptor in SERVICES[service]:
        for method in descriptor.methods:
            path = f"/{descriptor.full_name}/{method.name}"
            yield f"{descriptor.name}/{method.name}", path, method.server_streaming, method.client_streaming
    yield f"{service}: reflection", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", True, True
    yield f"{service}: health", "/grpc.health.v1.Health/Check", False, False


@pytest.fixture(scope="module")
async def stack(tmp_path_factory):
    async with LocalStack(tmp_path_factory.mktemp("access") / "stack") as running:
        yield running


async def test_every_caller_against_every_method(stack):
    matrix: dict[str, dict[str, str]] = {}
    for label, caller in CALLERS.items():
        for how in ("token", "certificate"):
            column = f"{label} ({how})"
            for service in SERVICES:
                if how == "token":
                    endpoint, metadata = (
                        stack.endpoint(service),
                        (("authorization", f"Bearer {demo_token(caller)}"),) if caller else (),
                    )
                elif caller is None:
                    continue  # no certificate at all: the mutual-TLS port does not even open (below)
                else:
                    endpoint, metadata = stack.endpoint(service, certificate=caller), ()
                async with endpoint.channel() as channel:
                    for name, path, streaming, client_streaming in methods(service):
                        code = await call(channel, path, streaming, metadata, client_streaming)
                        matrix.setdefault(name, {})[column] = code.name
    _write(matrix)

    for name, row in matrix.items():
        for column, status in row.items():
            label = column.split(" ")[0]
            code = grpc.StatusCode[status]
            if label in EXPECTED[name]:
                assert code not in REFUSALS, (name, column, status)
            elif label in KNOWN:
                assert code == grpc.StatusCode.PERMISSION_DENIED, (name, column, status)
            else:
                assert code == grpc.StatusCode.UNAUTHENTICATED, (name, column, status)
    assert set(matrix) == set(EXPECTED)


async def test_the_mutual_tls_port_needs_a_certificate_from_the_platform_ca(stack):
    from civicpulse.devstack.certificates import CertificateAuthority
    from civicpulse.devstack.endpoint import Endpoint

    no_certificate = Endpoint(stack.mtls_addresses["ingestion"], grpc.ssl_channel_credentials(stack.ca.ca_file.read_bytes()))
    other_ca = CertificateAuthority(stack.base_dir / "other-ca")
    forged = other_ca.issue(PARTNER)  # the right name, signed by someone else
    credentials = grpc.ssl_channel_credentials(
        stack.ca.ca_file.read_bytes(), forged.key_file.read_bytes(), forged.cert_file.read_bytes()
    )
    for endpoint in (no_certificate, Endpoint(stack.mtls_addresses["ingestion"], credentials)):
        async with endpoint.channel() as channel:
            code = await call(channel, "/grpc.health.v1.Health/Check", False, ())
        assert code == grpc.StatusCode.UNAVAILABLE  # the handshake fails: no call is even made


async def test_plaintext_is_refused_on_every_port(stack):
    for address in (stack.addresses["ingestion"], stack.mtls_addresses["ingestion"]):
        async with grpc.aio.insecure_channel(address) as channel:
            assert await call(channel, "/grpc.health.v1.Health/Check", False, ()) == grpc.StatusCode.UNAVAILABLE


async def test_a_request_is_not_read_before_its_caller_is_known(stack):
    path = "/civicpulse.ingestion.v1.IngestionService/IngestEvents"
    garbage = b"\xff\xff\xff\xff not a protobuf"
    partner = (("authorization", f"Bearer {demo_token(PARTNER)}"),)
    async with stack.endpoint("ingestion").channel() as channel:
        method = channel.unary_unary(path)
        with pytest.raises(grpc.aio.AioRpcError) as anonymous:
            await method(garbage, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as known:
            await method(garbage, metadata=partner, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as too_large:
            await method(b"\x00" * (17 * 1024 * 1024), metadata=partner, timeout=30)
    # Anonymous: refused for who it is, before the body is decoded; known: the body is then wrong.
    assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert known.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "not a valid" in known.value.details()
    assert too_large.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED  # beyond GRPC_MAX_RECEIVE_BYTES


def _write(matrix: dict[str, dict[str, str]]) -> None:
    out = REPO_ROOT / ".run" / "security"
    out.mkdir(parents=True, exist_ok=True)
    (out / "access_matrix.json").write_text(json.dumps(matrix, indent=2))
    columns = sorted({c for row in matrix.values() for c in row})
    lines = ["| method | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    for name, row in matrix.items():
        lines.append(f"| {name} | " + " | ".join(row.get(c, "") for c in columns) + " |")
    (out / "access_matrix.md").write_text("\n".join(lines) + "\n")
