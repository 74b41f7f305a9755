"""`python -m briefing`: map images, the offline map and case reports from the command line.

The output format follows the file name given with `-o` (.png, .svg, .pdf for a map; .html for
the offline map; .pdf, .md for a case report). Bad input exits with status 2 and one line on
stderr, `python -m briefing: <message>`, as `python -m policy` does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geodata
from briefing.checks import scenario_on
from briefing.errors import BriefingError
from briefing.map_image import FORMATS, LAYOUTS, render_map
from briefing.offline import offline_html
from briefing.report import REPORT_FORMATS, case_report
from policy import Case, IndividualElements, PolicyError, PolicyVersion, evaluate, load_version
from policy.scenario import Scenario, load_scenario

PROG = "python -m briefing"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line instead of printing the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", metavar="VERSION", help="version id or file stem")
    parser.add_argument("--scenario", metavar="FILE", help="a scenario file (JSON)")
    parser.add_argument("--lang", default="nl", choices=["nl", "en"], help="language (nl)")
    parser.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="date printed on the output (today)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Briefing outputs of the C7/23 Vc policy map.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    image = commands.add_parser("map", help="the map as PNG (300 dpi), SVG or PDF")
    _common(image)
    image.add_argument(
        "--compare",
        metavar="VERSION",
        help="draw the change between --policy and VERSION, from the older to the newer",
    )
    image.add_argument(
        "--reverse",
        action="store_true",
        help="with --compare: draw the change from the newer version to the older",
    )
    image.add_argument("--layout", default="a4", choices=list(LAYOUTS), help="a4 or slide")

    page = commands.add_parser("html", help="the interactive map as one offline HTML file")
    _common(page)

    case = commands.add_parser("case", help="the case report as PDF or Markdown")
    _common(case)
    case.add_argument("--region", required=True, metavar="NAME", help="name or ISO code")
    case.add_argument("--persecution", action="store_true")
    case.add_argument("--individual-harm", action="store_true")
    case.add_argument(
        "--individual-elements", default="none", choices=[e.value for e in IndividualElements]
    )
    case.add_argument("--ipa-obstacles", action="store_true")
    case.add_argument("--exclusion-indications", action="store_true")
    case.add_argument("--case-ref", metavar="TEXT", help="case reference to file on the report")
    case.add_argument("--author", metavar="TEXT", help="author to file on the report")
    return parser


def _suffix(path: str, allowed: Sequence[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        wanted = ", ".join(f".{s}" for s in allowed)
        raise BriefingError(f"{path}: the file name must end in {wanted}")
    return suffix


def load_scenario_file(path: str) -> Scenario:
    """A scenario file, checked by `policy.scenario` (ScenarioError: one line naming the field)."""
    return load_scenario(Path(path), path)


def _versions(args: argparse.Namespace) -> tuple[PolicyVersion, Any]:
    """The base version and the scenario (or None) the command works from."""
    scenario = load_scenario_file(args.scenario) if args.scenario else None
    if args.policy is None and scenario is not None:
        return load_version(str(scenario.base)), scenario
    return load_version(args.policy), scenario


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise BriefingError(f"{path}: cannot write ({error.strerror})") from None


def _map(args: argparse.Namespace) -> None:
    fmt = _suffix(args.output, FORMATS)
    if args.compare and args.scenario:
        raise BriefingError("--compare and --scenario: a map shows one or the other")
    version, scenario = _versions(args)
    if args.reverse and not args.compare:
        raise BriefingError("--reverse needs --compare")
    compare = load_version(args.compare) if args.compare else None
    data = render_map(
        version, args.lang, args.layout, fmt, compare, scenario, args.date, reverse=args.reverse
    )
    _write(args.output, data)


def _html(args: argparse.Namespace) -> None:
    _suffix(args.output, ("html", "htm"))
    version, scenario = _versions(args)
    page = offline_html(version, args.lang, scenario, args.date)
    _write(args.output, page.encode("utf-8"))


def _case(args: argparse.Namespace) -> None:
    fmt = _suffix(args.output, REPORT_FORMATS)
    version, scenario = _versions(args)
    applied = scenario_on(version, scenario)
    case = Case(
        region=args.region,
        persecution=args.persecution,
        individual_harm=args.individual_harm,
        individual_elements=IndividualElements(args.individual_elements),
        ipa_obstacles=args.ipa_obstacles,
        exclusion_indications=args.exclusion_indications,
    )
    decision = evaluate(case, applied.version if applied else version)
    _write(
        args.output,
        case_report(
            decision, fmt, args.lang, applied, args.date, case_ref=args.case_ref, author=args.author
        ),
    )


def _fail(message: str) -> int:
    text = " ".join(str(message).split()) or "failed"
    print(f"{PROG}: {text}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        {"map": _map, "html": _html, "case": _case}[args.command](args)
    except (_UsageError, BriefingError, PolicyError, geodata.GeodataError) as error:
        return _fail(str(error))
    return 0
