"""`python -m policy`: regions, evaluate, batch, paragraphs, validate — a stable contract.

Bad input (unknown region, bad value, bad file) exits with status 2 and one line on stderr, in
one style: `python -m policy: <message>` (`validate` prints one such line per problem).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from policy import cli_draft, cli_places, cli_whatif
from policy.case import Case
from policy.data_files import VERSIONS_DIR
from policy.errors import PolicyError, UnknownRegionError
from policy.messages import one_line
from policy.models import IndividualElements
from policy.paragraphs import load_full_text
from policy.region_listing import region_rows
from policy.regions import resolve_region
from policy.rules import evaluate
from policy.texts import ipa_role_label, region_gradation_label, text
from policy.versions_io import CHECKED_LIST, load_version, record_checked, validate_file


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line instead of printing the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m policy",
        description="The Dutch asylum country policy for Mali (C7/23 Vc) as cited data.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    regions = commands.add_parser("regions", help="list the regions of a policy version")
    regions.add_argument("--policy", metavar="VERSION", help="version id or file stem")
    regions.add_argument("--json", action="store_true", help="print JSON")
    regions.add_argument("--lang", default="en", choices=["en", "nl"], help="language of the list")

    one = commands.add_parser("evaluate", help="evaluate one case")
    origin = one.add_mutually_exclusive_group(required=True)
    origin.add_argument("--region", metavar="NAME", help="region name or ISO code")
    origin.add_argument(
        "--place", metavar="NAME", help="a town or village, found with python -m geodata locate"
    )
    one.add_argument("--policy", metavar="VERSION", help="version id or file stem")
    one.add_argument("--persecution", action="store_true")
    one.add_argument("--individual-harm", action="store_true")
    one.add_argument(
        "--individual-elements",
        default="none",
        choices=[e.value for e in IndividualElements],
    )
    one.add_argument("--ipa-obstacles", action="store_true")
    one.add_argument("--exclusion-indications", action="store_true")
    one.add_argument("--json", action="store_true", help="print the Decision as JSON")
    one.add_argument("--lang", default="en", choices=["en", "nl"], help="language of the memo")
    one.add_argument("--case-ref", metavar="TEXT", help="case reference to file on the memo")
    one.add_argument("--author", metavar="TEXT", help="author to file on the memo")
    cli_whatif.add_scenario_option(one)

    batch = commands.add_parser("batch", help="evaluate a caseload CSV")
    batch.add_argument("cases", metavar="CASES.csv")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.csv")
    batch.add_argument("--policy", metavar="VERSION", help="version id or file stem")
    batch.add_argument(
        "--raw-csv",
        action="store_true",
        help="write cells as they are, without the ' that keeps a spreadsheet from reading "
        "=, +, -, @ as a formula",
    )
    cli_whatif.add_scenario_option(batch)

    full = commands.add_parser("paragraphs", help="print paragraph C7/23 Vc in full")
    full.add_argument("--policy", metavar="VERSION", help="version id or file stem")
    full.add_argument("--json", action="store_true", help="print JSON")

    listed = commands.add_parser("versions", help="list the policy versions with dates and sources")
    listed.add_argument("--json", action="store_true", help="print JSON")

    check = commands.add_parser("validate", help="check a policy version file")
    check.add_argument("file", metavar="FILE", nargs="?")
    check.add_argument(
        "--record",
        action="store_true",
        help="check every file in the versions folder and, if all pass, list them as checked",
    )
    cli_whatif.add_commands(commands)
    cli_draft.add_command(commands)
    return parser


PREFIX = "python -m policy"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)
    except (_UsageError, PolicyError) as error:
        _fail(str(error))
        return 2
    except OSError as error:
        # A file the user named that the commands above did not already report.
        name = f"{error.filename}: " if error.filename else ""
        _fail(f"{name}cannot read or write ({_reason(error)})")
        return 2


def _fail(message: str) -> None:
    print(f"{PREFIX}: {one_line(message)}", file=sys.stderr)


def _reason(error: OSError) -> str:
    """The operating system's reason, or the whole message when it gives none."""
    return error.strerror or str(error) or type(error).__name__


