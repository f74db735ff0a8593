"""Identifiers in every string field of real calls, through the whole stack as processes; then the
database, the NATS store, every log and every file the stack wrote are searched for them: none.

A call centre partner whose agreement keeps its free text strictly scrubbed (for a declared
purpose) and a place attribute from a vocabulary puts a caller's name, phone, e-mail, plate, social
security number, IBAN and card in the free text, the address, the ids, the category and the
attributes, as a mistaken integration would. Then the demo's own call centre, which keeps no text
(its agreement reduces it to the city's signals), takes the whole development corpus of the
scrubber: no text and no identifier of it is anywhere, only the signals.
"""

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
import yaml
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.devstack.callers import demo_token
from civicpulse.devstack.stack import CONFIG_DIR, LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.lab.replay import replay
from civicpulse.messaging.connection import connect
from civicpulse.runtime.city import CityProfile
from support import eventually, scalar

pytestmark = pytest.mark.e2e
TOKEN = demo_token("call-centre")  # the local stack gives each partner of its file a demo token
# Made-up identifiers with valid checksums, and their compact spellings.
PERSON = "Rosalie Vandenbroucke"
IDENTIFIERS = {
    "person": [PERSON, "Vandenbroucke"],
    "phone": ["06 71 82 93 04", "0671829304"],
    "email": ["rosalie.vdb@example.fr"],
    "plate": ["GH-482-KT", "GH482KT"],
    "nir": ["2 84 05 13 055 214 51", "284051305521451"],
    "iban": ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189"],
    "card": ["4970 1012 3456 7893", "4970101234567893"],
    "street": ["17 rue des Pénitents-Blancs"],
}


def partners_file(tmp_path: Path) -> Path:
    """The demo agreements plus a call centre that keeps scrubbed free text and a place type."""
    document = yaml.safe_load((CONFIG_DIR / "partners.yaml").read_text())
    document["partners"]["call-centre"] = {
        "name": "Allô Mairie call centre (citizen requests)",
        "agreement": {
            "purpose": "Anticipate pressure on public space from citizen requests.",
            "key_domain": "city-services",
            "kinds": {
                "citizen_request": {
                    "categories": ["noise", "sanitation"],
                    "fields": {
                        "partner_event_id": "pseudonymise",
                        "occurred_at": "generalise",
                        "location": "generalise",
                        "free_text": "scrub",
                    },
                    "attributes": {
                        "place_type": {"values": ["street", "park", "building entrance"]},
                        "comment": {"treatment": "scrub"},
                    },
                    "retention_days": 365,
                    "text": {"purpose": "Mediators read the requests to plan their evening rounds.", "retention_days": 3},
                }
            },
        },
    }
    path = tmp_path / "partners.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    return path


def calls() -> list[events_pb2.PartnerEvent]:
    occurred = Timestamp()
    occurred.FromDatetime(datetime.now(UTC) - timedelta(hours=2))
    everything = ", ".join(values[0] for values in IDENTIFIERS.values())
    events = []
    for number in range(20):
        events.append(
            events_pb2.PartnerEvent(
                partner_event_id=f"call-{number}-{IDENTIFIERS['email'][0]}-{IDENTIFIERS['phone'][1]}",
                kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
                category="noise",
                occurred_at=occurred,
                location=events_pb2.GeoPoint(latitude=29.7604 + number * 1e-4, longitude=-95.3698),
                address=IDENTIFIERS["street"][0] + " 77002 Houston",
                free_text=f"Bonjour, ici {PERSON}, joignable au {IDENTIFIERS['phone'][0]} ou {IDENTIFIERS['email'][0]}. "
                f"Voiture {IDENTIFIERS['plate'][0]} devant chez moi au {IDENTIFIERS['street'][0]}. "
                f"Sécu {IDENTIFIERS['nir'][0]}, IBAN {IDENTIFIERS['iban'][0]}, carte {IDENTIFIERS['card'][0]}.",
                count=1,
                attributes={
                    "place_type": f"{PERSON} {IDENTIFIERS['phone'][0]}",  # outside the vocabulary: dropped
                    "comment": f"rappeler {PERSON} au {IDENTIFIERS['phone'][0]}",  # free-form: scrubbed
                    "caller": everything,  # no policy: dropped
                },
            )
        )
    # An identifier as the category: refused at the door, and the refusal keeps it nowhere.
    events.append(
        events_pb2.PartnerEvent(
            partner_event_id="call-category",
            kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
            category=IDENTIFIERS["email"][0],
            occurred_at=occurred,
            location=events_pb2.GeoPoint(latitude=29.7604, longitude=-95.3698),
        )
    )
    return events


