"""What one feature-matrix call may ask for: a caller cannot make the feature store build more
rows, or read a longer stretch of time, than its settings allow."""

from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.featurestore.v1 import feature_store_pb2 as pb
from civicpulse.runtime.errors import InvalidArgument
from feature_store.matrix import Matrices, MatrixLimits

T0 = datetime(2010, 8, 1, tzinfo=UTC)


def stamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


@pytest.fixture
def matrices(city):
    return Matrices(None, city, history_days=3650, limits=MatrixLimits(max_rows=50_000, max_span_days=30))


def reasons(matrices, request) -> list[tuple[str, str]]:
    with pytest.raises(InvalidArgument) as caught:
        matrices.query(request)
    return [(p.field, p.reason) for p in caught.value.problems]


def test_a_request_within_the_limits_passes(matrices, city):
    cells = sorted(city.cells)[:10]
    request = pb.GetFeatureMatrixRequest(issue_times=[stamp(T0), stamp(T0 + timedelta(days=29))], lead_days=[1, 2], cells=cells)
    query = matrices.query(request)  # 10 cells x 2 issue times x 2 lead days
    assert query.issue_times == [T0, T0 + timedelta(days=29)] and query.cells == cells and query.lead_days == [1, 2]


def test_too_long_a_span_is_refused_by_name(matrices):
    request = pb.GetFeatureMatrixRequest(issue_times=[stamp(T0), stamp(T0 + timedelta(days=31))], lead_days=[1])
    assert reasons(matrices, request) == [("issue_times", "span_too_long")]


def test_too_many_rows_are_refused_before_any_is_built(matrices):
    # No cells named: the whole grid counts (the study area is at most the grid).
    request = pb.GetFeatureMatrixRequest(issue_times=[stamp(T0 + timedelta(days=d)) for d in range(10)], lead_days=[1, 2, 3])
    assert reasons(matrices, request) == [("issue_times", "too_many_rows")]
