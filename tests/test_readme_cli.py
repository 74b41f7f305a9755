"""README (with the pages in docs/) and the command lines cannot drift apart: every option
documented exists, and every option that exists is documented, for `python -m policy`,
`python -m geodata` and `python -m briefing`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from briefing.cli import build_parser as briefing_parser
from geodata.cli import build_parser as geodata_parser
from policy.cli import build_parser as policy_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def documented_options(program: str) -> dict[str, set[str]]:
    """Subcommand → the options README's usage lines give it (continuation lines included)."""
    options: dict[str, set[str]] = {}
    current: str | None = None
    pages = [README, *sorted((README.parent / "docs").glob("*.md"))]
    lines = [line for page in pages for line in [*page.read_text("utf-8").splitlines(), ""]]
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
def test_readme_documents_exactly_the_cli(program: str, parser) -> None:
    documented = documented_options(program)
    actual = parser_options(parser())
    assert set(documented) == set(actual), "subcommands differ between README and the CLI"
    for command, options in actual.items():
        assert documented[command] == options, f"python -m {program} {command}"