def leaks(root: Path, needles: list[str]) -> dict[str, list[str]]:
    """Every file under `root` holding one of `needles` (bytes, case-insensitive), but the key file."""
    found: dict[str, list[str]] = {}
    encoded = [(n, n.lower().encode()) for n in needles]
    for path in root.rglob("*"):
        if not path.is_file() or path.name == "keys.yaml":
            continue
        data = path.read_bytes().lower()
        for needle, raw in encoded:
            if raw in data:
                found.setdefault(needle, []).append(str(path.relative_to(root)))
    return found


async def test_no_identifier_reaches_the_database_the_bus_or_the_logs(tmp_path):
    stack = LocalStack(tmp_path / "stack", partners_file=partners_file(tmp_path))
    async with stack:
        tally = await replay(stack.endpoint("ingestion"), TOKEN, calls())
        assert (tally.accepted, sum(tally.rejected.values())) == (20, 1)
        assert await eventually(lambda: _stored(stack.database_url, 20), timeout=60)
        assert await eventually(lambda: _texts_stored(stack.database_url, 20), timeout=60)
        texts = await scalar(stack.database_url, "SELECT string_agg(DISTINCT text, ' | ') FROM features.event_texts")
        comments = await scalar(
            stack.database_url, "SELECT string_agg(DISTINCT attributes->>'comment', ' | ') FROM features.event_texts"
        )
        # Events carry no text: what is kept lives apart, for its declared purpose.
        assert await scalar(stack.database_url, "SELECT count(*) FROM features.events WHERE attributes ? 'comment'") == 0
        dump = await stack.postgres_dump()
        bus = await _bus_contents(stack)
        keys = list(stack.keys.values())
        # Files, searched while the servers still hold them: PostgreSQL's data (checkpointed) and
        # WAL, NATS's store, every service's log. A positive control first: the search does see
        # what was stored (the scrubbed comment) in the database's files and in the bus's.
        await _execute(stack.database_url, "CHECKPOINT")
        roots = [tmp_path / "stack", stack.postgres.data_dir]  # the cluster may live in a shorter temporary path
        control = "rappeler <PERSON> au <PHONE>"
        assert control in leaks(roots[1], [control]), "the search does not see the database's files"
        assert any(p.startswith("nats") for p in leaks(roots[0], [control]).get(control, [])), "nor the bus's"
        needles = [value for values in IDENTIFIERS.values() for value in values]
        files_with_identifiers = {str(root): found for root in roots if (found := leaks(root, needles))}
        files_with_keys = {str(root): found for root in roots if (found := leaks(root, keys))}
    # What the policy keeps, it keeps scrubbed: the words stay, the identifiers do not.
    assert "<PERSON>" in texts and "<PHONE>" in texts and "<EMAIL>" in texts and "<PLATE>" in texts, texts
    assert "<NIR>" in texts and "<IBAN>" in texts and "<CARD>" in texts and "<ADDRESS>" in texts, texts
    assert comments == "rappeler <PERSON> au <PHONE>"
    assert [n for n in needles if n.lower() in dump.lower()] == []
    assert [n for n in needles if n.lower() in bus.lower()] == []
    assert files_with_identifiers == {}
    # No key anywhere but its own file.
    assert files_with_keys == {}
    assert all(key not in dump and key not in bus for key in keys)


async def _execute(url: str, statement: str) -> None:
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute(statement)


async def _texts_stored(url: str, count: int) -> bool:
    return await scalar(url, "SELECT count(*) FROM features.event_texts") == count


async def _stored(url: str, count: int) -> bool:
    return await scalar(url, "SELECT count(*) FROM features.events") == count


