"""The books of a replay, event by event: every event sent is stored once, rejected at the door,
answered as a duplicate, or dead-lettered with its own reason. Shared by the demo and the fault suite.

Each accepted event id is followed to its key (the same keyed hash pseudonymisation computes, with
the local stack's throwaway keys) and looked up in the store and in the dead letters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import psycopg

from civicpulse.devstack.stack import LocalStack
from civicpulse.lab.replay import ReplayTally
from civicpulse.messaging.connection import connect
from civicpulse.messaging.replay_deadletters import dead_letters


@dataclass(frozen=True)
class Books:
    sent: int
    accepted: int
    duplicate: int
    rejected: int  # at the door, with field and reason
    stored: int  # accepted ids with exactly one stored row, or more (then also doubled)
    dead_lettered: int  # accepted ids not stored but dead-lettered with a reason
    lost: int  # accepted ids neither stored nor dead-lettered
    doubled: int  # accepted ids stored more than once
    dead_letter_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return (
            self.lost == 0
            and self.doubled == 0
            and self.stored + self.dead_lettered == self.accepted
            and self.accepted + self.duplicate + self.rejected == self.sent
        )


async def count_books(stack: LocalStack, tallies: dict[str, ReplayTally]) -> Books:
    """The books of what each partner (id -> its replay's tally) sent into `stack`."""
    async with await psycopg.AsyncConnection.connect(stack.database_url) as conn:
        cur = await conn.execute(
            "SELECT event_key, count(*) FROM (SELECT event_key FROM features.events"
            " UNION ALL SELECT event_key FROM features.scheduled_events) AS rows GROUP BY 1"
        )
        stored: dict[str, int] = dict(await cur.fetchall())
    nc = await connect(stack.bus_access(), "devstack-books")
    try:
        records = await dead_letters(nc.jetstream())
    finally:
        await nc.close()
    dead = {r.event_key: f"{r.stage}: {r.reason}" for r in records if r.event_key}

    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for partner, tally in tallies.items():
        for event_id in tally.accepted_ids:
            key = stack.event_key(partner, event_id)
            copies = stored.get(key, 0)
            if copies:
                counts["stored"] += 1
                counts["doubled"] += copies > 1
            elif key in dead:
                counts["dead_lettered"] += 1
                reasons[dead[key]] += 1
            else:
                counts["lost"] += 1
    return Books(
        sent=sum(t.sent for t in tallies.values()),
        accepted=sum(t.accepted for t in tallies.values()),
        duplicate=sum(t.duplicate for t in tallies.values()),
        rejected=sum(sum(t.rejected.values()) for t in tallies.values()),
        stored=counts["stored"],
        dead_lettered=counts["dead_lettered"],
        lost=counts["lost"],
        doubled=counts["doubled"],
        dead_letter_reasons=dict(sorted(reasons.items())),
    )
