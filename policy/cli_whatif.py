"""`python -m policy diff` and `python -m policy caseload`, and `--scenario` for `evaluate` and
`batch`: the what-if side of the command line.

Kept apart from `cli.py` so that the contract of the older commands stays small to read; it is
registered there (`add_commands`, `add_scenario_option`, `version_for`). Errors are PolicyErrors
and reach the same one-line reporting (`python -m policy: <message>`, exit status 2).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.errors import PolicyError
from policy.models import PolicyVersion
from policy.versions_io import load_version

if TYPE_CHECKING:
    from policy.caseload import CaseloadComparison
    from policy.diff import RegionChange
    from policy.scenario import Scenario

SHOWN_CASES = 20
"""How many changed cases `caseload` prints; all are in `--json` and `-o`."""


def add_scenario_option(parser: argparse.ArgumentParser) -> None:
    """`--scenario FILE` for a command that evaluates under one version."""
    parser.add_argument(
        "--scenario", metavar="FILE", help="apply a what-if scenario file (JSON) to the version"
    )


def add_commands(commands: Any) -> None:
    """Register `diff` and `caseload` on the subparsers of `python -m policy`."""
    diff = commands.add_parser("diff", help="what changed between two policy versions")
    diff.add_argument("version_a", metavar="VERSION_A", help="version id or file stem (from)")
    diff.add_argument("version_b", metavar="VERSION_B", help="version id or file stem (to)")
    diff.add_argument("--json", action="store_true", help="print JSON")

    caseload = commands.add_parser(
        "caseload", help="outcomes of a caseload under two policies, and the cases that change"
    )
    caseload.add_argument("cases", metavar="CASES.csv")
    caseload.add_argument("--policy", metavar="VERSION", help="the base version")
    other = caseload.add_mutually_exclusive_group(required=True)
    other.add_argument("--scenario", metavar="FILE", help="compare with this what-if scenario")
    other.add_argument("--compare", metavar="VERSION", help="compare with this version")
    caseload.add_argument("--json", action="store_true", help="print JSON")
    caseload.add_argument("-o", "--output", metavar="CHANGED.csv", help="write changed cases")


def scenario_of(args: argparse.Namespace) -> Scenario | None:
    """The scenario `--scenario` names, read and checked once per run."""
    path = getattr(args, "scenario", None)
    if path is None:
        return None
    if not hasattr(args, "_loaded_scenario"):
        from policy.scenario import load_scenario

        args._loaded_scenario = load_scenario(Path(path), name=path)
    return args._loaded_scenario


def version_for(args: argparse.Namespace) -> PolicyVersion:
    """The version a command evaluates under: `--policy`, with `--scenario` applied if given.

    A scenario names its own base; `--policy` may repeat it but not name another version.
    """
    scenario = scenario_of(args)
    if scenario is None:
        return load_version(args.policy)
    if args.policy is not None:
        chosen = load_version(args.policy)
        if chosen.id != scenario.base:
            raise PolicyError(
                f"--policy {chosen.id!r} is not the base of scenario {args.scenario} "
                f"({scenario.base!r}); leave out --policy to use the scenario's base"
            )
    return scenario.apply()


def scenario_summary(args: argparse.Namespace) -> dict[str, Any] | None:
    """The `scenario` key of a JSON result: the file's content and the regions it changes."""
    scenario = scenario_of(args)
    if scenario is None:
        return None
    return {**scenario.to_data(), "changed_regions": list(scenario.changed_regions())}


