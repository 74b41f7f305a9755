"""The list of checked version files (policy/versions/checked.sha256).

A shipped version whose fingerprint is on the list is read without running the checks again
(so one decision on the command line needs no pydantic); everything else is checked in full.
These tests hold the list to that promise: it is current, reading from it gives exactly the
version the full checks give, and any change to a file, a source text or the unit names sends
the file back through the checks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy import versions_io
from policy.data_files import VERSIONS_DIR
from policy.errors import PolicyFileError
from policy.versions_io import (
    CHECKED_LIST,
    fingerprint,
    load_version_file,
    record_checked,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(VERSIONS_DIR.glob("*.toml"))


def test_the_checked_list_names_every_shipped_version_as_it_is_now() -> None:
    listed = versions_io._checked_list(VERSIONS_DIR)
    current = {path.name: fingerprint(path) for path in SHIPPED}
    assert listed == current, (
        "policy/versions/checked.sha256 is out of date: run `python -m policy validate --record`"
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_a_listed_file_reads_as_the_full_checks_build_it(path: Path) -> None:
    from_list = versions_io._already_checked(path)
    problems, checked = versions_io._check(path)
    assert problems == []
    assert from_list is not None
    assert from_list == checked


@pytest.fixture
def versions_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "versions"
    shutil.copytree(VERSIONS_DIR, folder)
    return folder


def test_an_edited_file_is_checked_in_full_again(versions_copy: Path) -> None:
    path = versions_copy / "wbv-2025-11.toml"
    assert versions_io._already_checked(path) is not None
    text = path.read_text(encoding="utf-8")
    quote = "relatief lager niveau van willekeurig geweld"
    assert quote in text
    path.write_text(text.replace(quote, "relatief laag niveau van willekeurig geweld", 1), "utf-8")
    assert versions_io._already_checked(path) is None
    with pytest.raises(PolicyFileError, match="not found word for word"):
        load_version_file(path)


def test_an_edited_source_text_or_unit_table_changes_the_fingerprint(
    versions_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = versions_copy / "wbv-2025-11.toml"
    before = fingerprint(path)
    sources = tmp_path / "sources"
    shutil.copytree(versions_io.SOURCES_DIR, sources)
    monkeypatch.setattr(versions_io, "SOURCES_DIR", sources)
    assert fingerprint(path) == before
    letter = sources / "kamerbrief-mali-2025.txt"
    letter.write_text(letter.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(path) != before
    package = tmp_path / "package"
    package.mkdir()
    names = versions_io.PACKAGE_DIR / "region_names.toml"
    (package / "region_names.toml").write_text(names.read_text("utf-8") + "\n", "utf-8")
    monkeypatch.setattr(versions_io, "SOURCES_DIR", versions_io.SOURCES_DIR)
    monkeypatch.setattr(versions_io, "PACKAGE_DIR", package)
    assert fingerprint(path) != before
    (versions_copy / "a-decree-beside-it.txt").write_text("Artikel I", encoding="utf-8")
    monkeypatch.setattr(versions_io, "PACKAGE_DIR", names.parent)
    assert fingerprint(path) != before


def test_recording_checks_every_file_and_writes_nothing_when_one_fails(
    versions_copy: Path,
) -> None:
    (versions_copy / CHECKED_LIST).unlink()
    assert record_checked(versions_copy) == []
    listed = versions_io._checked_list(versions_copy)
    assert sorted(listed) == [path.name for path in SHIPPED]
    (versions_copy / CHECKED_LIST).unlink()
    broken = versions_copy / "wbv-2025-11.toml"
    broken.write_text(broken.read_text("utf-8").replace('id = "WBV 2025/11"', 'id = ""'), "utf-8")
    problems = record_checked(versions_copy)
    assert any("wbv-2025-11.toml: id:" in problem for problem in problems), problems
    assert not (versions_copy / CHECKED_LIST).exists()


def test_a_list_entry_that_does_not_match_is_ignored(versions_copy: Path) -> None:
    path = versions_copy / "wbv-2025-11.toml"
    (versions_copy / CHECKED_LIST).write_text(f"{'0' * 64}  {path.name}\n", "utf-8")
    assert versions_io._already_checked(path) is None
    assert load_version_file(path).id == "WBV 2025/11"


def test_validate_record_on_the_command_line(versions_copy: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "policy", "validate", *args],
            cwd=ROOT,
            env={"POLICY_VERSIONS_DIR": str(versions_copy), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
        )

    (versions_copy / CHECKED_LIST).unlink()
    done = run("--record")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("written; every version file there is valid")
    assert (versions_copy / CHECKED_LIST).is_file()
    for wrong in ((), ("--record", str(SHIPPED[0]))):
        refused = run(*wrong)
        assert refused.returncode == 2
        assert refused.stderr == "python -m policy: validate: give either FILE or --record\n"
