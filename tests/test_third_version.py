"""Adding a version file needs no code change: a third version in a folder given by
POLICY_VERSIONS_DIR becomes the version in force for the command line and the page, under the
name the file gives it, with no other file edited.

The settings are read when the process starts, so each check runs in a process of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "policy" / "versions"
NEW_ID = "WBV 2026/1"
NEW_LABEL_EN = "C7/23 Vc as amended by WBV 2026/1 (test)"


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("versions")
    for path in SHIPPED.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    text = (SHIPPED / "wbv-2025-11.toml").read_text(encoding="utf-8")
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("id = ") and not any(done.startswith("id = ") for done in lines):
            line = f'id = "{NEW_ID}"'
        elif line.startswith("label_nl = "):
            line = 'label_nl = "C7/23 Vc zoals gewijzigd bij WBV 2026/1 (test)"'
        elif line.startswith("label_en = "):
            line = f'label_en = "{NEW_LABEL_EN}"'
        elif line.startswith("supersedes = "):
            line = 'supersedes = "WBV 2025/11"'
        lines.append(line)
    (folder / "wbv-2026-1.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _run(versions: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "POLICY_VERSIONS_DIR": str(versions)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_command_line_takes_the_third_version_as_in_force(versions: Path) -> None:
    valid = _run(versions, "-m", "policy", "validate", str(versions / "wbv-2026-1.toml"))
    assert valid.returncode == 0, valid.stderr
    regions = _run(versions, "-m", "policy", "regions", "--json")
    assert regions.returncode == 0, regions.stderr
    assert json.loads(regions.stdout)["policy"] == NEW_ID
    diff = _run(versions, "-m", "policy", "diff", "wbv-2025-11", "wbv-2026-1", "--json")
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout) == []


def test_the_page_lists_the_third_version_and_shows_it_first(versions: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tests" / "dashboard")!r})
        from full_page import full_page_app

        app = full_page_app(lang="en")
        app.run()
        assert not app.exception, app.exception
        menu = app.selectbox(key="policy_version")
        print(menu.value)
        print("|".join(menu.options))
        """
    )
    page = _run(versions, "-c", script)
    assert page.returncode == 0, page.stderr[-3000:]
    value, options = page.stdout.strip().splitlines()[-2:]
    assert value == "wbv-2026-1"
    assert NEW_LABEL_EN in options.split("|")
