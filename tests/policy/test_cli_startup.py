"""The single-case commands of `python -m policy` start without pandas, pyarrow, geopandas or
pydantic.

Why: the dataframe libraries take most of a second and about 80 MB to import, pydantic and the
full version checks half of the command's time budget; a single decision, the region list, the
paragraphs or the version list need none of them, because the shipped versions are listed as
checked (policy/versions/checked.sha256). The commands that read a CSV (`batch`, `caseload`)
import the dataframe libraries when they run; a version file not on the list is checked with
pydantic. Measured figures: docs/performance.md and scripts/bench_cli_startup.py; this test
checks what is imported, never a time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "pandas",
    "pyarrow",
    "geopandas",
    "shapely",
    "numpy",
    "matplotlib",
    "streamlit",
    "pydantic",
    "pydantic_core",
    "importlib.metadata",
)


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "policy", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args",
    [
        ("evaluate", "--region", "Gao", "--json"),
        ("evaluate", "--region", "Ménaka", "--individual-elements", "limited"),
        ("regions", "--json"),
        ("paragraphs",),
        ("versions",),
    ],
)
def test_single_case_commands_import_no_dataframe_library(args: tuple[str, ...]) -> None:
    modules = imported_modules(*args)
    assert "policy.rules" in modules or args[0] != "evaluate"
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == []
