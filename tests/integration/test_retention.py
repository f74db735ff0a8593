"""Each partner's retention enforced on a real database: expired events and their keys go, the rest stays."""

from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta

import pytest

from civicpulse.db.pool import open_app_pool
from factories import event_row, scheduled_row
from feature_store.repository import FeatureRepository, TextRow
from feature_store.retention import Retention, RetentionRule, rules_of
from support import scalar

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


async def test_expired_events_and_their_keys_are_deleted_per_partner_and_kind(database_url):
    async with AsyncExitStack() as resources:
        pool = await open_app_pool(resources, database_url, "test-retention")
        repository = FeatureRepository(pool)
        await repository.store(
            [
                # Events of 2010 received recently: retention counts from reception, not from the event.
                event_row("old-police", received_at=days_ago(40)),
                event_row("new-police", received_at=days_ago(5)),
                event_row("old-other", "other-partner", received_at=days_ago(40)),
            ],
            [scheduled_row("old-game", received_at=days_ago(400)), scheduled_row("new-game", received_at=days_ago(10))],
        )
        rules = [
            RetentionRule("houston-police", "incident_report", 30),
            RetentionRule("houston-events-office", "scheduled_event", 365),
        ]
        deleted = await Retention(pool, rules, lambda: NOW).enforce()
        assert deleted == {"houston-police/incident_report": 1, "houston-events-office/scheduled_event": 1}
        assert await Retention(pool, rules, lambda: NOW).enforce() == {k: 0 for k in deleted}  # nothing twice
    keys = "SELECT string_agg(event_key, ',' ORDER BY event_key) FROM features.{}"
    assert await scalar(database_url, keys.format("events")) == "new-police,old-other"  # no rule: kept
    assert await scalar(database_url, keys.format("event_keys")) == "new-police,old-other"
    assert await scalar(database_url, keys.format("scheduled_events")) == "new-game"


def test_every_kind_of_every_agreement_has_its_rule(partners):
    rules = rules_of(partners)
    assert {(r.partner, r.kind) for r in rules} == {
        (p, k) for p, partner in partners.partners.items() for k in partner.agreement.kinds
    }
    assert all(r.days == partners.partners[r.partner].agreement.kinds[r.kind].retention_days for r in rules)


def kept_text(key: str, partner: str, received_days_ago: int, kind: str = "service_report") -> TextRow:
    return TextRow(
        key, partner, kind, "litter", NOW - timedelta(days=received_days_ago), "k1", "1", "Bench broken by <PERSON>", {}
    )


async def test_a_kept_text_goes_after_its_short_retention_and_a_text_without_a_purpose_at_once(database_url):
    async with AsyncExitStack() as resources:
        pool = await open_app_pool(resources, database_url, "test-text-retention")
        repository = FeatureRepository(pool)
        await repository.store_texts(
            [
                kept_text("week-old", "houston-parks", 8),
                kept_text("fresh", "houston-parks", 2),
                kept_text("no-purpose", "houston-311", 1, kind="citizen_request"),
            ]
        )
        await repository.store_texts([kept_text("fresh", "houston-parks", 2)])  # a redelivery changes nothing
        rules = [
            RetentionRule("houston-parks", "service_report", 1095, text_days=7),
            # An agreement that keeps no text (any more): its texts go at once.
            RetentionRule("houston-311", "citizen_request", 1095, text_days=None),
        ]
        deleted = await Retention(pool, rules, lambda: NOW).enforce()
    assert deleted["houston-parks/service_report/texts"] == 1 and deleted["houston-311/citizen_request/texts"] == 1
    assert await scalar(database_url, "SELECT string_agg(event_key, ',') FROM features.event_texts") == "fresh"


def test_text_rules_follow_the_agreements(partners):
    rules = {(r.partner, r.kind): r for r in rules_of(partners)}
    assert rules[("houston-parks", "service_report")].text_days == 7
    assert rules[("houston-311", "citizen_request")].text_days is None
