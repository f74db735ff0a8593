"""Each partner's retention, enforced: a stored event is deleted once it has been kept for its
agreement's `retention_days` since it was received, and its key leaves the duplicate registry; a
text kept for a declared purpose, once kept for its `text.retention_days`.

Retention counts from reception, not from when the event happened: a partner may send years of
history for the forecast, and each event is kept for its agreed time from then. The same scheduled
delete runs on TimescaleDB and on plain PostgreSQL (a hypertable retention policy drops chunks by
event time, which would erase a history as soon as it was sent).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from psycopg_pool import AsyncConnectionPool

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.clock import Clock

log = logging.getLogger(__name__)

DELETE_EVENTS = """
WITH gone AS (
    DELETE FROM features.events WHERE partner = %s AND kind = %s AND received_at < %s RETURNING event_key
), forgotten AS (
    DELETE FROM features.event_keys WHERE event_key IN (SELECT event_key FROM gone)
)
SELECT count(*) FROM gone
"""
DELETE_SCHEDULED = "DELETE FROM features.scheduled_events WHERE partner = %s AND received_at < %s"
# A kept text goes after its agreement's text retention (days, not years), or with its event.
DELETE_TEXTS = "DELETE FROM features.event_texts WHERE partner = %s AND kind = %s AND received_at < %s"


@dataclass(frozen=True)
class RetentionRule:
    partner: str
    kind: str
    days: int
    # How long its kept texts live (the agreement's `text.retention_days`); None: it keeps none.
    text_days: int | None = None


def rules_of(partners: PartnerRegistry) -> list[RetentionRule]:
    return [
        RetentionRule(partner_id, kind, agreement.retention_days, agreement.text.retention_days if agreement.text else None)
        for partner_id, partner in partners.partners.items()
        for kind, agreement in partner.agreement.kinds.items()
    ]


class Retention:
    def __init__(self, pool: AsyncConnectionPool, rules: list[RetentionRule], clock: Clock) -> None:
        self._pool = pool
        self._rules = rules
        self._clock = clock

    async def enforce(self) -> dict[str, int]:
        """Deletes what has outlived its retention; returns how many events per partner/kind."""
        now, deleted = self._clock(), {}
        async with self._pool.connection() as conn:
            for rule in self._rules:
                cutoff = now - timedelta(days=rule.days)
                if rule.kind == "scheduled_event":
                    cur = await conn.execute(DELETE_SCHEDULED, (rule.partner, cutoff))
                    count = cur.rowcount
                else:
                    cur = await conn.execute(DELETE_EVENTS, (rule.partner, rule.kind, cutoff))
                    count = (await cur.fetchone())[0]
                deleted[f"{rule.partner}/{rule.kind}"] = count
                # Texts of every kind are swept, including a kind that no longer keeps any.
                text_cutoff = now - timedelta(days=rule.text_days if rule.text_days is not None else 0)
                cur = await conn.execute(DELETE_TEXTS, (rule.partner, rule.kind, max(text_cutoff, cutoff)))
                if cur.rowcount:
                    deleted[f"{rule.partner}/{rule.kind}/texts"] = cur.rowcount
        expired = {k: v for k, v in deleted.items() if v}
        if expired:
            log.info("retention: deleted %s", expired)
        return deleted
