"""How well a scrubber hides what a marked corpus holds: per type, and per text.

A corpus is a list of {"text": ..., "spans": [[start, end, TYPE], ...]} with every identifier marked.
- recall of a type: the share of its marked spans whose letters and digits are all covered by spans
  found, of ANY type (a name masked as an address does not leak);
- precision of a type: the share of spans found of that type that overlap a marked span of that type;
- F2: recall weighs twice (a leak costs more than a placeholder too many);
- full-redaction rate: the share of texts in which every marked span is fully covered.

civicpulse-scrubbing-report --city FILE NAME=CORPUS.jsonl [...] [--out FILE]

measures the strict scrubber, as a city with FILE's `languages` and `vocabulary` builds it, on each
corpus, and prints (or writes) the reports as JSON, with the texts scrubbed per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pseudonymisation.spans import Span

# Identifiers a strict scrubber must find every time: those with a form (a checksum, a context).
STRUCTURED = ("PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE", "DATE_OF_BIRTH")


@dataclass(frozen=True)
class Report:
    per_type: dict[str, dict[str, Any]]
    texts: int
    fully_redacted: int
    leaks: list[tuple[str, str, str]]  # (type, marked text, text) of each marked span not fully covered

    @property
    def full_redaction_rate(self) -> float:
        return self.fully_redacted / self.texts if self.texts else 1.0

    @property
    def structured_recall(self) -> float:
        """The lowest recall of the identifiers that must all be found (STRUCTURED)."""
        return min((self.per_type[kind]["recall"] for kind in STRUCTURED if kind in self.per_type), default=1.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "full_redaction_rate": round(self.full_redaction_rate, 4),
            "structured_recall": round(self.structured_recall, 4),
            "per_type": self.per_type,
            "leaks": [list(leak) for leak in self.leaks],
        }


def covered(text: str, start: int, end: int, spans: Sequence[Span]) -> bool:
    """Whether every letter and digit of text[start:end] lies inside one of `spans`."""
    needed = [i for i in range(start, end) if text[i].isalnum()]
    return all(any(s.start <= i < s.end for s in spans) for i in needed)


def measure(corpus: Sequence[dict], found: Sequence[Sequence[Span]]) -> Report:
    hits, misses, right, wrong = Counter(), Counter(), Counter(), Counter()
    fully, leaks = 0, []
    for row, spans in zip(corpus, found, strict=True):
        text, complete = row["text"], True
        for start, end, kind in row["spans"]:
            if covered(text, start, end, spans):
                hits[kind] += 1
            else:
                misses[kind] += 1
                complete = False
                leaks.append((kind, text[start:end], text))
        fully += complete
        for s in spans:
            overlaps = any(s.type == kind and s.start < end and start < s.end for start, end, kind in row["spans"])
            (right if overlaps else wrong)[s.type] += 1
    table = {}
    for kind in sorted(set(hits) | set(misses) | set(right) | set(wrong)):
        recall = hits[kind] / (hits[kind] + misses[kind]) if hits[kind] + misses[kind] else 1.0
        precision = right[kind] / (right[kind] + wrong[kind]) if right[kind] + wrong[kind] else 1.0
        f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
        table[kind] = {
            "marked": hits[kind] + misses[kind],
            "found": right[kind] + wrong[kind],
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f2": round(f2, 3),
        }
    return Report(table, len(corpus), fully, leaks)


def render(report: Report, title: str = "scrubbing") -> str:
    lines = [f"{title}: {report.texts} texts, full-redaction rate {report.full_redaction_rate:.3f}"]
    lines.append(f"  {'type':<16} {'marked':>7} {'found':>6} {'precision':>10} {'recall':>7} {'F2':>6}")
    for kind, row in report.per_type.items():
        lines.append(
            f"  {kind:<16} {row['marked']:>7} {row['found']:>6} {row['precision']:>10} {row['recall']:>7} {row['f2']:>6}"
        )
    return "\n".join(lines)


def load_corpus(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reports(city: Path, corpora: dict[str, Path], model: str | None = None) -> dict[str, dict]:
    """Each corpus measured with the strict scrubber the city's languages and vocabulary build."""
    from pseudonymisation.scrubber import Scrubber, strict_names

    declared = yaml.safe_load(city.read_text(encoding="utf-8"))
    names = strict_names(declared["languages"], declared.get("vocabulary", []), **({"model": model} if model else {}))
    out = {}
    for name, path in corpora.items():
        corpus = load_corpus(path)
        started = time.perf_counter()
        found = Scrubber(names).spans([row["text"] for row in corpus])  # a fresh cache: every text scrubbed
        seconds = time.perf_counter() - started
        out[name] = {**measure(corpus, found).as_dict(), "texts_per_second": round(len(corpus) / seconds)}
    return out


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", type=Path, required=True, help="a YAML file with the city's languages and vocabulary")
    parser.add_argument("--model", help="the spaCy pipeline (default: the scrubber's)")
    parser.add_argument("--out", type=Path, help="write the JSON here instead of printing it")
    parser.add_argument("corpora", nargs="+", metavar="NAME=CORPUS.jsonl")
    args = parser.parse_args()
    corpora = {}
    for item in args.corpora:
        name, _, path = item.partition("=")
        if not path:
            parser.error(f"{item!r}: give NAME=CORPUS.jsonl")
        corpora[name] = Path(path)
    text = json.dumps(reports(args.city, corpora, args.model), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    cli()