def _regions(args: argparse.Namespace) -> int:
    version = load_version(args.policy)
    if args.json:
        listing = {
            "policy": version.id,
            "regions": region_rows(version),
            "general_reasons": [reason.as_dict() for reason in version.general_reasons],
            "notes": [note.as_dict() for note in version.notes],
        }
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    print(version.id)
    for region in version.regions:
        line = text(
            "regions_listing.line",
            args.lang,
            level=region_gradation_label(version, region.code, args.lang),
            paragraph=region.gradation_citation.paragraph,
            ipa=ipa_role_label(version.ipa_role(region.code), args.lang),
        )
        print(f"{region.code:<7} {region.name:<11} {line}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    version = cli_whatif.version_for(args)
    if args.place is not None:
        origin = cli_places.place_origin(args.place)
        region = origin.region_code
    else:
        origin = None
        region = args.region
        try:
            resolve_region(region, version)
        except UnknownRegionError as error:
            raise PolicyError(cli_places.not_a_region(region) or str(error)) from None
    case = Case(
        region=region,
        origin=origin,
        persecution=args.persecution,
        individual_harm=args.individual_harm,
        individual_elements=IndividualElements(args.individual_elements),
        ipa_obstacles=args.ipa_obstacles,
        exclusion_indications=args.exclusion_indications,
    )
    decision = evaluate(case, version)
    if args.json:
        data = cli_whatif.with_scenario(decision.to_dict(), args)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from policy.memo import render_memo

        memo = render_memo(decision, args.lang, case_ref=args.case_ref, author=args.author)
        print(cli_whatif.scenario_note(args, args.lang) + memo, end="")
    return 0


def _batch(args: argparse.Namespace) -> int:
    # pandas and pyarrow only for the commands that read a CSV: the others start in a tenth
    # of the time (docs/performance.md, "Command-line start-up").
    from policy.batch import evaluate_batch
    from policy.case_csv import MAX_FILE_BYTES, read_cases, write_cases

    version = cli_whatif.version_for(args)
    path = Path(args.cases)
    cases = read_cases(path, str(path), max_bytes=MAX_FILE_BYTES, version=version)
    result = evaluate_batch(cases, version, source=str(path))
    scenario = cli_whatif.scenario_of(args)
    if scenario is not None and "scenario" not in result.columns:
        # Every row says it is a scenario, never the law, even when the file travels alone.
        result["scenario"] = scenario.title
    write_cases(result, args.output, raw=args.raw_csv)
    what_if = cli_whatif.what_if_words(args)
    print(f"{len(result)} cases evaluated under {version.id}{what_if}; written to {args.output}")
    return 0


def _paragraphs(args: argparse.Namespace) -> int:
    # A draft's paragraph texts lie beside it (`python -m policy draft-version`).
    texts = None
    if args.policy and args.policy.lower().endswith(".toml"):
        beside = Path(args.policy).with_suffix(".paragraphs.toml")
        texts = beside if beside.is_file() else None
    full = load_full_text(load_version(args.policy), texts)
    if args.json:
        rows = [paragraph.to_dict() for paragraph in full.paragraphs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"C7/23 Vc, {full.version_id} (text: {full.cited_as}; {full.source_file})")
    for paragraph in full.paragraphs:
        print(f"\n{paragraph.paragraph}  {paragraph.heading}")
        for line in paragraph.text_nl.splitlines():
            print(f"  {line}")
        print(f"  EN: {paragraph.gloss_en}")
        print(f"  used by: {', '.join(paragraph.used_by) or 'no rule of the engine'}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    if args.record == (args.file is not None):
        _fail("validate: give either FILE or --record")
        return 2
    if args.record:
        problems = record_checked()
        if not problems:
            print(f"{VERSIONS_DIR / CHECKED_LIST}: written; every version file there is valid")
            return 0
    else:
        problems = validate_file(args.file)
    if not problems:
        print(f"{args.file}: valid")
        return 0
    for problem in problems:
        _fail(problem)
    return 2


def _versions(args: argparse.Namespace) -> int:
    from policy.versions_listing import version_lines, version_rows

    rows = version_rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print("\n".join(version_lines(rows)))
    return 0


_COMMANDS = {
    "versions": _versions,
    "regions": _regions,
    "evaluate": _evaluate,
    "batch": _batch,
    "paragraphs": _paragraphs,
    "validate": _validate,
}
_COMMANDS.update(cli_whatif.COMMANDS)
_COMMANDS["draft-version"] = cli_draft.main