def with_scenario(data: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """A JSON result with the `scenario` key added when `--scenario` was given."""
    summary = scenario_summary(args)
    return data if summary is None else {**data, "scenario": summary}


def scenario_note(args: argparse.Namespace, lang: str = "en") -> str:
    """The Markdown block a memo starts with under `--scenario` (empty without)."""
    scenario = scenario_of(args)
    return "" if scenario is None else scenario.markdown_note(lang)


def what_if_words(args: argparse.Namespace) -> str:
    """Words after a version id in a summary line, e.g. ` with what-if scenario “…”`."""
    scenario = scenario_of(args)
    if scenario is None:
        return ""
    regions = ", ".join(scenario.changed_regions()) or "no region"
    return f" with what-if scenario “{scenario.title}” (changes {regions})"


def _diff(args: argparse.Namespace) -> int:
    a = load_version(args.version_a)
    b = load_version(args.version_b)
    from policy.diff import diff_versions

    changes = diff_versions(a, b)
    if args.json:
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
        return 0
    regions = len({c.code for c in changes})
    print(f"{a.id} → {b.id}: {len(changes)} change(s) in {regions} of {len(a.regions)} regions")
    for change in changes:
        print(
            f"{change.code:<7} {change.name:<11} {change.field:<12} "
            f"{_value(change, change.old, change.from_possible)} → "
            f"{_value(change, change.new, change.to_possible)}: {change.change}"
        )
        for side, citation in (("from", change.from_citation), ("to", change.to_citation)):
            print(f"        {side + ':':<5} {citation.paragraph}: “{citation.text_nl}”")
    return 0


def _value(change: RegionChange, value: object, possible: tuple[str, ...] = ()) -> str:
    if change.field == "ipa_applies":
        return {None: "unknown", True: "applies", False: "does not apply"}[value]  # type: ignore[index]
    if possible:
        return f"{value} (one of {', '.join(possible)})"
    return str(value)


def _caseload(args: argparse.Namespace) -> int:
    # pandas and pyarrow are imported by the commands that need them only (see cli.py, _batch).
    from policy.case_csv import MAX_FILE_BYTES, read_cases
    from policy.caseload import compare

    if args.scenario is not None:
        other = version_for(args)
        base = load_version(scenario_of(args).base)  # type: ignore[union-attr]
        other_words = f"{base.id}{what_if_words(args)}"
    else:
        base = load_version(args.policy)
        other = load_version(args.compare)
        other_words = other.id
    path = Path(args.cases)
    result = compare(
        read_cases(path, str(path), max_bytes=MAX_FILE_BYTES, version=base),
        base,
        other,
        source=str(path),
    )
    if args.output:
        scenario = scenario_of(args)
        _write_changed(result, args.output, title=scenario.title if scenario else None)
    if args.json:
        print(json.dumps(with_scenario(result.to_dict(), args), ensure_ascii=False, indent=2))
        return 0
    _print_caseload(result, path, other_words, args.output)
    return 0


def _write_changed(
    result: CaseloadComparison, output: str, raw: bool = False, title: str | None = None
) -> None:
    """The changed cases; under a scenario a `scenario` column names it on every row."""
    from policy.case_csv import write_cases

    changed = result.changed
    if title is not None and "scenario" not in changed.columns:
        changed = changed.assign(scenario=title)
    write_cases(changed, output, raw=raw)


def _print_caseload(
    result: CaseloadComparison, path: Path, other_words: str, output: str | None
) -> None:
    changed = len(result.changed)
    print(f"{result.total} cases in {path}")
    print(f"base:  {result.base_id}")
    print(f"other: {other_words}")
    print(f"{result.changed_count} of {result.total} cases change outcome.")
    print(
        f"{result.became_undetermined_count} became undetermined, "
        f"{result.no_longer_undetermined_count} are no longer undetermined "
        "(a value the sources leave open; not counted as a change)."
    )
    print()
    print(f"{'outcome':<34} {'base':>7} {'other':>7} {'change':>7}")
    for row in result.outcome_totals().itertuples(index=False):
        print(f"{row.outcome:<34} {row.base:>7} {row.other:>7} {row.difference:>+7}")
    moved = result.counts[result.counts["difference"] != 0]
    if len(moved):
        print()
        print("per region, where the counts differ:")
        for row in moved.itertuples(index=False):
            print(
                f"{row.region_code:<7} {row.region_name:<11} {row.outcome:<34} "
                f"{row.base:>7} → {row.other:<7} ({row.difference:+})"
            )
    if changed:
        print()
        shown = result.changed.head(SHOWN_CASES)
        first = f", the first {SHOWN_CASES}" if changed > SHOWN_CASES else ""
        print(f"cases whose outcome differs (row, region: from → to{first}):")
        for row in shown.to_dict("records"):
            case_id = f" {row['case_id']}" if "case_id" in row else ""
            print(
                f"row {row['row']}{case_id} {row['region_name']} ({row['region_code']}): "
                f"{row['outcome_from']} → {row['outcome_to']}"
            )
    if output:
        print(f"{changed} changed case(s) written to {output}")


COMMANDS = {"diff": _diff, "caseload": _caseload}
