"""`python -m policy draft-version`: a decree text read into a draft version file.

Kept apart from `cli.py` (registered there with `add_command`) so the older commands' contract
stays small. Every refusal is a PolicyError or a DraftError and ends in exit status 2; a decree
with several sentences no rule reads gives one line per sentence, each with its line number
and paragraph.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from policy.data_files import SOURCES_DIR
from policy.errors import PolicyError
from policy.messages import shorten
from wording import t


def add_command(commands: Any) -> None:
    """Register `draft-version` on the subparsers of `python -m policy`."""
    draft = commands.add_parser(
        "draft-version", help="read a decree text (WBV form) into a draft version file"
    )
    draft.add_argument("decree", metavar="DECREE.txt", help="the decree as UTF-8 text")
    draft.add_argument(
        "--id", metavar="ID", help="the draft's version id (default: the decree's number)"
    )
    draft.add_argument(
        "--based-on",
        metavar="VERSION",
        help="version id, file stem or file whose values the decree does not give are carried "
        "over (default: the version in force)",
    )
    draft.add_argument("-o", "--output", required=True, metavar="DRAFT.toml")
    draft.add_argument("--json", action="store_true", help="print the report as JSON")
    draft.add_argument(
        "--allow-unread",
        action="store_true",
        help="write the draft although sentences of C7/23.4.2 or C7/23.5.2 are not read (they "
        "are listed)",
    )


class Refused(PolicyError):
    """The draft is refused; `lines` are printed one per line, each as its own message."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__(lines[0])


def main(args: argparse.Namespace) -> int:
    """The command; a refusal of several lines prints each as `python -m policy: <line>`."""
    import sys

    from policy.messages import one_line

    try:
        return run(args)
    except Refused as error:
        for line in error.lines:
            print(f"python -m policy: {one_line(line)}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    from policy.decree_text import DecreeFormError, decode
    from policy.draft_version import DraftError, base_file, build_draft
    from policy.versions_io import check_version_data

    decree = Path(args.decree)
    output = Path(args.output)
    if output.suffix.lower() != ".toml":
        raise PolicyError(t("draft.cli.output_not_toml", "en", output=args.output))
    try:
        data = decree.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolicyError(
            t("draft.cli.cannot_read", "en", file=args.decree, reason=reason)
        ) from None
    try:
        text = decode(data, args.decree)
    except DecreeFormError as error:
        raise PolicyError(str(error)) from None
    base = base_file(args.based_on)
    try:
        draft = build_draft(text, _source_file(decree, output), args.decree, base, args.id)
    except DraftError as error:
        raise Refused(error.lines) from None
    if draft.unread and not args.allow_unread:
        raise Refused(
            [
                t(
                    "draft.cli.unread",
                    "en",
                    file=args.decree,
                    line=item.line,
                    paragraph=item.paragraph,
                    text=f"“{shorten(item.text, 120)}”",
                )
                for item in draft.unread
            ]
        )
    problems, version = check_version_data(draft.data, str(output), output.parent)
    if problems or version is None:
        raise Refused([t("draft.cli.invalid", "en", problem=problem) for problem in problems])
    paragraphs = output.with_name(output.stem + ".paragraphs.toml")
    output.write_text(draft.toml(args.decree), encoding="utf-8")
    paragraphs.write_text(draft.paragraphs_toml(), encoding="utf-8")
    if args.json:
        report = {"output": str(output), "paragraphs": str(paragraphs), **draft.report(version)}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(
        t(
            "draft.cli.written",
            "en",
            version=draft.version_id,
            output=output,
            paragraphs=paragraphs,
            regions=len(version.regions),
            unread=len(draft.unread),
            not_modelled=len(draft.not_modelled),
            carried=len(draft.carried_over),
            base=draft.base_id,
        )
    )
    for heading, lines in _report_lines(draft):
        print(f"\n{heading}")
        for line in lines:
            print(f"  {line}")
    return 0


def _report_lines(draft: Any) -> list[tuple[str, list[str]]]:
    sections = [
        (
            t("draft.report.unread", "en"),
            [
                t("draft.report.line", "en", line=u.line, paragraph=u.paragraph, text=u.text)
                for u in draft.unread
            ],
        ),
        (
            t("draft.report.not_modelled", "en"),
            [
                t("draft.report.item", "en", paragraph=n.paragraph, text=n.text)
                for n in draft.not_modelled
            ],
        ),
        (
            t("draft.report.carried_over", "en", base=draft.base_id),
            [
                t("draft.report.carried_item", "en", field=c.field, source=c.source)
                for c in draft.carried_over
            ],
        ),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def _source_file(decree: Path, output: Path) -> str:
    """The draft's source `file`: the name of a decree in policy/sources/, else its path
    relative to the folder of the output (where the loader looks for it)."""
    resolved = decree.resolve()
    if resolved.parent == SOURCES_DIR.resolve():
        return resolved.name
    return os.path.relpath(resolved, output.resolve().parent)
