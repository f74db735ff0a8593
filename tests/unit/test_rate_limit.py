from civicpulse.runtime.agreements import PartnerRegistry
from ingestion.rate_limit import RateLimits


def registry(partners, rate=10.0, burst=20) -> PartnerRegistry:
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["rate_limit"] = {"events_per_second": rate, "burst": burst}
    document["partners"]["houston-events-office"]["rate_limit"] = None
    return PartnerRegistry.model_validate(document)


def test_a_bucket_admits_its_burst_then_its_rate(partners):
    now = [100.0]
    limits = RateLimits(registry(partners), clock=lambda: now[0])
    assert limits.wait_for("houston-police", 15) == 0.0
    assert limits.wait_for("houston-police", 10) == 0.5  # 5 tokens left, 5 more at 10 a second
    now[0] += 0.5
    assert limits.wait_for("houston-police", 10) == 0.0
    assert limits.wait_for("houston-events-office", 10_000) == 0.0  # no limit in its agreement


def test_a_call_larger_than_the_burst_passes_on_a_full_bucket(partners):
    now = [0.0]
    limits = RateLimits(registry(partners, rate=10.0, burst=20), clock=lambda: now[0])
    assert limits.wait_for("houston-police", 50) == 0.0
    assert limits.wait_for("houston-police", 50) == 2.0
