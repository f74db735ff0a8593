import json
import logging

import grpc
from google.rpc import error_details_pb2

from civicpulse.runtime.errors import FieldProblem, InvalidArgument, to_rpc_status
from civicpulse.runtime.logging import JsonFormatter


def test_json_logs_carry_service_message_and_fields():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "stored %d events", (3,), None)
    record.fields = {"batch": 7}
    entry = json.loads(JsonFormatter("feature-store").format(record))
    assert entry["service"] == "feature-store" and entry["message"] == "stored 3 events" and entry["batch"] == 7
    assert entry["level"] == "INFO" and "trace_id" not in entry


def test_errors_carry_their_status_and_field_violations():
    error = InvalidArgument("bad", (FieldProblem("zones", "unknown_zone", "no such zone"),))
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    status = to_rpc_status(error)
    bad = error_details_pb2.BadRequest()
    status.details[0].Unpack(bad)
    assert status.code == 3 and [(v.field, v.description) for v in bad.field_violations] == [
        ("zones", "unknown_zone: no such zone")
    ]