async def _bus_contents(stack: LocalStack) -> str:
    """Every message every stream still holds, as text."""
    nc = await connect(stack.bus_access(), "leak-search")
    try:
        js = nc.jetstream()
        out = []
        for stream in ("RAW", "EVENTS", "TEXTS", "SCORES", "NOTIFICATIONS", "DEADLETTER"):
            info = await js.stream_info(stream)
            for sequence in range(info.state.first_seq, info.state.last_seq + 1):
                try:
                    out.append((await js.get_msg(stream, sequence)).data.decode("utf-8", "replace"))
                except Exception:
                    continue
        return "\n".join(out)
    finally:
        await nc.close()


CORPUS = Path(__file__).parents[1] / "data" / "pii_corpus.jsonl"
CALL_CENTRE = "houston-311"  # the demo's citizen-requests partner: free text reduced to signals


def corpus_calls() -> tuple[list[events_pb2.PartnerEvent], list[str], list[str]]:
    """The development corpus as the demo's call centre sends it: each text as a request's free
    text, its marked identifiers in the contact too. Returns the events, every identifier (with its
    compact spelling) and, per text, its words outside the identifiers (what would show the text)."""
    occurred = Timestamp()
    occurred.FromDatetime(datetime.now(UTC) - timedelta(hours=3))
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    events, identifiers, passages = [], [], []
    for number, row in enumerate(rows):
        text = row["text"]
        values = [text[start:end] for start, end, _ in row["spans"]]
        identifiers += values + [re.sub(r"[\s.\-]", "", v) for v in values if len(re.sub(r"[\s.\-]", "", v)) >= 6]
        at, words = 0, []
        for start, end, _ in sorted(row["spans"]):
            words.append(text[at:start])
            at = end
        words.append(text[at:])
        passages += [p.strip() for p in words if len(p.strip()) >= 16]
        names = [v for v, (_, _, kind) in zip(values, row["spans"], strict=True) if kind == "PERSON"]
        events.append(
            events_pb2.PartnerEvent(
                partner_event_id=f"corpus-{number}",
                kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
                category="noise",
                occurred_at=occurred,
                location=events_pb2.GeoPoint(latitude=29.7604 + (number % 50) * 1e-4, longitude=-95.3698),
                free_text=text,
                contact=events_pb2.Contact(name=names[0] if names else ""),
                count=1,
            )
        )
    return events, identifiers, passages


async def test_the_demo_call_centre_keeps_no_text_and_no_identifier_only_signals(tmp_path):
    events, identifiers, passages = corpus_calls()
    stack = LocalStack(tmp_path / "stack")
    async with stack:
        tally = await replay(stack.endpoint("ingestion"), demo_token(CALL_CENTRE), events)
        assert (tally.accepted, sum(tally.rejected.values())) == (len(events), 0)
        assert await eventually(lambda: _stored(stack.database_url, len(events)), timeout=120)
        signals = await _rows(stack.database_url, "SELECT signals FROM features.events WHERE partner = %s", (CALL_CENTRE,))
        assert await scalar(stack.database_url, "SELECT count(*) FROM features.event_texts") == 0
        dump = await stack.postgres_dump()
        bus = await _bus_contents(stack)
        await _execute(stack.database_url, "CHECKPOINT")
        roots = [tmp_path / "stack", stack.postgres.data_dir]
        found = {str(root): hit for root in roots if (hit := leaks(root, identifiers + passages))}
    # Only the declared signals, counted: e.g. "Loud party every Friday ..." shows noise twice.
    declared = set(CityProfile.load(CONFIG_DIR / "cities" / "houston.yaml").signals["citizen_request"])
    counted = Counter()
    for (row,) in signals:
        assert set(row) <= declared, row
        counted.update(row)
    assert counted["noise"] >= 8 and counted["fight"] >= 4, counted
    # Not one identifier, nor one passage of any text, in the database, the bus, or any file; yet
    # the dump and the bus do hold the events (a search that sees nothing would pass as well).
    assert '"noise"' in dump and "corpus-0" not in dump and len(identifiers) > 300 and len(passages) > 300
    assert [n for n in identifiers + passages if n.lower() in dump.lower()] == []
    assert [n for n in identifiers + passages if n.lower() in bus.lower()] == []
    assert found == {}


async def _rows(url: str, query: str, params: tuple) -> list[tuple]:
    async with await psycopg.AsyncConnection.connect(url) as conn:
        return await (await conn.execute(query, params)).fetchall()


HELD_OUT = Path(__file__).parents[1] / "data" / "heldout" / "heldout_corpus.jsonl"
SCRUBBING_CITY = Path(__file__).parents[1] / "data" / "scrubbing_city.yaml"
ANALYSTS = "analysts-desk"


def strict_stack(tmp_path: Path) -> LocalStack:
    """The demo stack with a French city's languages and words, and a partner whose agreement keeps
    its free text, strictly scrubbed, for a declared purpose."""
    city = yaml.safe_load((CONFIG_DIR / "cities" / "houston.yaml").read_text())
    declared = yaml.safe_load(SCRUBBING_CITY.read_text(encoding="utf-8"))
    city["languages"], city["place_names"] = declared["languages"], declared["vocabulary"]
    city["zones"]["file"] = str(CONFIG_DIR / "cities" / city["zones"]["file"])  # read beside the copy
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(city, allow_unicode=True))
    document = yaml.safe_load((CONFIG_DIR / "partners.yaml").read_text())
    document["partners"][ANALYSTS] = {
        "name": "Mediation analysts (citizen requests read to plan rounds)",
        "agreement": {
            "purpose": "Plan the mediators' rounds from what residents report.",
            "key_domain": "city-services",
            "kinds": {
                "citizen_request": {
                    "categories": ["noise"],
                    "fields": {"partner_event_id": "pseudonymise", "occurred_at": "generalise", "location": "generalise"}
                    | {"free_text": "scrub"},
                    "text": {"purpose": "Mediators read the requests to plan their evening rounds.", "retention_days": 3},
                    "retention_days": 365,
                }
            },
        },
    }
    (tmp_path / "partners.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
    return LocalStack(tmp_path / "stack", city_profile=tmp_path / "city.yaml", partners_file=tmp_path / "partners.yaml")


async def test_a_strict_scrubbing_agreement_stores_exactly_what_the_measured_scrubber_leaves(tmp_path):
    """The held-out corpus through a partner that keeps its text: what the stack stores, apart from
    the events, is exactly what the scrubber measured on that corpus (python -m
    pseudonymisation.evaluation) makes of each text, so its figures hold for the stored texts."""
    from pseudonymisation.domain import city_words
    from pseudonymisation.scrubber import Scrubber, strict_names

    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines()]
    occurred = Timestamp()
    occurred.FromDatetime(datetime.now(UTC) - timedelta(hours=1))
    events = [
        events_pb2.PartnerEvent(
            partner_event_id=f"held-out-{number}",
            kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
            category="noise",
            occurred_at=occurred,
            location=events_pb2.GeoPoint(latitude=29.7604, longitude=-95.3698),
            free_text=row["text"],
        )
        for number, row in enumerate(rows)
    ]
    stack = strict_stack(tmp_path)
    async with stack:
        tally = await replay(stack.endpoint("ingestion"), demo_token(ANALYSTS), events)
        assert tally.accepted == len(events), tally
        assert await eventually(lambda: _texts_stored(stack.database_url, len(events)), timeout=300)
        stored = dict(await _rows(stack.database_url, "SELECT event_key, text FROM features.event_texts", ()))
        keys = [stack.event_key(ANALYSTS, event.partner_event_id) for event in events]
        # Every event stored, and none with a text: the texts live apart.
        counted = await _rows(stack.database_url, "SELECT count(*) FROM features.events WHERE partner = %s", (ANALYSTS,))
        assert counted == [(len(events),)]
        bus = await _bus_contents(stack)
    city = CityProfile.load(tmp_path / "city.yaml")
    expected = Scrubber(strict_names(city.languages, city_words(city))).scrub([row["text"] for row in rows])
    assert [stored[key] for key in keys] == expected
    # Nor is any identifier the scrubber removed left on the bus (RAW's copies are gone once taken);
    # one that another text leaks (a name the scrubber missed there) is in that text's stored copy.
    kept = "\n".join(expected)
    removed = [
        row["text"][start:end]
        for row in rows
        for start, end, _ in row["spans"]
        if row["text"][start:end] not in kept and len(row["text"][start:end]) >= 6
    ]
    assert len(removed) > 300 and [value for value in removed if value in bus] == []
