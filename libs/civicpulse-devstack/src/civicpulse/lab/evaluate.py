"""`make evaluate`: how well the forecast does on a city's real history, against the simple methods.

python -m civicpulse.lab.evaluate [--city NAME] [--root DIR] [--run-dir DIR]

A city is files only (`civicpulse.city.files`, docs/new-city.md): datasets/<city>/sources.yaml
names its profile, its partners' agreements, its files and the time to train as of. This starts
the whole stack on this machine with that profile and those agreements, replays the city's files
through the ingestion API, trains as of `evaluate.issue_time` with the profile's `test_days`
held out (daily issue times the model never saw), and writes the model card (card.json, card.md)
and summary.json to .run/evaluate/<city>/. The same evaluation runs in every training job
(TrainModel starts one; it is followed to its end with its progress printed); this command only
chooses the period and prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import sys
from pathlib import Path

from civicpulse.city.files import DATASETS, SOURCES_FILE, cities
from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.stack import REPO_ROOT, LocalStack
from civicpulse.lab.scenario import run_scenario
from civicpulse.lab.sources import city_sources
from civicpulse.runtime.catalogue import SERVICES
from civicpulse.runtime.model_card import ModelCard


def _n(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def headline(card: ModelCard) -> list[str]:
    lines = [f"model {card.model_version}: {card.status} ({card.gate.reason})"]
    for band, entry in card.bands.items():
        if not entry.measured:
            lines.append(f"  {band:9} not measured: the test period is shorter than the band")
            continue
        pai5 = entry.pai5
        low, high = pai5.ratio_ci95 or (None, None)
        judged = "judged" if entry.judged else "not judged"
        lines.append(
            f"  {band:9} PAI@5% model {_n(pai5.model)}, best baseline {_n(pai5.best_baseline)}"
            f" ({pai5.best_baseline_name}), ratio {_n(pai5.ratio)} [{_n(low)}, {_n(high)}]"
            f" on {entry.issue_times} issue times, {entry.independent_windows} independent windows ({judged});"
            f" ceiling {_n(entry.ceiling['top5'].ratio_to_best_baseline)};"
            f" deviance {_n(entry.deviance['model'])} vs dow-hour {_n(entry.deviance['dow_hour_mean'])}"
        )
    lines.append(f"  validation deviance {card.training.validation_deviance:.4f} ({card.deviance_definition})")
    return lines


async def main(city: str, run_dir: Path, root: Path = REPO_ROOT) -> dict:
    sources = city_sources(city, root)
    chosen = sources.city
    if run_dir.exists():
        shutil.rmtree(run_dir)
    stack = LocalStack(run_dir / "stack", city_profile=chosen.profile, partners_file=chosen.partners)
    held_out = chosen.city.evaluation
    print(f"evaluating {city}: {chosen.evaluate.description if chosen.evaluate else chosen.city.name}")
    print(
        f"  trained as of {chosen.issue_time:%Y-%m-%d %H:%M %Z}; the {held_out.test_days} days before test it,"
        f" the {held_out.validation_days} before them validate it"
    )
    print(f"starting PostgreSQL, NATS JetStream and the {len(SERVICES)} services ...")
    await stack.start()
    try:
        print("replaying the city's data through the ingestion API, then training and judging ...")
        summary = await run_scenario(stack, sources.replayed(), chosen.issue_time, noted=sources.noted)
    finally:
        print("stopping the stack ...")
        await stack.stop()
    card = json.loads(summary.card_json)
    (run_dir / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    (run_dir / "card.md").write_text(summary.card_markdown)
    result = summary.as_dict()
    (run_dir / "summary.json").write_text(json.dumps(result, indent=2) + "\n")
    print("\n".join(headline(ModelCard.from_dict(card))))
    print(f"model card written to {run_dir / 'card.json'} and {run_dir / 'card.md'}")
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", default="houston", help="a folder of datasets/ holding a sources.yaml")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the folder holding datasets/ (default: the repository)")
    parser.add_argument("--run-dir", type=Path, help="default .run/evaluate/<city>")
    args = parser.parse_args()
    root = args.root.absolute()
    known = cities(root)
    if args.city not in known:
        there = ", ".join(known) or "none"
        parser.error(f"no city {args.city!r} under {root / DATASETS}: the cities with a {SOURCES_FILE} are {there}")
    try:
        city_sources(args.city, root).city.issue_time  # noqa: B018 (read now: a wrong file stops here, in words)
    except ValueError as error:
        parser.error(str(error))
    run_dir = (args.run_dir or REPO_ROOT / ".run" / "evaluate" / args.city).absolute()
    sys.stdout.reconfigure(line_buffering=True)
    logging.basicConfig(level=logging.WARNING)
    install_signal_cleanup()
    try:
        result = asyncio.run(main(args.city, run_dir, root))
    except KeyboardInterrupt:
        raise SystemExit("interrupted: the stack is stopped") from None
    if not result["events_accounted"]:
        raise SystemExit("the books do not balance: stored + duplicate + rejected != sent")


if __name__ == "__main__":
    cli()
