"""Client of the scoring service: each call carries the signed-in person's own token, so the
scoring service itself decides what they may see (their role, an application's zones).

The console presents no certificate of its own: on scoring's TLS port the token alone says who
calls, and a person's rights must never be widened by the console's identity.
"""

from __future__ import annotations

import json
from pathlib import Path

import grpc
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from civicpulse.runtime.telemetry import grpc_client_interceptors
from civicpulse.scoring.v1 import forecasts_pb2_grpc, scoring_pb2_grpc
from console.refusals import FieldViolation, Refusal

FORECASTS = "civicpulse.scoring.v1.ForecastService"
SCORING = "civicpulse.scoring.v1.ScoringService"

# Reads are safe to retry when scoring is briefly unreachable (a pod restarting).
SERVICE_CONFIG = json.dumps(
    {
        "methodConfig": [
            {
                "name": [
                    {"service": FORECASTS},
                    {"service": SCORING, "method": "ListModels"},
                    {"service": SCORING, "method": "GetModelCard"},
                ],
                "retryPolicy": {
                    "maxAttempts": 3,
                    "initialBackoff": "0.2s",
                    "maxBackoff": "1s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
)

# Words for failures the scoring service did not word itself (the call never reached it).
TRANSPORT_WORDS = {
    "UNAVAILABLE": "the scoring service cannot be reached just now; try again in a moment",
    "DEADLINE_EXCEEDED": "the scoring service did not answer in time; try again in a moment",
}


class ScoringClient:
    def __init__(self, address: str, ca_file: Path | None, timeout: float) -> None:
        options = [("grpc.service_config", SERVICE_CONFIG), ("grpc.max_receive_message_length", 64 * 1024 * 1024)]
        interceptors = grpc_client_interceptors()
        if ca_file is None:
            self._channel = grpc.aio.insecure_channel(address, options=options, interceptors=interceptors)
        else:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca_file.read_bytes())
            self._channel = grpc.aio.secure_channel(address, credentials, options=options, interceptors=interceptors)
        self._stubs = {
            FORECASTS: forecasts_pb2_grpc.ForecastServiceStub(self._channel),
            SCORING: scoring_pb2_grpc.ScoringServiceStub(self._channel),
        }
        self._timeout = timeout

    async def close(self) -> None:
        await self._channel.close()

    async def call(self, method: str, request: Message, token: str) -> dict:
        """`/package.Service/Method` called as the person of `token`; its response as JSON (field names
        as in the proto, enums by name, int64 as strings). Raises Refusal when the call fails."""
        service, name = method.strip("/").split("/")
        rpc = getattr(self._stubs[service], name)
        try:
            response = await rpc(request, timeout=self._timeout, metadata=(("authorization", f"Bearer {token}"),))
        except grpc.aio.AioRpcError as exc:
            raise refusal(exc) from None
        return MessageToDict(response, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


def refusal(exc: grpc.aio.AioRpcError) -> Refusal:
    """The scoring service's refusal in its own words, with its reason and field violations."""
    code = exc.code().name
    reason, violations = "", []
    try:
        status = rpc_status.from_call(exc)
    except ValueError:  # details that disagree with the call's own code or message
        status = None
    for packed in status.details if status is not None else ():
        if packed.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            packed.Unpack(info)
            reason = info.reason
        elif packed.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            packed.Unpack(bad)
            violations.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
    words = exc.details() or ""
    if (status is None and code in TRANSPORT_WORDS) or not words:
        words = TRANSPORT_WORDS.get(code, f"the scoring service failed ({code})")
    return Refusal.of_code(code, words, reason, tuple(violations))
