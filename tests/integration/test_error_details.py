"""Every refusal says why, in google.rpc details a program can read: each service in-process on real
NATS and PostgreSQL, one error of each code it can return, decoded with grpcio-status.

DEADLINE_EXCEEDED is the one code without details: the caller's own gRPC library ends the call at
its deadline, whatever the server would say (test_deadlines.py shows the server stops too).
"""

from __future__ import annotations

import contextlib
import re

import grpc
import psycopg
import pytest
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from civicpulse.featurestore.v1 import feature_store_pb2 as fs
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.ingestion.v1 import ingestion_pb2 as ing
from civicpulse.ingestion.v1 import ingestion_pb2_grpc
from civicpulse.lab.jobs import JobFailed, wait_for_job
from civicpulse.notification.v1 import notification_pb2 as nt
from civicpulse.notification.v1 import notification_pb2_grpc
from civicpulse.runtime.access import AccessInterceptor, Caller, CallerRegistry, Role, token_digest
from civicpulse.runtime.grpc_server import create_server
from civicpulse.scoring.v1 import scoring_pb2 as sc
from civicpulse.scoring.v1 import scoring_pb2_grpc
from factories import partner_event
from feature_store.app import FeatureStoreApp
from notification.app import NotificationApp
from scoring.app import ScoringApp
from support import CONFIG, IN_PROCESS, OPERATOR_TOKEN, POLICE, SCHEDULER_TOKEN, SCORING_TOKEN, bearer

pytestmark = pytest.mark.integration
HOUSTON = CONFIG / "cities" / "houston.yaml"
DETAILS = (
    error_details_pb2.ErrorInfo,
    error_details_pb2.BadRequest,
    error_details_pb2.RetryInfo,
    error_details_pb2.PreconditionFailure,
    error_details_pb2.ResourceInfo,
    error_details_pb2.QuotaFailure,
    error_details_pb2.DebugInfo,
)
DISPATCH = bearer("demo-police-dispatch-app-token")
MEDIATION = bearer("demo-mediation-team-app-token")


async def failure(call) -> grpc.aio.AioRpcError:
    """The error a unary call, or a stream read to its end, ends in."""
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        if hasattr(call, "__aiter__"):
            async for _ in call:
                pass
        else:
            await call
    return caught.value


def explained(error: grpc.aio.AioRpcError, code: grpc.StatusCode, reason: str, domain: str) -> dict[str, Message]:
    """The details of a refusal of `code`, by type name; its ErrorInfo gives `reason` in `domain`.

    grpcio-status refuses details whose code or message differ from the call's own."""
    assert error.code() == code, (error.code(), error.details())
    found: dict[str, Message] = {}
    for packed in rpc_status.from_call(error).details:
        kind = next(k for k in DETAILS if packed.Is(k.DESCRIPTOR))
        found[kind.__name__] = kind()
        packed.Unpack(found[kind.__name__])
    info = found["ErrorInfo"]
    assert (info.reason, info.domain) == (reason, domain), info
    assert re.fullmatch("[A-Z][A-Z0-9_]*", info.reason) and info.metadata["method"].startswith("/")
    assert "DebugInfo" not in found
    return found


def violations(details: dict[str, Message]) -> list[tuple[str, str]]:
    return [(v.field, v.reason) for v in details["BadRequest"].field_violations]


def retry_seconds(details: dict[str, Message]) -> float:
    return details["RetryInfo"].retry_delay.ToMilliseconds() / 1000


@contextlib.asynccontextmanager
async def serving(app_class, **settings):
    """A service in-process (method rights on, plaintext), and a channel to it."""
    app = app_class(app_class.settings_class(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, city_profile=HOUSTON, **settings))
    await app.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
            yield channel
    finally:
        await app.stop()


# --- ingestion ---------------------------------------------------------------------------------


@pytest.fixture
async def ingestion(start_ingestion):
    """The weather office may send one event every two seconds; the parks have no agreement here."""
    return await start_ingestion(
        rate_limits={"houston-weather": {"events_per_second": 0.5, "burst": 1}},
        without=("houston-parks",),
    )


