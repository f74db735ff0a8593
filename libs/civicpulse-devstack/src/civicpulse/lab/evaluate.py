"""`make evaluate`: how well the forecast does on a city's real history, against the simple methods.

python -m civicpulse.lab.evaluate [--city houston|chicago] [--run-dir DIR]

Starts the whole stack on this machine with the city's profile and partner agreements, replays
the city's data through the ingestion API, trains as of the end of the data with the last
`test_days` held out (daily issue times the model never saw), and writes the model card
(card.json, card.md) and summary.json to .run/evaluate/<city>/. The same evaluation runs in
every training job (TrainModel starts one; it is followed to its end with its progress printed);
this command only chooses the period and prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from civicpulse.devstack.processes import install_signal_cleanup
from civicpulse.devstack.stack import CONFIG_DIR, REPO_ROOT, LocalStack
from civicpulse.lab.scenario import run_scenario
from civicpulse.lab.sources import DATASETS, SOURCES_FILE, CitySources
from civicpulse.runtime.model_card import ModelCard


@dataclass(frozen=True)
class CityEvaluation:
    """A city's profile, its partners, the files they send (a sources file), and the period judged."""

    profile: Path
    partners_file: Path
    sources: Path
    issue_time: datetime
    test_days: int
    description: str


CITIES = {
    "houston": CityEvaluation(
        CONFIG_DIR / "cities" / "houston.yaml",
        CONFIG_DIR / "partners.yaml",
        DATASETS / "houston" / SOURCES_FILE,
        datetime(2010, 9, 1, tzinfo=ZoneInfo("America/Chicago")),
        62,
        "Houston police incident reports: train on January-June 2010, test on July-August",
    ),
    "chicago": CityEvaluation(
        CONFIG_DIR / "cities" / "chicago.yaml",
        CONFIG_DIR / "partners-chicago.yaml",
        DATASETS / "chicago" / SOURCES_FILE,
        datetime(2014, 9, 1, tzinfo=ZoneInfo("America/Chicago")),
        62,
        "Chicago 311 sanitation requests (dates only): train up to June 2014, test on July-August 2014",
    ),
}


def headline(card: ModelCard) -> list[str]:
    lines = [f"model {card.model_version}: {card.status} ({card.gate.reason})"]
    for band, entry in card.bands.items():
        if not entry.measured:
            lines.append(f"  {band:9} not judged")
            continue
        pai5 = entry.pai5
        low, high = pai5.ratio_ci95
        lines.append(
            f"  {band:9} PAI@5% model {pai5.model:.3f}, best baseline {pai5.best_baseline:.3f}"
            f" ({pai5.best_baseline_name}), ratio {pai5.ratio:.4f} [{low:.4f}, {high:.4f}],"
            f" ceiling {entry.ceiling['top5'].ratio_to_best_baseline:.4f};"
            f" deviance {entry.deviance['model']:.4f} vs dow-hour {entry.deviance['dow_hour_mean']:.4f}"
        )
    lines.append(f"  validation deviance {card.training.validation_deviance:.4f} ({card.deviance_definition})")
    return lines


async def main(city: str, run_dir: Path) -> dict:
    chosen = CITIES[city]
    if run_dir.exists():
        shutil.rmtree(run_dir)
    stack = LocalStack(run_dir / "stack", city_profile=chosen.profile, partners_file=chosen.partners_file)
    print(f"evaluating {city}: {chosen.description}")
    print("starting PostgreSQL, NATS JetStream and the five services ...")
    await stack.start()
    try:
        print("replaying the city's data through the ingestion API, then training and judging ...")
        sources = CitySources.load(chosen.sources).replayed()
        summary = await run_scenario(stack, sources, chosen.issue_time, test_days=chosen.test_days)
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
    parser.add_argument("--city", choices=sorted(CITIES), default="houston")
    parser.add_argument("--run-dir", type=Path, help="default .run/evaluate/<city>")
    args = parser.parse_args()
    run_dir = (args.run_dir or REPO_ROOT / ".run" / "evaluate" / args.city).absolute()
    sys.stdout.reconfigure(line_buffering=True)
    logging.basicConfig(level=logging.WARNING)
    install_signal_cleanup()
    try:
        result = asyncio.run(main(args.city, run_dir))
    except KeyboardInterrupt:
        raise SystemExit("interrupted: the stack is stopped") from None
    if not result["events_accounted"]:
        raise SystemExit("the books do not balance: stored + duplicate + rejected != sent")


if __name__ == "__main__":
    cli()
