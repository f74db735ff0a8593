"""civicpulse-city: check a city's files; propose a boundary from its data (docs/new-city.md).

civicpulse-city check houston                      # datasets/houston/sources.yaml and all it names
civicpulse-city check --profile P --partners A     # a city with no data yet
civicpulse-city check --profile P --partners A --partner ID --mapping M --file F
civicpulse-city boundary FILE --mapping M          # or --latitude COL --longitude COL
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import yaml

from civicpulse.city.boundary import Outline, propose, read_points, render_proposal, write_geojson
from civicpulse.city.check import DeclaredSource, check_city, check_files, render
from civicpulse.city.files import Source


def rows_limit(text: str) -> int | None:
    number = int(text)
    if number < 0:
        raise argparse.ArgumentTypeError("give a number of rows, 0 for every row")
    return number or None


def point(text: str) -> tuple[float, float]:
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give LATITUDE,LONGITUDE, e.g. 29.7604,-95.3698") from None
    return latitude, longitude


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="civicpulse-city", description="The tools that add a city (docs/new-city.md).")
    commands = top.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check",
        help="check a city's profile, agreements, mappings and files together",
        description="Check a city's files together, then run each source's first rows through its mapping and the "
        "ingestion service's validation (no stack needed). Exit 0: coherent (rejected rows are reported); "
        "1: a configuration problem (every one is listed), or a rejected row with --strict.",
    )
    check.add_argument("city", nargs="?", help="a city of ROOT/datasets/ (a folder holding sources.yaml)")
    check.add_argument("--root", type=Path, default=Path("."), help="the folder holding datasets/ (default: here)")
    check.add_argument("--profile", type=Path, help="a city profile, without a city folder (with --partners)")
    check.add_argument("--partners", type=Path, help="the partners' agreements (with --profile)")
    check.add_argument("--partner", help="one file only: the partner sending it (with --mapping and --file)")
    check.add_argument("--mapping", type=Path, help="one file only: its mapping")
    check.add_argument("--file", type=Path, help="one file only: the partner's file")
    check.add_argument("--rows", type=rows_limit, default=200, metavar="N", help="rows read per file (default 200; 0: every row)")
    check.add_argument("--show", type=int, default=3, metavar="N", help="events shown per file (default 3)")
    check.add_argument("--strict", action="store_true", help="exit 1 when any row would be rejected")
    check.set_defaults(run=run_check, fail=check.error)

    boundary = commands.add_parser(
        "boundary",
        help="propose a boundary polygon from a file's points",
        description="Propose the profile's boundary from a file's points: their H3 cells (optionally within a radius "
        "of a centre), the concave hull of the cells' centres buffered and simplified, with named zones added. "
        "Prints the boundary as the profile's YAML and what it leaves out, by the profile's own rule.",
    )
    boundary.add_argument("file", type=Path, help="a CSV (or gzipped CSV) file, or any file a mapping reads")
    points = boundary.add_mutually_exclusive_group(required=True)
    points.add_argument("--mapping", type=Path, help="read the points through this mapping file")
    points.add_argument("--latitude", metavar="COL", help="the CSV column of latitudes (with --longitude)")
    boundary.add_argument("--longitude", metavar="COL", help="the CSV column of longitudes (with --latitude)")
    defaults = Outline()
    boundary.add_argument("--resolution", type=int, default=defaults.resolution, help="H3 resolution (default %(default)s)")
    boundary.add_argument(
        "--buffer-km", type=float, default=defaults.buffer_km, help="margin around the hull (default %(default)s)"
    )
    boundary.add_argument(
        "--concave-ratio", type=float, default=defaults.concave_ratio, help="0 to 1; 1 is the convex hull (default %(default)s)"
    )
    boundary.add_argument(
        "--vertices", type=int, default=defaults.vertices, help="at most this many vertices (default %(default)s)"
    )
    boundary.add_argument("--zones", type=Path, help="a GeoJSON FeatureCollection of zones the boundary must hold whole")
    boundary.add_argument("--centre", type=point, metavar="LAT,LON", help="leave out points farther than --radius-deg from here")
    boundary.add_argument("--radius-deg", type=float, metavar="R", help="with --centre: the radius, in degrees")
    boundary.add_argument("--output", type=Path, metavar="FILE.geojson", help="also write the polygon as a GeoJSON Feature")
    boundary.set_defaults(run=run_boundary, fail=boundary.error)
    return top


def run_check(args: argparse.Namespace, fail: Callable[[str], NoReturn]) -> int:
    one_file = [args.partner, args.mapping, args.file]
    if args.city is not None:
        if args.profile or args.partners or any(one_file):
            fail("give a CITY, or --profile and --partners (with --partner, --mapping and --file for one file), not both")
        report = check_city(args.root, args.city, args.rows, datetime.now(UTC), args.show)
    else:
        if not (args.profile and args.partners):
            fail("give a CITY (a folder of datasets/ with a sources.yaml), or --profile and --partners")
        if any(one_file) and not all(one_file):
            fail("one file is checked with all three of --partner, --mapping and --file")
        sources = []
        if all(one_file):
            sources = [DeclaredSource(Source(partner=args.partner, file=args.file, mapping=args.mapping), "the command line", "")]
        report = check_files(args.profile, args.partners, sources, args.rows, datetime.now(UTC), args.show)
    for line in render(report):
        print(line)
    if not report.coherent:
        return 1
    if args.strict and report.rejected:
        print(f"--strict: {report.rejected} rows would be rejected")
        return 1
    return 0


def run_boundary(args: argparse.Namespace, fail: Callable[[str], NoReturn]) -> int:
    if (args.latitude is None) != (args.longitude is None):
        fail("give both --latitude and --longitude (the CSV's columns)")
    if (args.centre is None) != (args.radius_deg is None):
        fail("give both --centre and --radius-deg, or neither")
    try:
        outline = Outline(
            resolution=args.resolution,
            buffer_km=args.buffer_km,
            concave_ratio=args.concave_ratio,
            vertices=args.vertices,
            centre=args.centre,
            radius_deg=args.radius_deg,
        )
    except ValueError as error:
        fail(str(error))
    try:
        points = read_points(args.file, mapping=args.mapping, columns=None if args.mapping else (args.latitude, args.longitude))
        proposal = propose(points, outline, zones=args.zones)
    except (ValueError, OSError, yaml.YAMLError) as error:
        print(f"civicpulse-city boundary: {error}", file=sys.stderr)
        return 1
    if args.output is not None:
        write_geojson(proposal, args.output)
    for line in render_proposal(proposal):
        print(line)
    if args.output is not None:
        print(f"# written to {args.output}")
    for problem in proposal.problems:
        print(f"civicpulse-city boundary: {problem}", file=sys.stderr)
    return 1 if proposal.problems else 0


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    try:
        status = args.run(args, args.fail)  # a usage error names the subcommand's own usage
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    raise SystemExit(status)