async def test_ingestion_says_why_it_refuses(ingestion, js, nats_server):
    domain = "civicpulse.ingestion"
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ingestion.grpc.port}") as channel:
        stub = ingestion_pb2_grpc.IngestionServiceStub(channel)

        def ingest(count: int, metadata=POLICE, prefix="e"):
            events = [partner_event(f"{prefix}{i}") for i in range(count)]
            return stub.IngestEvents(ing.IngestEventsRequest(events=events), metadata=metadata, timeout=30)

        found = explained(await failure(ingest(11)), grpc.StatusCode.INVALID_ARGUMENT, "BATCH_TOO_LARGE", domain)
        assert violations(found) == [("events", "too_many")]
        assert found["ErrorInfo"].metadata["max_batch_size"] == "10"
        assert found["ErrorInfo"].metadata["method"] == "/civicpulse.ingestion.v1.IngestionService/IngestEvents"

        garbage = channel.unary_unary("/civicpulse.ingestion.v1.IngestionService/IngestEvents")
        error = await failure(garbage(b"\xff\xff\xff", metadata=POLICE, timeout=10))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST", domain)) == [
            ("request", "malformed")
        ]

        explained(await failure(ingest(1, metadata=())), grpc.StatusCode.UNAUTHENTICATED, "NO_CREDENTIALS", domain)
        error = await failure(ingest(1, metadata=bearer("stolen")))
        explained(error, grpc.StatusCode.UNAUTHENTICATED, "UNKNOWN_TOKEN", domain)

        error = await failure(ingest(1, metadata=bearer(OPERATOR_TOKEN)))
        info = explained(error, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED", domain)["ErrorInfo"]
        assert (info.metadata["role"], info.metadata["allowed_roles"], info.metadata["caller"]) == (
            "operator",
            "partner",
            "duty-operator",
        )
        error = await failure(ingest(1, metadata=bearer("demo-houston-parks-token")))
        info = explained(error, grpc.StatusCode.PERMISSION_DENIED, "NO_AGREEMENT", domain)["ErrorInfo"]
        assert info.metadata["partner"] == "houston-parks"

        weather = bearer("demo-houston-weather-token")
        await ingest(1, metadata=weather)  # the bucket's one token
        error = await failure(ingest(1, metadata=weather, prefix="w"))
        found = explained(error, grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED", domain)
        assert 1.0 < retry_seconds(found) <= 2.0 and found["ErrorInfo"].metadata["partner"] == "houston-weather"
        # gRPC's own retries (a service config's retryPolicy, any language) wait what the server says.
        pushback = int(dict(error.trailing_metadata())["grpc-retry-pushback-ms"])
        assert pushback == found["RetryInfo"].retry_delay.ToMilliseconds()

        # The same backfill with a deadline its wait would outlast: refused at once, saying when to retry.
        async def one_batch():
            yield ing.BackfillEventsRequest(position=1, events=[partner_event("w-late")])

        error = await failure(stub.BackfillEvents(one_batch(), metadata=weather, timeout=0.5))
        found = explained(error, grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED", domain)
        assert "deadline_seconds_left" in found["ErrorInfo"].metadata and retry_seconds(found) > 0.5

        config = (await js.stream_info("RAW")).config
        config.max_msgs_per_subject = 1
        await js.update_stream(config)
        await ingest(1, prefix="full")
        found = explained(await failure(ingest(1, prefix="fuller")), grpc.StatusCode.RESOURCE_EXHAUSTED, "BUS_FULL", domain)
        assert retry_seconds(found) == 5.0 and found["ErrorInfo"].metadata["stream"] == "RAW"

        nats_server.stop()
        try:
            found = explained(await failure(ingest(1, prefix="down")), grpc.StatusCode.UNAVAILABLE, "BUS_UNAVAILABLE", domain)
            assert retry_seconds(found) > 0
        finally:
            nats_server.start()
        # Back on the bus (its answer proves it) before the service stops: a drain while reconnecting fails.
        assert (await failure(ingest(1, prefix="back"))).code() == grpc.StatusCode.RESOURCE_EXHAUSTED


# --- feature store -----------------------------------------------------------------------------


async def test_the_feature_store_says_why_it_refuses(nats_url, database_url):
    domain = "civicpulse.featurestore"
    async with serving(FeatureStoreApp, nats_url=nats_url, database_url=database_url) as channel:
        stub = feature_store_pb2_grpc.FeatureStoreServiceStub(channel)
        request = fs.GetFeatureMatrixRequest(lead_days=[0])
        request.issue_times.add(seconds=253402300800)  # the year 10000
        error = await failure(stub.GetFeatureMatrix(request, metadata=bearer(SCORING_TOKEN), timeout=30))
        found = explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)
        assert violations(found) == [("lead_days", "out_of_range"), ("issue_times", "out_of_range")]
        assert found["ErrorInfo"].metadata["field"] == "lead_days,issue_times"

        error = await failure(stub.GetFeatureMatrix(request, timeout=30))
        explained(error, grpc.StatusCode.UNAUTHENTICATED, "NO_CREDENTIALS", domain)
        error = await failure(stub.GetFeatureMatrix(request, metadata=bearer(OPERATOR_TOKEN), timeout=30))
        explained(error, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED", domain)


# --- scoring -----------------------------------------------------------------------------------


async def test_scoring_says_why_it_refuses(nats_url, database_url):
    domain = "civicpulse.scoring"
    operator = bearer(OPERATOR_TOKEN)
    nowhere = "127.0.0.1:9"  # where the feature store would be: nothing listens there
    settings = dict(feature_store_address=nowhere, feature_store_token=SCORING_TOKEN, schedule_minutes=0)
    async with serving(ScoringApp, nats_url=nats_url, database_url=database_url, **settings) as channel:
        stub = scoring_pb2_grpc.ScoringServiceStub(channel)
        error = await failure(stub.TrainModel(sc.TrainModelRequest(test_days=-1), metadata=operator, timeout=30))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("test_days", "out_of_range")
        ]
        far = sc.ScoreCellsRequest()
        far.issue_time.seconds = 253402300800  # once INTERNAL: no datetime holds the year 10000
        error = await failure(stub.ScoreCells(far, metadata=operator, timeout=30))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("issue_time", "out_of_range")
        ]

        explained(
            await failure(stub.ListModels(sc.ListModelsRequest(), timeout=30)),
            grpc.StatusCode.UNAUTHENTICATED,
            "NO_CREDENTIALS",
            domain,
        )
        error = await failure(
            stub.ApproveModel(sc.ApproveModelRequest(model_version="v1"), metadata=bearer(SCHEDULER_TOKEN), timeout=30)
        )
        explained(error, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED", domain)

        error = await failure(stub.GetModelCard(sc.GetModelCardRequest(model_version="v\x00"), metadata=operator, timeout=30))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("model_version", "control_characters")
        ]

        error = await failure(stub.GetModelCard(sc.GetModelCardRequest(model_version="nope"), metadata=operator, timeout=30))
        resource = explained(error, grpc.StatusCode.NOT_FOUND, "MODEL_NOT_FOUND", domain)["ResourceInfo"]
        assert (resource.resource_type, resource.resource_name) == ("model", "nope")
        error = await failure(stub.RollbackModel(sc.RollbackModelRequest(model_version="nope"), metadata=operator, timeout=30))
        assert explained(error, grpc.StatusCode.NOT_FOUND, "MODEL_NOT_FOUND", domain)["ResourceInfo"].resource_name == "nope"

        now = sc.ScoreCellsRequest()
        now.issue_time.FromJsonString("2010-08-31T12:00:00Z")
        error = await failure(stub.ScoreCells(now, metadata=operator, timeout=30))
        failed = explained(error, grpc.StatusCode.FAILED_PRECONDITION, "NO_ACTIVE_MODEL", domain)["PreconditionFailure"]
        assert failed.violations[0].description.startswith("no active model: train one with TrainModel")

        # A training is a job: what stops it during the work is its error, with the same code and reason.
        train = sc.TrainModelRequest(issue_time=now.issue_time)
        started = await stub.TrainModel(train, metadata=operator, timeout=10)
        with pytest.raises(JobFailed) as caught:
            await wait_for_job(stub, started.job.job_id, operator, poll_seconds=0.2, timeout=60)
        error = caught.value.job.error
        assert (error.code, error.reason) == ("UNAVAILABLE", "UNAVAILABLE") and "feature store" in error.message

        error = await failure(stub.GetJob(sc.GetJobRequest(job_id="nope"), metadata=operator, timeout=30))
        resource = explained(error, grpc.StatusCode.NOT_FOUND, "JOB_NOT_FOUND", domain)["ResourceInfo"]
        assert (resource.resource_type, resource.resource_name) == ("job", "nope")
        error = await failure(stub.ListJobs(sc.ListJobsRequest(page_size=1000), metadata=operator, timeout=30))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("page_size", "out_of_range")
        ]
        error = await failure(stub.GetJob(sc.GetJobRequest(job_id="nope"), metadata=DISPATCH, timeout=30))
        explained(error, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED", domain)


# --- notification ------------------------------------------------------------------------------


async def test_notification_says_why_it_refuses(nats_url, nats_server, database_url, city):
    domain = "civicpulse.notification"
    async with serving(NotificationApp, nats_url=nats_url, database_url=database_url) as channel:
        stub = notification_pb2_grpc.NotificationServiceStub(channel)
        bad = nt.CreateSubscriptionRequest(zones=["nowhere"], min_risk_level=9)
        error = await failure(stub.CreateSubscription(bad, metadata=DISPATCH, timeout=10))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("zones", "unknown_zone"),
            ("min_risk_level", "out_of_range"),
        ]
        explained(
            await failure(stub.Subscribe(nt.SubscribeRequest(), timeout=10)),
            grpc.StatusCode.UNAUTHENTICATED,
            "NO_CREDENTIALS",
            domain,
        )
        hidden = sorted(city.zones)[-1]  # the mediation team sees the first three zones only
        error = await failure(
            stub.CreateSubscription(
                nt.CreateSubscriptionRequest(zones=[hidden], min_risk_level=1), metadata=MEDIATION, timeout=10
            )
        )
        info = explained(error, grpc.StatusCode.PERMISSION_DENIED, "ZONE_NOT_ALLOWED", domain)["ErrorInfo"]
        assert info.metadata["zones"] == hidden
        error = await failure(
            stub.Acknowledge(nt.AcknowledgeRequest(notification_id="n-1"), metadata=bearer(OPERATOR_TOKEN), timeout=10)
        )
        explained(error, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED", domain)

        error = await failure(stub.Acknowledge(nt.AcknowledgeRequest(notification_id="n-1"), metadata=DISPATCH, timeout=10))
        resource = explained(error, grpc.StatusCode.NOT_FOUND, "NOTIFICATION_NOT_FOUND", domain)["ResourceInfo"]
        assert (resource.resource_type, resource.resource_name, resource.owner) == (
            "notification",
            "n-1",
            "police-dispatch-app",
        )

        error = await failure(stub.Subscribe(nt.SubscribeRequest(after_sequence=2**64 - 1), metadata=DISPATCH, timeout=10))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("after_sequence", "out_of_range")
        ]
        nul = nt.AcknowledgeRequest(notification_id="n-\x00", note="seen\n\x07")  # once INTERNAL: no column holds a NUL
        error = await failure(stub.Acknowledge(nul, metadata=DISPATCH, timeout=10))
        assert violations(explained(error, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", domain)) == [
            ("notification_id", "control_characters"),
            ("note", "control_characters"),
        ]

        nats_server.stop()
        try:
            error = await failure(stub.Subscribe(nt.SubscribeRequest(), metadata=DISPATCH, timeout=30))
            assert retry_seconds(explained(error, grpc.StatusCode.UNAVAILABLE, "BUS_UNAVAILABLE", domain)) > 0
        finally:
            nats_server.start()
        # Subscribed again (the bus is back within a second) before the service stops: a drain while reconnecting fails.
        error = await failure(stub.Subscribe(nt.SubscribeRequest(), metadata=DISPATCH, timeout=5))
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED


# --- what no method expects ------------------------------------------------------------------


@pytest.fixture
async def probe():
    """A server as every service's is built (create_server: access, error mapping), whose methods fail
    as no one expected, and as a database that went away does."""

    async def fails(request, context):
        raise RuntimeError("password=hunter2 at /srv/secret.py line 7")

    async def database_gone(request, context):
        raise psycopg.OperationalError("connection to server at 10.0.0.5 failed: password=hunter2")

    handlers = {"Fail": fails, "Database": database_gone}
    generic = grpc.method_handlers_generic_handler(
        "civicpulse.dev.v1.Probe", {name: grpc.unary_unary_rpc_method_handler(h) for name, h in handlers.items()}
    )
    callers = CallerRegistry.of({"ops": Caller(role=Role.OPERATOR, token_sha256=token_digest("ops-token"))})
    rights = {f"/civicpulse.dev.v1.Probe/{name}": frozenset({Role.OPERATOR}) for name in handlers}
    server = create_server(
        [lambda s: s.add_generic_rpc_handlers((generic,))], [], "127.0.0.1", 0, AccessInterceptor(callers, rights)
    )
    await server.server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        yield lambda name: channel.unary_unary(f"/civicpulse.dev.v1.Probe/{name}")(b"", metadata=bearer("ops-token"), timeout=10)
    await server.server.stop(0)


def said(error: grpc.aio.AioRpcError) -> bytes:
    return error.details().encode() + b"".join(v if isinstance(v, bytes) else v.encode() for _, v in error.trailing_metadata())


async def test_an_unexpected_failure_is_internal_and_tells_nothing_of_its_insides(probe):
    error = await failure(probe("Fail"))
    assert set(explained(error, grpc.StatusCode.INTERNAL, "INTERNAL", "civicpulse.dev")) == {"ErrorInfo"}
    assert error.details() == "internal error" and b"hunter2" not in said(error)


async def test_a_dependency_that_went_away_is_unavailable_with_a_delay(probe):
    error = await failure(probe("Database"))
    found = explained(error, grpc.StatusCode.UNAVAILABLE, "DATABASE_UNAVAILABLE", "civicpulse.dev")
    assert retry_seconds(found) > 0 and b"hunter2" not in said(error) and b"10.0.0.5" not in said(error)
