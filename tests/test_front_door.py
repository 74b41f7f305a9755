"""The repository's front door stays one: a README short enough to read, with the two commands
it promises, and CI running exactly README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_is_at_most_200_lines() -> None:
    assert len(README.splitlines()) <= 200


def test_readme_gives_the_two_commands_and_ci_runs_its_test_command() -> None:
    assert "`scripts/dashboard`" in README and "`scripts/test`" in README
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert commands == ["scripts/test"]


def test_readme_links_point_at_files_that_exist() -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README):
        assert (ROOT / target).exists(), target


def test_no_tracker_references_in_code_tests_or_docs() -> None:
    """The tracker is not in the repository: a reference to one of its issues tells a reader
    nothing."""
    pattern = re.compile(r"\bissues? \d+|\bissue #\d+", re.IGNORECASE)
    offenders = []
    for path in ROOT.rglob("*"):
        if not path.is_file() or path.suffix not in {".py", ".md", ".toml", ".txt", ".yml"}:
            continue
        if {".git", ".venv", "build", "site", "mutants"} & set(path.relative_to(ROOT).parts):
            continue
        if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
