"""The page under load, short: scripts/load_sessions.py with 3 concurrent
sessions for 10 s. Each session opens its own link (region, facts, language) in its own browser
context and reloads it again and again; after every load it must show its own region and
language, never another session's, and no error. The full run (20 sessions × 60 s, with the
server's memory at 1, 5 and 20 sessions) is the script itself; docs/performance.md keeps
its figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# A benchmark more than a test: opt in with `pytest -m load` (scripts/test leaves it out).
pytestmark = [pytest.mark.browser, pytest.mark.load]

ROOT = Path(__file__).resolve().parents[2]


def test_three_sessions_each_keep_their_own_state() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/load_sessions.py", "--sessions", "3", "--seconds", "10"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "isolation and errors: no problem seen" in result.stdout
    # Every phase checked at least one page load per session.
    phases = [line for line in result.stdout.splitlines() if "page loads checked" in line]
    assert len(phases) == 2 and all(", 0 problems" in line for line in phases), result.stdout
