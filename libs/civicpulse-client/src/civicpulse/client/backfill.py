"""civicpulse-backfill: loads a partner's history file through the streaming backfill API.

    CIVICPULSE_TOKEN=... civicpulse-backfill crimes.csv.gz --mapping houston-crime.yaml \\
        --address ingestion.example:50051 --ca ca.pem

Each row becomes an event by the mapping file (docs/mappings.md), or is skipped by one of its
rules; rows go in batches, each answered in order. After each answer the checkpoint
records the rows answered and the counts so far, so that an interrupted load (Ctrl-C, a lost
connection, a killed process) starts again after the last answered row when run again; rows
sent but not answered are sent again and come back DUPLICATE, never stored twice. A mapping that
remembers earlier rows (a stagger) reads the answered rows again on resuming, without sending
them, so that a resumed load makes the same events as a whole one. The final report counts
every row: accepted, duplicate, rejected by reason, or skipped by rule, and they add up to the
rows read; it counts the events made by kind, and the local times a clock change made odd
(skipped or shown twice) by field and by how the mapping resolved them.
As for any call, an id is recognised as a duplicate within a batch or a batch sent again; a row
repeating an id of an earlier batch is accepted again, and stored once. Rejected rows, with
their reasons, are listed in <checkpoint>.rejected.jsonl.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import grpc
from tqdm import tqdm

from civicpulse.client.connection import IngestionClient
from civicpulse.client.mapping import MappedRow, Mapping
from civicpulse.ingestion.v1 import ingestion_pb2

STATUS = {
    ingestion_pb2.EVENT_STATUS_ACCEPTED: "accepted",
    ingestion_pb2.EVENT_STATUS_DUPLICATE: "duplicate",
    ingestion_pb2.EVENT_STATUS_REJECTED: "rejected",
}
OUTCOMES = (*STATUS.values(), "skipped")  # every row read has one


@dataclass
class Progress:
    """What the checkpoint holds: which load, how far it got, and what the answers said."""

    file: str
    identity: str  # the file's size and the mapping's digest: a checkpoint resumes only its own load
    rows: int = 0  # rows answered, from the first
    counts: Counter = field(default_factory=Counter)
    rejected_by_reason: Counter = field(default_factory=Counter)
    complete: bool = False
    skipped_by_rule: Counter = field(default_factory=Counter)  # their sum is counts["skipped"]
    events_by_kind: Counter = field(default_factory=Counter)  # events made (and sent)
    daylight_saving: Counter = field(default_factory=Counter)  # "<field>: <case> -> <resolution>"

    def count_mapped(self, mapped: list[MappedRow]) -> None:
        """What the mapping made of answered rows: skips by rule, events by kind, clock changes."""
        for row in mapped:
            if row.event is None:
                self.counts["skipped"] += 1
                self.skipped_by_rule[row.skipped_by] += 1
            else:
                self.events_by_kind[row.kind] += 1
            self.daylight_saving.update(str(case) for case in row.daylight_saving)

    def save(self, path: Path) -> None:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.as_dict(), indent=2))
        os.replace(temporary, path)  # atomic: a kill leaves the old checkpoint or the new one

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "identity": self.identity,
            "rows": self.rows,
            "counts": {k: self.counts.get(k, 0) for k in OUTCOMES},
            "rejected_by_reason": dict(sorted(self.rejected_by_reason.items())),
            "complete": self.complete,
            "skipped_by_rule": dict(sorted(self.skipped_by_rule.items())),
            "events_by_kind": dict(sorted(self.events_by_kind.items())),
            "daylight_saving": dict(sorted(self.daylight_saving.items())),
        }

    @classmethod
    def load(cls, path: Path) -> Progress:
        # A checkpoint from before skip rules has no "skipped": 0; from before rule names, no breakdowns.
        data = json.loads(path.read_text())
        return cls(
            data["file"],
            data["identity"],
            data["rows"],
            Counter(data["counts"]),
            Counter(data["rejected_by_reason"]),
            data["complete"],
            Counter(data.get("skipped_by_rule", {})),
            Counter(data.get("events_by_kind", {})),
            Counter(data.get("daylight_saving", {})),
        )


def identity(path: Path, mapping_path: Path) -> str:
    return f"{path.stat().st_size}:{hashlib.sha256(mapping_path.read_bytes()).hexdigest()[:16]}"


def keep_answered(rejected_log: Path, answered: int) -> None:
    """Drops what a killed load listed past its last checkpoint: those rows are sent again."""
    if rejected_log.exists():
        lines = [line for line in rejected_log.read_text().splitlines() if json.loads(line)["row"] <= answered]
        rejected_log.write_text("".join(f"{line}\n" for line in lines))


def count_rows(path: Path, mapping: Mapping) -> int:
    return sum(1 for _ in mapping.rows(path))


async def load(
    path: Path,
    mapping_path: Path,
    client: IngestionClient,
    checkpoint: Path,
    batch_size: int = 500,
    show_progress: bool = True,
) -> Progress:
    mapping = Mapping.load(mapping_path)
    progress = Progress(str(path), identity(path, mapping_path))
    if checkpoint.exists():
        saved = Progress.load(checkpoint)
        if saved.identity != progress.identity:
            raise SystemExit(f"{checkpoint} is the checkpoint of another file or mapping: move it away to start afresh")
        progress = saved
    if progress.complete:
        return progress
    rejected_log = checkpoint.with_suffix(".rejected.jsonl")
    keep_answered(rejected_log, progress.rows)
    total = count_rows(path, mapping)
    bar = tqdm(total=total, initial=progress.rows, unit="rows", desc=path.name, disable=not show_progress, smoothing=0.1)

    sent: dict[int, list[MappedRow]] = {}  # a batch's position -> what its rows became

    async def batches():
        source = mapping.read(mapping.rows(path), after=progress.rows)
        while chunk := list(islice(source, batch_size)):
            sent[chunk[-1].number] = chunk
            yield chunk[-1].number, [row.event for row in chunk if row.event is not None]  # empty if all skipped: still answered

    with open(rejected_log, "a", encoding="utf-8") as rejected, bar:
        async for answer in client.backfill(batches()):
            chunk = sent.pop(answer.position)
            progress.count_mapped(chunk)  # counted once answered, as the checkpoint's rows are
            numbers = [row.number for row in chunk if row.event is not None]
            for number, result in zip(numbers, answer.answer.results, strict=True):
                progress.counts[STATUS[result.status]] += 1
                if result.status == ingestion_pb2.EVENT_STATUS_REJECTED:
                    reasons = [f"{v.field}: {v.reason}" for v in result.violations]
                    progress.rejected_by_reason.update(reasons[:1])  # a row counts once, by its first reason
                    row = {"row": number, "partner_event_id": result.partner_event_id, "violations": reasons}
                    rejected.write(json.dumps(row) + "\n")
            bar.update(answer.position - progress.rows)
            progress.rows = answer.position
            rejected.flush()
            progress.save(checkpoint)
    progress.complete = progress.rows == total
    progress.save(checkpoint)
    return progress


def report(progress: Progress) -> str:
    counts = progress.as_dict()["counts"]
    breakdowns = {"rejected": progress.rejected_by_reason, "skipped": progress.skipped_by_rule}
    lines = [f"{progress.file}: {progress.rows} rows"]
    for name, value in counts.items():
        lines.append(f"  {name:10} {value:>10}")
        lines += [f"    {why:44} {n:>8}" for why, n in sorted(breakdowns.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0]))]
    if progress.events_by_kind:
        lines.append("  events made, by kind")
        lines += [f"    {kind:44} {n:>8}" for kind, n in sorted(progress.events_by_kind.items())]
    if progress.daylight_saving:
        lines.append("  local times a clock change made odd, by field: case -> resolution")
        lines += [f"    {case:44} {n:>8}" for case, n in sorted(progress.daylight_saving.items())]
    adds_up = sum(counts.values()) == progress.rows
    lines.append(f"  {'adds up' if adds_up else 'DOES NOT ADD UP'}: {' + '.join(counts)} = {sum(counts.values())}")
    return "\n".join(lines)


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="CSV or JSON Lines, optionally .gz")
    parser.add_argument("--mapping", type=Path, required=True, help="the mapping file: columns -> event fields")
    parser.add_argument("--address", required=True, help="ingestion's address, host:port")
    parser.add_argument("--ca", type=Path, required=True, help="the CA that signed ingestion's certificate (PEM)")
    parser.add_argument("--token-file", type=Path, help="a file holding the partner's token (else $CIVICPULSE_TOKEN)")
    parser.add_argument("--cert", type=Path, help="the partner's client certificate, for ingestion's mutual-TLS port")
    parser.add_argument("--key", type=Path, help="its key")
    parser.add_argument("--checkpoint", type=Path, help="where progress is kept (default: <file name>.checkpoint.json here)")
    parser.add_argument("--batch-size", type=int, default=500, help="rows per batch (at most the service's MAX_BATCH_SIZE)")
    args = parser.parse_args()
    token = args.token_file.read_text().strip() if args.token_file else os.environ.get("CIVICPULSE_TOKEN")
    if not token and not args.cert:
        parser.error("say who calls: --token-file, $CIVICPULSE_TOKEN, or --cert and --key")
    checkpoint = args.checkpoint or Path.cwd() / f"{args.file.name}.checkpoint.json"

    async def run() -> Progress:
        async with IngestionClient(args.address, args.ca, token, args.cert, args.key) as client:
            return await load(args.file, args.mapping, client, checkpoint, args.batch_size, show_progress=sys.stderr.isatty())

    try:
        progress = asyncio.run(run())
    except KeyboardInterrupt:
        raise SystemExit(f"interrupted; run the same command again to resume from {checkpoint}") from None
    except grpc.aio.AioRpcError as exc:
        raise SystemExit(
            f"ingestion answered {exc.code().name}: {exc.details()}; run the same command again to resume from {checkpoint}"
        ) from None
    print(report(progress))
    print(json.dumps(progress.as_dict()))


if __name__ == "__main__":
    cli()
