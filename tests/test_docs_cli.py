"""The docs and the command lines cannot drift apart: every option the docs' usage lines give
exists, and every option that exists is documented, for `python -m policy`, `python -m geodata`
and `python -m briefing`. The reference is docs/cli.md; a command documented on a page of its
own under docs/ counts too, so the usage lines of every docs page are read."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from briefing.cli import build_parser as briefing_parser
from geodata.cli import build_parser as geodata_parser
from policy.cli import build_parser as policy_parser

DOCS = Path(__file__).resolve().parents[1] / "docs"
REFERENCE = DOCS / "cli.md"


def documented_options(program: str) -> dict[str, set[str]]:
    """Subcommand → the options the docs' usage lines give it (continuation lines included)."""
    options: dict[str, set[str]] = {}
    current: str | None = None
    lines = [
        line
        for page in sorted(DOCS.glob("*.md"))
        for line in [*page.read_text(encoding="utf-8").splitlines(), ""]
    ]
    for line in lines:
        start = re.match(rf"python -m {program} ([a-z-]+)", line.strip())
        if start:
            current = start.group(1)
            options.setdefault(current, set())
        elif not line.startswith("    "):
            current = None
        if current:
            options[current] |= set(re.findall(r"(?<![\w-])--[a-z][a-z-]*|(?<![\w-])-o\b", line))
    return options


def parser_options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: {
            opt
            for action in sub._actions
            for opt in action.option_strings
            if opt not in ("-h", "--help", "--output")
        }
        for name, sub in commands.choices.items()
    }


@pytest.mark.parametrize(
    "program, parser",
    [("policy", policy_parser), ("geodata", geodata_parser), ("briefing", briefing_parser)],
)
def test_the_docs_document_exactly_the_cli(program: str, parser) -> None:
    documented = documented_options(program)
    actual = parser_options(parser())
    assert set(documented) == set(actual), "subcommands differ between the docs and the CLI"
    for command, options in actual.items():
        assert documented[command] == options, f"python -m {program} {command}"


@pytest.mark.parametrize("program", ["policy", "geodata", "briefing"])
def test_the_reference_page_has_every_command(program: str) -> None:
    """docs/cli.md is where a reader looks: each command line has its section there."""
    assert f"## `python -m {program}`" in REFERENCE.read_text(encoding="utf-8")
